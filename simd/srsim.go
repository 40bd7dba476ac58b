package simd

import "fmt"

// This file holds the exported kernel of the srsim family: the vertical
// part of 4×4 average pooling in float64.

// Sum4RowsF64 adds four float32 rows in float64:
//
//	for j := range dst {
//		dst[j] = float64(r0[j]) + float64(r1[j]) + float64(r2[j]) + float64(r3[j])
//	}
//
// (added left to right). Every row must hold len(dst) samples.
func Sum4RowsF64(dst []float64, r0, r1, r2, r3 []float32) {
	n := len(dst)
	if len(r0) < n || len(r1) < n || len(r2) < n || len(r3) < n {
		panic(fmt.Sprintf("simd: Sum4RowsF64: a row is shorter than len(dst)=%d", n))
	}
	sum4RowsF64(dst, r0[:n], r1[:n], r2[:n], r3[:n])
}
