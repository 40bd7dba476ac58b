package srsim

import (
	"errors"
	"fmt"
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Name is the registry name of the metric.
const Name = "srsim"

// Constants of the similarity (PIQ defaults, from the paper and FSIM).
const (
	cV     = 0.40 // saliency similarity
	cG     = 225  // gradient similarity
	alpha  = 0.50 // exponent of the gradient similarity
	cIQ    = 200  // chroma similarity (SR-SIMc)
	lambda = 0.03 // exponent of the chroma similarity
)

// Descriptor registers SR-SIM.
var Descriptor = &metrics.Descriptor{
	Name:           Name,
	Doc:            "spectral-residual saliency and gradient similarity (PIQ srsim); chromatic=true for SR-SIMc on RGB",
	Outputs:        []string{Name},
	Range:          "[0, 1]",
	HigherIsBetter: true,
	Options: []metrics.Option{
		{Key: "chromatic", Default: "false", Doc: "also compare the I and Q chroma of YIQ (SR-SIMc); RGB input only"},
	},
	New: func(opts map[string]string) (metrics.Metric, error) {
		c, err := metrics.BoolOption(opts, "chromatic")
		if err != nil {
			return nil, err
		}
		return Metric{Chromatic: c}, nil
	},
}

// Metric is SR-SIM, or SR-SIMc when Chromatic is set.
type Metric struct {
	Chromatic bool
}

// Name returns "srsim".
func (Metric) Name() string { return Name }

// Outputs returns the single output "srsim".
func (Metric) Outputs(metrics.Shape) []string { return []string{Name} }

// ErrChromaticGray is returned by NewScorer for chromatic=true on a
// one-channel picture, which has no chroma.
var ErrChromaticGray = errors.New("srsim: chromatic=true needs an RGB picture (use --color rgb)")

// NewScorer allocates the pooled planes, the saliency buffers and FFT plan
// for pictures of shape s. Pictures whose pooled size is below 40 on a
// side are refused.
func (m Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if m.Chromatic && s.Channels != 3 {
		return nil, ErrChromaticGray
	}
	f := planes.PoolFactor(s.W, s.H)
	pw, ph := s.W, s.H
	if f > 1 {
		pw, ph = (s.W+f-1)/f, (s.H+f-1)/f
	}
	if pw < minSide || ph < minSide {
		detail := "(its saliency map shrinks the picture by 4 and smooths it with a 10x10 window)"
		if f > 1 {
			detail = fmt.Sprintf("after its %dx%d average pooling %s", f, f, detail)
		}
		return nil, &metrics.SizeError{Metric: Name, W: s.W, H: s.H, MinW: minSide, MinH: minSide, Detail: detail}
	}
	sc := &Scorer{m: m, f: f, w: pw, h: ph, peak: s.Peak, rgb: s.Channels == 3}
	n := pw * ph
	for i := range sc.px {
		sc.px[i] = make([]float64, n)
		sc.py[i] = make([]float64, n)
	}
	sc.vx, sc.vy = make([]float64, n), make([]float64, n)
	if m.Chromatic {
		sc.gx, sc.gy = make([]float64, n), make([]float64, n)
	}
	sc.zero = make([]float64, pw)
	sc.sal = newSaliency(ph, pw)
	sc.acc = make([]float64, s.W)
	sc.rows = make([][]float32, f)
	sc.zero32 = make([]float32, s.W)
	return sc, nil
}

// Scorer computes SR-SIM for one picture shape. It is not safe for
// concurrent use.
type Scorer struct {
	m      Metric
	f      int // pooling factor
	w, h   int // pooled size
	peak   float64
	rgb    bool
	px, py [3][]float64 // pooled Y, I, Q of the distorted and the reference
	vx, vy []float64    // saliency maps
	gx, gy []float64    // Scharr gradient magnitudes (chromatic only)
	zero   []float64    // a row of zeros (outside the picture)
	sal    *saliency
	acc    []float64   // one row of column sums for pooling
	rows   [][]float32 // the picture rows of one pooling block
	zero32 []float32   // a picture row of zeros (outside the picture)
}

// Score writes SR-SIM of the pair in ws to out[0].
func (sc *Scorer) Score(ws *metrics.Workspace, out []float64) error {
	sc.prepare(ws.Dist, &sc.px)
	sc.prepare(ws.Ref, &sc.py)
	sc.sal.compute(sc.vx, sc.px[0])
	sc.sal.compute(sc.vy, sc.py[0])
	var num, den float64
	if !sc.m.Chromatic {
		num, den = sc.sums()
	} else {
		f64.Scharr(sc.gx, sc.px[0], sc.w, sc.h)
		f64.Scharr(sc.gy, sc.py[0], sc.w, sc.h)
		for i := range sc.vx {
			vx, vy := sc.vx[i], sc.vy[i]
			gx, gy := sc.gx[i], sc.gy[i]
			sv := f64.Sim(vx, vy, cV)
			sg := f64.Sim(gx, gy, cG)
			vm := vy
			if vx > vy {
				vm = vx
			}
			ix, iy, qx, qy := sc.px[1][i], sc.py[1][i], sc.px[2][i], sc.py[2][i]
			si := f64.Sim(ix, iy, cIQ)
			sq := f64.Sim(qx, qy, cIQ)
			num += sv * math.Sqrt(sg) * vm * math.Pow(math.Abs(si*sq), lambda)
			den += vm
		}
	}
	out[0] = num / (den + 0x1p-52)
	return nil
}

// prepare pools p by the factor f (zero padding (f−1)/2 before and f/2
// after, PIQ's convention) on the byte scale, and converts RGB to YIQ:
// dst[0] = Y (or the gray plane), dst[1], dst[2] = I, Q.
func (sc *Scorer) prepare(p *frame.Picture, dst *[3][]float64) {
	nc := 1
	if sc.rgb {
		nc = 3
	}
	for c := range nc {
		sc.pool(dst[c], p.Planes[c])
	}
	if !sc.rgb {
		return
	}
	f64.Convert(&f64.YIQ, dst[0], dst[1], dst[2])
}

// pool writes the f×f block means of plane on the byte scale into dst
// (sc.w×sc.h).
func (sc *Scorer) pool(dst []float64, pl frame.Plane) {
	f := sc.f
	scale := 255 / sc.peak
	if f == 1 {
		for r := range sc.h {
			simd.ScaleF32ToF64(dst[r*sc.w:(r+1)*sc.w], pl.Row(r), scale)
		}
		return
	}
	up := (f - 1) / 2
	norm := 1 / float64(f*f)
	if f == 4 {
		sc.pool4(dst, pl, scale*norm)
		return
	}
	rowSum := sc.acc[:pl.W]
	for r := range sc.h {
		// The rows of this block that lie inside the picture.
		rows := sc.rows
		nr := 0
		for k := range f {
			if y := r*f - up + k; y >= 0 && y < pl.H {
				rows[nr] = pl.Row(y)
				nr++
			}
		}
		// Every block row has a picture row: nr ≥ 1.
		simd.ScaleF32ToF64(rowSum, rows[0], 1)
		for _, row := range rows[1:nr] {
			simd.AddWidenF32(rowSum, row)
		}
		d := dst[r*sc.w : (r+1)*sc.w]
		k := scale * norm
		for c := range d {
			x0 := c*f - up
			var s float64 // over the columns of the block inside the picture
			for x := max(x0, 0); x < min(x0+f, pl.W); x++ {
				s += rowSum[x]
			}
			d[c] = s * k
		}
	}
}

// pool4 is pool for f = 4: block (r, c) covers rows 4r−1 … 4r+2 and
// columns 4c−1 … 4c+2, rows outside the picture read as zeros. The
// blocks inside the picture run as simd.Pool4RowF64, the first and the
// last ones in Go with the same order of additions. k is the scale times
// 1/16.
func (sc *Scorer) pool4(dst []float64, pl frame.Plane, k float64) {
	W := pl.W
	var rows [4][]float32
	for r := range sc.h {
		for i := range rows {
			if y := 4*r - 1 + i; y >= 0 && y < pl.H {
				rows[i] = pl.Row(y)
			} else {
				rows[i] = sc.zero32
			}
		}
		d := dst[r*sc.w : (r+1)*sc.w]
		end := max(min(len(d), (W-3)/4+1), 1) // blocks 1 … end−1 lie inside
		if end > 1 {
			simd.Pool4RowF64(d[1:end], rows[0][3:], rows[1][3:], rows[2][3:], rows[3][3:], k)
		}
		d[0] = edgeBlock(&rows, 0, W, k)
		for c := end; c < len(d); c++ {
			d[c] = edgeBlock(&rows, c, W, k)
		}
	}
}

// edgeBlock returns block c of pool4 for the rows of one block row, from
// the columns of the block inside 0 … W−1.
func edgeBlock(rows *[4][]float32, c, W int, k float64) float64 {
	var s float64
	for x := max(4*c-1, 0); x < min(4*c+3, W); x++ {
		s += float64(rows[0][x]) + float64(rows[1][x]) + float64(rows[2][x]) + float64(rows[3][x])
	}
	return s * k
}

// sums returns SR-SIM's numerator and denominator sums (without chroma):
// the interior of every row runs as simd.SRSIMRowF64, which computes the
// gradients on the way; the first and last columns are computed here with
// the same formula.
func (sc *Scorer) sums() (num, den float64) {
	w, h := sc.w, sc.h
	x, y := sc.px[0], sc.py[0]
	for r := range h {
		xu, xd, yu, yd := sc.zero, sc.zero, sc.zero, sc.zero
		if r > 0 {
			xu, yu = x[(r-1)*w:r*w], y[(r-1)*w:r*w]
		}
		if r < h-1 {
			xd, yd = x[(r+1)*w:(r+2)*w], y[(r+1)*w:(r+2)*w]
		}
		xm, ym := x[r*w:(r+1)*w], y[r*w:(r+1)*w]
		n, d := simd.SRSIMRowF64(sc.vx[r*w+1:(r+1)*w-1], sc.vy[r*w+1:(r+1)*w-1],
			xu, xm, xd, yu, ym, yd, cV, cG)
		num += n
		den += d
		for _, c := range [2]int{0, w - 1} {
			mx, my := f64.ScharrSq(xu, xm, xd, c), f64.ScharrSq(yu, ym, yd, c)
			ng, dg := 2*math.Sqrt(mx*my)+cG, mx+my+cG
			a, b := sc.vx[r*w+c], sc.vy[r*w+c]
			nv, dv := 2*a*b+cV, a*a+b*b+cV
			vm := b
			if a > b {
				vm = a
			}
			num += math.Sqrt((nv*nv*ng)/(dv*dv*dg)) * vm
			den += vm
		}
	}
	return num, den
}
