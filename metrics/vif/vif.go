package vif

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Name is the registry name of the metric.
const Name = "vifp"

const (
	minSize = 41
	scales  = 4
	sigmaN2 = 2.0  // variance of the visual noise
	eps     = 1e-8 // PIQ's stability constant
)

// Descriptor registers VIF-p.
var Descriptor = &metrics.Descriptor{
	Name:           Name,
	Doc:            "pixel-domain visual information fidelity (PIQ vif_p), 4 scales; asymmetric, reference is the source",
	Outputs:        []string{Name},
	Range:          "[0, 1], above 1 for contrast enhancement",
	HigherIsBetter: true,
	New:            func(map[string]string) (metrics.Metric, error) { return Metric{}, nil },
}

// Metric is VIF-p. It has no options.
type Metric struct{}

// Name returns "vifp".
func (Metric) Name() string { return Name }

// Outputs returns the single output "vifp".
func (Metric) Outputs(metrics.Shape) []string { return []string{Name} }

// NewScorer allocates the scale pyramids for pictures of shape s.
// Pictures smaller than 41×41 are refused.
func (Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < minSize || s.H < minSize {
		return nil, &metrics.SizeError{Metric: Name, W: s.W, H: s.H, MinW: minSize, MinH: minSize}
	}
	sc := &Scorer{peak: s.Peak}
	w, h := s.W, s.H
	for i := range scales {
		k := 1<<(4-i) + 1
		if i > 0 {
			// Filter "valid", keep even rows and columns.
			w, h = (w-k+2)/2, (h-k+2)/2
		}
		sc.lv[i] = level{w: w, h: h, k: k, g: gauss(k, float64(k)/5)}
		sc.lv[i].x = make([]float64, w*h)
		sc.lv[i].y = make([]float64, w*h)
	}
	n := s.W
	sc.fn, sc.fd = make([]float64, n), make([]float64, n)
	for i := range sc.acc {
		sc.acc[i] = make([]float64, n)
		sc.hacc[i] = make([]float64, n)
	}
	return sc, nil
}

// gauss returns the normalised 1-D Gaussian of size k (odd) and deviation
// sigma; the 2-D window is its outer product with itself.
func gauss(k int, sigma float64) []float64 {
	g := make([]float64, k)
	var s float64
	for i := range g {
		t := float64(i - k/2)
		g[i] = math.Exp(-t * t / (2 * sigma * sigma))
		s += g[i]
	}
	for i := range g {
		g[i] /= s
	}
	return g
}

// level is one scale: the two images and their window.
type level struct {
	w, h int
	k    int
	g    []float64
	x, y []float64 // distorted and reference luma, w×h
}

// Scorer computes VIF-p for one picture shape. It is not safe for
// concurrent use.
type Scorer struct {
	peak float64
	lv   [scales]level
	acc  [5][]float64 // vertical window sums of one output row
	hacc [5][]float64 // horizontal window sums of one output row
	fn   []float64    // per-pixel factors of the numerator of one row
	fd   []float64    // per-pixel factors of the denominator of one row
}

// Score writes VIF-p of the pair in ws (ws.Ref is the reference) to out[0].
func (sc *Scorer) Score(ws *metrics.Workspace, out []float64) error {
	sc.luma(ws.Dist, sc.lv[0].x)
	sc.luma(ws.Ref, sc.lv[0].y)
	var num, den float64
	for i := range scales {
		l := &sc.lv[i]
		if i > 0 {
			p := &sc.lv[i-1]
			sc.decimate(l.x, l.y, p.x, p.y, p.w, l)
		}
		n, d := sc.stats(l)
		num += n
		den += d
	}
	out[0] = (num + eps) / (den + eps)
	return nil
}

// luma writes the byte-scale luma of p into dst (row-major, no padding).
func (sc *Scorer) luma(p *frame.Picture, dst []float64) {
	w, h := p.Width(), p.Height()
	k := 255 / sc.peak
	if p.Kind == frame.RGB && len(p.Planes) == 3 {
		for r := range h {
			pr, pg, pb := p.Planes[0].Row(r), p.Planes[1].Row(r), p.Planes[2].Row(r)
			d := dst[r*w : (r+1)*w]
			pr, pg, pb = pr[:len(d)], pg[:len(d)], pb[:len(d)]
			for i := range d {
				d[i] = 0.299*(float64(pr[i])*k) + 0.587*(float64(pg[i])*k) + 0.114*(float64(pb[i])*k)
			}
		}
		return
	}
	for r := range h {
		simd.ScaleF32ToF64(dst[r*w:(r+1)*w], p.Planes[0].Row(r), k)
	}
}

// decimate filters src (rows of w samples) with l's window, "valid", and
// stores every second row and column, starting at 0, into dst (l.w×l.h).
func (sc *Scorer) decimate(dstX, dstY, srcX, srcY []float64, w int, l *level) {
	k, g := l.k, l.g
	vx, vy, vxx, vyy, vxy := sc.acc[0][:w], sc.acc[1][:w], sc.acc[2][:w], sc.acc[3][:w], sc.acc[4][:w]
	hx, hy := sc.hacc[0][:w-k+1], sc.hacc[1][:w-k+1]
	for r := 0; r < l.h; r++ {
		// The moments kernel filters both images in one sweep; the second
		// moments it also produces are not needed here.
		simd.MomentsVF64(vx, vy, vxx, vyy, vxy, srcX[2*r*w:], srcY[2*r*w:], w, g)
		simd.ConvRowValidF64(hx, vx, g)
		simd.ConvRowValidF64(hy, vy, g)
		dx, dy := dstX[r*l.w:(r+1)*l.w], dstY[r*l.w:(r+1)*l.w]
		for c := range dx {
			dx[c] = hx[2*c]
			dy[c] = hy[2*c]
		}
	}
}

// logChunk is how many per-pixel factors are multiplied before one log is
// taken. A factor is 1 plus a variance ratio, below about 1 + 128²/2 for
// samples on the byte scale, so 64 of them stay below 1e252; a chunk that
// does overflow (samples far outside the data range) is summed one log at
// a time.
const logChunk = 64

// stats returns the numerator and denominator sums of one scale, one
// output row at a time (whole rows: narrower strips measured slower).
func (sc *Scorer) stats(l *level) (num, den float64) {
	w, h, k, g := l.w, l.h, l.k, l.g
	ow, oh := w-k+1, h-k+1
	var v, m [5][]float64
	for i := range v {
		v[i] = sc.acc[i][:w]
		m[i] = sc.hacc[i][:ow]
	}
	fn, fd := sc.fn[:ow], sc.fd[:ow]
	for r := range oh {
		simd.MomentsVF64(v[0], v[1], v[2], v[3], v[4], l.x[r*w:], l.y[r*w:], w, g)
		for i := range m {
			simd.ConvRowValidF64(m[i], v[i], g)
		}
		simd.VifFactors(fn, fd, m[0], m[1], m[2], m[3], m[4], eps, sigmaN2)
		num += logSum(fn)
		den += logSum(fd)
	}
	return num, den
}

// logSum returns Σ log10(f) over f, taking the log of products of
// logChunk factors (each at least 1) instead of one log per factor.
func logSum(f []float64) float64 {
	var s float64
	for len(f) > 0 {
		c := f[:min(logChunk, len(f))]
		p := 1.0
		for _, v := range c {
			p *= v
		}
		if p > math.MaxFloat64 {
			for _, v := range c {
				s += math.Log10(v)
			}
		} else {
			s += math.Log10(p)
		}
		f = f[len(c):]
	}
	return s
}
