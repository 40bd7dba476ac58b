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
	quad    = 4    // output rows of the finest scale computed together
	// ring1 is the number of rows of scale 1 kept: the k+1 rows of a pair
	// of its output rows (k = 9), which also hold the 5 rows that one
	// row of scale 2 is filtered from.
	ring1 = 10
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
		rows := h
		switch i {
		case 0:
			// The two finest scales are only kept as rings of their
			// last rows, each stored twice (see Score).
			rows = 2 * (k + quad - 1)
		case 1:
			rows = 2 * ring1
		}
		sc.lv[i].x = make([]float64, w*rows)
		sc.lv[i].y = make([]float64, w*rows)
	}
	n := s.W
	sc.fn, sc.fd = make([]float64, n), make([]float64, n)
	for i := range sc.acc {
		sc.acc[i] = make([]float64, quad*n)
	}
	for i := range sc.hacc {
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
	x, y []float64 // distorted and reference luma, w×h (scale 0: a ring, see Score)
}

// Scorer computes VIF-p for one picture shape. It is not safe for
// concurrent use.
type Scorer struct {
	peak float64
	lv   [scales]level
	acc  [5][]float64 // vertical window sums of up to quad output rows
	hacc [5][]float64 // horizontal window sums of one output row
	fn   []float64    // per-pixel factors of the numerator of one row
	fd   []float64    // per-pixel factors of the denominator of one row
}

// Score writes VIF-p of the pair in ws (ws.Ref is the reference) to out[0].
//
// The finest scale streams through a ring of its last R = k+quad-1 rows
// instead of being stored whole: it is the largest array, and writing it
// out to memory and reading it back cost more than its arithmetic. Each
// row is stored at slots r mod R and r mod R + R of a 2R-row buffer, so
// any R consecutive rows are contiguous. As soon as a row arrives, the
// group of quad output rows of scale 0 and the row of scale 1 it
// completes are computed. Scale 1 streams the same way through a ring of
// ring1 rows (see scale1Row); scales 2 and 3 are stored whole.
func (sc *Scorer) Score(ws *metrics.Workspace, out []float64) error {
	var num, den [scales]float64
	l0, l1 := &sc.lv[0], &sc.lv[1]
	w, k0, k1 := l0.w, l0.k, l1.k
	ring := k0 + quad - 1
	oh := l0.h - k0 + 1
	for r := range l0.h {
		s := r % ring
		x, y := l0.x[s*w:(s+1)*w], l0.y[s*w:(s+1)*w]
		sc.lumaRow(ws.Dist, r, x)
		sc.lumaRow(ws.Ref, r, y)
		copy(l0.x[(s+ring)*w:], x)
		copy(l0.y[(s+ring)*w:], y)
		if top := r - (k0 - 1); top >= 0 && (top%quad == quad-1 || top == oh-1) {
			// Output rows first … top: a whole group, or the last rows.
			first := top - top%quad
			t := first % ring
			sc.statsRows(&num[0], &den[0], l0, l0.x[t*w:], l0.y[t*w:], top-first+1)
		}
		if top := r - (k1 - 1); top >= 0 && top%2 == 0 {
			t := top % ring
			q := top / 2
			w1 := l1.w
			s1 := q % ring1
			x1, y1 := l1.x[s1*w1:(s1+1)*w1], l1.y[s1*w1:(s1+1)*w1]
			sc.decimateRow(x1, y1, l0.x[t*w:], l0.y[t*w:], w, l1)
			copy(l1.x[(s1+ring1)*w1:], x1)
			copy(l1.y[(s1+ring1)*w1:], y1)
			sc.scale1Row(q, &num[1], &den[1])
		}
	}
	for i := 2; i < scales; i++ {
		l := &sc.lv[i]
		if i > 2 {
			p := &sc.lv[i-1]
			for q := range l.h {
				sc.decimateRow(l.x[q*l.w:(q+1)*l.w], l.y[q*l.w:(q+1)*l.w], p.x[2*q*p.w:], p.y[2*q*p.w:], p.w, l)
			}
		}
		oh := l.h - l.k + 1
		for r := 0; r < oh; r += 2 {
			sc.statsRows(&num[i], &den[i], l, l.x[r*l.w:], l.y[r*l.w:], min(2, oh-r))
		}
	}
	var sn, sd float64
	for i := range scales {
		sn += num[i]
		sd += den[i]
	}
	out[0] = (sn + eps) / (sd + eps)
	return nil
}

// scale1Row is called when row q of scale 1 has arrived in its ring: it
// adds the pair of output rows of scale 1 that the row completes to num
// and den, and filters the row of scale 2 it completes.
func (sc *Scorer) scale1Row(q int, num, den *float64) {
	l1, l2 := &sc.lv[1], &sc.lv[2]
	w1, k1, k2 := l1.w, l1.k, l2.k
	if top := q - (k1 - 1); top >= 0 && (top%2 == 1 || top == l1.h-k1) {
		// Output rows first … top: a pair, or the last row.
		first := top - top%2
		t := first % ring1
		sc.statsRows(num, den, l1, l1.x[t*w1:], l1.y[t*w1:], top-first+1)
	}
	if top := q - (k2 - 1); top >= 0 && top%2 == 0 {
		t := top % ring1
		q2 := top / 2
		sc.decimateRow(l2.x[q2*l2.w:(q2+1)*l2.w], l2.y[q2*l2.w:(q2+1)*l2.w], l1.x[t*w1:], l1.y[t*w1:], w1, l2)
	}
}

// lumaRow writes row r of the byte-scale luma of p into dst.
func (sc *Scorer) lumaRow(p *frame.Picture, r int, dst []float64) {
	k := 255 / sc.peak
	if p.Kind == frame.RGB && len(p.Planes) == 3 {
		pr, pg, pb := p.Planes[0].Row(r), p.Planes[1].Row(r), p.Planes[2].Row(r)
		pr, pg, pb = pr[:len(dst)], pg[:len(dst)], pb[:len(dst)]
		for i := range dst {
			dst[i] = 0.299*(float64(pr[i])*k) + 0.587*(float64(pg[i])*k) + 0.114*(float64(pb[i])*k)
		}
		return
	}
	simd.ScaleF32ToF64(dst, p.Planes[0].Row(r), k)
}

// decimateRow computes row q of scale l: it filters the finer scale's
// rows from 2q on (srcX and srcY start there, w samples a row) with l's
// window, "valid", and stores every second column, starting at 0, into
// dstX and dstY (l.w samples). The window's sums are the means of
// MomentsVF64, bit for bit.
func (sc *Scorer) decimateRow(dstX, dstY, srcX, srcY []float64, w int, l *level) {
	k, g := l.k, l.g
	vx, vy := sc.acc[0][:w], sc.acc[1][:w]
	hx, hy := sc.hacc[0][:w-k+1], sc.hacc[1][:w-k+1]
	simd.MeansVF64(vx, vy, srcX, srcY, w, g)
	simd.ConvRowValidF64(hx, vx, g)
	simd.ConvRowValidF64(hy, vy, g)
	for c := range dstX {
		dstX[c] = hx[2*c]
		dstY[c] = hy[2*c]
	}
}

// logChunk is how many per-pixel factors are multiplied before one log is
// taken. A denominator factor is 1 + σy²/2, below about 1 + 128²/2 for
// samples on the byte scale, so 64 of them stay below 1e252; numerator
// factors have no such bound (σv² is floored at 1e-8 only), and a chunk
// that does overflow is summed one log at a time.
const logChunk = 64

// statsRows adds to num and den the numerator and denominator sums of n
// (1 to quad) consecutive output rows of scale l, the first window's rows
// starting at x and y (rows of l.w samples), one row at a time.
func (sc *Scorer) statsRows(num, den *float64, l *level, x, y []float64, n int) {
	w, g := l.w, l.g
	ow := w - l.k + 1
	v := &sc.acc
	fn, fd := sc.fn[:ow], sc.fd[:ow]
	switch n {
	case 4:
		simd.MomentsVF64Quad(v[0][:4*w], v[1][:4*w], v[2][:4*w], v[3][:4*w], v[4][:4*w], x, y, w, g)
	case 2, 3:
		simd.MomentsVF64Pair(v[0][:2*w], v[1][:2*w], v[2][:2*w], v[3][:2*w], v[4][:2*w], x, y, w, g)
		if n == 3 {
			lo := 2 * w
			simd.MomentsVF64(v[0][lo:lo+w], v[1][lo:lo+w], v[2][lo:lo+w], v[3][lo:lo+w], v[4][lo:lo+w], x[lo:], y[lo:], w, g)
		}
	default:
		simd.MomentsVF64(v[0][:w], v[1][:w], v[2][:w], v[3][:w], v[4][:w], x, y, w, g)
	}
	for r := range n {
		lo, hi := r*w, (r+1)*w
		for i := range v {
			simd.ConvRowValidF64(sc.hacc[i][:ow], v[i][lo:hi], g)
		}
		m := &sc.hacc
		simd.VifFactors(fn, fd, m[0][:ow], m[1][:ow], m[2][:ow], m[3][:ow], m[4][:ow], eps, sigmaN2)
		*num += logSum(fn)
		*den += logSum(fd)
	}
}

// logSum returns Σ log10(f) over f, taking the log of products of
// logChunk factors (each at least 1) instead of one log per factor. Each
// chunk's product is split exactly into its binary exponent, summed as an
// integer, and its mantissa in [1, 2), multiplied into a running product
// of mantissas that is split the same way; a single log is taken at the
// end.
func logSum(f []float64) float64 {
	var s float64
	m, e := 1.0, 0
	for len(f) > 0 {
		c := f[:min(logChunk, len(f))]
		// Four independent products: one chain would wait for each
		// multiplication's latency.
		p0, p1, p2, p3 := 1.0, 1.0, 1.0, 1.0
		q := c
		for len(q) >= 4 {
			p0 *= q[0]
			p1 *= q[1]
			p2 *= q[2]
			p3 *= q[3]
			q = q[4:]
		}
		for _, v := range q {
			p0 *= v
		}
		p := (p0 * p1) * (p2 * p3)
		if p > math.MaxFloat64 {
			for _, v := range c {
				s += math.Log10(v)
			}
		} else {
			pm, pe := split(p)
			mm, me := split(m * pm)
			m, e = mm, e+pe+me
		}
		f = f[len(c):]
	}
	return s + (math.Log10(m) + float64(e)*math.Log10(2))
}

// split returns the mantissa in [1, 2) and the binary exponent of v, a
// normal positive number: v = m·2^e exactly.
func split(v float64) (m float64, e int) {
	const expMask = 0x7ff << 52
	b := math.Float64bits(v)
	e = int(b>>52) - 1023
	return math.Float64frombits(b&^expMask | 1023<<52), e
}
