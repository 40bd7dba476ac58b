//go:build amd64 && !noasm && gc

package simd

// The assembly butterflies process whole vectors (2 complex128 values for
// AVX2, 4 for AVX-512); these wrappers pick the level's kernel for the
// vector-aligned prefix and finish the tail with the generic code.

// fftDone returns how many of n values the level's kernel processes.
func fftDone(n int) int {
	switch level {
	case AVX512:
		return n &^ 3
	case AVX2:
		return n &^ 1
	}
	return 0
}

func fftR2(y0, y1, x0, x1, w []complex128, c []float64) {
	n := len(y0)
	_, _, _ = y1[:n], x0[:n], x1[:n]
	done := fftDone(n)
	if done > 0 {
		if level == AVX512 {
			fftR2AVX512(y0[:done], y1, x0, x1, w, c)
		} else {
			fftR2AVX2(y0[:done], y1, x0, x1, w, c)
		}
	}
	if done < n {
		fftR2Generic(y0[done:], y1[done:], x0[done:], x1[done:], w, c)
	}
}

func fftR3(y0, y1, y2, x0, x1, x2, w []complex128, c []float64) {
	n := len(y0)
	_, _, _, _, _ = y1[:n], y2[:n], x0[:n], x1[:n], x2[:n]
	done := fftDone(n)
	if done > 0 {
		if level == AVX512 {
			fftR3AVX512(y0[:done], y1, y2, x0, x1, x2, w, c)
		} else {
			fftR3AVX2(y0[:done], y1, y2, x0, x1, x2, w, c)
		}
	}
	if done < n {
		fftR3Generic(y0[done:], y1[done:], y2[done:], x0[done:], x1[done:], x2[done:], w, c)
	}
}

func fftR4(y0, y1, y2, y3, x0, x1, x2, x3, w []complex128, c []float64) {
	n := len(y0)
	_, _, _, _, _, _, _ = y1[:n], y2[:n], y3[:n], x0[:n], x1[:n], x2[:n], x3[:n]
	done := fftDone(n)
	if done > 0 {
		if level == AVX512 {
			fftR4AVX512(y0[:done], y1, y2, y3, x0, x1, x2, x3, w, c)
		} else {
			fftR4AVX2(y0[:done], y1, y2, y3, x0, x1, x2, x3, w, c)
		}
	}
	if done < n {
		fftR4Generic(y0[done:], y1[done:], y2[done:], y3[done:], x0[done:], x1[done:], x2[done:], x3[done:], w, c)
	}
}

func fftR5(y0, y1, y2, y3, y4, x0, x1, x2, x3, x4, w []complex128, c []float64) {
	n := len(y0)
	_, _, _, _, _, _, _, _, _ = y1[:n], y2[:n], y3[:n], y4[:n], x0[:n], x1[:n], x2[:n], x3[:n], x4[:n]
	done := fftDone(n)
	if done > 0 {
		if level == AVX512 {
			fftR5AVX512(y0[:done], y1, y2, y3, y4, x0, x1, x2, x3, x4, w, c)
		} else {
			fftR5AVX2(y0[:done], y1, y2, y3, y4, x0, x1, x2, x3, x4, w, c)
		}
	}
	if done < n {
		fftR5Generic(y0[done:], y1[done:], y2[done:], y3[done:], y4[done:], x0[done:], x1[done:], x2[done:], x3[done:], x4[done:], w, c)
	}
}

// mulRealC128 runs the AVX2 kernel (also at the AVX-512 level: it is
// bound by memory) on groups of 4 values and the generic code on the tail.
func mulRealC128(dst, src []complex128, f []float64) {
	var done int
	if level >= AVX2 {
		done = len(dst) &^ 3
		if done > 0 {
			mulRealC128AVX2(dst[:done], src, f)
		}
	}
	if done < len(dst) {
		mulRealC128Generic(dst[done:], src[done:], f[done:])
	}
}

func mulReal2C128(dst, src []complex128, f, g []float64) {
	var done int
	if level >= AVX2 {
		done = len(dst) &^ 3
		if done > 0 {
			mulReal2C128AVX2(dst[:done], src, f, g)
		}
	}
	if done < len(dst) {
		mulReal2C128Generic(dst[done:], src[done:], f[done:], g[done:])
	}
}

// transposeC128Level runs the assembly (128-bit moves, the same at both
// levels) at AVX2 and above.
func transposeC128Level(dst, src []complex128, rows, cols int) {
	if level >= AVX2 {
		transposeC128AVX2(dst, src, rows, cols)
		return
	}
	transposeC128Generic(dst, src, rows, cols)
}
