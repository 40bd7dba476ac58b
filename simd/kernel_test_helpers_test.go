package simd

// Helpers shared by the kernel tests of every family: levels, lengths,
// guard bands, unaligned sub-slices and ULP-aware comparison. A kernel
// test typically reads
//
//	forEachLevel(t, func(t *testing.T, impl Impl) {
//		for _, n := range testLengths {
//			for _, off := range testOffsets {
//				dst := newGuarded(n, off)
//				Kernel(dst.s, …)
//				dst.check(t)
//				// compare dst.s with the generic result using closeF32
//			}
//		}
//	})

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// testLengths covers every length from 0 to three AVX-512 vectors plus one,
// then odd and row-sized lengths, where tails and unrolled blocks meet.
var testLengths = func() []int {
	var ls []int
	for n := 0; n <= 3*16+1; n++ {
		ls = append(ls, n)
	}
	return append(ls, 63, 64, 65, 97, 127, 129, 255, 321, 1000, 1920+7)
}()

// testOffsets are element offsets of sub-slices, so that kernels see
// inputs and outputs that do not start on a vector boundary.
var testOffsets = []int{0, 1, 3, 7}

// levels returns every level this CPU and build support, slowest first.
func levels() []Impl {
	var ls []Impl
	for l := Generic; l <= Best(); l++ {
		ls = append(ls, l)
	}
	return ls
}

// forEachLevel runs f as a subtest "impl=<level>" at every supported level,
// with the kernels set to that level for its duration.
func forEachLevel(t *testing.T, f func(t *testing.T, impl Impl)) {
	t.Helper()
	for _, l := range levels() {
		t.Run("impl="+l.String(), func(t *testing.T) {
			defer SetLevel(l)()
			f(t, l)
		})
	}
}

// guard is the sentinel written around outputs; a kernel that writes past
// its slice changes it.
var guard = float32(math.Float32frombits(0x7fc0dead)) // a NaN with a payload

const guardLen = 64 // elements of guard band on each side (a cache line and more)

// guarded is an output slice s of length n at element offset off inside a
// buffer with guard bands on both sides.
type guarded struct {
	buf []float32
	lo  int // index of s[0] in buf
	s   []float32
}

// newGuarded returns a guarded output of n elements starting off elements
// after the guard band (so off != 0 makes it unaligned). s has cap n.
func newGuarded(n, off int) *guarded {
	buf := make([]float32, guardLen+off+n+guardLen)
	for i := range buf {
		buf[i] = guard
	}
	lo := guardLen + off
	return &guarded{buf: buf, lo: lo, s: buf[lo : lo+n : lo+n]}
}

// check reports any guard element that was overwritten.
func (g *guarded) check(t testing.TB) {
	t.Helper()
	for i, v := range g.buf {
		if i >= g.lo && i < g.lo+len(g.s) {
			continue
		}
		if math.Float32bits(v) != math.Float32bits(guard) {
			t.Fatalf("guard band overwritten at %d (slice at [%d,%d)): %v", i, g.lo, g.lo+len(g.s), v)
		}
	}
}

// randInput returns n uniform samples in [lo, hi) at element offset off in
// a fresh buffer (for unaligned inputs), reproducibly from seed.
func randInput(n, off int, lo, hi float32, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	buf := make([]float32, off+n)
	for i := range buf {
		buf[i] = lo + (hi-lo)*r.Float32()
	}
	return buf[off : off+n : off+n]
}

// ulpDiff returns the distance between a and b in units in the last place
// (0 for equal values, including equal infinities; MaxUint32 if either is
// NaN).
func ulpDiff(a, b float32) uint32 {
	if a != a || b != b {
		return math.MaxUint32
	}
	if a == b {
		return 0
	}
	ia, ib := int64(math.Float32bits(a)), int64(math.Float32bits(b))
	if ia < 0x80000000 == (ib < 0x80000000) {
		d := ia - ib
		if d < 0 {
			d = -d
		}
		return uint32(d)
	}
	// Opposite signs: distance through zero.
	return uint32((ia & 0x7fffffff) + (ib & 0x7fffffff))
}

// closeF32 reports whether got is within ulps units in the last place of
// want, or within abs of it (for results near zero after cancellation,
// where ULPs say nothing).
func closeF32(got, want float32, ulps uint32, abs float32) bool {
	if ulpDiff(got, want) <= ulps {
		return true
	}
	return float32(math.Abs(float64(got-want))) <= abs
}

// checkCloseF32 compares got with want element by element and fails with
// the first mismatch.
func checkCloseF32(t testing.TB, what string, got, want []float32, ulps uint32, abs float32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		if !closeF32(got[i], want[i], ulps, abs) {
			t.Fatalf("%s[%d] = %v, want %v (%d ulps)", what, i, got[i], want[i], ulpDiff(got[i], want[i]))
		}
	}
}

// closeF64 reports whether got is within rel relative error of want (or
// abs absolute error).
func closeF64(got, want, rel, abs float64) bool {
	d := math.Abs(got - want)
	return d <= abs || d <= rel*math.Abs(want)
}

// name formats a subtest name from key=value pairs.
func name(kv ...any) string {
	s := ""
	for i := 0; i+1 < len(kv); i += 2 {
		if s != "" {
			s += "/"
		}
		s += fmt.Sprintf("%v=%v", kv[i], kv[i+1])
	}
	return s
}
