//go:build !amd64 || noasm || !gc

package simd

func addRow(dst, src []float32) { addRowGeneric(dst, src) }

func avgRow(dst, a, b []float32) { avgRowGeneric(dst, a, b) }

func gradMagRow(dst, up, mid, down, _ []float32, e, c float32) {
	gradMagRowGeneric(dst, up, mid, down, e, c)
}

func mdsiRow(dst, gx, gy, gf, hx, hy, mx, my []float32, c1, c2, c3, alpha float32) {
	mdsiRowGeneric(dst, gx, gy, gf, hx, hy, mx, my, c1, c2, c3, alpha)
}

func gradSimMomentsRow(ru, rm, rd, du, dm, dd []float32, _, _, _, _ *float32, t, alpha float32) (sum, sumSq float64) {
	return gradSimMomentsRowGeneric(ru, rm, rd, du, dm, dd, t, alpha)
}

func quarterRootsRow(dst []float64, x []float32) (re, im float64) {
	return quarterRootsRowGeneric(dst, x)
}

func quarterRootDevSumF64(x []float64, re, im float64) float64 {
	return quarterRootDevSumF64Generic(x, re, im)
}
