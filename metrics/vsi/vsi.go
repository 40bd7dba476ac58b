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
	sc.poolY = pooledWeights(sc.up[0], s.H, f, sc.ph)
	sc.poolX = pooledWeights(sc.up[1], s.W, f, sc.pw)
	sc.bandX = newBand(sc.poolX, 3)
	sc.candY = candidates(sc.up[0])
	sc.candX = candidates(sc.up[1])
	sc.candUp = newLinear(len(sc.candX))
	for i, x := range sc.candX {
		sc.candUp.i0[i], sc.candUp.i1[i] = sc.up[1].i0[x], sc.up[1].i1[x]
		sc.candUp.l0[i], sc.candUp.l1[i] = sc.up[1].l0[x], sc.up[1].l1[x]
	}
	sc.horiz = make([]float64, 2*len(sc.candX))
	n, np := salN*salN, sc.pw*sc.ph
	for k := range 2 {
		for c := range sc.nch {
			sc.small[k][c] = make([]float64, n)
		}
		for c := range 3 {
			sc.lab[k][c] = make([]float64, n)
			sc.lmn[k][c] = make([]float64, np)
		}
		sc.vsSmall[k] = make([]float64, n)
		sc.vs[k] = make([]float64, np)
		sc.grad[k] = make([]float64, np)
	}
	for c := range sc.z {
		sc.z[c] = make([]complex128, n)
	}
	sc.spec = make([]complex128, n)
	sc.sf = [2][]float64{make([]float64, n), make([]float64, n)}
	sc.tmp = make([]float64, salN*sc.pw)
	sc.pg, sc.pc, sc.neg = make([]float64, np), make([]float64, np), make([]bool, np)
	sc.rows = make([][]float32, f)
	sc.rowTmp = make([]float64, salN)
	return sc, nil
}

type scorer struct {
	w, h, f int
	pw, ph  int // pooled size
	nch     int // channels of the pictures: 1 or 3

	plan *simd.FFT2
	lg   []float64 // log-Gabor on the 256² grid, spectral layout, divided by 256²
	sd   []float64 // location prior on the 256² grid

	down   [2]linear // full size → 256 (rows, columns)
	up     [2]linear // 256 → full size (rows, columns)
	poolY  sparse    // pooled row i as weights over the 256 saliency rows
	poolX  sparse    // pooled column j as weights over the 256 saliency columns
	bandX  band      // poolX as consecutive weights
	candY  []int     // output rows where a bilinear cell can take its extremes
	candX  []int
	candUp linear    // up[1] restricted to candX
	horiz  []float64 // 2 × len(candX): horizontal interpolation at candX of two source rows

	// Index 0 is the distorted picture (PIQ's x), 1 the reference (y).
	small   [2][3][]float64 // 256² RGB (one plane for gray pictures)
	lab     [2][3][]float64 // 256² CIELAB
	z       [3][]complex128 // L, a, b of both pictures packed as x + i·y
	spec    []complex128    // spectrum of one z
	sf      [2][]float64    // squared frequency prior, blocked layout
	vsSmall [2][]float64    // 256² saliency before the resize
	vs      [2][]float64    // pooled, normalised saliency
	lmn     [2][3][]float64 // pooled LMN
	grad    [2][]float64    // Scharr magnitude of pooled L
	tmp     []float64       // 256 × pw
	rowTmp  []float64       // one saliency row
	pg, pc  []float64       // S_G^α and |S_C|^β
	neg     []bool          // S_C < 0
	rows    [][]float32     // the f rows one pooled row reads
}

// Score computes VSI of the pair in ws.
func (sc *scorer) Score(ws *metrics.Workspace, out []float64) error {
	pics := [2]*frame.Picture{ws.Dist, ws.Ref}
	scale := 255 / ws.Peak
	for k, p := range pics {
		if p.Width() != sc.w || p.Height() != sc.h || len(p.Planes) != sc.nch {
			return fmt.Errorf("vsi: picture %dx%dx%d does not match the scorer", p.Width(), p.Height(), len(p.Planes))
		}
		for c := range sc.nch {
			resizeDown(sc.small[k][c], p.Planes[c], sc.down, scale)
		}
		if sc.nch == 3 {
			toLab(sc.lab[k], sc.small[k][0], sc.small[k][1], sc.small[k][2])
		} else {
			toLabGray(sc.lab[k], sc.small[k][0])
		}
		sc.poolLMN(sc.lmn[k], p, scale)
		f64.Scharr(sc.grad[k], sc.lmn[k][0], sc.pw, sc.ph)
	}
	sc.saliency()
	for k := range 2 {
		sc.poolSaliency(sc.vs[k], sc.vsSmall[k])
	}

	var num, den float64
	vx, vy := sc.vs[0], sc.vs[1]
	gx, gy := sc.grad[0], sc.grad[1]
	mx, my := sc.lmn[0][1], sc.lmn[1][1]
	nx, ny := sc.lmn[0][2], sc.lmn[1][2]
	cosB := math.Cos(beta * math.Pi)
	// S_G^α and |S_C|^β are taken over whole maps, S_C's sign kept apart.
	pg, pc := sc.pg, sc.pc
	for k := range pg {
		pg[k] = f64.Sim(gx[k], gy[k], c2)
		sC := f64.Sim(mx[k], my[k], c3) * f64.Sim(nx[k], ny[k], c3)
		pc[k] = math.Abs(sC)
		sc.neg[k] = sC < 0
	}
	alphaTable.powers(pg)
	betaTable.powers(pc)
	for k := range vx {
		sVS := f64.Sim(vx[k], vy[k], c1)
		// S_G^α·|S_C|^β; a negative S_C contributes the real part of its
		// complex power, cos(βπ)·|S_C|^β.
		p := pg[k] * pc[k]
		if sc.neg[k] {
			p *= cosB
		}
		vm := max(vx[k], vy[k])
		num += sVS * p * vm
		den += vm
	}
	out[0] = (num + eps) / (den + eps)
	return nil
}

// saliency computes the 256² SDSP maps of both pictures from their Lab
// planes into vsSmall.
func (sc *scorer) saliency() {
	// Frequency prior: the log-Gabor filter is real and even, so the real
	// and imaginary parts of x + i·y are filtered independently.
	for c := range sc.z {
		z, lx, ly := sc.z[c], sc.lab[0][c], sc.lab[1][c]
		for i := range z {
			z[i] = complex(lx[i], ly[i])
		}
		// The filter is stored in the plan's spectral layout; the result
		// comes in its column-blocked layout.
		sc.plan.ForwardSpec(sc.spec, z)
		sc.plan.BackwardSpecMul(z, sc.spec, sc.lg, nil)
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
	for k := range 2 {
		a, b := sc.lab[k][1], sc.lab[k][2]
		amin, amax := f64.MinMax(a)
		bmin, bmax := f64.MinMax(b)
		da, db := amax-amin+eps, bmax-bmin+eps
		ia, ib := 1/da, 1/db
		vs := sc.vsSmall[k]
		for i := range vs {
			sf := vs[i]
			sC := 1.0
			// 1 − exp(−t) rounds to exactly 1 for t > 40 (exp(−40) is below
			// half an ulp of 1). The cheap estimate with reciprocals differs
			// from t by a few ulps, so screening with 41 loses no sample.
			if ea, eb := (a[i]-amin)*ia, (b[i]-bmin)*ib; ea*ea+eb*eb <= 41*sigmaC*sigmaC {
				an, bn := (a[i]-amin)/da, (b[i]-bmin)/db
				if t := (an*an + bn*bn) / (sigmaC * sigmaC); t <= 40 {
					sC = 1 - math.Exp(-t)
				}
			}
			vs[i] = math.Sqrt(sf) * sc.sd[i] * sC
		}
	}
}

// poolSaliency resizes the 256² map src to full size with bilinear
// interpolation (aligned corners), normalises it to [0, 1] by its minimum
// and maximum, pads and pools it by f, and writes the pw×ph result to dst.
// Resize and pooling are linear, so the pooled map is Py·src·Pxᵀ; the
// extremes are taken over the candidate samples only (see candidates).
func (sc *scorer) poolSaliency(dst, src []float64) {
	pw := sc.pw
	bx := sc.bandX
	for p := range salN {
		row := src[p*salN : (p+1)*salN]
		t := sc.tmp[p*pw : (p+1)*pw]
		if bx.k == 3 {
			first, wt := bx.first[:len(t)], bx.wt[:3*len(t)]
			for j := range t {
				r, w := row[first[j]:first[j]+3], wt[3*j:3*j+3]
				t[j] = w[0]*r[0] + w[1]*r[1] + w[2]*r[2]
			}
			continue
		}
		for j := range t {
			r, w := row[bx.first[j]:bx.first[j]+bx.k], bx.wt[j*bx.k:(j+1)*bx.k]
			var s float64
			for q, v := range w {
				s += v * r[q]
			}
			t[j] = s
		}
	}
	for i := range sc.ph {
		d := dst[i*pw : (i+1)*pw]
		clear(d)
		for q := sc.poolY.start[i]; q < sc.poolY.start[i+1]; q++ {
			w, t := sc.poolY.wt[q], sc.tmp[sc.poolY.idx[q]*pw:]
			for j := range d {
				d[j] += w * t[j]
			}
		}
	}
	// Each sample is h0·(w0·a + w1·b) + h1·(w0·c + w1·d), as PyTorch
	// computes it; the bracketed horizontal terms are computed once per
	// source row and candidate column.
	// Candidate rows come in increasing order and read source rows i0 and
	// i1 ≤ i0+1, so the horizontal terms of source row p are computed
	// when first needed, into ring slot p mod 2.
	uy, cx := sc.up[0], sc.candUp
	nc := len(cx.i0)
	i0, i1, l0, l1 := cx.i0[:nc], cx.i1[:nc], cx.l0[:nc], cx.l1[:nc]
	next := 0 // the first source row not computed yet
	mn, mx := math.Inf(1), math.Inf(-1)
	for _, y := range sc.candY {
		for ; next <= uy.i1[y]; next++ {
			row, hr := src[next*salN:(next+1)*salN], sc.horiz[next%2*nc:][:nc]
			for i := range hr {
				hr[i] = l0[i]*row[i0[i]] + l1[i]*row[i1[i]]
			}
		}
		r0, r1 := sc.horiz[uy.i0[y]%2*nc:][:nc], sc.horiz[uy.i1[y]%2*nc:][:nc]
		h0, h1 := uy.l0[y], uy.l1[y]
		for i, a := range r0 {
			v := h0*a + h1*r1[i]
			if v < mn {
				mn = v
			}
			if v > mx {
				mx = v
			}
		}
	}
	d := mx - mn + eps
	for i, v := range dst {
		dst[i] = (v - mn) / d
	}
}

// poolLMN converts picture p (byte scale) to LMN, pads it by edge
// replication (f/2 before, (f−1)/2 after) and pools it by f into dst.
func (sc *scorer) poolLMN(dst [3][]float64, p *frame.Picture, scale float64) {
	for c := range sc.nch {
		sc.poolPlane(dst[c], p.Planes[c], scale)
	}
	if sc.nch == 3 {
		f64.Convert(&f64.LMN, dst[0], dst[1], dst[2])
		return
	}
	// Gray is R = G = B: f64.Convert with one input plane.
	m := &f64.LMN
	l, mm, n := dst[0], dst[1][:len(dst[0])], dst[2][:len(dst[0])]
	for k, v := range l {
		l[k] = m[0][0]*v + m[0][1]*v + m[0][2]*v
		mm[k] = m[1][0]*v + m[1][1]*v + m[1][2]*v
		n[k] = m[2][0]*v + m[2][1]*v + m[2][2]*v
	}
}

// poolPlane pools one plane (times scale) with edge-replicating padding.
func (sc *scorer) poolPlane(dst []float64, p frame.Plane, scale float64) {
	f, half := sc.f, sc.f/2
	inv := scale / float64(f*f)
	row := func(i, a int) []float32 { return p.Row(min(max(f*i-half+a, 0), sc.h-1)) }
	for i := range sc.ph {
		d := dst[i*sc.pw : (i+1)*sc.pw]
		// Interior outputs j in [j0, j1) read columns f·j − half .. f·j − half + f − 1
		// inside the row; they are summed directly, column by column.
		j0, j1 := (half+f-1)/f, (sc.w+half)/f
		j1 = min(j1, sc.pw)
		switch {
		case f == 4 && j0 < j1:
			r0, r1, r2, r3 := row(i, 0)[:sc.w], row(i, 1)[:sc.w], row(i, 2)[:sc.w], row(i, 3)[:sc.w]
			for j := j0; j < j1; j++ {
				x := f*j - half
				a, b, c, e := r0[x:x+4:x+4], r1[x:x+4:x+4], r2[x:x+4:x+4], r3[x:x+4:x+4]
				s := float64(a[0]) + float64(b[0]) + float64(c[0]) + float64(e[0])
				s += float64(a[1]) + float64(b[1]) + float64(c[1]) + float64(e[1])
				s += float64(a[2]) + float64(b[2]) + float64(c[2]) + float64(e[2])
				s += float64(a[3]) + float64(b[3]) + float64(c[3]) + float64(e[3])
				d[j] = s * inv
			}
		case f == 2 && j0 < j1:
			r0, r1 := row(i, 0)[:sc.w], row(i, 1)[:sc.w]
			for j := j0; j < j1; j++ {
				x := f*j - half
				a, b := r0[x:x+2:x+2], r1[x:x+2:x+2]
				s := float64(a[0]) + float64(b[0])
				s += float64(a[1]) + float64(b[1])
				d[j] = s * inv
			}
		case j0 < j1:
			rows := sc.rows
			for a := range rows {
				rows[a] = row(i, a)[:sc.w]
			}
			for j := j0; j < j1; j++ {
				x := f*j - half
				var s float64
				for b := range f {
					cs := float64(rows[0][x+b])
					for _, r := range rows[1:] {
						cs += float64(r[x+b])
					}
					s += cs
				}
				d[j] = s * inv
			}
		}
		// The remaining outputs, near the edges, sum column by column.
		for j := range d {
			if j >= j0 && j < j1 {
				continue
			}
			x0 := f*j - half
			var s float64
			for b := range f {
				x := min(max(x0+b, 0), sc.w-1)
				cs := float64(row(i, 0)[x])
				for a := 1; a < f; a++ {
					cs += float64(row(i, a)[x])
				}
				s += cs
			}
			d[j] = s * inv
		}
	}
}
