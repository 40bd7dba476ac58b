package dss

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Name is the registry name of the metric.
const Name = "dss"

// Constants of PIQ's defaults.
const (
	dctSize     = 8
	sigmaWeight = 1.55
	sigmaSim    = 1.5
	percentile  = 0.05
	cDC         = 1000.0
	cAC         = 300.0
	minWeight   = 1e-2
)

// Descriptor registers DSS.
var Descriptor = &metrics.Descriptor{
	Name:           Name,
	Doc:            "DCT subband similarity (PIQ dss), worst-5% pooled; NaN (JSON null) when floor(W/8)·floor(H/8) ≤ 10",
	Outputs:        []string{Name},
	Range:          "[0, 1]",
	HigherIsBetter: true,
	New:            func(map[string]string) (metrics.Metric, error) { return Metric{}, nil },
}

// Metric is DSS. It has no options.
type Metric struct{}

// Name returns "dss".
func (Metric) Name() string { return Name }

// Outputs returns the single output "dss".
func (Metric) Outputs(metrics.Shape) []string { return []string{Name} }

// NewScorer allocates the subband planes for pictures of shape s. Pictures
// smaller than 8×8 are refused.
func (Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < dctSize || s.H < dctSize {
		return nil, &metrics.SizeError{Metric: Name, W: s.W, H: s.H, MinW: dctSize, MinH: dctSize}
	}
	sc := &Scorer{bw: s.W / dctSize, bh: s.H / dctSize, peak: s.Peak}
	sc.bands = keptBands()
	n := sc.bw * sc.bh
	sc.k = int(math.RoundToEven(percentile * float64(n)))
	sc.x = make([]float64, len(sc.bands)*n)
	sc.y = make([]float64, len(sc.bands)*n)
	sc.lum = make([]float64, dctSize*dctSize*sc.bw)
	sc.colT = make([]float64, rowBands*dctSize*sc.bw)
	sc.discard = make([]float64, rowBands*sc.bw)
	for m := range rowBands {
		for nn := range rowBands {
			sc.bandIndex[m][nn] = -1
		}
	}
	for b, bd := range sc.bands {
		sc.bandIndex[bd.m][bd.n] = b
	}
	sc.lt = make([]float64, n)
	sc.sample = make([]float64, sampleSize)
	sc.rt = make([]float64, n)
	pw := sc.bw + 2
	for i := range sc.pad {
		sc.pad[i] = make([]float64, pw*(sc.bh+2))
	}
	return sc, nil
}

// band is one kept subband with its weight in the final sum.
type band struct {
	m, n int
	w    float64 // w[m,n]/Σw + eps
}

// weights returns PIQ's 8×8 subband weights with the small ones zeroed.
func weights() (w [dctSize][dctSize]float64) {
	for m := range dctSize {
		for n := range dctSize {
			a, b := float64(m+1)-0.5, float64(n+1)-0.5
			v := math.Exp(-(a*a + b*b) / (2 * sigmaWeight * sigmaWeight))
			if v < minWeight {
				v = 0
			}
			w[m][n] = v
		}
	}
	return w
}

// keptBands lists the subbands with a non-zero weight, in row-major order,
// each with its normalised weight plus eps as PIQ applies it.
func keptBands() []band {
	w := weights()
	var sum float64
	for m := range dctSize {
		for n := range dctSize {
			sum += w[m][n]
		}
	}
	const eps = 0x1p-52
	var bs []band
	for m := range dctSize {
		for n := range dctSize {
			if w[m][n] > 0 {
				bs = append(bs, band{m: m, n: n, w: w[m][n]/sum + eps})
			}
		}
	}
	return bs
}

// dctMatrix is the orthonormal 8×8 DCT-II matrix: row 0 is sqrt(1/8),
// row p is sqrt(2/8)·cos(π(2q+1)p/16).
var dctMatrix = func() (d [dctSize][dctSize]float64) {
	for q := range dctSize {
		d[0][q] = math.Sqrt(1.0 / dctSize)
		for p := 1; p < dctSize; p++ {
			d[p][q] = math.Sqrt(2.0/dctSize) * math.Cos(math.Pi/(2*dctSize)*float64(p)*float64(2*q+1))
		}
	}
	return d
}()

// dctHalf holds the first half of the rows 0..4 of dctMatrix, for
// simd.DCT8Cols5F64.
var dctHalf = func() (h [20]float64) {
	for m := range rowBands {
		for q := range 4 {
			h[4*m+q] = dctMatrix[m][q]
		}
	}
	return h
}()

// window holds the 3×3 Gaussian window G(3, 1.5), normalised to sum 1:
// its corner, edge and centre weights.
var window = func() [3]float64 {
	den := 2 * sigmaSim * sigmaSim
	e2, e1 := math.Exp(-2/den), math.Exp(-1/den)
	s := 1 + 4*e1 + 4*e2
	return [3]float64{e2 / s, e1 / s, 1 / s}
}()

// Weights of Y in YIQ.
const (
	yR = 0.299
	yG = 0.587
	yB = 0.114
)

// Scorer computes DSS for one picture shape. It is not safe for concurrent use.
type Scorer struct {
	bw, bh int // subband width and height (blocks per row and column)
	k      int // number of worst samples pooled per subband
	peak   float64
	bands  []band

	x, y      []float64               // kept subbands, band-major: band b at [b*bw*bh:]
	lum       []float64               // 8 luma rows of the cropped width
	colT      []float64               // vertical DCT of those rows, frequencies 0..4
	discard   []float64               // outputs of subbands that are not kept
	bandIndex [rowBands][rowBands]int // index in bands of subband (m, n), or -1
	lt, rt    []float64               // similarity maps of one subband
	sample    []float64               // scratch for meanSmallest
	pad       [2][]float64            // subband with a zero border
}

// Score writes DSS of the pair in ws to out[0]; NaN when a subband has
// fewer than 11 samples.
func (sc *Scorer) Score(ws *metrics.Workspace, out []float64) error {
	if sc.k == 0 {
		out[0] = math.NaN()
		return nil
	}
	sc.decompose(ws.Dist, sc.x, sc.lum)
	sc.decompose(ws.Ref, sc.y, sc.lum)
	n := sc.bw * sc.bh
	var total float64
	for b, bd := range sc.bands {
		first := bd.m == 0 && bd.n == 0
		c := cAC
		if first {
			c = cDC
		}
		sim := sc.subband(sc.x[b*n:(b+1)*n], sc.y[b*n:(b+1)*n], c, first)
		total += float64(float32(sim)) * bd.w // PIQ stores subband scores as float32
	}
	out[0] = total
	return nil
}

// lumaRow writes row r of p on the byte scale (Y of YIQ for RGB) into
// dst, cropped to 8·bw samples and de-interleaved by block column:
// sample x goes to dst[(x%8)·bw + x/8], so that each of the 8 positions
// inside a block forms a contiguous run of bw samples.
func (sc *Scorer) lumaRow(p *frame.Picture, r int, dst []float64) {
	k := 255 / sc.peak
	bw := sc.bw
	if len(p.Planes) == 3 && p.Kind == frame.RGB {
		pr, pg, pb := p.Planes[0].Row(r), p.Planes[1].Row(r), p.Planes[2].Row(r)
		for q := range dctSize {
			d := dst[q*bw : (q+1)*bw]
			for bx := range d {
				x := bx*dctSize + q
				d[bx] = float64(pr[x])*k*yR + float64(pg[x])*k*yG + float64(pb[x])*k*yB
			}
		}
		return
	}
	src := p.Planes[0].Row(r)[:dctSize*bw]
	d0, d1, d2, d3 := dst[0:bw], dst[bw:2*bw], dst[2*bw:3*bw], dst[3*bw:4*bw]
	d4, d5, d6, d7 := dst[4*bw:5*bw], dst[5*bw:6*bw], dst[6*bw:7*bw], dst[7*bw:8*bw]
	for bx := range d0 {
		v := src[bx*dctSize : bx*dctSize+dctSize : bx*dctSize+dctSize]
		d0[bx], d1[bx], d2[bx], d3[bx] = float64(v[0])*k, float64(v[1])*k, float64(v[2])*k, float64(v[3])*k
		d4[bx], d5[bx], d6[bx], d7[bx] = float64(v[4])*k, float64(v[5])*k, float64(v[6])*k, float64(v[7])*k
	}
}

// rowBands is the number of vertical frequencies m of the kept subbands.
const rowBands = 5

// decompose computes the kept DCT subbands of picture p into bands.
//
// Both passes of the separable 8×8 DCT run as simd.DCT8Cols5F64, which
// needs each of the 8 inputs of a transform as a contiguous run: the luma
// rows are de-interleaved by block column (see lumaRow), the vertical pass
// transforms each column, and its output, still de-interleaved, holds for
// every vertical frequency m the 8 samples of each block row as 8 runs of
// bw samples: the horizontal pass reads those and writes each subband row
// in place.
func (sc *Scorer) decompose(p *frame.Picture, bands []float64, lum []float64) {
	bw := sc.bw
	w := bw * dctSize // cropped width
	n := bw * sc.bh
	t := sc.colT // t[m*w + q*bw + bx]: vertical frequency m of column 8·bx+q
	for by := 0; by < sc.bh; by++ {
		var rows [dctSize][]float64
		for r := range dctSize {
			rows[r] = lum[r*w : (r+1)*w]
			sc.lumaRow(p, by*dctSize+r, rows[r])
		}
		simd.DCT8Cols5F64(t[0:w], t[w:2*w], t[2*w:3*w], t[3*w:4*w], t[4*w:5*w],
			rows[0], rows[1], rows[2], rows[3], rows[4], rows[5], rows[6], rows[7], &dctHalf)
		o := by * bw
		for m := range rowBands {
			var out [rowBands][]float64
			for nn := range rowBands {
				if b := sc.bandIndex[m][nn]; b >= 0 {
					out[nn] = bands[b*n+o : b*n+o+bw]
				} else {
					out[nn] = sc.discard[nn*bw : (nn+1)*bw]
				}
			}
			tm := t[m*w : (m+1)*w]
			simd.DCT8Cols5F64(out[0], out[1], out[2], out[3], out[4],
				tm[0:bw], tm[bw:2*bw], tm[2*bw:3*bw], tm[3*bw:4*bw],
				tm[4*bw:5*bw], tm[5*bw:6*bw], tm[6*bw:7*bw], tm[7*bw:8*bw], &dctHalf)
		}
	}
}

// subband returns the pooled similarity of one pair of subbands.
func (sc *Scorer) subband(x, y []float64, c float64, first bool) float64 {
	bw, bh := sc.bw, sc.bh
	pw := bw + 2
	// Copy both subbands into zero-bordered planes.
	for i, src := range [2][]float64{x, y} {
		pd := sc.pad[i]
		for r := 0; r < bh; r++ {
			copy(pd[(r+1)*pw+1:(r+1)*pw+1+bw], src[r*bw:(r+1)*bw])
		}
	}
	px, py := sc.pad[0], sc.pad[1]
	for r := range bh {
		u, o, d := r*pw, (r+1)*pw, (r+2)*pw
		simd.DSSSimRow(sc.lt[r*bw:(r+1)*bw], sc.rt[r*bw:(r+1)*bw],
			px[u:u+pw], px[o:o+pw], px[d:d+pw], py[u:u+pw], py[o:o+pw], py[d:d+pw], &window, c)
	}
	sim := meanSmallest(sc.lt, sc.k, sc.sample)
	if first {
		sim *= meanSmallest(sc.rt, sc.k, sc.sample)
	}
	return sim
}
