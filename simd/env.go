package simd

import (
	"fmt"
	"os"
)

// EnvLevel is the environment variable that lowers the kernel level for a
// whole process: FRMETRICS_SIMD=generic or FRMETRICS_SIMD=avx2 (a level
// above what the CPU supports falls back to the best supported one). The
// process then behaves as on a CPU without the higher levels: Best and
// Level both report the forced level, and SetLevel cannot go above it. It
// is read once at start-up; CI uses it to run the whole test suite at
// every level without flags in each package (with -count=1: the test cache
// does not see variables read during package initialisation). An unknown value panics, so that a
// mistyped CI setting cannot silently test the wrong path.
const EnvLevel = "FRMETRICS_SIMD"

func init() {
	s := os.Getenv(EnvLevel)
	if s == "" {
		return
	}
	l, err := ParseImpl(s)
	if err != nil {
		panic(fmt.Sprintf("simd: %s: %v", EnvLevel, err))
	}
	best = min(best, l)
	level = best
}
