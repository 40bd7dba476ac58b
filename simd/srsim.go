package simd

import (
	"fmt"
	"math"
)

// This file holds the exported kernels of the srsim family: SR-SIM's
// Scharr gradients and similarity sums, and the resampling steps of its
// saliency map.

// ScharrRowF64 computes one row of the Scharr gradient magnitude from the
// rows above (u), at (m) and below (d) it; output j is centred on input
// column j+1:
//
//	for j := range dst {
//		gx := (3*(u[j+2]-u[j]) + 10*(m[j+2]-m[j]) + 3*(d[j+2]-d[j])) / 16
//		gy := (3*(d[j]-u[j]) + 10*(d[j+1]-u[j+1]) + 3*(d[j+2]-u[j+2])) / 16
//		dst[j] = math.Sqrt(gx*gx + gy*gy)
//	}
//
// Products are rounded before they are added, so every level gives the
// same bits. u, m and d must hold len(dst)+2 samples.
func ScharrRowF64(dst, u, m, d []float64) {
	n := len(dst)
	if n == 0 {
		return
	}
	if len(u) < n+2 || len(m) < n+2 || len(d) < n+2 {
		panic(fmt.Sprintf("simd: ScharrRowF64: an input row is shorter than len(dst)+2=%d", n+2))
	}
	scharrRowF64(dst, u[:n+2], m[:n+2], d[:n+2])
}

// ResizeVertF32 computes one output row of a separable resampling step in
// float32: the weighted sum of the source rows starting at src[offs[k]],
// with PyTorch's order of additions for a sum cut in two (the first cut
// taps, then the rest, added to the first):
//
//	for j := range dst {
//		var a, b float32
//		for k := range w {
//			p := float32(src[offs[k]+j] * w[k]) // rounded, never fused
//			if k < cut {
//				a += p
//			} else {
//				b += p
//			}
//		}
//		if len(w) > cut {
//			a = b + a
//		}
//		dst[j] = a
//	}
//
// Every level gives the same bits. offs must hold len(w) offsets, each
// with offs[k]+len(dst) ≤ len(src), and 0 ≤ cut.
func ResizeVertF32(dst, src []float32, offs []int, w []float32, cut int) {
	if len(offs) < len(w) || cut < 0 {
		panic(fmt.Sprintf("simd: ResizeVertF32: %d offsets for %d taps, cut %d", len(offs), len(w), cut))
	}
	for k, o := range offs[:len(w)] {
		if o < 0 || o+len(dst) > len(src) {
			panic(fmt.Sprintf("simd: ResizeVertF32: tap %d reads src[%d:%d] of %d samples", k, o, o+len(dst), len(src)))
		}
	}
	resizeVertF32(dst, src, offs[:len(w)], w, min(cut, len(w)))
}

// ResizeTaps is one resampling step along a row, prepared once: output c
// is the weighted sum of taps source samples, src[idx[c·taps+k]] times
// w[c·taps+k] for k < taps, with the order of additions of
// ResizeVertF32 (the first cut taps, then the rest, added to the first).
// Its indices are checked when it is made, so Apply only checks lengths.
type ResizeTaps struct {
	out, taps, cut int
	minSrc         int       // 1 + the largest index
	idx            []int32   // tap k of output c at [k*out+c]
	w              []float32 // likewise
	// Groups of 16 outputs whose taps all lie in 16 consecutive samples
	// load those once and permute them (AVX-512): win[g] is the first
	// sample for outputs 16g … 16g+15, or -1, and rel the indices from it.
	win, rel []int32
}

// NewResizeTaps prepares out outputs of len(w)/out taps each from the
// indices and weights of every output in turn (output c at
// [c·taps : (c+1)·taps]). It panics on a negative index or when len(idx)
// and len(w) are not out·taps.
func NewResizeTaps(out int, idx []int, w []float32, cut int) *ResizeTaps {
	if out <= 0 || len(w)%out != 0 || len(idx) != len(w) || cut < 0 {
		panic(fmt.Sprintf("simd: NewResizeTaps: %d outputs, %d indices, %d weights, cut %d", out, len(idx), len(w), cut))
	}
	taps := len(w) / out
	r := &ResizeTaps{out: out, taps: taps, cut: min(cut, taps), idx: make([]int32, len(idx)), w: make([]float32, len(w))}
	for c := range out {
		for k := range taps {
			j := idx[c*taps+k]
			if j < 0 || j > math.MaxInt32-1 {
				panic(fmt.Sprintf("simd: NewResizeTaps: index %d out of range", j))
			}
			r.minSrc = max(r.minSrc, j+1)
			r.idx[k*out+c] = int32(j)
			r.w[k*out+c] = w[c*taps+k]
		}
	}
	const group = 16
	r.win, r.rel = make([]int32, out/group), make([]int32, len(idx))
	for g := range r.win {
		lo, hi := r.minSrc, 0
		for k := range taps {
			for _, j := range r.idx[k*out+g*group : k*out+(g+1)*group] {
				lo, hi = min(lo, int(j)), max(hi, int(j))
			}
		}
		r.win[g] = -1
		if hi-lo < group && lo+group <= r.minSrc {
			r.win[g] = int32(lo)
			for k := range taps {
				for c := g * group; c < (g+1)*group; c++ {
					r.rel[k*out+c] = r.idx[k*out+c] - int32(lo)
				}
			}
		}
	}
	return r
}

// Apply writes the outputs into dst from the source row src:
//
//	for c := range dst {
//		var a, b float32
//		for k := range taps {
//			p := float32(src[idx[c*taps+k]] * w[c*taps+k]) // rounded, never fused
//			if k < cut {
//				a += p
//			} else {
//				b += p
//			}
//		}
//		if taps > cut {
//			a = b + a
//		}
//		dst[c] = a
//	}
//
// Every level gives the same bits. dst must hold the outputs and src
// every sample an index names.
func (r *ResizeTaps) Apply(dst, src []float32) {
	if len(dst) < r.out || len(src) < r.minSrc {
		panic(fmt.Sprintf("simd: ResizeTaps.Apply: len(dst)=%d for %d outputs, len(src)=%d for index %d", len(dst), r.out, len(src), r.minSrc-1))
	}
	resizeHorizF32(dst[:r.out], src, r)
}

// NarrowF64ToF32 rounds float64 samples to float32:
//
//	for i := range dst {
//		dst[i] = float32(src[i])
//	}
//
// src must hold len(dst) samples.
func NarrowF64ToF32(dst []float32, src []float64) {
	if len(src) < len(dst) {
		panic(fmt.Sprintf("simd: NarrowF64ToF32: len(src)=%d < len(dst)=%d", len(src), len(dst)))
	}
	narrowF64ToF32(dst, src[:len(dst)])
}

// SRSIMRowF64 returns SR-SIM's two sums over one row, computing the
// Scharr gradients of both luma planes on the way (see ScharrRowF64;
// output i is centred on input column i+1 of the rows above (u), at (m)
// and below (d), and vx[i], vy[i] are the saliencies there):
//
//	for i := range vx {
//		mx := gx² + gy² of x at column i+1 // before the square root
//		my := gx² + gy² of y at column i+1
//		ng, dg := 2*math.Sqrt(mx*my)+cg, mx+my+cg
//		nv, dv := 2*vx[i]*vy[i]+cv, vx[i]*vx[i]+vy[i]*vy[i]+cv
//		vm := vy[i]
//		if vx[i] > vy[i] {
//			vm = vx[i]
//		}
//		num += math.Sqrt((nv*nv*ng)/(dv*dv*dg)) * vm
//		den += vm
//	}
//
// which is S(Vx, Vy; cv)·S(Gx, Gy; cg)^½·max(Vx, Vy) with one division and
// two square roots. The sums are accumulated in vector lanes, so their
// rounding depends on the level. vy must hold len(vx) samples and the
// other rows len(vx)+2.
func SRSIMRowF64(vx, vy, xu, xm, xd, yu, ym, yd []float64, cv, cg float64) (num, den float64) {
	n := len(vx)
	if n == 0 {
		return 0, 0
	}
	if len(vy) < n {
		panic(fmt.Sprintf("simd: SRSIMRowF64: len(vy)=%d < len(vx)=%d", len(vy), n))
	}
	for i, s := range [][]float64{xu, xm, xd, yu, ym, yd} {
		if len(s) < n+2 {
			panic(fmt.Sprintf("simd: SRSIMRowF64: row %d has %d samples, want len(vx)+2=%d", i, len(s), n+2))
		}
	}
	return srsimRowF64(vx, vy[:n], xu[:n+2], xm[:n+2], xd[:n+2], yu[:n+2], ym[:n+2], yd[:n+2], cv, cg)
}
