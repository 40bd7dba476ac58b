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

func dct8Cols5F32(t0, t1, t2, t3, t4 []float64, r0, r1, r2, r3, r4, r5, r6, r7 []float32, c *[20]float64, k float64) {
	var done int
	switch level {
	case AVX512:
		done = len(t0) &^ 7
		dct8Cols5F32AVX512(t0[:done], t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7, c, k)
	case AVX2:
		done = len(t0) &^ 3
		dct8Cols5F32AVX2(t0[:done], t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7, c, k)
	}
	if done < len(t0) {
		dct8Cols5F32Generic(t0[done:], t1[done:], t2[done:], t3[done:], t4[done:],
			r0[done:], r1[done:], r2[done:], r3[done:], r4[done:], r5[done:], r6[done:], r7[done:], c, k)
	}
}

func dct8Rows5F64(t0, t1, t2, t3, t4, src []float64, c *[20]float64) {
	var done int
	switch level {
	case AVX512:
		done = len(t0) &^ 7
		dct8Rows5F64AVX512(t0[:done], t1, t2, t3, t4, src, c)
	case AVX2:
		done = len(t0) &^ 3
		dct8Rows5F64AVX2(t0[:done], t1, t2, t3, t4, src, c)
	}
	if done < len(t0) {
		dct8Rows5F64Generic(t0[done:], t1[done:], t2[done:], t3[done:], t4[done:], src[8*done:], c)
	}
}

func dssSimRowLT(lt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64) {
	var done int
	switch level {
	case AVX512:
		done = len(lt) &^ 7
		dssSimRowLTAVX512(lt[:done], xu, xc, xd, yu, yc, yd, w, k)
	case AVX2:
		done = len(lt) &^ 3
		dssSimRowLTAVX2(lt[:done], xu, xc, xd, yu, yc, yd, w, k)
	}
	if done < len(lt) {
		dssSimRowLTGeneric(lt[done:], xu[done:], xc[done:], xd[done:], yu[done:], yc[done:], yd[done:], w, k)
	}
}

func rangeFilterF64(dst, a []float64, lo, hi float64) (kept, below int, sum float64) {
	var done int
	switch level {
	case AVX512:
		done = len(a) &^ 7
		kept, below, sum = rangeFilterF64AVX512(dst, a[:done], lo, hi)
	case AVX2:
		done = len(a) &^ 3
		kept, below, sum = rangeFilterF64AVX2(dst, a[:done], lo, hi)
	}
	if done < len(a) {
		// The tail's kept values follow those of the vectors; dst[kept:]
		// starts at or before a[done:], so copying forward is safe in place.
		k, b, s := rangeFilterF64Generic(dst[kept:], a[done:], lo, hi)
		kept, below, sum = kept+k, below+b, sum+s
	}
	return kept, below, sum
}
