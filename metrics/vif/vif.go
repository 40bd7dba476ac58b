package vif

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Name is the registry name of the metric.
const Name = "vifp"

const (
	minSize = 41
	scales  = 4
	sigmaN2 = 2.0  // variance of the visual noise
	eps     = 1e-8 // PIQ's stability constant
	quad    = 4    // output rows computed together
	// ring1 is the number of rows of scale 1 kept: the k+quad-1 rows of
	// a group of its output rows (k = 9), which also hold the 5 rows that
	// one row of scale 2 is filtered from.
	ring1 = 9 + quad - 1
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

// NewScorer allocates the coarser scales for pictures of shape s.
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
			// Read where it is (see Score).
			continue
		case 1:
			// A ring of its last rows, each stored twice (see Score).
			rows = 2 * ring1
		}
		sc.lv[i].x = make([]float64, w*rows)
		sc.lv[i].y = make([]float64, w*rows)
	}
	// Gray pictures are read as they are, in code values: the byte scale
	// factor k = 255/peak is applied by the horizontal taps, k to the
	// means and k² to the second moments.
	k := 255 / s.Peak
	sc.h1, sc.h2, sc.hd = scaled(sc.lv[0].g, k), scaled(sc.lv[0].g, k*k), scaled(sc.lv[1].g, k)
	if s.Channels == 3 {
		sc.allocLuma()
	}
	n := s.W
	for i := range sc.dec {
		sc.dec[i] = make([]float64, n)
	}
	for i := range sc.acc {
		sc.acc[i] = make([]float64, quad*n)
	}
	for i := range sc.hacc {
		sc.hacc[i] = make([]float64, 2*n)
	}
	return sc, nil
}

// scaled returns g times k.
func scaled(g []float64, k float64) []float64 {
	s := make([]float64, len(g))
	for i, v := range g {
		s[i] = v * k
	}
	return s
}

// allocLuma allocates the float64 planes of the finest scale.
func (sc *Scorer) allocLuma() {
	n := sc.lv[0].w * sc.lv[0].h
	sc.lumaX, sc.lumaY = make([]float64, n), make([]float64, n)
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
	x, y []float64 // distorted and reference luma, w×h (scale 1: a ring, see Score; scale 0: unused)
}

// Scorer computes VIF-p for one picture shape. It is not safe for
// concurrent use.
type Scorer struct {
	peak         float64
	lv           [scales]level
	h1, h2, hd   []float64    // horizontal taps of gray pictures (see NewScorer)
	lumaX, lumaY []float64    // finest scale of other pictures, byte-scale luma
	acc          [5][]float64 // vertical window sums of up to quad output rows
	dec          [4][]float64 // two rows of scale 0 filtered vertically for scale 1 (x, y, x, y)
	hacc         [5][]float64 // horizontal window sums of two output rows
	sums         [scales]simd.VifSums
}

// plane0 is the finest scale as the kernels read it: either the float32
// planes of a gray pair, in code values (x32, y32), or byte-scale float64
// luma (x64, y64), rows stride samples apart. h1 and h2 are the horizontal
// taps of the means and second moments, hd those of the decimation to
// scale 1.
type plane0 struct {
	x32, y32   []float32
	x64, y64   []float64
	stride     int
	h1, h2, hd []float64
}

// plane0 returns the finest scale of the pair in ws. Gray pictures of
// equal strides are read in place; anything else is converted to
// byte-scale luma first.
func (sc *Scorer) plane0(ws *metrics.Workspace) plane0 {
	d, r := ws.Dist, ws.Ref
	if d.Kind != frame.RGB && r.Kind != frame.RGB && d.Planes[0].Stride == r.Planes[0].Stride {
		pd, pr := &d.Planes[0], &r.Planes[0]
		return plane0{x32: pd.Data, y32: pr.Data, stride: pd.Stride, h1: sc.h1, h2: sc.h2, hd: sc.hd}
	}
	if sc.lumaX == nil {
		sc.allocLuma()
	}
	w := sc.lv[0].w
	for row := range sc.lv[0].h {
		sc.lumaRow(d, row, sc.lumaX[row*w:(row+1)*w])
		sc.lumaRow(r, row, sc.lumaY[row*w:(row+1)*w])
	}
	g0 := sc.lv[0].g
	return plane0{x64: sc.lumaX, y64: sc.lumaY, stride: w, h1: g0, h2: g0, hd: sc.lv[1].g}
}

// Score writes VIF-p of the pair in ws (ws.Ref is the reference) to out[0].
//
// The finest scale is read where it is (see plane0), by groups of quad
// output rows (stats0). The vertical sweep over a whole group of a gray
// pair also filters its rows 0 and 2 with the window of scale 1, which
// become two rows of scale 1 once filtered horizontally and decimated;
// the rows of scale 1 that no group gives are filtered apart at the end.
// Scale 1 streams through a ring of its last ring1 rows, each stored
// twice (at slots q mod ring1 and q mod ring1 + ring1, so that any ring1
// consecutive rows are contiguous): each row that arrives completes a
// group of output rows of scale 1 or a row of scale 2 (see scale1Row).
// Scales 2 and 3 are stored whole.
func (sc *Scorer) Score(ws *metrics.Workspace, out []float64) error {
	for i := range sc.sums {
		sc.sums[i].Reset()
	}
	p := sc.plane0(ws)
	l0, l1 := &sc.lv[0], &sc.lv[1]
	oh := l0.h - l0.k + 1
	// Rows of scale 1 are made in order: q1 is the next one.
	q1 := 0
	for first := 0; first < oh; first += quad {
		n := min(quad, oh-first)
		if n == quad && p.x32 != nil {
			// The group's even rows 0 and 2 give rows first/2 and
			// first/2+1 of scale 1, filtered in the same sweep.
			sc.stats0(&p, first, n, true)
			sc.push1(q1, sc.dec[0], sc.dec[1], p.hd)
			sc.push1(q1+1, sc.dec[2], sc.dec[3], p.hd)
			q1 += 2
			continue
		}
		sc.stats0(&p, first, n, false)
	}
	w := l0.w
	vx, vy := sc.dec[0], sc.dec[1]
	for ; q1 < l1.h; q1++ {
		o := 2 * q1 * p.stride
		if p.x32 != nil {
			simd.MeansVF32(vx, vy, p.x32[o:], p.y32[o:], p.stride, l1.g)
		} else {
			simd.MeansVF64(vx, vy, p.x64[o:], p.y64[o:], p.stride, l1.g)
		}
		sc.push1(q1, vx[:w], vy[:w], p.hd)
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
		for r := 0; r < oh; r += quad {
			sc.statsRows(&sc.sums[i], l, l.x[r*l.w:], l.y[r*l.w:], min(quad, oh-r))
		}
	}
	var sn, sd float64
	for i := range scales {
		n, d := sc.sums[i].Log10()
		sn += n
		sd += d
	}
	out[0] = (sn + eps) / (sd + eps)
	return nil
}

// stats0 adds to the sums of scale 0 the logarithms of the factors of its
// n (1 to quad) output rows from first on, strip by strip. With dec (n =
// quad, float32 rows), the same sweep also filters rows 0 and 2 of the
// group vertically with the window of scale 1 into sc.dec.
func (sc *Scorer) stats0(p *plane0, first, n int, dec bool) {
	l := &sc.lv[0]
	ow := l.w - l.k + 1
	v, d, g1 := &sc.acc, &sc.dec, sc.lv[1].g
	for c0 := 0; c0 < ow; c0 += strip {
		iw := min(strip, ow-c0) + l.k - 1
		o := first*p.stride + c0
		switch {
		case dec:
			c1 := c0 + iw
			simd.MomentsVF32QuadDec(v[0][:4*iw], v[1][:4*iw], v[2][:4*iw], v[3][:4*iw], v[4][:4*iw],
				d[0][c0:c1], d[1][c0:c1], d[2][c0:c1], d[3][c0:c1], p.x32[o:], p.y32[o:], p.stride, l.g, g1)
		case p.x32 != nil:
			momentsRows32(v, n, iw, p.x32[o:], p.y32[o:], p.stride, l.g)
		default:
			momentsRows64(v, n, iw, p.x64[o:], p.y64[o:], p.stride, l.g)
		}
		sc.hstats(&sc.sums[0], n, iw, p.h1, p.h2)
	}
}

// push1 makes row q of scale 1 from the vertically filtered rows vx and
// vy of scale 0 (filtered horizontally with taps hd and decimated), puts
// it in the ring of scale 1 and computes what it completes.
func (sc *Scorer) push1(q int, vx, vy, hd []float64) {
	l1 := &sc.lv[1]
	w1 := l1.w
	s1 := q % ring1
	x1, y1 := l1.x[s1*w1:(s1+1)*w1], l1.y[s1*w1:(s1+1)*w1]
	sc.hdecimate(x1, y1, vx, vy, hd)
	copy(l1.x[(s1+ring1)*w1:], x1)
	copy(l1.y[(s1+ring1)*w1:], y1)
	sc.scale1Row(q)
}

// scale1Row is called when row q of scale 1 has arrived in its ring: it
// adds the group of output rows of scale 1 that the row completes to the
// sums of scale 1, and filters the row of scale 2 it completes.
func (sc *Scorer) scale1Row(q int) {
	l1, l2 := &sc.lv[1], &sc.lv[2]
	w1, k1, k2 := l1.w, l1.k, l2.k
	if top := q - (k1 - 1); top >= 0 && (top%quad == quad-1 || top == l1.h-k1) {
		// Output rows first … top: a whole group, or the last rows.
		first := top - top%quad
		t := first % ring1
		sc.statsRows(&sc.sums[1], l1, l1.x[t*w1:], l1.y[t*w1:], top-first+1)
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
		f64.LumaRow(dst, p.Planes[0].Row(r), p.Planes[1].Row(r), p.Planes[2].Row(r), k)
		return
	}
	simd.ScaleF32ToF64(dst, p.Planes[0].Row(r), k)
}

// decimateRow computes row q of scale l: it filters the finer scale's
// rows from 2q on (srcX and srcY start there, w samples a row) with l's
// window, "valid", and stores every second column, starting at 0, into
// dstX and dstY (l.w samples).
func (sc *Scorer) decimateRow(dstX, dstY, srcX, srcY []float64, w int, l *level) {
	vx, vy := sc.acc[0][:w], sc.acc[1][:w]
	simd.MeansVF64(vx, vy, srcX, srcY, w, l.g)
	sc.hdecimate(dstX, dstY, vx, vy, l.g)
}

// hdecimate filters the rows vx and vy horizontally with taps h, "valid",
// at every second column, starting at 0, into dstX and dstY.
func (sc *Scorer) hdecimate(dstX, dstY, vx, vy, h []float64) {
	simd.ConvRowValidEvenF64(dstX, vx, h)
	simd.ConvRowValidEvenF64(dstY, vy, h)
}

// strip is the number of output columns computed at a time: the vertical
// sums of a strip (five moments of up to quad rows, 166 KB) stay in the
// core's own cache until the horizontal pass reads them, where those of
// whole rows of wide pictures would go out to memory and back. Each strip
// filters k-1 columns more than it gives vertically (and its rows are
// kernel calls): at 1080p, strips of 1024 columns cost about 4 % less CPU
// than strips of 256, and as little as whole rows.
const strip = 1024

// statsRows adds to sums the logarithms of the factors of n (1 to quad)
// consecutive output rows of scale l (1 to 3), the first window's rows
// starting at x and y (rows of l.w samples), strip by strip.
func (sc *Scorer) statsRows(sums *simd.VifSums, l *level, x, y []float64, n int) {
	ow := l.w - l.k + 1
	for c0 := 0; c0 < ow; c0 += strip {
		iw := min(strip, ow-c0) + l.k - 1
		momentsRows64(&sc.acc, n, iw, x[c0:], y[c0:], l.w, l.g)
		sc.hstats(sums, n, iw, l.g, l.g)
	}
}

// momentsRows64 writes the vertical window sums of n (1 to quad) rows of
// iw columns to v, row r at [r·iw, (r+1)·iw) of each moment.
func momentsRows64(v *[5][]float64, n, iw int, x, y []float64, stride int, g []float64) {
	switch n {
	case 4:
		simd.MomentsVF64Quad(v[0][:4*iw], v[1][:4*iw], v[2][:4*iw], v[3][:4*iw], v[4][:4*iw], x, y, stride, g)
	case 2, 3:
		simd.MomentsVF64Pair(v[0][:2*iw], v[1][:2*iw], v[2][:2*iw], v[3][:2*iw], v[4][:2*iw], x, y, stride, g)
		if n == 3 {
			lo, hi := 2*iw, 3*iw
			simd.MomentsVF64(v[0][lo:hi], v[1][lo:hi], v[2][lo:hi], v[3][lo:hi], v[4][lo:hi], x[2*stride:], y[2*stride:], stride, g)
		}
	default:
		simd.MomentsVF64(v[0][:iw], v[1][:iw], v[2][:iw], v[3][:iw], v[4][:iw], x, y, stride, g)
	}
}

// momentsRows32 is momentsRows64 for float32 rows.
func momentsRows32(v *[5][]float64, n, iw int, x, y []float32, stride int, g []float64) {
	switch n {
	case 4:
		simd.MomentsVF32Quad(v[0][:4*iw], v[1][:4*iw], v[2][:4*iw], v[3][:4*iw], v[4][:4*iw], x, y, stride, g)
	case 2, 3:
		simd.MomentsVF32Pair(v[0][:2*iw], v[1][:2*iw], v[2][:2*iw], v[3][:2*iw], v[4][:2*iw], x, y, stride, g)
		if n == 3 {
			lo, hi := 2*iw, 3*iw
			simd.MomentsVF32(v[0][lo:hi], v[1][lo:hi], v[2][lo:hi], v[3][lo:hi], v[4][lo:hi], x[2*stride:], y[2*stride:], stride, g)
		}
	default:
		simd.MomentsVF32(v[0][:iw], v[1][:iw], v[2][:iw], v[3][:iw], v[4][:iw], x, y, stride, g)
	}
}

// hstats filters the n rows of vertical sums in sc.acc (iw columns each)
// horizontally, the means with taps h1 and the second moments with h2,
// and adds the logarithms of their factors to sums. Rows are filtered two
// at a time, which keeps more independent sums going (ConvRowValid2F64).
func (sc *Scorer) hstats(sums *simd.VifSums, n, iw int, h1, h2 []float64) {
	ow := iw - len(h1) + 1
	v, m := &sc.acc, &sc.hacc
	for r := 0; r < n; r += 2 {
		pair := r+1 < n
		for i := range v {
			h := h2
			if i < 2 {
				h = h1
			}
			lo, hi := r*iw, (r+1)*iw
			if pair {
				simd.ConvRowValid2F64(m[i][:ow], m[i][ow:2*ow], v[i][lo:hi], v[i][hi:hi+iw], h)
			} else {
				simd.ConvRowValidF64(m[i][:ow], v[i][lo:hi], h)
			}
		}
		simd.VifLogFactors(sums, m[0][:ow], m[1][:ow], m[2][:ow], m[3][:ow], m[4][:ow], eps, sigmaN2)
		if pair {
			simd.VifLogFactors(sums, m[0][ow:2*ow], m[1][ow:2*ow], m[2][ow:2*ow], m[3][ow:2*ow], m[4][ow:2*ow], eps, sigmaN2)
		}
	}
}
