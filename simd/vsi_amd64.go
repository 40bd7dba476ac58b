//go:build amd64 && !noasm && gc

package simd

import (
	"math"
	"unsafe"
)

// The assembly kernels process whole vectors of float64 (4 lanes for
// AVX2, 8 for AVX-512); these wrappers pick the level's kernel for the
// vector-aligned prefix and finish the tail with the generic code.

// The layout of VSIConsts: 14 float64 without padding, M and N last.
var (
	_ [unsafe.Sizeof(VSIConsts{}) - 14*8]struct{}
	_ [14*8 - unsafe.Sizeof(VSIConsts{})]struct{}
	_ [unsafe.Offsetof(VSIConsts{}.M) - 8*8]struct{}
	_ [8*8 - unsafe.Offsetof(VSIConsts{}.M)]struct{}
)

// words returns k viewed as the 14 float64 the assembly reads, in field
// order.
func (k *VSIConsts) words() *[14]float64 {
	return (*[14]float64)(unsafe.Pointer(k))
}

func vsiSimRow(sg, sc, neg, sv, vm, vx, vy, gx, gy, mx, my, nx, ny []float64, k *VSIConsts) {
	var done int
	switch level {
	case AVX512:
		done = len(sg) &^ 7
		vsiSimRowAVX512(sg[:done], sc, neg, sv, vm, vx, vy, gx, gy, mx, my, nx, ny, k.words())
	case AVX2:
		done = len(sg) &^ 3
		vsiSimRowAVX2(sg[:done], sc, neg, sv, vm, vx, vy, gx, gy, mx, my, nx, ny, k.words())
	}
	if done < len(sg) {
		vsiSimRowGeneric(sg[done:], sc[done:], neg[done:], sv[done:], vm[done:], vx[done:], vy[done:],
			gx[done:], gy[done:], mx[done:], my[done:], nx[done:], ny[done:], k)
	}
}

func vsiSimRowGray(sg, sc, neg, sv, vm, vx, vy, gx, gy, ux, uy []float64, k *VSIConsts) {
	var done int
	switch level {
	case AVX512:
		done = len(sg) &^ 7
		vsiSimRowGrayAVX512(sg[:done], sc, neg, sv, vm, vx, vy, gx, gy, ux, uy, k.words())
	case AVX2:
		done = len(sg) &^ 3
		vsiSimRowGrayAVX2(sg[:done], sc, neg, sv, vm, vx, vy, gx, gy, ux, uy, k.words())
	}
	if done < len(sg) {
		vsiSimRowGrayGeneric(sg[done:], sc[done:], neg[done:], sv[done:], vm[done:], vx[done:], vy[done:],
			gx[done:], gy[done:], ux[done:], uy[done:], k)
	}
}

func powTableRow(x, c, p2 []float64, shift uint) int {
	var done int
	low, scale := uint64(1)<<shift-1, math.Ldexp(1, -int(shift))
	switch level {
	case AVX512:
		done = powTableRowAVX512(x[:len(x)&^7], c, p2, uint64(shift), low, scale)
	case AVX2:
		done = powTableRowAVX2(x[:len(x)&^3], c, p2, uint64(shift), low, scale)
	}
	return done + powTableRowGeneric(x[done:], c, p2, shift)
}

// bandRowF64's kernels see only the vector-aligned prefix of dst, so they
// get the length n of the weight rows as their stride.
func bandRowF64(dst, src []float64, first []int32, wt []float64, k int) {
	var done int
	n := len(dst)
	switch level {
	case AVX512:
		done = n &^ 7
		bandRowF64AVX512(dst[:done], src, first, wt, k, n)
	case AVX2:
		done = n &^ 3
		bandRowF64AVX2(dst[:done], src, first, wt, k, n)
	}
	if done < n {
		bandRowF64Generic(dst[done:], src, first[done:], wt[done:], k, n)
	}
}

func lerpRowMinMax(dst, a, b []float64, h0, h1 float64) (mn, mx float64) {
	var done int
	mn, mx = math.Inf(1), math.Inf(-1)
	switch level {
	case AVX512:
		done = len(dst) &^ 7
		mn, mx = lerpRowMinMaxAVX512(dst[:done], a, b, h0, h1)
	case AVX2:
		done = len(dst) &^ 3
		mn, mx = lerpRowMinMaxAVX2(dst[:done], a, b, h0, h1)
	}
	if done < len(dst) {
		tn, tx := lerpRowMinMaxGeneric(dst[done:], a[done:], b[done:], h0, h1)
		if tn < mn {
			mn = tn
		}
		if tx > mx {
			mx = tx
		}
	}
	return mn, mx
}

func srgbBaseRow(dst, src []float64) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 7
		srgbBaseRowAVX512(dst[:done], src)
	case AVX2:
		done = len(dst) &^ 3
		srgbBaseRowAVX2(dst[:done], src)
	}
	if done < len(dst) {
		srgbBaseRowGeneric(dst[done:], src[done:])
	}
}

func pool4RowF64(dst []float64, r0, r1, r2, r3 []float32, k float64) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 7
		pool4RowF64AVX512(dst[:done], r0, r1, r2, r3, k)
	case AVX2:
		done = len(dst) &^ 3
		pool4RowF64AVX2(dst[:done], r0, r1, r2, r3, k)
	}
	if done < len(dst) {
		x := 4 * done
		pool4RowF64Generic(dst[done:], r0[x:], r1[x:], r2[x:], r3[x:], k)
	}
}

func lerpColsF32(d []float64, r0, r1 []float32, i0, i1 []int32, w0, w1 []float64, h0, h1, scale float64) {
	var done int
	switch level {
	case AVX512:
		done = len(d) &^ 7
		lerpColsF32AVX512(d[:done], r0, r1, i0, i1, w0, w1, h0, h1, scale)
	case AVX2:
		done = len(d) &^ 3
		lerpColsF32AVX2(d[:done], r0, r1, i0, i1, w0, w1, h0, h1, scale)
	}
	if done < len(d) {
		lerpColsF32Generic(d[done:], r0, r1, i0[done:], i1[done:], w0[done:], w1[done:], h0, h1, scale)
	}
}
