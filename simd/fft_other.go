//go:build !amd64 || noasm || !gc

package simd

func fftR2(y0, y1, x0, x1, w []complex128, c []float64) { fftR2Generic(y0, y1, x0, x1, w, c) }

func fftR3(y0, y1, y2, x0, x1, x2, w []complex128, c []float64) {
	fftR3Generic(y0, y1, y2, x0, x1, x2, w, c)
}

func fftR4(y0, y1, y2, y3, x0, x1, x2, x3, w []complex128, c []float64) {
	fftR4Generic(y0, y1, y2, y3, x0, x1, x2, x3, w, c)
}

func fftR5(y0, y1, y2, y3, y4, x0, x1, x2, x3, x4, w []complex128, c []float64) {
	fftR5Generic(y0, y1, y2, y3, y4, x0, x1, x2, x3, x4, w, c)
}

func mulRealC128Level(dst, src []complex128, f []float64) { mulRealC128Generic(dst, src, f) }

func transposeC128Level(dst, src []complex128, rows, cols int) {
	transposeC128Generic(dst, src, rows, cols)
}

func fftStageLevel(p int, y, x, w []complex128, c []float64, m, l int) bool { return false }

func fftFusable(p, q, l int) bool { return false }

func fftStage2Level(p, q int, y, x, wa, wb []complex128, ca, cb []float64, m, l int) {
	panic("simd: no fused FFT kernels")
}

func fftStage2MulLevel(p, q int, y, x, wa, wb []complex128, ca, cb []float64, m, l int, f []float64) bool {
	return false
}

func mulRunsC128(dst, src, w []complex128, b int) { mulRunsC128Generic(dst, src, w, b) }

func fftKernelLevel(l int) Impl { return Generic }
