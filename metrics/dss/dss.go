package dss

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
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

// NewScorer allocates the working rows and similarity maps for pictures
// of shape s. Pictures smaller than 8×8 are refused.
func (Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < dctSize || s.H < dctSize {
		return nil, &metrics.SizeError{Metric: Name, W: s.W, H: s.H, MinW: dctSize, MinH: dctSize}
	}
	sc := &Scorer{bw: s.W / dctSize, bh: s.H / dctSize, peak: s.Peak}
	sc.bands = keptBands()
	n := sc.bw * sc.bh
	w := sc.bw * dctSize
	sc.k = int(math.RoundToEven(percentile * float64(n)))
	sc.lum = make([]float64, dctSize*w)
	sc.colT = make([]float64, rowBands*w)
	sc.discard = make([]float64, sc.bw)
	for m := range rowBands {
		for nn := range rowBands {
			sc.bandIndex[m][nn] = -1
		}
	}
	for b, bd := range sc.bands {
		sc.bandIndex[bd.m][bd.n] = b
	}
	pw := sc.bw + 2
	for i := range sc.ring {
		sc.ring[i] = make([]float64, len(sc.bands)*ringRows*pw)
	}
	sc.zero = make([]float64, pw)
	sc.lt = make([]float64, len(sc.bands)*n)
	sc.rt = make([]float64, n)
	sc.sample = make([]float64, sampleSize)
	sc.buf = make([]float64, n)
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

// keptBands lists the subbands with a non-zero weight, in row-major order
// (so the DC subband (0, 0) comes first), each with its normalised weight
// plus eps as PIQ applies it.
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

// ringRows is the number of block rows of each subband kept at a time:
// the 3×3 window of similarity row r reads subband rows r−1, r and r+1.
const ringRows = 3

// rowBands is the number of vertical frequencies m of the kept subbands.
const rowBands = 5

// Scorer computes DSS for one picture shape. It is not safe for concurrent use.
//
// The subbands are never stored whole: the pictures are transformed one
// block row at a time (8 picture rows give one row of every subband), the
// last three rows of every kept subband of both pictures are kept in a
// ring with a zero border, and each similarity row is computed as soon
// as the subband row below it exists. Only the similarity maps, which the
// pooling needs whole, span the picture.
type Scorer struct {
	bw, bh int // subband width and height (blocks per row and column)
	k      int // number of worst samples pooled per subband
	peak   float64
	bands  []band

	lum       []float64               // 8 luma rows of the cropped width (RGB input)
	colT      []float64               // vertical DCT of those rows, frequencies 0..4: row m at [m*8*bw:]
	discard   []float64               // outputs of subbands that are not kept
	bandIndex [rowBands][rowBands]int // index in bands of subband (m, n), or -1
	// ring[0] (distorted) and ring[1] (reference): row r of band b at
	// [(b*ringRows + r%ringRows)*(bw+2):], samples at 1..bw, zeros at 0 and bw+1.
	ring   [2][]float64
	zero   []float64 // a zero subband row (above the first, below the last)
	lt, rt []float64 // similarity maps: lt of band b at [b*bw*bh:], rt of the DC band
	sample []float64 // scratch for meanSmallest
	buf    []float64 // candidates of meanSmallest, bw·bh
}

// Score writes DSS of the pair in ws to out[0]; NaN when a subband has
// fewer than 11 samples.
func (sc *Scorer) Score(ws *metrics.Workspace, out []float64) error {
	if sc.k == 0 {
		out[0] = math.NaN()
		return nil
	}
	for by := range sc.bh {
		sc.transform(ws.Dist, by, sc.ring[0])
		sc.transform(ws.Ref, by, sc.ring[1])
		if by > 0 {
			sc.simRow(by - 1)
		}
	}
	sc.simRow(sc.bh - 1)
	n := sc.bw * sc.bh
	var total float64
	for b, bd := range sc.bands {
		sim := meanSmallest(sc.lt[b*n:(b+1)*n], sc.k, sc.buf, sc.sample)
		if b == 0 { // the DC subband: also the structure map
			sim *= meanSmallest(sc.rt, sc.k, sc.buf, sc.sample)
		}
		total += float64(float32(sim)) * bd.w // PIQ stores subband scores as float32
	}
	out[0] = total
	return nil
}

// ringRow returns row r of band b in ring (with its zero border), or the
// zero row outside the subband.
func (sc *Scorer) ringRow(ring []float64, b, r int) []float64 {
	if r < 0 || r >= sc.bh {
		return sc.zero
	}
	pw := sc.bw + 2
	o := (b*ringRows + r%ringRows) * pw
	return ring[o : o+pw]
}

// transform computes block row by of the kept DCT subbands of picture p
// (luma on the byte scale, Y of YIQ for RGB, cropped to 8·bw columns) into
// ring.
//
// Both passes of the separable 8×8 DCT are simd kernels: the vertical one
// (simd.DCT8Cols5F32 straight from the float32 rows of a gray picture)
// transforms every column of the 8 rows, and the horizontal one
// (simd.DCT8Rows5F64) transforms the 8 samples of every block of each of
// the 5 resulting rows, giving row by of the subbands (m, 0..4).
func (sc *Scorer) transform(p *frame.Picture, by int, ring []float64) {
	bw := sc.bw
	w := bw * dctSize
	k := 255 / sc.peak
	t := sc.colT
	y0 := by * dctSize
	if len(p.Planes) == 3 && p.Kind == frame.RGB {
		var rows [dctSize][]float64
		for r := range dctSize {
			rows[r] = sc.lum[r*w : (r+1)*w]
			f64.LumaRow(rows[r], p.Planes[0].Row(y0+r), p.Planes[1].Row(y0+r), p.Planes[2].Row(y0+r), k)
		}
		simd.DCT8Cols5F64(t[0:w], t[w:2*w], t[2*w:3*w], t[3*w:4*w], t[4*w:5*w],
			rows[0], rows[1], rows[2], rows[3], rows[4], rows[5], rows[6], rows[7], &dctHalf)
	} else {
		pl := &p.Planes[0]
		simd.DCT8Cols5F32(t[0:w], t[w:2*w], t[2*w:3*w], t[3*w:4*w], t[4*w:5*w],
			pl.Row(y0), pl.Row(y0+1), pl.Row(y0+2), pl.Row(y0+3),
			pl.Row(y0+4), pl.Row(y0+5), pl.Row(y0+6), pl.Row(y0+7), &dctHalf, k)
	}
	for m := range rowBands {
		var out [rowBands][]float64
		for nn := range rowBands {
			if b := sc.bandIndex[m][nn]; b >= 0 {
				out[nn] = sc.ringRow(ring, b, by)[1 : bw+1]
			} else {
				out[nn] = sc.discard
			}
		}
		simd.DCT8Rows5F64(out[0], out[1], out[2], out[3], out[4], t[m*w:(m+1)*w], &dctHalf)
	}
}

// simRow computes row r of the similarity maps of every kept subband from
// subband rows r−1, r and r+1 (zero outside).
func (sc *Scorer) simRow(r int) {
	bw := sc.bw
	n := bw * sc.bh
	for b := range sc.bands {
		xu, xc, xd := sc.ringRow(sc.ring[0], b, r-1), sc.ringRow(sc.ring[0], b, r), sc.ringRow(sc.ring[0], b, r+1)
		yu, yc, yd := sc.ringRow(sc.ring[1], b, r-1), sc.ringRow(sc.ring[1], b, r), sc.ringRow(sc.ring[1], b, r+1)
		lt := sc.lt[b*n+r*bw : b*n+(r+1)*bw]
		if b == 0 { // the DC subband: also the structure map
			simd.DSSSimRow(lt, sc.rt[r*bw:(r+1)*bw], xu, xc, xd, yu, yc, yd, &window, cDC)
		} else {
			simd.DSSSimRowLT(lt, xu, xc, xd, yu, yc, yd, &window, cAC)
		}
	}
}
