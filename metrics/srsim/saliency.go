package srsim

import (
	"math"
	"math/cmplx"

	"github.com/fr-metrics/fr-metrics/simd"
)

// Parameters of the spectral-residual saliency (PIQ defaults).
const (
	salScale   = 0.25 // the image is shrunk by this factor first
	avgSize    = 3    // box filter of the log amplitude
	gaussSize  = 10   // Gaussian smoothing of the saliency map
	gaussSigma = 3.8
	minSide    = 40 // gaussSize/salScale: smaller pooled sides are refused
)

// saliency computes the spectral-residual visual saliency (Hou and Zhang,
// CVPR 2007) of an h×w luma image at a fixed size, with all its buffers
// and its FFT plan allocated once.
type saliency struct {
	h, w   int // input (pooled luma) size
	sh, sw int // shrunk size
	down   *resize2D
	up     *resize2D
	fft    *simd.FFT2
	g      [gaussSize]float64 // normalised 1-D Gaussian; the window is g⊗g

	in32  []float32    // input as float32
	small []float32    // shrunk image, sh×sw
	spec  []complex128 // spectrum, sh×sw
	la    []float64    // log amplitude, sh×sw
	sal   []float64    // saliency, sh×sw
	tmp   []float64    // scratch, sh×sw
	pad   []float64    // one row of sal with a zero border for smooth, sw+gaussSize-1
	sal32 []float32    // normalised saliency as float32, sh×sw
}

func newSaliency(h, w int) *saliency {
	s := &saliency{h: h, w: w}
	s.sh, s.sw = int(math.Ceil(float64(h)*salScale)), int(math.Ceil(float64(w)*salScale))
	s.down = newResize2D(h, w, s.sh, s.sw, salScale, salScale)
	s.up = newResize2D(s.sh, s.sw, h, w, float64(h)/float64(s.sh), float64(w)/float64(s.sw))
	s.fft = simd.NewFFT2(s.sh, s.sw)
	var sum float64
	for i := range s.g {
		t := float64(i) - float64(gaussSize-1)/2
		s.g[i] = math.Exp(-t * t / (2 * gaussSigma * gaussSigma))
		sum += s.g[i]
	}
	for i := range s.g {
		s.g[i] /= sum
	}
	n := s.sh * s.sw
	s.in32 = make([]float32, h*w)
	s.small = make([]float32, n)
	s.spec = make([]complex128, n)
	s.la = make([]float64, n)
	s.sal = make([]float64, n)
	s.tmp = make([]float64, n)
	s.pad = make([]float64, s.sw+gaussSize-1)
	s.sal32 = make([]float32, n)
	return s
}

// compute writes the saliency map of lum (h×w, row-major) into dst.
func (s *saliency) compute(dst, lum []float64) {
	simd.NarrowF64ToF32(s.in32, lum)
	s.down.apply(s.small, s.in32)
	for i, v := range s.small {
		s.spec[i] = complex(float64(v), 0)
	}
	s.fft.Forward(s.spec)
	const eps = 0x1p-52
	for i, c := range s.spec {
		a := cmplx.Abs(c)
		s.tmp[i] = a
		s.la[i] = math.Log(a + eps)
	}
	// Spectral residual: log amplitude minus its 3×3 mean (edges replicated),
	// recombined with the phase: exp(residual)·c/|c|.
	sh, sw := s.sh, s.sw
	la := s.la
	for r := range sh {
		u, d := max(r-1, 0), min(r+1, sh-1)
		lu, lr, ld := la[u*sw:(u+1)*sw], la[r*sw:(r+1)*sw], la[d*sw:(d+1)*sw]
		spec, abs := s.spec[r*sw:(r+1)*sw], s.tmp[r*sw:(r+1)*sw]
		for c := range sw {
			l, rr := max(c-1, 0), min(c+1, sw-1)
			m := lu[l] + lu[c] + lu[rr] +
				lr[l] + lr[c] + lr[rr] +
				ld[l] + ld[c] + ld[rr]
			e := math.Exp(lr[c] - m/9)
			if a := abs[c]; a > 0 {
				f := e / a
				spec[c] = complex(real(spec[c])*f, imag(spec[c])*f)
			} else { // ±0: the phase as atan2 gives it
				ph := math.Atan2(imag(spec[c]), real(spec[c]))
				spec[c] = complex(e*math.Cos(ph), e*math.Sin(ph))
			}
		}
	}
	// Backward is unnormalised: divide by sh·sw for the inverse DFT.
	s.fft.Backward(s.spec)
	inv := 1 / float64(sh*sw)
	for i, c := range s.spec {
		a := cmplx.Abs(c) * inv
		s.sal[i] = a * a
	}
	s.smooth()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range s.sal {
		lo = min(lo, v)
		hi = max(hi, v)
	}
	for i, v := range s.sal {
		s.sal32[i] = float32((v - lo) / (hi - lo + eps))
	}
	s.up.applyF64(dst, s.sal32)
}

// smooth filters s.sal with the 10×10 Gaussian placed as MATLAB places an
// even kernel: output (i, j) weighs input rows i−4…i+5 and columns j−4…j+5,
// with zeros outside. Each sum adds its products in tap order (the zeros
// outside add nothing).
func (s *saliency) smooth() {
	sh, sw := s.sh, s.sw
	const lo = gaussSize/2 - 1 // 4
	g := &s.g
	// Columns, through a row with a zero border.
	pad := s.pad
	for r := range sh {
		copy(pad[lo:lo+sw], s.sal[r*sw:(r+1)*sw])
		out := s.tmp[r*sw : (r+1)*sw]
		for c := range out {
			x := pad[c : c+gaussSize : c+gaussSize]
			out[c] = g[0]*x[0] + g[1]*x[1] + g[2]*x[2] + g[3]*x[3] + g[4]*x[4] +
				g[5]*x[5] + g[6]*x[6] + g[7]*x[7] + g[8]*x[8] + g[9]*x[9]
		}
	}
	// Rows: whole rows scaled and added in tap order.
	for r := range sh {
		out := s.sal[r*sw : (r+1)*sw]
		clear(out)
		for k, gk := range g {
			rr := r - lo + k
			if rr < 0 || rr >= sh {
				continue
			}
			row := s.tmp[rr*sw : (rr+1)*sw]
			row = row[:len(out)]
			for c := range out {
				out[c] += gk * row[c]
			}
		}
	}
}
