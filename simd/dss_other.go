//go:build !amd64 || noasm || !gc

package simd

func dct8Cols5F64(t0, t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7 []float64, c *[20]float64) {
	dct8Cols5F64Generic(t0, t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7, c)
}

func dssSimRow(lt, rt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64) {
	dssSimRowGeneric(lt, rt, xu, xc, xd, yu, yc, yd, w, k)
}

func dct8Cols5F32(t0, t1, t2, t3, t4 []float64, r0, r1, r2, r3, r4, r5, r6, r7 []float32, c *[20]float64, k float64) {
	dct8Cols5F32Generic(t0, t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7, c, k)
}

func dct8Rows5F64(t0, t1, t2, t3, t4, src []float64, c *[20]float64) {
	dct8Rows5F64Generic(t0, t1, t2, t3, t4, src, c)
}

func dssSimRowLT(lt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64) {
	dssSimRowLTGeneric(lt, xu, xc, xd, yu, yc, yd, w, k)
}

func rangeFilterF64(dst, a []float64, lo, hi float64) (kept, below int, sum float64) {
	return rangeFilterF64Generic(dst, a, lo, hi)
}
