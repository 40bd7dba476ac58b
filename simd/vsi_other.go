//go:build !amd64 || noasm || !gc

package simd

func vsiSimRow(sg, sc, neg, sv, vm, vx, vy, gx, gy, mx, my, nx, ny []float64, k *VSIConsts) {
	vsiSimRowGeneric(sg, sc, neg, sv, vm, vx, vy, gx, gy, mx, my, nx, ny, k)
}

func vsiSimRowGray(sg, sc, neg, sv, vm, vx, vy, gx, gy, ux, uy []float64, k *VSIConsts) {
	vsiSimRowGrayGeneric(sg, sc, neg, sv, vm, vx, vy, gx, gy, ux, uy, k)
}

func powTableRow(x, c, p2 []float64, shift uint) int { return powTableRowGeneric(x, c, p2, shift) }

func bandRowF64(dst, src []float64, first []int32, wt []float64, k int) {
	bandRowF64Generic(dst, src, first, wt, k, len(dst))
}

func lerpRowMinMax(dst, a, b []float64, h0, h1 float64) (mn, mx float64) {
	return lerpRowMinMaxGeneric(dst, a, b, h0, h1)
}

func srgbBaseRow(dst, src []float64) { srgbBaseRowGeneric(dst, src) }

func pool4RowF64(dst []float64, r0, r1, r2, r3 []float32, k float64) {
	pool4RowF64Generic(dst, r0, r1, r2, r3, k)
}

func lerpColsF32(d []float64, r0, r1 []float32, i0, i1 []int32, w0, w1 []float64, h0, h1, scale float64) {
	lerpColsF32Generic(d, r0, r1, i0, i1, w0, w1, h0, h1, scale)
}
