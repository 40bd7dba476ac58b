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

// band is a sparse matrix stored as k consecutive weights per output:
// output j is the sum of wt[j·k+q]·src[first[j]+q], q = 0..k−1.
type band struct {
	k     int
	first []int
	wt    []float64
}

// newBand returns s as a band of width at least minK, wide enough for
// every output. Outputs whose weights would run past the last source
// sample start earlier; the added weights are zero, and adding the
// zero products in order leaves every sum of s unchanged.
func newBand(s sparse, minK int) band {
	n := len(s.start) - 1
	b := band{k: minK, first: make([]int, n)}
	for j := range n {
		if lo, hi := s.start[j], s.start[j+1]; hi > lo {
			b.k = max(b.k, s.idx[hi-1]-s.idx[lo]+1)
		}
	}
	b.wt = make([]float64, n*b.k)
	for j := range n {
		lo, hi := s.start[j], s.start[j+1]
		if hi == lo {
			continue
		}
		b.first[j] = max(min(s.idx[lo], salN-b.k), 0)
		for q := lo; q < hi; q++ {
			b.wt[j*b.k+s.idx[q]-b.first[j]] = s.wt[q]
		}
	}
	return b
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

// resizeDown resamples plane p (times scale) to 256×256 with the weights
// of downWeights into dst.
func resizeDown(dst []float64, p frame.Plane, w [2]linear, scale float64) {
	wy, wx := w[0], w[1]
	for y := range salN {
		r0, r1 := p.Row(wy.i0[y]), p.Row(wy.i1[y])
		h0, h1 := wy.l0[y], wy.l1[y]
		d := dst[y*salN : (y+1)*salN]
		if scale == 1 {
			// The same sums without the multiplications by 1.
			for x := range d {
				a, b := wx.i0[x], wx.i1[x]
				w0, w1 := wx.l0[x], wx.l1[x]
				d[x] = h0*(w0*float64(r0[a])+w1*float64(r0[b])) +
					h1*(w0*float64(r1[a])+w1*float64(r1[b]))
			}
			continue
		}
		for x := range d {
			a, b := wx.i0[x], wx.i1[x]
			w0, w1 := wx.l0[x], wx.l1[x]
			d[x] = h0*(w0*float64(r0[a])*scale+w1*float64(r0[b])*scale) +
				h1*(w0*float64(r1[a])*scale+w1*float64(r1[b])*scale)
		}
	}
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

// toLabGray converts byte-scale gray (R = G = B = v) to CIELAB. Then
// X, Y, Z are k_c·lin(v) and, above the threshold of labF,
// cbrt(k_c·lin(v)) = cbrt(k_c)·u^0.8 with u = (v/255 + 0.055)/1.055, so one
// power per sample does.
func toLabGray(lab [3][]float64, v []float64) {
	var k, kc [3]float64
	for c := range k {
		k[c] = (rgbToXYZ[c][0] + rgbToXYZ[c][1] + rgbToXYZ[c][2]) / whiteD50[c]
		kc[c] = math.Cbrt(k[c])
	}
	// u^0.8 of every sample first, in lab[0]; dark samples, which take
	// the linear segment, get the placeholder 1.
	u := lab[0][:len(v)]
	for i, x := range v {
		u[i] = 1
		if c := x / 255; c > 0.04045 {
			u[i] = (c + 0.055) / 1.055
		}
	}
	rootTable.powers(u)
	var f [3]float64
	for i, x := range v {
		c := x / 255
		var lin, root float64 // lin(v) and its cube root
		if c <= 0.04045 {
			lin = c / 12.92
			root = math.Cbrt(lin)
		} else {
			root = u[i]
			lin = root * root * root
		}
		for ch := range f {
			if t := k[ch] * lin; t > 0.008856 {
				f[ch] = kc[ch] * root
			} else {
				f[ch] = (903.3*t + 16) / 116
			}
		}
		lab[0][i] = 116*f[1] - 16
		lab[1][i] = 500 * (f[0] - f[1])
		lab[2][i] = 200 * (f[1] - f[2])
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
