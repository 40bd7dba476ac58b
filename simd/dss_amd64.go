//go:build amd64 && !noasm && gc

package simd

// The assembly kernel processes whole vectors of float64 (4 lanes for
// AVX2, 8 for AVX-512); the wrapper finishes the tail with the generic
// code.

func dct8Cols5F64(t0, t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7 []float64, c *[20]float64) {
	var done int
	switch level {
	case AVX512:
		done = len(t0) &^ 7
		dct8Cols5F64AVX512(t0[:done], t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7, c)
	case AVX2:
		done = len(t0) &^ 3
		dct8Cols5F64AVX2(t0[:done], t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7, c)
	}
	if done < len(t0) {
		dct8Cols5F64Generic(t0[done:], t1[done:], t2[done:], t3[done:], t4[done:],
			r0[done:], r1[done:], r2[done:], r3[done:], r4[done:], r5[done:], r6[done:], r7[done:], c)
	}
}

func dssSimRow(lt, rt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64) {
	var done int
	switch level {
	case AVX512:
		done = len(lt) &^ 7
		dssSimRowAVX512(lt[:done], rt, xu, xc, xd, yu, yc, yd, w, k)
	case AVX2:
		done = len(lt) &^ 3
		dssSimRowAVX2(lt[:done], rt, xu, xc, xd, yu, yc, yd, w, k)
	}
	if done < len(lt) {
		dssSimRowGeneric(lt[done:], rt[done:], xu[done:], xc[done:], xd[done:], yu[done:], yc[done:], yd[done:], w, k)
	}
}
