//go:build amd64 && !noasm && gc

package simd

// The assembly kernel sums whole unrolled blocks (16 samples for AVX2, 32
// for AVX-512); the wrapper adds the tail with the generic code.

func sseRow(a, b []float32) float64 {
	var done int
	var s float64
	switch level {
	case AVX512:
		done = len(a) &^ 31
		s = sseRowAVX512(a[:done], b)
	case AVX2:
		done = len(a) &^ 15
		s = sseRowAVX2(a[:done], b)
	}
	if done < len(a) {
		s += sseRowGeneric(a[done:], b[done:])
	}
	return s
}
