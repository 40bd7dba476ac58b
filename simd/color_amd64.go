//go:build amd64 && !noasm && gc

package simd

// The assembly kernels of the color family process whole vectors; these
// wrappers run the level's kernel on the vector-aligned prefix and finish
// the tail with the generic code.

func mat3Row(d0, d1, d2, s0, s1, s2 []float32, m *[9]float32) {
	var done int
	switch level {
	case AVX512:
		done = len(d0) &^ 15
		mat3RowAVX512(d0[:done], d1, d2, s0, s1, s2, m)
	case AVX2:
		done = len(d0) &^ 7
		mat3RowAVX2(d0[:done], d1, d2, s0, s1, s2, m)
	}
	if done < len(d0) {
		mat3RowGeneric(d0[done:], d1[done:], d2[done:], s0[done:], s1[done:], s2[done:], m)
	}
}

func mat1Row(d, s0, s1, s2 []float32, c0, c1, c2 float32) {
	var done int
	switch level {
	case AVX512:
		done = len(d) &^ 15
		mat1RowAVX512(d[:done], s0, s1, s2, c0, c1, c2)
	case AVX2:
		done = len(d) &^ 7
		mat1RowAVX2(d[:done], s0, s1, s2, c0, c1, c2)
	}
	if done < len(d) {
		mat1RowGeneric(d[done:], s0[done:], s1[done:], s2[done:], c0, c1, c2)
	}
}

func colorScaleRow(dst, src []float32, k float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		colorScaleRowAVX512(dst[:done], src, k)
	case AVX2:
		done = len(dst) &^ 7
		colorScaleRowAVX2(dst[:done], src, k)
	}
	if done < len(dst) {
		colorScaleRowGeneric(dst[done:], src[done:], k)
	}
}

func yuvToRGBRow420(r, g, b, y, u, v []float32, k *YUVToRGB) {
	var done int
	kk := [8]float64{k.Peak, k.YOff, k.KY, k.COff, k.CrR, k.CbG, k.CrG, k.CbB}
	switch level {
	case AVX512:
		done = len(y) &^ 15
		yuvToRGBRow420AVX512(r[:done], g, b, y, u, v, &kk)
	case AVX2:
		done = len(y) &^ 7
		yuvToRGBRow420AVX2(r[:done], g, b, y, u, v, &kk)
	}
	if done < len(y) {
		yuvToRGBRowGeneric(r[done:], g[done:], b[done:], y[done:], u[done/2:], v[done/2:], k, 1)
	}
}
