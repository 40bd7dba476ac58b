//go:build !amd64 || noasm || !gc

package simd

// asmCompiled reports whether assembly kernels are compiled in.
const asmCompiled = false
