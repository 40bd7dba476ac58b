//go:build !amd64 || noasm || !gc

package simd

func scharrRowF64(dst, u, m, d []float64) { scharrRowF64Generic(dst, u, m, d) }

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
