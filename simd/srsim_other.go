//go:build !amd64 || noasm || !gc

package simd

func sum4RowsF64(dst []float64, r0, r1, r2, r3 []float32) { sum4RowsF64Generic(dst, r0, r1, r2, r3) }
