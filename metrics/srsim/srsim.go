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
	sc.gx, sc.gy = make([]float64, n), make([]float64, n)
	sc.sal = newSaliency(ph, pw)
	sc.acc = make([]float64, s.W)
	sc.rows = make([][]float32, f)
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
	gx, gy []float64    // Scharr gradient magnitudes
	sal    *saliency
	acc    []float64   // one row of column sums for pooling
	rows   [][]float32 // the picture rows of one pooling block
}

// Score writes SR-SIM of the pair in ws to out[0].
func (sc *Scorer) Score(ws *metrics.Workspace, out []float64) error {
	sc.prepare(ws.Dist, &sc.px)
	sc.prepare(ws.Ref, &sc.py)
	sc.sal.compute(sc.vx, sc.px[0])
	sc.sal.compute(sc.vy, sc.py[0])
	f64.Scharr(sc.gx, sc.px[0], sc.w, sc.h)
	f64.Scharr(sc.gy, sc.py[0], sc.w, sc.h)
	var num, den float64
	for i := range sc.vx {
		vx, vy := sc.vx[i], sc.vy[i]
		gx, gy := sc.gx[i], sc.gy[i]
		sv := f64.Sim(vx, vy, cV)
		sg := f64.Sim(gx, gy, cG)
		vm := vy
		if vx > vy {
			vm = vx
		}
		score := sv * math.Sqrt(sg) * vm
		if sc.m.Chromatic {
			ix, iy, qx, qy := sc.px[1][i], sc.py[1][i], sc.px[2][i], sc.py[2][i]
			si := f64.Sim(ix, iy, cIQ)
			sq := f64.Sim(qx, qy, cIQ)
			score *= math.Pow(math.Abs(si*sq), lambda)
		}
		num += score
		den += vm
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
			src := pl.Row(r)
			d := dst[r*sc.w : (r+1)*sc.w]
			for i, v := range src {
				d[i] = float64(v) / sc.peak * 255
			}
		}
		return
	}
	up := (f - 1) / 2
	norm := 1 / float64(f*f)
	rowSum := sc.acc
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
		switch {
		case nr == 4:
			simd.Sum4RowsF64(rowSum[:pl.W], rows[0], rows[1], rows[2], rows[3])
		default:
			clear(rowSum)
			for _, row := range rows[:nr] {
				for x, v := range row {
					rowSum[x] += float64(v)
				}
			}
		}
		d := dst[r*sc.w : (r+1)*sc.w]
		k := scale * norm
		for c := range d {
			x0 := c*f - up
			var s float64
			inside := x0 >= 0 && x0+f <= pl.W
			switch {
			case inside && f == 4: // 1080p: the loop below, unrolled
				r := rowSum[x0 : x0+4 : x0+4]
				s = r[0] + r[1] + r[2] + r[3]
			case inside:
				for _, v := range rowSum[x0 : x0+f] {
					s += v
				}
			default:
				for x := max(x0, 0); x < min(x0+f, pl.W); x++ {
					s += rowSum[x]
				}
			}
			d[c] = s * k
		}
	}
}
