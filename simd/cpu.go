package simd

import (
	"fmt"

	"github.com/klauspost/cpuid/v2"
)

// Impl is a kernel implementation level.
type Impl int

// The implementation levels, slowest first.
const (
	Generic Impl = iota // pure Go
	AVX2                // AVX2 + FMA3
	AVX512              // AVX-512 F/BW/DQ/VL
)

// String returns "generic", "avx2" or "avx512".
func (l Impl) String() string {
	switch l {
	case Generic:
		return "generic"
	case AVX2:
		return "avx2"
	case AVX512:
		return "avx512"
	}
	return fmt.Sprintf("Impl(%d)", int(l))
}

// ParseImpl parses "generic", "avx2" or "avx512".
func ParseImpl(s string) (Impl, error) {
	for l := Generic; l <= AVX512; l++ {
		if l.String() == s {
			return l, nil
		}
	}
	return Generic, fmt.Errorf("unknown SIMD level %q (generic, avx2, avx512)", s)
}

var (
	best  = detect()
	level = best
)

func detect() Impl {
	if !asmCompiled {
		return Generic
	}
	if cpuid.CPU.Supports(cpuid.AVX512F, cpuid.AVX512BW, cpuid.AVX512DQ, cpuid.AVX512VL, cpuid.AVX2, cpuid.FMA3) {
		return AVX512
	}
	if cpuid.CPU.Supports(cpuid.AVX2, cpuid.FMA3) {
		return AVX2
	}
	return Generic
}

// Best returns the fastest level this CPU and build support.
func Best() Impl { return best }

// Level returns the level the kernels use now.
func Level() Impl { return level }

// SetLevel makes the kernels use l, or the best supported level if l is
// higher, and returns a function that restores the previous level. It is
// meant for start-up (a --simd flag), tests and benchmarks, and must not be
// called while kernels run on other goroutines.
func SetLevel(l Impl) (restore func()) {
	prev := level
	if l > best {
		l = best
	}
	if l < Generic {
		l = Generic
	}
	level = l
	return func() { level = prev }
}
