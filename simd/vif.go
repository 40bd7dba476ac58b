package simd

import "fmt"

// This file holds the exported kernels of the vif family: float64
// versions of the separable-filter passes that VIF-p needs, where float32
// moments would lose the small variances its thresholds test. Each checks
// its slice lengths and hands the work to the level chosen at start-up
// (vif_amd64.go or vif_other.go).

// MomentsVF64 is the vertical pass of a separable window over two images
// in float64: from len(taps) rows of x and y (row k starting at
// x[k*stride] and y[k*stride]) it produces the five filtered moment rows
// in one sweep over memory:
//
//	for j := range mx {
//		for k, t := range taps {
//			a, b := x[k*stride+j], y[k*stride+j]
//			ta, tb := t*a, t*b
//			mx[j] += ta; my[j] += tb
//			mxx[j] += ta*a; myy[j] += tb*b; mxy[j] += ta*b
//		}
//	}
//
// (the outputs are overwritten, not accumulated). All five outputs have
// len(mx) samples; x and y must hold (len(taps)-1)*stride+len(mx).
func MomentsVF64(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	n := len(mx)
	if n == 0 {
		return
	}
	need := (len(taps)-1)*stride + n
	if len(taps) == 0 || stride < n || len(my) < n || len(mxx) < n || len(myy) < n || len(mxy) < n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: MomentsVF64: bad lengths (n=%d stride=%d taps=%d x=%d y=%d)", n, stride, len(taps), len(x), len(y)))
	}
	momentsVF64(mx, my[:n], mxx[:n], myy[:n], mxy[:n], x, y, stride, taps)
}

// MeansVF64 is the part of MomentsVF64 that filters the images only: it
// writes the mx and my that MomentsVF64 would (identical to the bit),
// without the second moments. x and y must hold
// (len(taps)-1)*stride+len(mx) samples, my len(mx).
func MeansVF64(mx, my, x, y []float64, stride int, taps []float64) {
	n := len(mx)
	if n == 0 {
		return
	}
	need := (len(taps)-1)*stride + n
	if len(taps) == 0 || stride < n || len(my) < n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: MeansVF64: bad lengths (n=%d stride=%d taps=%d x=%d y=%d)", n, stride, len(taps), len(x), len(y)))
	}
	meansVF64(mx, my[:n], x, y, stride, taps)
}

// MomentsVF64Pair is MomentsVF64 for two consecutive output rows in one
// sweep: each input row is loaded once for both, which halves the memory
// traffic of the vertical pass. Each output holds 2n samples, n =
// len(mx)/2: [0, n) is MomentsVF64 of the rows starting at x and y,
// [n, 2n) that of the rows starting one stride further (both identical
// to what MomentsVF64 computes). x and y must hold
// len(taps)*stride+n samples.
func MomentsVF64Pair(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	n := len(mx) / 2
	if n == 0 {
		return
	}
	need := len(taps)*stride + n
	if len(mx) != 2*n || len(taps) == 0 || stride < n || len(my) < 2*n || len(mxx) < 2*n || len(myy) < 2*n || len(mxy) < 2*n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: MomentsVF64Pair: bad lengths (2n=%d stride=%d taps=%d x=%d y=%d)", len(mx), stride, len(taps), len(x), len(y)))
	}
	momentsVF64Pair(mx, my[:2*n], mxx[:2*n], myy[:2*n], mxy[:2*n], x, y, stride, taps)
}

// MomentsVF64Quad is MomentsVF64 for four consecutive output rows in one
// sweep, like MomentsVF64Pair: each input row is loaded once for all
// four. Each output holds 4n samples, n = len(mx)/4: [r·n, (r+1)·n) is
// MomentsVF64 of the rows starting r strides into x and y (identical to
// what MomentsVF64 computes). x and y must hold (len(taps)+2)*stride+n
// samples.
func MomentsVF64Quad(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	n := len(mx) / 4
	if n == 0 {
		return
	}
	need := (len(taps)+2)*stride + n
	if len(mx) != 4*n || len(taps) == 0 || stride < n || len(my) < 4*n || len(mxx) < 4*n || len(myy) < 4*n || len(mxy) < 4*n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: MomentsVF64Quad: bad lengths (4n=%d stride=%d taps=%d x=%d y=%d)", len(mx), stride, len(taps), len(x), len(y)))
	}
	momentsVF64Quad(mx, my[:4*n], mxx[:4*n], myy[:4*n], mxy[:4*n], x, y, stride, taps)
}

// ConvRowValidF64 computes the "valid" cross-correlation of src with taps
// in float64:
//
//	for i := range dst {
//		var s float64
//		for k, t := range taps {
//			s += t * src[i+k]
//		}
//		dst[i] = s
//	}
//
// src must hold at least len(dst)+len(taps)-1 samples.
func ConvRowValidF64(dst, src, taps []float64) {
	if len(dst) == 0 {
		return
	}
	if len(taps) == 0 || len(src) < len(dst)+len(taps)-1 {
		panic(fmt.Sprintf("simd: ConvRowValidF64: len(src)=%d < len(dst)+len(taps)-1=%d+%d-1", len(src), len(dst), len(taps)))
	}
	convRowValidF64(dst, src, taps)
}

// VifFactors computes the per-pixel factors of VIF-p's two sums from the
// window means and raw second moments of x (distorted) and y (reference),
// with PIQ's clamps, in float64. PIQ's steps are
//
//	sx, sy := max(exx-a*a, 0), max(eyy-b*b, 0)   (a, b = mx[i], my[i])
//	sxy := exy - a*b
//	g := sxy / (sy + eps)
//	sv := sx - g*sxy
//	if sy < eps { g, sv, sy = 0, sx, 0 }
//	if sx < eps { g, sv = 0, 0 }
//	if g < 0 { sv, g = sx, 0 }
//	sv = max(sv, eps)
//	fn[i] = 1 + g*g*sy/(sv+sn2)
//	fd[i] = 1 + sy/sn2
//
// With d = sy+eps > 0, g > 0 exactly when sxy > 0, and
// g²·sy/(max(sx−g·sxy, eps)+sn2) = sxy²·sy / (d·(max(sx·d−sxy², eps·d)+sn2·d)),
// so the kernel computes them with one division instead of two:
//
//	for i := range fn {
//		sx, sy, sxy as above
//		if sy < eps { sy = 0 }
//		fn[i] = 1
//		if sy > 0 && sx >= eps && sxy > 0 {
//			d := sy + eps
//			p := sxy * sxy
//			q := max(sx*d-p, eps*d) + sn2*d
//			fn[i] = 1 + p*sy/(d*q)
//		}
//		fd[i] = 1 + sy*(1/sn2)
//	}
//
// (1/sn2 is computed once; with sn2 a power of two, as VIF-p's 2 is,
// sy*(1/sn2) equals sy/sn2 exactly.) Products are rounded before they are
// added (no FMA). VIF-p's sums are Σ log10(fn) and Σ log10(fd). Every
// slice must hold len(fn) samples.
func VifFactors(fn, fd, mx, my, exx, eyy, exy []float64, eps, sn2 float64) {
	n := len(fn)
	if len(fd) < n || len(mx) < n || len(my) < n || len(exx) < n || len(eyy) < n || len(exy) < n {
		panic(fmt.Sprintf("simd: VifFactors: bad lengths (n=%d)", n))
	}
	vifFactors(fn, fd[:n], mx[:n], my[:n], exx[:n], eyy[:n], exy[:n], eps, sn2)
}

// ScaleF32ToF64 widens float32 samples to float64 and scales them:
//
//	for i := range dst {
//		dst[i] = float64(src[i]) * k
//	}
//
// src must hold len(dst) samples.
func ScaleF32ToF64(dst []float64, src []float32, k float64) {
	if len(src) < len(dst) {
		panic(fmt.Sprintf("simd: ScaleF32ToF64: len(src)=%d < len(dst)=%d", len(src), len(dst)))
	}
	scaleF32ToF64(dst, src[:len(dst)], k)
}
