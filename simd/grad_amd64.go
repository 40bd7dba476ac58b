//go:build amd64 && !noasm && gc

package simd

// The assembly kernels of the grad family process whole vectors; these
// wrappers run the level's kernel on the vector-aligned prefix and finish
// the tail with the generic code.

func addRow(dst, src []float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		addRowAVX512(dst[:done], src)
	case AVX2:
		done = len(dst) &^ 7
		addRowAVX2(dst[:done], src)
	}
	if done < len(dst) {
		addRowGeneric(dst[done:], src[done:])
	}
}

func avgRow(dst, a, b []float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		avgRowAVX512(dst[:done], a, b)
	case AVX2:
		done = len(dst) &^ 7
		avgRowAVX2(dst[:done], a, b)
	}
	if done < len(dst) {
		avgRowGeneric(dst[done:], a[done:], b[done:])
	}
}

func gradMagRow(dst, up, mid, down, pf []float32, e, c float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		gradMagRowAVX512(dst[:done], up, mid, down, pf, e, c)
	case AVX2:
		done = len(dst) &^ 7
		gradMagRowAVX2(dst[:done], up, mid, down, pf, e, c)
	}
	if done < len(dst) {
		gradMagRowGeneric(dst[done:], up[done:], mid[done:], down[done:], e, c)
	}
}

func mdsiRow(dst, gx, gy, gf, hx, hy, mx, my []float32, c1, c2, c3, alpha float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		mdsiRowAVX512(dst[:done], gx, gy, gf, hx, hy, mx, my, c1, c2, c3, alpha)
	case AVX2:
		done = len(dst) &^ 7
		mdsiRowAVX2(dst[:done], gx, gy, gf, hx, hy, mx, my, c1, c2, c3, alpha)
	}
	if done < len(dst) {
		mdsiRowGeneric(dst[done:], gx[done:], gy[done:], gf[done:], hx[done:], hy[done:], mx[done:], my[done:], c1, c2, c3, alpha)
	}
}

func gradSimMomentsRow(ru, rm, rd, du, dm, dd []float32, pa, pb, wa, wb *float32, t, alpha float32) (sum, sumSq float64) {
	switch level {
	case AVX512:
		return gradSimMomentsRowAVX512(ru, rm, rd, du, dm, dd, pa, pb, wa, wb, t, alpha)
	case AVX2:
		done := (len(ru) - 2) &^ 7
		sum, sumSq = gradSimMomentsRowAVX2(ru[:done+2], rm, rd, du, dm, dd, pa, pb, wa, wb, t, alpha)
		s, q := gradSimMomentsRowGeneric(ru[done:], rm[done:], rd[done:], du[done:], dm[done:], dd[done:], t, alpha)
		return sum + s, sumSq + q
	}
	return gradSimMomentsRowGeneric(ru, rm, rd, du, dm, dd, t, alpha)
}

func quarterRootsRow(dst []float64, x []float32) (re, im float64) {
	var done int
	var pos, neg float64
	switch level {
	case AVX512:
		done = len(x) &^ 15
		pos, neg = quarterRootsRowAVX512(dst, x[:done])
	case AVX2:
		done = len(x) &^ 7
		pos, neg = quarterRootsRowAVX2(dst, x[:done])
	}
	re, im = quarterRootsRowGeneric(dst[done:], x[done:])
	return re + pos + neg*sqrtHalf, im + neg*sqrtHalf
}

func quarterRootDevSumF64(x []float64, re, im float64) float64 {
	var done int
	var s float64
	switch level {
	case AVX512:
		done = len(x) &^ 15
		s = quarterRootDevSumF64AVX512(x[:done], re, im)
	case AVX2:
		done = len(x) &^ 7
		s = quarterRootDevSumF64AVX2(x[:done], re, im)
	}
	if done < len(x) {
		s += quarterRootDevSumF64Generic(x[done:], re, im)
	}
	return s
}
