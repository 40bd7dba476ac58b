//go:build !amd64 || noasm || !gc

package simd

func dct8Cols5F64(t0, t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7 []float64, c *[20]float64) {
	dct8Cols5F64Generic(t0, t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7, c)
}

func dssSimRow(lt, rt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64) {
	dssSimRowGeneric(lt, rt, xu, xc, xd, yu, yc, yd, w, k)
}
