//go:build !amd64 || noasm || !gc

package simd

func sseRow(a, b []float32) float64 { return sseRowGeneric(a, b) }
