package simd

func sum4RowsF64Generic(dst []float64, r0, r1, r2, r3 []float32) {
	n := len(dst)
	r0, r1, r2, r3 = r0[:n], r1[:n], r2[:n], r3[:n]
	for j := range dst {
		dst[j] = float64(r0[j]) + float64(r1[j]) + float64(r2[j]) + float64(r3[j])
	}
}
