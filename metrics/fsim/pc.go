package fsim

import (
	"math"

	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
	"github.com/fr-metrics/fr-metrics/simd"
)

// The phase congruency filter bank of PIQ's fsim defaults.
const (
	nScales    = 4
	nOrient    = 4
	minLength  = 6    // wavelength of the smallest scale, pixels
	mult       = 2    // wavelength ratio between scales
	sigmaF     = 0.55 // log-Gabor bandwidth ratio
	deltaTheta = 1.2  // orientation spacing / angular σ
	noiseK     = 2.0  // noise threshold in standard deviations
	lpCutoff   = 0.45 // Butterworth low-pass cut-off
	lpOrder    = 15   // its order n (the exponent is 2n)
)

// eps is float64 machine epsilon (torch.finfo(float64).eps).
const eps = 2.220446049250313e-16

// bank is the frequency-domain filter bank for one pooled size, in FFT
// order (DC first) and in the spectral layout of its plan
// (simd.FFT2.SpecIndex), with the noise-threshold terms that depend on the
// filters alone.
type bank struct {
	h, w int
	plan *simd.FFT2
	// filt[o][s] = A_o·LG_s, the filter of orientation o and scale s: the
	// angular Gaussian times the radial log-Gabor (times the low-pass, 0 at
	// DC), divided by H·W (the normalisation of the inverse transform).
	filt [nOrient][nScales][]float64
	// emN[o] = Σ F_{o,0}²; sumAn2[o] = Σ_s Σ a_{o,s}²;
	// sumAiAj[o] = Σ_{s<t} Σ a_{o,s}·a_{o,t}, with
	// a_{o,s} = real(IFFT2(F_{o,s}))·sqrt(H·W).
	emN, sumAn2, sumAiAj [nOrient]float64
}

// gridCoord returns PIQ's normalised frequency coordinate of FFT-ordered
// index i on an axis of n samples: the centred grid
// (c − (n−1)/2)/(n−1) for odd n, (c − n/2)/n for even n, rolled by
// −floor(n/2) (ifftshift).
func gridCoord(i, n int) float64 {
	c := (i + n/2) % n
	if n%2 == 1 {
		return (float64(c) - float64(n-1)/2) / float64(n-1)
	}
	return (float64(c) - float64(n/2)) / float64(n)
}

// newBank builds the filter bank and FFT plan for h×w pictures (h, w ≥ 2).
func newBank(h, w int) *bank {
	n := h * w
	b := &bank{h: h, w: w, plan: simd.NewFFT2(h, w)}
	var lg [nScales][]float64     // radial parts
	var spread [nOrient][]float64 // angular parts
	for s := range lg {
		lg[s] = make([]float64, n)
	}
	for o := range spread {
		spread[o] = make([]float64, n)
	}
	thetaSigma := math.Pi / (nOrient * deltaTheta)
	logSigma2 := 2 * math.Log(sigmaF) * math.Log(sigmaF)
	var cosA, sinA [nOrient]float64
	for o := range cosA {
		a := float64(o) * math.Pi / nOrient
		cosA[o], sinA[o] = math.Cos(a), math.Sin(a)
	}
	for i := 0; i < h; i++ {
		u := gridCoord(i, h)
		for j := 0; j < w; j++ {
			v := gridCoord(j, w)
			k := b.plan.SpecIndex(i, j)
			radius := math.Sqrt(u*u + v*v)
			theta := math.Atan2(-v, u)
			lp := 1 / (1 + math.Pow(radius/lpCutoff, 2*lpOrder))
			if k == 0 {
				radius = 1
			}
			for s := range lg {
				omega0 := 1 / float64(minLength*pow(mult, s))
				l := math.Log(radius / omega0)
				g := math.Exp(-l*l/logSigma2) * lp
				if k == 0 {
					g = 0
				}
				lg[s][k] = g
			}
			sinT, cosT := math.Sin(theta), math.Cos(theta)
			for o := range spread {
				ds := sinT*cosA[o] - cosT*sinA[o]
				dc := cosT*cosA[o] + sinT*sinA[o]
				dt := math.Abs(math.Atan2(ds, dc))
				spread[o][k] = math.Exp(-dt * dt / (2 * thetaSigma * thetaSigma))
			}
		}
	}
	// The real part of IFFT2(F) is IFFT2 of F's even part
	// Fh[k] = (F[k] + F[−k])/2, so by Parseval
	// Σ a_s·a_t = Σ_k Fh_s[k]·Fh_t[k] (the √(H·W) factors cancel the 1/(H·W)).
	var fh [nScales]float64
	for o := range spread {
		sp := spread[o]
		for i := 0; i < h; i++ {
			mi := (h - i) % h
			for j := 0; j < w; j++ {
				k := b.plan.SpecIndex(i, j)
				mk := b.plan.SpecIndex(mi, (w-j)%w)
				f0 := sp[k] * lg[0][k]
				b.emN[o] += f0 * f0
				for s := range fh {
					fh[s] = (sp[k]*lg[s][k] + sp[mk]*lg[s][mk]) / 2
					b.sumAn2[o] += fh[s] * fh[s]
				}
				for s := 0; s < nScales; s++ {
					for t := s + 1; t < nScales; t++ {
						b.sumAiAj[o] += fh[s] * fh[t]
					}
				}
			}
		}
	}
	// Fold the 1/(H·W) of the inverse transform into the radial parts.
	for s := range lg {
		for k := range lg[s] {
			lg[s][k] /= float64(n)
		}
	}
	for o := range b.filt {
		for s := range b.filt[o] {
			f := make([]float64, n)
			for k := range f {
				f[k] = spread[o][k] * lg[s][k]
			}
			b.filt[o][s] = f
		}
	}
	return b
}

func pow(a, e int) int {
	r := 1
	for range e {
		r *= a
	}
	return r
}

// threshold returns the noise threshold T_o of orientation o given the
// lower median of |EO_{o,0}|² over the picture.
func (b *bank) threshold(o int, median float64) float64 {
	meanE2n := -median / math.Log(0.5)
	noisePower := meanE2n / b.emN[o]
	en2 := 2*noisePower*b.sumAn2[o] + 4*noisePower*b.sumAiAj[o]
	tau := math.Sqrt(en2 / 2)
	noiseEnergy := tau * math.Sqrt(math.Pi/2)
	noiseSigma := math.Sqrt((2 - math.Pi/2) * tau * tau)
	return (noiseEnergy + noiseK*noiseSigma) / 1.7
}

// pcState is the scratch of the phase congruency computations.
type pcState struct {
	b       *bank
	plan    *simd.FFT2
	spec    [2][]complex128    // spectra of the two pictures (spectral layout)
	z       []complex128       // y0 + i·y1 for the forward transform
	an      []float64          // Σ_o Σ_s A_{o,s}, column-blocked
	sel     []float64          // |EO_{o,0}|², column-blocked
	eOrient [nOrient][]float64 // E_o before the noise threshold, column-blocked
	thresh  [nOrient]float64   // T_o
	orient  int                // the orientation being filtered
	cand    []float64          // median candidates
	// rowBase[u], rowStride[u]: element (u, v) of the spectral layout is
	// at rowBase[u] + v·rowStride[u].
	rowBase, rowStride []int
	// win[p][o] is the median window of picture p and orientation o,
	// cur the one being gathered into, below and nCand its counts.
	win          [2][nOrient]medianWindow
	cur          *medianWindow
	below, nCand int
	hist         []int32 // histogram of the leading bits of sel
}

func newPCState(b *bank) *pcState {
	n := b.h * b.w
	st := &pcState{
		b:    b,
		plan: b.plan,
		spec: [2][]complex128{make([]complex128, n), make([]complex128, n)},
		an:   make([]float64, n),
		sel:  make([]float64, n),
		cand: make([]float64, n),
		hist: make([]int32, 1<<histBits),
	}
	st.z = make([]complex128, n)
	for o := range st.eOrient {
		st.eOrient[o] = make([]float64, n)
	}
	st.rowBase, st.rowStride = make([]int, b.h), make([]int, b.h)
	for u := range b.h {
		st.rowBase[u] = st.plan.SpecIndex(u, 0)
		st.rowStride[u] = st.plan.SpecIndex(u, min(1, b.w-1)) - st.rowBase[u]
	}
	st.plan.ReserveN(nScales)
	return st
}

// spectra computes the 2-D DFTs of the real h×w arrays y0 and y1 into
// st.spec with one complex transform of y0 + i·y1: with Z that transform,
// Y0[k] = (Z[k] + conj(Z[−k]))/2 and Y1[k] = (Z[k] − conj(Z[−k]))/(2i).
func (st *pcState) spectra(y0, y1 []float64) {
	h, w := st.b.h, st.b.w
	z := st.z
	for k := range z {
		z[k] = complex(y0[k], y1[k])
	}
	s0, s1 := st.spec[0], st.spec[1]
	st.plan.ForwardSpec(s0, z)
	// Frequencies k and −k together. Element (u, v) of the spectral
	// layout is at base[u] + v·stride[u] (simd.FFT2.SpecIndex), so for a
	// fixed v the rows of a panel of 16 are adjacent: the loop runs over
	// them innermost, and over their mirror rows backwards.
	base, stride := st.rowBase, st.rowStride
	for u0 := 0; u0 < h; u0 += 16 {
		u1 := min(u0+16, h)
		for v := range w {
			mv := (w - v) % w
			for u := u0; u < u1; u++ {
				mu := (h - u) % h
				if mu < u || mu == u && mv < v {
					continue // done with its mirror
				}
				k, mk := base[u]+v*stride[u], base[mu]+mv*stride[mu]
				a, c := s0[k], s0[mk] // c = Z[−k]
				// Y0[k] = (a + conj(c))/2, Y1[k] = (a − conj(c))/(2i);
				// Y0[−k] = conj(Y0[k]), Y1[−k] = conj(Y1[k]).
				y0k := complex((real(a)+real(c))/2, (imag(a)-imag(c))/2)
				y1k := complex((imag(a)+imag(c))/2, (real(c)-real(a))/2)
				s0[k], s1[k] = y0k, y1k
				s0[mk], s1[mk] = cmplxConj(y0k), cmplxConj(y1k)
			}
		}
	}
}

func cmplxConj(z complex128) complex128 { return complex(real(z), -imag(z)) }

// phaseCongruency writes the phase congruency map of picture p (0 or 1)
// whose spectrum (spectral layout) is spec into pc (row-major). The
// filter responses come in the column-blocked layout of
// simd.FFT2.BackwardSpecMul; every step up to the final map is
// pointwise (or a median), so it runs in that layout.
//
// The threshold T_o of orientation o is known only once all of E_o is,
// so the four E_o are kept and thresholded together in the pass that
// writes the map.
func (st *pcState) phaseCongruency(pc []float64, spec []complex128, p int) {
	b := st.b
	for o := 0; o < nOrient; o++ {
		// The four responses of orientation o come panel by panel to
		// VisitPanel, which fills eOrient[o], an and sel and gathers the
		// median candidates.
		st.orient = o
		st.cur, st.below, st.nCand = &st.win[p][o], 0, 0
		st.plan.BackwardSpecMulN(spec, b.filt[o][:], st)
		st.thresh[o] = b.threshold(o, st.median())
	}
	// The map in the blocked layout (into sel, free now), then in the
	// row-major pc.
	e := &st.eOrient
	simd.FSIMPhaseCongruency(st.sel, st.an, e[0], e[1], e[2], e[3], &st.thresh, eps)
	st.plan.Unblock(pc, st.sel)
}

// VisitPanel computes the phase congruency terms of one panel of columns
// from its four scale responses (simd.PanelVisitor) and gathers the
// panel's median candidates.
func (st *pcState) VisitPanel(x0, b int, panels [][]complex128) {
	lo, hi := x0*st.b.h, (x0+b)*st.b.h
	an := st.an[lo:hi]
	if st.orient == 0 {
		clear(an)
	}
	simd.FSIMEnergy(st.eOrient[st.orient][lo:hi], an, st.sel[lo:hi], panels[0], panels[1], panels[2], panels[3], eps)
	if st.cur.ok {
		st.gather(st.sel[lo:hi])
	}
}

// A medianWindow is a range of values expected to hold the lower median
// of |EO_{o,0}|² of one picture and orientation: the previous frame's
// median ± delta (relative). While the responses are visited, the values
// below the window are counted and those inside gathered, with the data
// in cache; if the median's rank falls among the gathered values, a
// selection over them alone gives it. Otherwise lowerMedian reads the
// whole map. Either way the median is exact.
type medianWindow struct {
	ok     bool
	lo, hi float64
	delta  float64
}

// Window widths: the first, the narrowest and the widest, and the share
// of the values a window should gather at most before it is narrowed.
const (
	windowDelta0   = 1.0 / 16
	windowDeltaMin = 1.0 / 1024
	windowDeltaMax = 1
	windowShare    = 0.03
)

// gather counts the values of a below the current window and appends
// those inside it to the candidates (simd.RangeFilterF64; its sum of the
// values below is not needed).
func (st *pcState) gather(a []float64) {
	kept, below, _ := simd.RangeFilterF64(st.cand[st.nCand:], a, st.cur.lo, st.cur.hi)
	st.below += below
	st.nCand += kept
}

// median returns the lower median of st.sel, from the gathered
// candidates when they hold it, and sets the current window for the next
// frame around it.
func (st *pcState) median() float64 {
	w := st.cur
	n := len(st.sel)
	k := (n - 1) / 2
	var med float64
	if w.ok && st.below <= k && k < st.below+st.nCand {
		med = f64.Select(st.cand[:st.nCand], k-st.below)
		if float64(st.nCand) > windowShare*float64(n) {
			w.delta = max(w.delta/2, windowDeltaMin)
		}
	} else {
		med = st.lowerMedian(st.sel)
		if w.ok {
			w.delta = min(max(4*w.delta, windowDelta0), windowDeltaMax)
		} else {
			w.delta = windowDelta0
		}
	}
	w.lo, w.hi = med*(1-w.delta), med*(1+w.delta)
	w.ok = w.hi <= math.MaxFloat64 // not NaN or infinite
	return med
}

// histBits is the number of leading bits of a float64 (sign, exponent and
// the first mantissa bit) that lowerMedian buckets by first; hist2Bits
// the number of following bits it buckets the first bucket's values by.
const (
	histBits  = 13
	hist2Bits = 11
)

// lowerMedian returns the lower median of a (the element of rank
// (n−1)/2 counting from 0, as torch.median) without reordering it. The
// values are non-negative (or NaN), so their IEEE bit patterns sort as
// the numbers do: a histogram of the leading bits finds the bucket that
// holds the median, a histogram of the next bits narrows it down, and
// only the values left go through a selection.
func (st *pcState) lowerMedian(a []float64) float64 {
	const shift = 64 - histBits
	hist := st.hist
	clear(hist)
	for _, v := range a {
		hist[math.Float64bits(v)>>shift]++
	}
	k := (len(a) - 1) / 2
	bucket := uint64(0)
	for i, c := range hist {
		if k < int(c) {
			bucket = uint64(i)
			break
		}
		k -= int(c)
	}
	// Branch-free compaction: the test is true for a large, unpredictable
	// share of the values.
	cand := st.cand[:len(a)]
	m := 0
	for _, v := range a {
		cand[m] = v
		inc := 0
		if math.Float64bits(v)>>shift == bucket {
			inc = 1
		}
		m += inc
	}
	cand = cand[:m]
	const shift2, mask2 = shift - hist2Bits, 1<<hist2Bits - 1
	hist = hist[:1<<hist2Bits]
	clear(hist)
	for _, v := range cand {
		hist[math.Float64bits(v)>>shift2&mask2]++
	}
	for i, c := range hist {
		if k < int(c) {
			bucket = uint64(i)
			break
		}
		k -= int(c)
	}
	m = 0
	for _, v := range cand {
		cand[m] = v
		inc := 0
		if math.Float64bits(v)>>shift2&mask2 == bucket {
			inc = 1
		}
		m += inc
	}
	return f64.Select(cand[:m], k)
}
