//go:build amd64 && !noasm && gc

package simd

// The assembly kernel processes whole vectors of float64 (4 lanes for
// AVX2, 8 for AVX-512); the wrapper finishes the tail with the generic
// code.

func sum4RowsF64(dst []float64, r0, r1, r2, r3 []float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 7
		sum4RowsF64AVX512(dst[:done], r0, r1, r2, r3)
	case AVX2:
		done = len(dst) &^ 3
		sum4RowsF64AVX2(dst[:done], r0, r1, r2, r3)
	}
	if done < len(dst) {
		sum4RowsF64Generic(dst[done:], r0[done:], r1[done:], r2[done:], r3[done:])
	}
}
