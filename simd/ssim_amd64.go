//go:build amd64 && !noasm && gc

package simd

// The assembly kernels process whole vectors; these wrappers pick the
// level's kernel for the vector-aligned prefix and finish the tail with
// the generic code.

func convRowValid(dst, src, taps []float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		convRowValidAVX512(dst[:done], src, taps)
	case AVX2:
		done = len(dst) &^ 7
		convRowValidAVX2(dst[:done], src, taps)
	}
	if done < len(dst) {
		convRowValidGeneric(dst[done:], src[done:], taps)
	}
}

func convRowsValid(dst []float32, ds int, src []float32, ss, rows, n int, taps []float32) {
	var done int
	if level == AVX512 && len(taps) == 11 { // SSIM's window, taps in registers
		done = n &^ 15
		convRows11AVX512(dst, ds, src, ss, rows, done, taps)
	}
	if done < n {
		convRowsValidRows(dst[done:], ds, src[done:], ss, rows, n-done, taps)
	}
}

func ssimMeanRow(mx, my, mss, mxy []float32, bx, by, c1, c2 float32) (ssim float64) {
	var done int
	switch level {
	case AVX512: // all of the row: the last vector under a mask
		done = len(mx)
		ssim = ssimMeanRowAVX512(mx, my, mss, mxy, bx, by, c1, c2)
	case AVX2:
		done = len(mx) &^ 7
		ssim = ssimMeanRowAVX2(mx[:done], my, mss, mxy, bx, by, c1, c2)
	}
	if done < len(mx) {
		ssim += ssimMeanRowGeneric(mx[done:], my[done:], mss[done:], mxy[done:], bx, by, c1, c2)
	}
	return ssim
}

func csRow(mx, my, mss, mxy []float32, c2 float32) (cs float64) {
	var done int
	switch level {
	case AVX512: // all of the row: the last vector under a mask
		done = len(mx)
		cs = csRowAVX512(mx, my, mss, mxy, c2)
	case AVX2:
		done = len(mx) &^ 7
		cs = csRowAVX2(mx[:done], my, mss, mxy, c2)
	}
	if done < len(mx) {
		cs += csRowGeneric(mx[done:], my[done:], mss[done:], mxy[done:], c2)
	}
	return cs
}

func pool2Row(dst, a, b []float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		pool2RowAVX512(dst[:done], a, b)
	case AVX2:
		done = len(dst) &^ 7
		pool2RowAVX2(dst[:done], a, b)
	}
	if done < len(dst) {
		pool2RowGeneric(dst[done:], a[2*done:], b[2*done:])
	}
}

func sumF64(x []float32) float64 {
	var done int
	var s float64
	switch level {
	case AVX512:
		done = len(x) &^ 31
		s = sumF64AVX512(x[:done])
	case AVX2:
		done = len(x) &^ 15
		s = sumF64AVX2(x[:done])
	}
	if done < len(x) {
		s += sumF64Generic(x[done:])
	}
	return s
}

func ssimCols6(dst []float32, n, ds int, x, y []float32, stride int, ox, oy float32, taps []float32) {
	var done int
	if len(taps) == 11 { // the assembly is unrolled for SSIM's 11 taps
		switch level {
		case AVX512:
			done = n &^ 15
			ssimCols6AVX512(dst, done, ds, x, y, stride, ox, oy, taps)
		case AVX2:
			done = n &^ 7
			for o := 0; o < 6; o += 2 {
				ssimCols6AVX2(dst[o*ds:], done, ds, x[o*stride:], y[o*stride:], stride, ox, oy, taps)
			}
		}
	}
	if done < n {
		ssimCols6Generic(dst[done:], n-done, ds, x[done:], y[done:], stride, ox, oy, taps)
	}
}
