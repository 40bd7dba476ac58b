//go:build !linux

package decode

// allocSamples returns n zero samples. Huge pages are only asked for on
// Linux (see alloc_linux.go).
func allocSamples(n int) []float32 { return make([]float32, n) }
