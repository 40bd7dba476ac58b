package vsi

import (
	"fmt"
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Constants of PIQ's vsi defaults.
const (
	c1     = 1.27  // saliency similarity
	c2     = 386   // gradient similarity
	c3     = 130   // chroma similarity
	alpha  = 0.4   // gradient exponent
	beta   = 0.02  // chroma exponent
	omega0 = 0.021 // log-Gabor centre frequency (SDSP)
	sigmaF = 1.34  // log-Gabor bandwidth (SDSP)
	sigmaD = 145.0 // location prior (SDSP)
	sigmaC = 0.001 // colour prior (SDSP)
	salN   = 256   // side of the saliency grid
)

// eps is float64 machine epsilon (torch.finfo(float64).eps).
const eps = 2.220446049250313e-16

// Descriptor registers the vsi metric.
var Descriptor = &metrics.Descriptor{
	Name:           "vsi",
	Doc:            "visual saliency-induced index: SDSP saliency, gradient and LMN chroma similarity (PIQ definition)",
	Outputs:        []string{"vsi"},
	Range:          "[0, 1]",
	HigherIsBetter: true,
	New:            New,
}

// New returns the vsi metric; it has no options.
func New(map[string]string) (metrics.Metric, error) { return &Metric{}, nil }

// Metric is the vsi metric.
type Metric struct{}

// Name returns "vsi".
func (m *Metric) Name() string { return "vsi" }

// Outputs returns the single output "vsi".
func (m *Metric) Outputs(metrics.Shape) []string { return []string{"vsi"} }

// NewScorer returns a scorer for pictures of shape s, with its resampling
// weights, filters and FFT plan built once.
func (m *Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.Channels != 1 && s.Channels != 3 {
		return nil, fmt.Errorf("vsi: %d channels: want 1 or 3", s.Channels)
	}
	if s.W < 1 || s.H < 1 {
		return nil, &metrics.SizeError{Metric: "vsi", W: s.W, H: s.H, MinW: 1, MinH: 1}
	}
	f := planes.PoolFactor(s.W, s.H)
	sc := &scorer{
		w: s.W, h: s.H, f: f,
		pw:   (s.W + f - 1) / f,
		ph:   (s.H + f - 1) / f,
		nch:  s.Channels,
		plan: simd.NewFFT2(salN, salN),
		lg:   nil,
		sd:   locationPrior(),
		down: [2]linear{downWeights(s.H), downWeights(s.W)},
		up:   [2]linear{upWeights(s.H), upWeights(s.W)},
	}
	sc.lg = logGabor(sc.plan)
	sc.downCols = lerpCols(sc.down[1])
	sc.bandX = newBand(pooledWeights(sc.up[1], s.W, f, sc.pw), 3)
	sc.candY = candidates(sc.up[0])
	sc.candX = candidates(sc.up[1])
	candUp := newLinear(len(sc.candX))
	for i, x := range sc.candX {
		candUp.i0[i], candUp.i1[i] = sc.up[1].i0[x], sc.up[1].i1[x]
		candUp.l0[i], candUp.l1[i] = sc.up[1].l0[x], sc.up[1].l1[x]
	}
	sc.candBand = linearBand(candUp)
	sc.upBand = linearBand(sc.up[1])
	sc.vLo, sc.vTaps = denseRows(pooledWeights(sc.up[0], s.H, f, sc.ph))
	sc.horiz = make([]float64, 2*max(len(sc.candX), s.W))
	sc.candRow = make([]float64, len(sc.candX))
	n, np := salN*salN, sc.pw*sc.ph
	for k := range 2 {
		for c := range sc.nch {
			sc.small[k][c] = make([]float64, n)
		}
		// Gray pictures use lab[k][0] (scratch for toLabGray) and
		// lmn[k][0], lmn[k][1] only.
		for c := range sc.nch {
			sc.lab[k][c] = make([]float64, n)
		}
		for c := range max(sc.nch, 2) {
			sc.lmn[k][c] = make([]float64, np)
		}
		sc.vsSmall[k] = make([]float64, n)
		sc.cp[k] = make([]float64, n)
		sc.vs[k] = make([]float64, np)
	}
	for c := range sc.z {
		sc.z[c] = make([]complex128, n)
	}
	sc.spec = make([]complex128, n)
	sc.sf = [2][]float64{make([]float64, n), make([]float64, n)}
	sc.tmp = make([]float64, 2*salN*sc.ph)
	sc.colSum = make([]float64, s.W)
	for i := range sc.chunk {
		sc.chunk[i] = make([]float64, sc.pw)
	}
	sc.zero = make([]float64, sc.pw)
	return sc, nil
}

type scorer struct {
	w, h, f int
	pw, ph  int // pooled size
	nch     int // channels of the pictures: 1 or 3

	plan *simd.FFT2
	lg   []float64 // log-Gabor on the 256² grid, spectral layout, divided by 256²
	sd   []float64 // location prior on the 256² grid

	down     [2]linear         // full size → 256 (rows, columns)
	downCols *simd.LerpColsF32 // down[1] for simd.LerpColsF32
	up       [2]linear         // 256 → full size (rows, columns)
	bandX    *simd.BandF64     // pooled column j as consecutive weights over the 256 saliency columns
	vLo      []int             // the first saliency row that pooled row i reads
	vTaps    [][]float64       // the weights of pooled row i from saliency row vLo[i] on
	candY    []int             // output rows where a bilinear cell can take its extremes
	candX    []int
	candBand *simd.BandF64 // up[1] restricted to candX, as a band
	upBand   *simd.BandF64 // up[1] as a band
	horiz    []float64     // 2 rows of horizontal interpolation of source rows (at candX if f > 1)
	candRow  []float64     // one row of candidate samples

	// Index 0 is the distorted picture (PIQ's x), 1 the reference (y).
	small   [2][3][]float64 // 256² RGB (one plane for gray pictures)
	lab     [2][3][]float64 // 256² CIELAB of RGB pictures (gray: lab[·][0] only, scratch)
	z       [3][]complex128 // L, a, b of both pictures packed as x + i·y
	spec    []complex128    // spectrum of one z
	sf      [2][]float64    // squared frequency prior, blocked layout
	vsSmall [2][]float64    // 256² saliency before the resize
	cp      [2][]float64    // 256² colour prior
	vs      [2][]float64    // pooled saliency, not normalised
	vsMin   [2]float64      // minimum of the full-size saliency map
	vsRange [2]float64      // its maximum − minimum + eps
	lmn     [2][3][]float64 // pooled L, M, N (gray: L and the gray value only)
	tmp     []float64       // 2 × ph × 256: the pooled rows of both saliency maps
	colSum  []float64       // column sums of the f rows of one pooled row (f ≠ 1, 4)
	chunk   [7][]float64    // pool's rows: S_G, |S_C|, sign factor, S_VS, max(VSx, VSy), G of both pictures
	zero    []float64       // pw zeros: the rows outside the pooled planes
}

// Score computes VSI of the pair in ws.
func (sc *scorer) Score(ws *metrics.Workspace, out []float64) error {
	pics := [2]*frame.Picture{ws.Dist, ws.Ref}
	scale := 255 / ws.Peak
	for k, p := range pics {
		if p.Width() != sc.w || p.Height() != sc.h || len(p.Planes) != sc.nch {
			return fmt.Errorf("vsi: picture %dx%dx%d does not match the scorer", p.Width(), p.Height(), len(p.Planes))
		}
		sc.poolLMN(sc.lmn[k], sc.small[k], p, scale)
	}
	var r [2]labRange
	if sc.nch == 3 {
		for k := range 2 {
			toLab(sc.lab[k], sc.small[k][0], sc.small[k][1], sc.small[k][2])
			r[k].amin, r[k].amax = f64.MinMax(sc.lab[k][1])
			r[k].bmin, r[k].bmax = f64.MinMax(sc.lab[k][2])
		}
		for c, z := range sc.z {
			lx, ly := sc.lab[0][c][:len(z)], sc.lab[1][c][:len(z)]
			for i := range z {
				z[i] = complex(lx[i], ly[i])
			}
		}
	} else {
		r = toLabGray(sc.z, sc.small[0][0], sc.small[1][0], sc.lab[0][0], sc.lab[1][0])
	}
	sc.saliency(r)
	sc.vsMin, sc.vsRange = sc.poolSaliency(sc.vs, sc.vsSmall)

	out[0] = sc.pool()
	return nil
}

// pool returns VSI from the pooled saliency and LMN maps of both
// pictures. It works row by row, in short passes over buffers that stay in
// the L1 cache: the Scharr gradient magnitudes of L (gradRow), the
// similarities (simd.VSISimRow, which takes one division per sample for
// all three, a few roundings away from separate quotients), their powers,
// and the sums.
func (sc *scorer) pool() float64 {
	var num, den float64
	w := sc.pw
	k := &simd.VSIConsts{
		MinX: sc.vsMin[0], MinY: sc.vsMin[1], RX: 1 / sc.vsRange[0], RY: 1 / sc.vsRange[1],
		C1: c1, C2: c2, C3: c3,
		// A negative S_C contributes the real part of its complex power,
		// cos(βπ)·|S_C|^β.
		Neg: math.Cos(beta * math.Pi),
		M:   f64.LMN[1], N: f64.LMN[2],
	}
	ch := &sc.chunk
	sG, sC, neg, sV, vm, gx, gy := ch[0], ch[1], ch[2], ch[3], ch[4], ch[5], ch[6]
	for r := range sc.ph {
		k0, k1 := r*w, (r+1)*w
		sc.gradRow(gx, sc.lmn[0][0], r)
		sc.gradRow(gy, sc.lmn[1][0], r)
		vx, vy := sc.vs[0][k0:k1], sc.vs[1][k0:k1]
		mx, my := sc.lmn[0][1][k0:k1], sc.lmn[1][1][k0:k1]
		if sc.nch == 1 {
			// lmn[·][1] holds the gray values.
			simd.VSISimRowGray(sG, sC, neg, sV, vm, vx, vy, gx, gy, mx, my, k)
		} else {
			nx, ny := sc.lmn[0][2][k0:k1], sc.lmn[1][2][k0:k1]
			simd.VSISimRow(sG, sC, neg, sV, vm, vx, vy, gx, gy, mx, my, nx, ny, k)
		}
		alphaTable.powers(sG)
		betaTable.powers(sC)
		for i, v := range sV {
			p := sG[i] * sC[i] * neg[i]
			num += v * p * vm[i]
			den += vm[i]
		}
	}
	return (num + eps) / (den + eps)
}

// gradRow writes row r of the Scharr gradient magnitude of the pw×ph
// plane l into dst, as f64.Scharr computes it (f64.ScharrRow): the
// kernels [[-3,0,3],[-10,0,10],[-3,0,3]]/16 and its transpose, zeros
// outside the plane.
func (sc *scorer) gradRow(dst, l []float64, r int) {
	w, h := sc.pw, sc.ph
	u, m, d := sc.zero, l[r*w:(r+1)*w], sc.zero
	if r > 0 {
		u = l[(r-1)*w : r*w]
	}
	if r < h-1 {
		d = l[(r+1)*w : (r+2)*w]
	}
	f64.ScharrRow(dst[:w], u, m, d)
}

// saliency computes the 256² SDSP maps of both pictures into vsSmall from
// their Lab planes, packed in z as x + i·y, and the extremes of a and b.
func (sc *scorer) saliency(r [2]labRange) {
	// Colour prior of both pictures into cp, before the transforms
	// overwrite a and b.
	for k, cp := range sc.cp {
		da, db := r[k].amax-r[k].amin+eps, r[k].bmax-r[k].bmin+eps
		ia, ib := 1/da, 1/db
		amin, bmin := r[k].amin, r[k].bmin
		// A sample passes the screen below only if a − amin and b − bmin
		// are both at most √41·σC of their ranges; this looser test, with
		// a margin for rounding, skips the others with two comparisons.
		aThr := amin + math.Sqrt(41)*sigmaC*da*(1+1e-6)
		bThr := bmin + math.Sqrt(41)*sigmaC*db*(1+1e-6)
		za, zb := sc.z[1][:len(cp)], sc.z[2][:len(cp)]
		for i := range cp {
			a, b := real(za[i]), real(zb[i])
			if k == 1 {
				a, b = imag(za[i]), imag(zb[i])
			}
			sC := 1.0
			// 1 − exp(−t) rounds to exactly 1 for t > 40 (exp(−40) is below
			// half an ulp of 1). The cheap estimate with reciprocals differs
			// from t by a few ulps, so screening with 41 loses no sample.
			if a > aThr || b > bThr {
				cp[i] = sC
				continue
			}
			if ea, eb := (a-amin)*ia, (b-bmin)*ib; ea*ea+eb*eb <= 41*sigmaC*sigmaC {
				an, bn := (a-amin)/da, (b-bmin)/db
				if t := (an*an + bn*bn) / (sigmaC * sigmaC); t <= 40 {
					sC = 1 - math.Exp(-t)
				}
			}
			cp[i] = sC
		}
	}
	// Frequency prior: the log-Gabor filter is real and even, so the real
	// and imaginary parts of x + i·y are filtered independently. The
	// filter is stored in the plan's spectral layout; the result comes in
	// its column-blocked layout.
	for _, z := range sc.z {
		sc.plan.ForwardSpec(sc.spec, z)
		sc.plan.BackwardSpecMul(z, sc.spec, sc.lg)
	}
	// Squared frequency prior of both pictures, blocked, then row-major.
	z0, z1, z2 := sc.z[0], sc.z[1], sc.z[2]
	sx, sy := sc.sf[0], sc.sf[1]
	for i := range sx {
		a, b, c := z0[i], z1[i], z2[i]
		sx[i] = real(a)*real(a) + real(b)*real(b) + real(c)*real(c)
		sy[i] = imag(a)*imag(a) + imag(b)*imag(b) + imag(c)*imag(c)
	}
	for k := range 2 {
		sc.plan.Unblock(sc.vsSmall[k], sc.sf[k])
	}
	for k, cp := range sc.cp {
		vs, sd := sc.vsSmall[k], sc.sd[:len(sc.vsSmall[k])]
		cp = cp[:len(vs)]
		for i, sf := range vs {
			vs[i] = math.Sqrt(sf) * sd[i] * cp[i]
		}
	}
}

// poolSaliency resizes the 256² maps src[0] and src[1] to full size with
// bilinear interpolation (aligned corners), pads and pools them by f, and
// writes the pw×ph results to dst. It returns the minimum mn[k] of each
// full-size map and d[k] = its maximum − mn[k] + eps: the normalised
// pooled map is (dst[k] − mn[k])/d[k]. Without pooling (f = 1) the resize
// is written out directly; otherwise, as resize and pooling are linear,
// the pooled map is Py·src·Pxᵀ, computed as rows of Py·src (simd.MeansVF64,
// both maps at once) times Pxᵀ (simd.BandF64), and the extremes are
// taken over the candidate samples only (see candidates).
func (sc *scorer) poolSaliency(dst, src [2][]float64) (mn, d [2]float64) {
	if sc.f == 1 {
		for k := range 2 {
			mn[k], d[k] = sc.resizeSaliency(dst[k], src[k])
		}
		return mn, d
	}
	pw := sc.pw
	t0, t1 := sc.tmp[:sc.ph*salN], sc.tmp[sc.ph*salN:]
	for i := range sc.ph {
		o, taps := sc.vLo[i]*salN, sc.vTaps[i]
		simd.MeansVF64(t0[i*salN:(i+1)*salN], t1[i*salN:(i+1)*salN], src[0][o:], src[1][o:], salN, taps)
	}
	for k, t := range [2][]float64{t0, t1} {
		for i := range sc.ph {
			sc.bandX.Row(dst[k][i*pw:(i+1)*pw], t[i*salN:(i+1)*salN])
		}
	}
	for k := range 2 {
		mn[k], d[k] = sc.extremes(src[k])
	}
	return mn, d
}

// extremes returns the minimum of the 256² map src resized to full size
// and its range + eps, from the candidate samples (see candidates). Each
// sample is h0·(w0·a + w1·b) + h1·(w0·c + w1·d), as PyTorch computes it;
// the bracketed horizontal terms are computed once per source row and
// candidate column. Candidate rows come in increasing order and read
// source rows i0 and i1 ≤ i0+1, so the horizontal terms of source row p
// are computed when first needed, into ring slot p mod 2.
func (sc *scorer) extremes(src []float64) (mn, d float64) {
	uy, cx := sc.up[0], sc.candBand
	nc := len(sc.candX)
	next := 0 // the first source row not computed yet
	mn, mx := math.Inf(1), math.Inf(-1)
	for _, y := range sc.candY {
		for ; next <= uy.i1[y]; next++ {
			cx.Row(sc.horiz[next%2*nc:][:nc], src[next*salN:(next+1)*salN])
		}
		r0, r1 := sc.horiz[uy.i0[y]%2*nc:][:nc], sc.horiz[uy.i1[y]%2*nc:][:nc]
		rn, rx := simd.LerpRowMinMax(sc.candRow, r0, r1, uy.l0[y], uy.l1[y])
		if rn < mn {
			mn = rn
		}
		if rx > mx {
			mx = rx
		}
	}
	return mn, mx - mn + eps
}

// resizeSaliency resizes the 256² map src to the w×h picture size into
// dst and returns its minimum and its range + eps. Each sample is
// h0·(w0·a + w1·b) + h1·(w0·c + w1·d), as PyTorch computes it; the
// bracketed horizontal terms of each source row are computed once.
func (sc *scorer) resizeSaliency(dst, src []float64) (mn, d float64) {
	w := sc.w
	uy, ux := sc.up[0], sc.upBand
	next := 0 // the first source row not computed yet
	mn, mx := math.Inf(1), math.Inf(-1)
	for y := range sc.h {
		for ; next <= uy.i1[y]; next++ {
			ux.Row(sc.horiz[next%2*w:][:w], src[next*salN:(next+1)*salN])
		}
		r0, r1 := sc.horiz[uy.i0[y]%2*w:][:w], sc.horiz[uy.i1[y]%2*w:][:w]
		rn, rx := simd.LerpRowMinMax(dst[y*w:(y+1)*w], r0, r1, uy.l0[y], uy.l1[y])
		if rn < mn {
			mn = rn
		}
		if rx > mx {
			mx = rx
		}
	}
	return mn, mx - mn + eps
}

// poolLMN pools picture p (byte scale) into LMN planes and resizes it
// to 256² into small[k]: each channel is padded by edge replication
// (f/2 before, (f−1)/2 after) and pooled by f, and RGB is converted to
// LMN. Gray pictures (R = G = B = v) keep v in dst[1] and L in dst[0];
// their M and N are computed from v where they are used
// (simd.VSISimRowGray).
func (sc *scorer) poolLMN(dst [3][]float64, small [3][]float64, p *frame.Picture, scale float64) {
	if sc.nch == 3 {
		for c := range 3 {
			sc.poolPlane(dst[c], nil, small[c], p.Planes[c], scale)
		}
		f64.Convert(&f64.LMN, dst[0], dst[1], dst[2])
		return
	}
	sc.poolPlane(dst[1], dst[0], small[0], p.Planes[0], scale)
}

// poolPlane pools one plane (times scale) with edge-replicating padding
// into dst, and resizes it to 256² into small (resizeRow). Both read the
// plane row by row from the top, so each 256² row is computed as soon as
// the pooling has read its source rows, while they are still in cache.
// If l is not nil, the L of LMN of each pooled gray row goes there too.
func (sc *scorer) poolPlane(dst, l, small []float64, p frame.Plane, scale float64) {
	f, half, w := sc.f, sc.f/2, sc.w
	inv := scale / float64(f*f)
	cs := sc.colSum[:w]
	wy := sc.down[0]
	y := 0 // the next 256² row to resize
	// Interior outputs j in [j0, j1) read columns f·j − half .. f·j − half + f − 1
	// inside the row; the others clamp the columns to the row.
	j0, j1 := (half+f-1)/f, min((w+half)/f, sc.pw)
	for i := range sc.ph {
		d := dst[i*sc.pw : (i+1)*sc.pw]
		row := func(a int) []float32 { return p.Row(min(max(f*i-half+a, 0), sc.h-1)) }
		switch f {
		case 1:
			simd.ScaleF32ToF64(d, p.Row(i), scale)
		case 4:
			// Block sums straight from the rows; the edges below sum
			// their columns on demand.
			if j0 < j1 {
				x := f*j0 - half
				simd.Pool4RowF64(d[j0:j1], row(0)[x:], row(1)[x:], row(2)[x:], row(3)[x:], inv)
			}
		default:
			simd.ScaleF32ToF64(cs, row(0), 1)
			for a := 1; a < f; a++ {
				simd.AddWidenF32(cs, row(a)[:w])
			}
			for j := j0; j < j1; j++ {
				e := cs[f*j-half : f*j-half+f]
				s := e[0]
				for _, v := range e[1:] {
					s += v
				}
				d[j] = s * inv
			}
		}
		if f > 1 {
			// The outputs near the edges: j < j0 and j ≥ j1 (all of them
			// if there is no interior).
			col := func(x int) float64 { return cs[x] }
			if f == 4 {
				r0, r1, r2, r3 := row(0), row(1), row(2), row(3)
				col = func(x int) float64 {
					return float64(r0[x]) + float64(r1[x]) + float64(r2[x]) + float64(r3[x])
				}
			}
			edge := func(j int) {
				x0 := f*j - half
				s := col(min(max(x0, 0), w-1))
				for b := 1; b < f; b++ {
					s += col(min(max(x0+b, 0), w-1))
				}
				d[j] = s * inv
			}
			for j := range min(j0, len(d)) {
				edge(j)
			}
			for j := max(j0, j1); j < len(d); j++ {
				edge(j)
			}
		}
		if l != nil {
			// f64.Convert's L row with R = G = B.
			m0, m1, m2 := f64.LMN[0][0], f64.LMN[0][1], f64.LMN[0][2]
			lr := l[i*sc.pw : (i+1)*sc.pw]
			for j, x := range d[:len(lr)] {
				lr[j] = m0*x + m1*x + m2*x
			}
		}
		last := min(f*i-half+f-1, sc.h-1) // the last plane row read so far
		for ; y < salN && wy.i1[y] <= last; y++ {
			resizeRow(small[y*salN:(y+1)*salN], p, sc.down, sc.downCols, y, scale)
		}
	}
	for ; y < salN; y++ {
		resizeRow(small[y*salN:(y+1)*salN], p, sc.down, sc.downCols, y, scale)
	}
}
