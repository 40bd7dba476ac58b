package vsi

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/simd"
)

// linear is a 1-D linear interpolation: output d reads source samples
// i0[d] and i1[d] with weights l0[d] and l1[d] (PyTorch's bilinear
// upsampling, one axis).
type linear struct {
	i0, i1 []int
	l0, l1 []float64
}

func newLinear(n int) linear {
	return linear{i0: make([]int, n), i1: make([]int, n), l0: make([]float64, n), l1: make([]float64, n)}
}

func (l linear) set(d int, src float64, in int) {
	i := int(src)
	l.i0[d] = i
	l.i1[d] = i
	if i < in-1 {
		l.i1[d] = i + 1
	}
	l.l1[d] = src - float64(i)
	l.l0[d] = 1 - l.l1[d]
}

// downWeights maps an axis of in samples to the 256 saliency samples with
// half-pixel centres (align_corners=False): src = (d+0.5)·in/256 − 0.5,
// clamped at 0.
func downWeights(in int) linear {
	l := newLinear(salN)
	scale := float64(in) / salN
	for d := range salN {
		l.set(d, max(scale*(float64(d)+0.5)-0.5, 0), in)
	}
	return l
}

// upWeights maps the 256 saliency samples to an axis of out samples with
// aligned corners: src = d·255/(out−1).
func upWeights(out int) linear {
	l := newLinear(out)
	scale := 0.0
	if out > 1 {
		scale = float64(salN-1) / float64(out-1)
	}
	for d := range out {
		l.set(d, scale*float64(d), salN)
	}
	return l
}

// sparse holds one weight vector per output index in compressed rows.
type sparse struct {
	start []int // output k uses idx[start[k]:start[k+1]]
	idx   []int
	wt    []float64
}

// pooledWeights returns, for each of the n pooled indices of an axis of
// size full, the weights over the 256 saliency samples of the mean of the
// f interpolated samples it covers after edge-replicating padding of f/2
// before: full index clamp(f·i − f/2 + a), a = 0..f−1.
func pooledWeights(up linear, full, f, n int) sparse {
	var s sparse
	acc := make([]float64, salN)
	for i := range n {
		s.start = append(s.start, len(s.idx))
		clear(acc)
		for a := range f {
			d := min(max(f*i-f/2+a, 0), full-1)
			acc[up.i0[d]] += up.l0[d] / float64(f)
			acc[up.i1[d]] += up.l1[d] / float64(f)
		}
		for q, w := range acc {
			if w != 0 {
				s.idx = append(s.idx, q)
				s.wt = append(s.wt, w)
			}
		}
	}
	s.start = append(s.start, len(s.idx))
	return s
}

// newBand returns s as a band (simd.BandF64) of width at least minK,
// wide enough for every output. Outputs whose weights would run past
// the last source sample start earlier; the added weights are zero, and
// adding the zero products in order leaves every sum of s unchanged.
func newBand(s sparse, minK int) *simd.BandF64 {
	n := len(s.start) - 1
	k := minK
	for j := range n {
		if lo, hi := s.start[j], s.start[j+1]; hi > lo {
			k = max(k, s.idx[hi-1]-s.idx[lo]+1)
		}
	}
	first, wt := make([]int32, n), make([]float64, n*k)
	for j := range n {
		lo, hi := s.start[j], s.start[j+1]
		if hi == lo {
			continue
		}
		f := max(min(s.idx[lo], salN-k), 0)
		first[j] = int32(f)
		for q := lo; q < hi; q++ {
			wt[(s.idx[q]-f)*n+j] = s.wt[q]
		}
	}
	return simd.NewBandF64(first, wt, k)
}

// linearBand returns the interpolation l as a band of two weights:
// output d is l0·src[i0] + l1·src[i0+1], exactly as l computes it. Where
// i1 = i0 (only at the last source sample, with l1 = 0 or a few ulps) the
// band starts one sample earlier with a zero weight:
// 0·src[i0−1] + (l0+l1)·src[i0], which is src[i0] to the last bit or two.
func linearBand(l linear) *simd.BandF64 {
	n := len(l.i0)
	first, wt := make([]int32, n), make([]float64, 2*n)
	for d := range n {
		i0, w0, w1 := l.i0[d], l.l0[d], l.l1[d]
		if l.i1[d] == i0 {
			i0, w0, w1 = i0-1, 0, l.l0[d]+l.l1[d]
		}
		first[d], wt[d], wt[n+d] = int32(i0), w0, w1
	}
	return simd.NewBandF64(first, wt, 2)
}

// denseRows returns, for each output of s, its first source index and
// its weights from there to its last source index, zeros included.
func denseRows(s sparse) (lo []int, taps [][]float64) {
	for j := range len(s.start) - 1 {
		a, b := s.start[j], s.start[j+1]
		if a == b {
			lo, taps = append(lo, 0), append(taps, []float64{0})
			continue
		}
		t := make([]float64, s.idx[b-1]-s.idx[a]+1)
		for q := a; q < b; q++ {
			t[s.idx[q]-s.idx[a]] = s.wt[q]
		}
		lo, taps = append(lo, s.idx[a]), append(taps, t)
	}
	return lo, taps
}

// candidates returns the output indices that are the first or the last
// to fall into their source cell. A bilinear function on a cell is
// linear along each axis, so over the grid of output samples in a cell
// it takes its minimum and maximum at such samples.
func candidates(up linear) []int {
	var c []int
	n := len(up.i0)
	for d := range n {
		if d == 0 || d == n-1 || up.i0[d] != up.i0[d-1] || up.i0[d] != up.i0[d+1] {
			c = append(c, d)
		}
	}
	return c
}

// resizeRow computes row y of plane p (times scale) resampled to
// 256×256 with the weights of downWeights (w, and cols, the same column
// weights for simd.LerpColsF32) into d:
// h0·(w0·a·scale + w1·b·scale) + h1·(w0·c·scale + w1·d·scale).
func resizeRow(d []float64, p frame.Plane, w [2]linear, cols *simd.LerpColsF32, y int, scale float64) {
	wy := w[0]
	cols.Row(d[:salN], p.Row(wy.i0[y]), p.Row(wy.i1[y]), wy.l0[y], wy.l1[y], scale)
}

// lerpCols returns the column interpolation of l for simd.LerpColsF32.
func lerpCols(l linear) *simd.LerpColsF32 {
	i0, i1 := make([]int32, len(l.i0)), make([]int32, len(l.i1))
	for d := range l.i0 {
		i0[d], i1[d] = int32(l.i0[d]), int32(l.i1[d])
	}
	return simd.NewLerpColsF32(i0, i1, l.l0, l.l1)
}

// sRGB (D65) to XYZ, and PIQ's D50 reference white.
var (
	rgbToXYZ = [3][3]float64{
		{0.4124564, 0.3575761, 0.1804375},
		{0.2126729, 0.7151522, 0.0721750},
		{0.0193339, 0.1191920, 0.9503041},
	}
	whiteD50 = [3]float64{0.9642119944211994, 1, 0.8251882845188288}
)

// toLab converts byte-scale R, G, B to CIELAB into lab[0..2].
func toLab(lab [3][]float64, r, g, b []float64) {
	var f [3]float64
	for i := range r {
		lr, lg, lb := linearise(r[i]/255), linearise(g[i]/255), linearise(b[i]/255)
		for c := range f {
			f[c] = labF((rgbToXYZ[c][0]*lr + rgbToXYZ[c][1]*lg + rgbToXYZ[c][2]*lb) / whiteD50[c])
		}
		lab[0][i] = 116*f[1] - 16
		lab[1][i] = 500 * (f[0] - f[1])
		lab[2][i] = 200 * (f[1] - f[2])
	}
}

// labRange holds the extremes of the a and b planes of one picture.
type labRange struct{ amin, amax, bmin, bmax float64 }

// toLabGray converts the byte-scale gray pictures vx and vy (R = G = B) to
// CIELAB, packed as z[c] = Lab_c(vx) + i·Lab_c(vy) for the transforms, and
// returns the extremes of a and b of each. For gray, X, Y, Z are
// k_c·lin(v) and, above the threshold of labF, cbrt(k_c·lin(v)) =
// cbrt(k_c)·u^0.8 with u = (v/255 + 0.055)/1.055, so one power per sample
// does. ux and uy are scratch space of len(vx).
func toLabGray(z [3][]complex128, vx, vy, ux, uy []float64) (r [2]labRange) {
	var k, kc [3]float64
	for c := range k {
		k[c] = (rgbToXYZ[c][0] + rgbToXYZ[c][1] + rgbToXYZ[c][2]) / whiteD50[c]
		kc[c] = math.Cbrt(k[c])
	}
	// Above lin = safe every channel takes the cube root.
	safe := 0.008856 / min(k[0], k[1], k[2]) * (1 + 1e-9)
	// u^0.8 of every sample first; dark samples, which take the linear
	// segment, get the placeholder 1.
	n := len(vx)
	us, vs := [2][]float64{ux[:n], uy[:n]}, [2][]float64{vx, vy[:n]}
	for p, u := range us {
		simd.SRGBBaseRow(u, vs[p])
		rootTable.powers(u)
	}
	lab := func(x, root float64) (l, a, b float64) {
		c := x / 255
		var lin float64 // lin(x); root is its cube root
		if c <= 0.04045 {
			lin = c / 12.92
			root = math.Cbrt(lin)
		} else {
			lin = root * root * root
		}
		var f [3]float64
		if lin > safe {
			f = [3]float64{kc[0] * root, kc[1] * root, kc[2] * root}
		} else {
			for ch := range f {
				if t := k[ch] * lin; t > 0.008856 {
					f[ch] = kc[ch] * root
				} else {
					f[ch] = (903.3*t + 16) / 116
				}
			}
		}
		return 116*f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])
	}
	for p := range r {
		r[p] = labRange{math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)}
	}
	z0, z1, z2 := z[0][:n], z[1][:n], z[2][:n]
	ux, uy = ux[:n], uy[:n]
	// The common case written out: bright samples (x > 10.4 is above the
	// sRGB curve's linear segment, x/255 > 0.04045) whose channels all take
	// the cube root; the same operations as lab.
	fast := func(x, root float64) bool { return x > 10.4 && root*root*root > safe }
	for i, x := range vx {
		var l0, a0, b0, l1, a1, b1 float64
		if r := ux[i]; fast(x, r) {
			f0, f1, f2 := kc[0]*r, kc[1]*r, kc[2]*r
			l0, a0, b0 = 116*f1-16, 500*(f0-f1), 200*(f1-f2)
		} else {
			l0, a0, b0 = lab(x, r)
		}
		if y, r := vy[i], uy[i]; fast(y, r) {
			f0, f1, f2 := kc[0]*r, kc[1]*r, kc[2]*r
			l1, a1, b1 = 116*f1-16, 500*(f0-f1), 200*(f1-f2)
		} else {
			l1, a1, b1 = lab(y, r)
		}
		z0[i], z1[i], z2[i] = complex(l0, l1), complex(a0, a1), complex(b0, b1)
		r[0].add(a0, b0)
		r[1].add(a1, b1)
	}
	return r
}

// add widens r to hold a and b.
func (r *labRange) add(a, b float64) {
	if a < r.amin {
		r.amin = a
	}
	if a > r.amax {
		r.amax = a
	}
	if b < r.bmin {
		r.bmin = b
	}
	if b > r.bmax {
		r.bmax = b
	}
}

// labF is CIELAB's companding function with PIQ's constants.
func labF(t float64) float64 {
	if t > 0.008856 {
		return math.Cbrt(t)
	}
	return (903.3*t + 16) / 116
}

// linearise is the sRGB transfer function's inverse.
func linearise(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return linTable.at((c + 0.055) / 1.055)
}

// logGabor returns the SDSP log-Gabor filter on the 256² grid in FFT
// order: exp(−ln(r/ω0)²/(2σF²)) for 0 < r ≤ 0.5, 0 elsewhere and at DC,
// divided by 256² (the normalisation of the inverse transform), in the
// spectral layout of plan.
func logGabor(plan *simd.FFT2) []float64 {
	g := make([]float64, salN*salN)
	for i := range salN {
		u := coord(i)
		for j := range salN {
			v := coord(j)
			r := math.Sqrt(u*u + v*v)
			if r > 0.5 || (i == 0 && j == 0) {
				continue
			}
			l := math.Log(r / omega0)
			g[plan.SpecIndex(i, j)] = math.Exp(-l*l/(2*sigmaF*sigmaF)) / (salN * salN)
		}
	}
	return g
}

// coord is the normalised frequency of FFT-ordered index i on the
// 256-sample axis ((c − 128)/256 on the centred grid, rolled by −128).
func coord(i int) float64 {
	c := (i + salN/2) % salN
	return float64(c-salN/2) / salN
}

// locationPrior returns exp(−((i−127)² + (j−127)²)/σD²) on the centred
// 256² grid (PIQ shifts the centre by one sample).
func locationPrior() []float64 {
	p := make([]float64, salN*salN)
	for i := range salN {
		for j := range salN {
			di, dj := float64(i-salN/2+1), float64(j-salN/2+1)
			p[i*salN+j] = math.Exp(-(di*di + dj*dj) / (sigmaD * sigmaD))
		}
	}
	return p
}
