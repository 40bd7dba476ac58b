package simd

import (
	"fmt"
	"math"
)

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
//			mx[j] = math.FMA(t, a, mx[j]); my[j] = math.FMA(t, b, my[j])
//			mxx[j] = math.FMA(t, a*a, mxx[j])
//			myy[j] = math.FMA(t, b*b, myy[j])
//			mxy[j] = math.FMA(t, a*b, mxy[j])
//		}
//	}
//
// (the outputs are overwritten, not accumulated; the products a*a, b*b,
// a*b are rounded, then fused with the tap). All five outputs have
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

// ConvRowValid2F64 is ConvRowValidF64 of two rows with the same taps:
// dst0 from src0 and dst1 from src1, with results identical to two calls.
// Filtering two rows at once keeps twice as many independent sums going,
// which the AVX-512 kernel for 17 symmetric taps (VIF-p's finest window)
// turns into speed.
func ConvRowValid2F64(dst0, dst1, src0, src1, taps []float64) {
	if len(dst0) == 0 && len(dst1) == 0 {
		return
	}
	n := len(dst0)
	if len(dst1) != n || len(taps) == 0 || len(src0) < n+len(taps)-1 || len(src1) < n+len(taps)-1 {
		panic(fmt.Sprintf("simd: ConvRowValid2F64: bad lengths (dst %d and %d, src %d and %d, taps %d)", len(dst0), len(dst1), len(src0), len(src1), len(taps)))
	}
	convRowValid2F64(dst0, dst1, src0, src1, taps)
}

// symmetric reports whether taps read the same from both ends.
func symmetric(taps []float64) bool {
	for i, j := 0, len(taps)-1; i < j; i, j = i+1, j-1 {
		if taps[i] != taps[j] {
			return false
		}
	}
	return true
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

// VifSums accumulates VIF-p's two sums of logarithms, Σ log10(fn) and
// Σ log10(fd), without one logarithm per pixel: it holds products of
// factors, each split exactly into a mantissa in [1, 2) and a binary
// exponent (summed as a float64 integer), over 8 lanes. Group g of 8
// elements, g = 0 … 5, holds: 0, 1 the mantissas and exponents of the
// products of the numerator factors' tops, 2, 3 those of their bottoms
// (fn = top/bot, so that no division is needed), 4, 5 those of fd. A
// kernel may use any lanes. The zero value is not ready: call Reset.
type VifSums [48]float64

// Reset sets every product to 1.
func (s *VifSums) Reset() {
	*s = VifSums{}
	for _, g := range []int{0, 2, 4} {
		for l := range 8 {
			s[8*g+l] = 1
		}
	}
}

// Log10 returns the sums of logarithms accumulated since Reset:
// num = Σ log10(fn), den = Σ log10(fd).
func (s *VifSums) Log10() (num, den float64) {
	// Exponents are integers: their sums are exact, and the difference of
	// the numerator's two is taken before any rounding.
	var e, m, ed, md float64
	for l := range 8 {
		e += s[8+l] - s[24+l]
		m += math.Log2(s[l]) - math.Log2(s[16+l])
		ed += s[40+l]
		md += math.Log2(s[32+l])
	}
	return (e + m) * math.Log10(2), (ed + md) * math.Log10(2)
}

// VifLogFactors adds the logarithms of VIF-p's per-pixel factors to s,
// from the window means (mx, my) and raw second moments (exx, eyy, exy) of
// x (distorted) and y (reference). PIQ's steps for the factors are
//
//	sx, sy := max(exx-a*a, 0), max(eyy-b*b, 0)   (a, b = mx[i], my[i])
//	sxy := exy - a*b
//	g := sxy / (sy + eps)
//	sv := sx - g*sxy
//	if sy < eps { g, sv, sy = 0, sx, 0 }
//	if sx < eps { g, sv = 0, 0 }
//	if g < 0 { sv, g = sx, 0 }
//	sv = max(sv, eps)
//	fn = 1 + g*g*sy/(sv+sn2)
//	fd = 1 + sy/sn2
//
// and VIF-p's sums are Σ log10(fn) and Σ log10(fd). With d = sy+eps > 0,
// g > 0 exactly when sxy > 0, and
// g²·sy/(max(sx−g·sxy, eps)+sn2) = sxy²·sy / (d·(max(sx·d−sxy², eps·d)+sn2·d)),
// so the kernel computes fn as a ratio top/bot, with fused operations and
// no division (where fn is 1, p is 0 and top equals bot; sx is not clamped
// at 0, which only changes bot there):
//
//	for i := range mx {
//		a, b := mx[i], my[i]
//		sx := math.FMA(-a, a, exx[i])
//		sy := math.FMA(-b, b, eyy[i])
//		sxy := math.FMA(-a, b, exy[i])
//		if !(sy >= eps) { sy = 0 }
//		p := 0.0
//		if sy > 0 && sx >= eps && sxy > 0 { p = sxy * sxy }
//		d := sy + eps
//		q := math.FMA(sn2, d, max(math.FMA(sx, d, -p), eps*d))
//		bot := d * q
//		top := math.FMA(p, sy, bot)        // fn = top/bot = 1 + p·sy/(d·q)
//		fd := math.FMA(sy, 1/sn2, 1)
//		multiply top, bot and fd into a lane's products
//	}
//
// Each product is split exactly into mantissa and exponent after at most
// four multiplications, so nothing overflows or underflows as long as
// every factor lies in [2^-250, 2^250] (with VIF-p's eps = 1e-8 and sn2 =
// 2, and samples on the byte scale, they lie in [2^-53, 2^44]), and the
// sums are exact to rounding. Every slice must hold len(mx) samples.
func VifLogFactors(s *VifSums, mx, my, exx, eyy, exy []float64, eps, sn2 float64) {
	n := len(mx)
	if len(my) < n || len(exx) < n || len(eyy) < n || len(exy) < n {
		panic(fmt.Sprintf("simd: VifLogFactors: bad lengths (n=%d)", n))
	}
	vifLogFactors((*[48]float64)(s), mx, my[:n], exx[:n], eyy[:n], exy[:n], eps, sn2)
}

// MomentsVF32 is MomentsVF64 for float32 input rows: each sample is
// converted to float64 (exactly) as it is read, and the results are those
// of MomentsVF64 on the converted rows. stride counts float32 samples.
func MomentsVF32(mx, my, mxx, myy, mxy []float64, x, y []float32, stride int, taps []float64) {
	n := len(mx)
	if n == 0 {
		return
	}
	need := (len(taps)-1)*stride + n
	if len(taps) == 0 || stride < n || len(my) < n || len(mxx) < n || len(myy) < n || len(mxy) < n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: MomentsVF32: bad lengths (n=%d stride=%d taps=%d x=%d y=%d)", n, stride, len(taps), len(x), len(y)))
	}
	momentsVF32(mx, my[:n], mxx[:n], myy[:n], mxy[:n], x, y, stride, taps)
}

// MomentsVF32Pair is MomentsVF64Pair for float32 input rows (see
// MomentsVF32).
func MomentsVF32Pair(mx, my, mxx, myy, mxy []float64, x, y []float32, stride int, taps []float64) {
	n := len(mx) / 2
	if n == 0 {
		return
	}
	need := len(taps)*stride + n
	if len(mx) != 2*n || len(taps) == 0 || stride < n || len(my) < 2*n || len(mxx) < 2*n || len(myy) < 2*n || len(mxy) < 2*n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: MomentsVF32Pair: bad lengths (2n=%d stride=%d taps=%d x=%d y=%d)", len(mx), stride, len(taps), len(x), len(y)))
	}
	momentsVF32Pair(mx, my[:2*n], mxx[:2*n], myy[:2*n], mxy[:2*n], x, y, stride, taps)
}

// MomentsVF32Quad is MomentsVF64Quad for float32 input rows (see
// MomentsVF32).
func MomentsVF32Quad(mx, my, mxx, myy, mxy []float64, x, y []float32, stride int, taps []float64) {
	n := len(mx) / 4
	if n == 0 {
		return
	}
	need := (len(taps)+2)*stride + n
	if len(mx) != 4*n || len(taps) == 0 || stride < n || len(my) < 4*n || len(mxx) < 4*n || len(myy) < 4*n || len(mxy) < 4*n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: MomentsVF32Quad: bad lengths (4n=%d stride=%d taps=%d x=%d y=%d)", len(mx), stride, len(taps), len(x), len(y)))
	}
	momentsVF32Quad(mx, my[:4*n], mxx[:4*n], myy[:4*n], mxy[:4*n], x, y, stride, taps)
}

// MeansVF32 is MeansVF64 for float32 input rows (see MomentsVF32).
func MeansVF32(mx, my []float64, x, y []float32, stride int, taps []float64) {
	n := len(mx)
	if n == 0 {
		return
	}
	need := (len(taps)-1)*stride + n
	if len(taps) == 0 || stride < n || len(my) < n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: MeansVF32: bad lengths (n=%d stride=%d taps=%d x=%d y=%d)", n, stride, len(taps), len(x), len(y)))
	}
	meansVF32(mx, my[:n], x, y, stride, taps)
}

// MomentsVF32QuadDec is MomentsVF32Quad fused with MeansVF32 of output
// rows 0 and 2 for other taps, from the same sweep over the rows: with n
// = len(mx)/4, dx0 and dy0 get the n means MeansVF32(dx0, dy0, x, y,
// stride, dtaps) and dx2 and dy2 those of the rows starting two strides
// further (identical to what MeansVF32 computes). VIF-p filters the rows
// of its next scale from even rows with the next scale's window. dtaps
// must have at most len(taps)+1 taps; x and y must hold
// (len(taps)+2)*stride+n samples.
func MomentsVF32QuadDec(mx, my, mxx, myy, mxy, dx0, dy0, dx2, dy2 []float64, x, y []float32, stride int, taps, dtaps []float64) {
	n := len(mx) / 4
	if n == 0 {
		return
	}
	need := (len(taps)+2)*stride + n
	if len(mx) != 4*n || len(taps) == 0 || len(dtaps) == 0 || len(dtaps) > len(taps)+1 || stride < n ||
		len(my) < 4*n || len(mxx) < 4*n || len(myy) < 4*n || len(mxy) < 4*n ||
		len(dx0) < n || len(dy0) < n || len(dx2) < n || len(dy2) < n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: MomentsVF32QuadDec: bad lengths (4n=%d stride=%d taps=%d dtaps=%d x=%d y=%d)", len(mx), stride, len(taps), len(dtaps), len(x), len(y)))
	}
	momentsVF32QuadDec(mx, my[:4*n], mxx[:4*n], myy[:4*n], mxy[:4*n], dx0[:n], dy0[:n], dx2[:n], dy2[:n], x, y, stride, taps, dtaps)
}

// ConvRowValidEvenF64 is ConvRowValidF64 at the even outputs only,
// without computing the odd ones: the "valid" cross-correlation of src
// with taps at every second position,
//
//	for i := range dst {
//		var s float64
//		for k, t := range taps {
//			s = math.FMA(t, src[2*i+k], s)
//		}
//		dst[i] = s
//	}
//
// (fused, in increasing order of k). VIF-p decimates each scale by 2 after
// filtering it. src must hold at least 2*(len(dst)-1)+len(taps) samples.
func ConvRowValidEvenF64(dst, src, taps []float64) {
	if len(dst) == 0 {
		return
	}
	if len(taps) == 0 || len(src) < 2*(len(dst)-1)+len(taps) {
		panic(fmt.Sprintf("simd: ConvRowValidEvenF64: len(src)=%d < 2*(len(dst)-1)+len(taps)=2*(%d-1)+%d", len(src), len(dst), len(taps)))
	}
	convRowValidEvenF64(dst, src, taps)
}
