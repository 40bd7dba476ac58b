package fsim

import (
	"fmt"
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Similarity constants of PIQ's fsim.
const (
	t1     = 0.85 // phase congruency
	t2     = 160  // gradient magnitude
	t3     = 200  // I chroma
	t4     = 200  // Q chroma
	lambda = 0.03 // chroma exponent
)

// Descriptor registers the fsim metric.
var Descriptor = &metrics.Descriptor{
	Name:           "fsim",
	Doc:            "feature similarity index FSIM/FSIMc: phase congruency and gradient similarity (PIQ definition)",
	Outputs:        []string{"fsim"},
	Range:          "[0, 1]",
	HigherIsBetter: true,
	Options: []metrics.Option{
		{Key: "chromatic", Default: "true", Doc: "FSIMc: include the YIQ chroma similarity on RGB pictures (ignored on one-channel pictures)"},
	},
	New: New,
}

// New returns the fsim metric configured by opts (key "chromatic").
func New(opts map[string]string) (metrics.Metric, error) {
	c, err := metrics.BoolOption(opts, "chromatic")
	if err != nil {
		return nil, err
	}
	return &Metric{Chromatic: c}, nil
}

// Metric is the fsim metric.
type Metric struct {
	// Chromatic selects FSIMc on RGB pictures.
	Chromatic bool
}

// Name returns "fsim".
func (m *Metric) Name() string { return "fsim" }

// Outputs returns the single output "fsim".
func (m *Metric) Outputs(metrics.Shape) []string { return []string{"fsim"} }

// NewScorer returns a scorer for pictures of shape s, with the filter bank
// built for its pooled size. Pictures whose pooled size is below 2×2 are
// refused with a *metrics.SizeError.
func (m *Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.Channels != 1 && s.Channels != 3 {
		return nil, fmt.Errorf("fsim: %d channels: want 1 or 3", s.Channels)
	}
	if s.W < 2 || s.H < 2 {
		return nil, &metrics.SizeError{Metric: "fsim", W: s.W, H: s.H, MinW: 2, MinH: 2}
	}
	f := planes.PoolFactor(s.W, s.H)
	pw, ph := s.W/f, s.H/f
	n := pw * ph
	b := newBank(ph, pw)
	sc := &scorer{
		f: f, pw: pw, ph: ph,
		rgb:       s.Channels == 3,
		chromatic: m.Chromatic && s.Channels == 3,
		pc:        newPCState(b),
		colsum:    make([]float64, pw*f),
	}
	for i := range sc.y {
		sc.y[i] = make([]float64, n)
		sc.pcm[i] = make([]float64, n)
		sc.grad[i] = make([]float64, n)
		if sc.rgb {
			sc.i[i] = make([]float64, n)
			sc.q[i] = make([]float64, n)
		}
	}
	return sc, nil
}

type scorer struct {
	f, pw, ph int
	rgb       bool
	chromatic bool
	pc        *pcState
	// Index 0 is the distorted picture (PIQ's x), 1 the reference (y).
	y, i, q   [2][]float64 // pooled YIQ (i, q only for RGB)
	pcm, grad [2][]float64 // phase congruency and gradient magnitude
	colsum    []float64    // one row of column sums for pooling
}

// Score computes FSIM (or FSIMc) of the pair in ws.
func (sc *scorer) Score(ws *metrics.Workspace, out []float64) error {
	pics := [2]*frame.Picture{ws.Dist, ws.Ref}
	scale := 255 / ws.Peak
	for k, p := range pics {
		if p.Width()/sc.f != sc.pw || p.Height()/sc.f != sc.ph || (len(p.Planes) == 3) != sc.rgb {
			return fmt.Errorf("fsim: picture %dx%dx%d does not match the scorer", p.Width(), p.Height(), len(p.Planes))
		}
		if sc.rgb {
			var rgb [3][]float64
			rgb[0], rgb[1], rgb[2] = sc.y[k], sc.i[k], sc.q[k]
			for c := range rgb {
				pool(rgb[c], p.Planes[c], sc.f, sc.pw, sc.ph, scale, sc.colsum)
			}
			f64.Convert(&f64.YIQ, sc.y[k], sc.i[k], sc.q[k])
		} else {
			pool(sc.y[k], p.Planes[0], sc.f, sc.pw, sc.ph, scale, sc.colsum)
		}
		f64.Scharr(sc.grad[k], sc.y[k], sc.pw, sc.ph)
	}
	sc.pc.spectra(sc.y[0], sc.y[1])
	for k := range 2 {
		sc.pc.phaseCongruency(sc.pcm[k], sc.pc.spec[k], k)
	}
	pcx, pcy, gx, gy := sc.pcm[0], sc.pcm[1], sc.grad[0], sc.grad[1]
	if !sc.chromatic {
		num, den := simd.FSIMSimPool(pcx, pcy, gx, gy, t1, t2)
		out[0] = num / den
		return nil
	}
	var num, den float64
	for k := range pcx {
		m := pcy[k]
		if pcx[k] > m {
			m = pcx[k]
		}
		c := f64.Sim(sc.i[0][k], sc.i[1][k], t3) * f64.Sim(sc.q[0][k], sc.q[1][k], t4)
		num += f64.Sim(pcx[k], pcy[k], t1) * f64.Sim(gx[k], gy[k], t2) * m * math.Pow(math.Abs(c), lambda)
		den += m
	}
	out[0] = num / den
	return nil
}

// pool writes the f×f block means of p (times scale) into the pw×ph
// array dst; rows and columns past pw·f, ph·f are dropped. colsum holds
// one row of pw·f column sums (for f other than 1 and 4). The sums run in
// the order ((v₀ + v₁) + v₂) + … down the columns, then along the row
// (simd.Pool4RowF64 for f = 4).
func pool(dst []float64, p frame.Plane, f, pw, ph int, scale float64, colsum []float64) {
	inv := scale / float64(f*f)
	cs := colsum[:pw*f]
	for i := 0; i < ph; i++ {
		d := dst[i*pw : (i+1)*pw]
		switch f {
		case 1:
			simd.ScaleF32ToF64(d, p.Row(i), scale)
		case 4:
			simd.Pool4RowF64(d, p.Row(4*i), p.Row(4*i+1), p.Row(4*i+2), p.Row(4*i+3), inv)
		default:
			simd.ScaleF32ToF64(cs, p.Row(i * f)[:len(cs)], 1)
			for a := 1; a < f; a++ {
				simd.AddWidenF32(cs, p.Row(i*f + a)[:len(cs)])
			}
			for j := range d {
				var s float64
				for _, v := range cs[j*f : j*f+f] {
					s += v
				}
				d[j] = s * inv
			}
		}
	}
}
