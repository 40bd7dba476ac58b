//go:build !amd64 || noasm || !gc

package simd

func sum4RowsF64(dst []float64, r0, r1, r2, r3 []float32) { sum4RowsF64Generic(dst, r0, r1, r2, r3) }

func scharrRowF64(dst, u, m, d []float64) { scharrRowF64Generic(dst, u, m, d) }

func pool4RowsF64(dst []float64, r0, r1, r2, r3 []float32, k float64) {
	pool4RowsF64Generic(dst, r0, r1, r2, r3, k)
}

func resizeVertF32(dst, src []float32, offs []int, w []float32, cut int) {
	resizeVertF32Generic(dst, src, offs, w, cut)
}

func resizeHorizF32(dst, src []float32, r *ResizeTaps) {
	resizeHorizF32Generic(dst, src, r, 0)
}

func narrowF64ToF32(dst []float32, src []float64) { narrowF64ToF32Generic(dst, src) }

func srsimRowF64(vx, vy, xu, xm, xd, yu, ym, yd []float64, cv, cg float64) (num, den float64) {
	return srsimRowF64Generic(vx, vy, xu, xm, xd, yu, ym, yd, cv, cg)
}
