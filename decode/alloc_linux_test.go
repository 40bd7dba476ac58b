package decode

import (
	"testing"
	"unsafe"
)

// TestAllocSamplesHugeAligned checks that a block of at least one huge page
// starts on a huge-page boundary (so the kernel can back it with huge
// pages) and has exactly the length asked for, and that a small block is
// an ordinary allocation of the right length.
func TestAllocSamplesHugeAligned(t *testing.T) {
	for _, n := range []int{1, 1000, hugePage/4 - 1, hugePage / 4, 1920 * 1080 * 3 / 2, 3840 * 2160 * 3} {
		s := allocSamples(n)
		if len(s) != n || cap(s) != n {
			t.Fatalf("n=%d: len %d cap %d", n, len(s), cap(s))
		}
		p := uintptr(unsafe.Pointer(&s[0]))
		if n*4 >= hugePage && p%hugePage != 0 {
			t.Errorf("n=%d: block at %#x, not on a %d-byte boundary", n, p, hugePage)
		}
		s[0], s[n-1] = 1, 2 // the whole block is writable
	}
}
