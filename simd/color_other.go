//go:build !amd64 || noasm || !gc

package simd

func mat3Row(d0, d1, d2, s0, s1, s2 []float32, m *[9]float32) {
	mat3RowGeneric(d0, d1, d2, s0, s1, s2, m)
}

func mat1Row(d, s0, s1, s2 []float32, c0, c1, c2 float32) { mat1RowGeneric(d, s0, s1, s2, c0, c1, c2) }

func colorScaleRow(dst, src []float32, k float32) { colorScaleRowGeneric(dst, src, k) }

func yuvToRGBRow420(r, g, b, y, u, v []float32, k *YUVToRGB) {
	yuvToRGBRowGeneric(r, g, b, y, u, v, k, 1)
}
