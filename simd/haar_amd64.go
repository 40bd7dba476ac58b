//go:build amd64 && !noasm && gc

package simd

// The assembly kernels of the haar family process whole vectors; these
// wrappers run the level's kernel on the vector-aligned prefix and finish
// the tail with the generic code.

func haarBoxRow(dst, up, down []float32, m int) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		haarBoxRowAVX512(dst[:done], up, down, m)
	case AVX2:
		done = len(dst) &^ 7
		haarBoxRowAVX2(dst[:done], up, down, m)
	}
	if done < len(dst) {
		haarBoxRowGeneric(dst[done:], up[done:], down[done:], m)
	}
}

func haarRespRow(dh, dv, top, bot []float32, m int, inv float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dh) &^ 15
		haarRespRowAVX512(dh[:done], dv, top, bot, m, inv)
	case AVX2:
		done = len(dh) &^ 7
		haarRespRowAVX2(dh[:done], dv, top, bot, m, inv)
	}
	if done < len(dh) {
		haarRespRowGeneric(dh[done:], dv[done:], top[done:], bot[done:], m, inv)
	}
}

func similarity2Row(dst, a1, b1, a2, b2 []float32, c float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		similarity2RowAVX512(dst[:done], a1, b1, a2, b2, c)
	case AVX2:
		done = len(dst) &^ 7
		similarity2RowAVX2(dst[:done], a1, b1, a2, b2, c)
	}
	if done < len(dst) {
		similarity2RowGeneric(dst[done:], a1[done:], b1[done:], a2[done:], b2[done:], c)
	}
}

func maxRow(dst, a, b []float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		maxRowAVX512(dst[:done], a, b)
	case AVX2:
		done = len(dst) &^ 7
		maxRowAVX2(dst[:done], a, b)
	}
	if done < len(dst) {
		maxRowGeneric(dst[done:], a[done:], b[done:])
	}
}

func box2AbsRow(dst, r0, r1 []float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		box2AbsRowAVX512(dst[:done], r0, r1)
	case AVX2:
		done = len(dst) &^ 7
		box2AbsRowAVX2(dst[:done], r0, r1)
	}
	if done < len(dst) {
		box2AbsRowGeneric(dst[done:], r0[done:], r1[done:])
	}
}

func logisticPoolRow(l, w []float32, alpha float32) (num, den float64) {
	var done int
	switch level {
	case AVX512:
		done = len(l) &^ 15
		num, den = logisticPoolRowAVX512(l[:done], w, alpha)
	case AVX2:
		done = len(l) &^ 7
		num, den = logisticPoolRowAVX2(l[:done], w, alpha)
	}
	if done < len(l) {
		n, d := logisticPoolRowGeneric(l[done:], w[done:], alpha)
		num, den = num+n, den+d
	}
	return num, den
}
