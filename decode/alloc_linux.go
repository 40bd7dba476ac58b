package decode

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on x86-64 (and arm64
// with 4 KB pages); on other systems the alignment is merely not the best.
const hugePage = 2 << 20

// allocSamples returns n zero samples of fresh Go memory. A block of at
// least one huge page starts on a huge-page boundary and is advised
// (madvise MADV_HUGEPAGE) to be backed by transparent huge pages, before
// anything writes to it. Linux honours the advice when transparent huge
// pages are enabled in "madvise" or "always" mode; otherwise it is
// ignored, and so is an error (the advice is only a hint).
func allocSamples(n int) []float32 {
	if n*4 < hugePage {
		return make([]float32, n)
	}
	// Over-allocate by one huge page so that an aligned start leaves room
	// for n samples. The unused bytes are never written and cost no
	// memory beyond the tail of the last huge page.
	buf := make([]float32, n+hugePage/4)
	b := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), len(buf)*4)
	p := uintptr(unsafe.Pointer(&b[0]))
	off := int((p+hugePage-1)&^(hugePage-1) - p) // bytes to the boundary, a multiple of 4
	end := int((p+uintptr(len(b)))&^(hugePage-1) - p)
	if end > off {
		_ = syscall.Madvise(b[off:end], syscall.MADV_HUGEPAGE)
	}
	return buf[off/4 : off/4+n : off/4+n]
}
