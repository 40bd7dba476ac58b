package simd

import "fmt"

// This file holds the exported kernel of the sse family: the sum of
// squared differences of two rows, the core of PSNR and MSE.

// SSERow returns the sum of squared errors (differences) of the rows a
// and b, squared and summed in float64:
//
//	for i := range a {
//		d := float64(a[i] - b[i])
//		s += d * d
//	}
//
// The difference is taken in float32, which is exact for integer code
// values below 2^24; the square and the sum of such differences are exact
// in float64 as long as the sum stays below 2^53, so on code values every
// level returns the same bits. On other data the order of the additions
// (and FMA) may change the last bits. b must hold len(a) samples.
func SSERow(a, b []float32) float64 {
	if len(b) < len(a) {
		panic(fmt.Sprintf("simd: SSERow: len(b)=%d < len(a)=%d", len(b), len(a)))
	}
	return sseRow(a, b[:len(a)])
}
