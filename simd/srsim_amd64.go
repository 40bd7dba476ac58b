//go:build amd64 && !noasm && gc

package simd

// The assembly kernel processes whole vectors of float64 (4 lanes for
// AVX2, 8 for AVX-512); the wrapper finishes the tail with the generic
// code.

func scharrRowF64(dst, u, m, d []float64) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 7
		scharrRowF64AVX512(dst[:done], u, m, d)
	case AVX2:
		done = len(dst) &^ 3
		scharrRowF64AVX2(dst[:done], u, m, d)
	}
	if done < len(dst) {
		scharrRowF64Generic(dst[done:], u[done:], m[done:], d[done:])
	}
}

func resizeVertF32(dst, src []float32, offs []int, w []float32, cut int) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		resizeVertF32AVX512(dst[:done], src, offs, w, cut)
	case AVX2:
		done = len(dst) &^ 7
		resizeVertF32AVX2(dst[:done], src, offs, w, cut)
	}
	if done < len(dst) {
		resizeVertF32Generic(dst[done:], src[done:], offs, w, cut)
	}
}

func resizeHorizF32(dst, src []float32, r *ResizeTaps) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		resizeHorizF32AVX512(dst[:done], src, r.idx, r.w, r.out, r.taps, r.cut, r.win, r.rel)
	case AVX2:
		done = len(dst) &^ 7
		resizeHorizF32AVX2(dst[:done], src, r.idx, r.w, r.out, r.taps, r.cut)
	}
	if done < len(dst) {
		resizeHorizF32Generic(dst[done:], src, r, done)
	}
}

func narrowF64ToF32(dst []float32, src []float64) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 7
		narrowF64ToF32AVX512(dst[:done], src)
	case AVX2:
		done = len(dst) &^ 3
		narrowF64ToF32AVX2(dst[:done], src)
	}
	if done < len(dst) {
		narrowF64ToF32Generic(dst[done:], src[done:])
	}
}

func srsimRowF64(vx, vy, xu, xm, xd, yu, ym, yd []float64, cv, cg float64) (num, den float64) {
	var done int
	switch level {
	case AVX512:
		done = len(vx) &^ 7
		num, den = srsimRowF64AVX512(vx[:done], vy, xu, xm, xd, yu, ym, yd, cv, cg)
	case AVX2:
		done = len(vx) &^ 3
		num, den = srsimRowF64AVX2(vx[:done], vy, xu, xm, xd, yu, ym, yd, cv, cg)
	}
	if done < len(vx) {
		n, d := srsimRowF64Generic(vx[done:], vy[done:], xu[done:], xm[done:], xd[done:], yu[done:], ym[done:], yd[done:], cv, cg)
		num, den = num+n, den+d
	}
	return num, den
}
