//go:build !amd64 || noasm || !gc

package simd

func convRowValid(dst, src, taps []float32) { convRowValidGeneric(dst, src, taps) }

func convRowsValid(dst []float32, ds int, src []float32, ss, rows, n int, taps []float32) {
	convRowsValidRows(dst, ds, src, ss, rows, n, taps)
}

func ssimMeanRow(mx, my, mss, mxy []float32, bx, by, c1, c2 float32) float64 {
	return ssimMeanRowGeneric(mx, my, mss, mxy, bx, by, c1, c2)
}

func csRow(mx, my, mss, mxy []float32, c2 float32) float64 {
	return csRowGeneric(mx, my, mss, mxy, c2)
}

func pool2Row(dst, a, b []float32) { pool2RowGeneric(dst, a, b) }

func sumF64(x []float32) float64 { return sumF64Generic(x) }

func ssimCols6(dst []float32, n, ds int, x, y []float32, stride int, ox, oy float32, taps []float32) {
	ssimCols6Generic(dst, n, ds, x, y, stride, ox, oy, taps)
}
