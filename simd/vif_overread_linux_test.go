//go:build linux

package simd

import (
	"syscall"
	"testing"
	"unsafe"
)

// pageEndF64 returns n float64 that end exactly where an unreadable page
// begins, so that a kernel reading past them faults. release unmaps them.
func pageEndF64(t *testing.T, n int) (s []float64, release func()) {
	t.Helper()
	ps := syscall.Getpagesize()
	size := (8*n+ps-1)/ps*ps + ps
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	if err := syscall.Mprotect(mem[size-ps:], syscall.PROT_NONE); err != nil {
		syscall.Munmap(mem)
		t.Skipf("mprotect: %v", err)
	}
	end := size - ps
	s = unsafe.Slice((*float64)(unsafe.Pointer(&mem[end-8*n])), n)
	return s, func() { syscall.Munmap(mem) }
}

// TestConvRowValidNoOverread runs the horizontal kernels of the vif
// family on inputs that end at an unreadable page: any load past the
// samples they are allowed to read would fault.
func TestConvRowValidNoOverread(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, k := range []int{1, 3, 5, 9, 17} {
			taps := f64GaussTaps(k)
			for _, n := range append(testLengths, 64, 127, 128, 129, 1904) {
				if n == 0 {
					continue
				}
				src, release := pageEndF64(t, n+k-1)
				for i := range src {
					src[i] = float64(i % 251)
				}
				dst := make([]float64, n)
				ConvRowValidF64(dst, src, taps)
				ConvRowValid2F64(dst, make([]float64, n), src, make([]float64, n+k-1), taps)
				ConvRowValid2F64(make([]float64, n), dst, make([]float64, n+k-1), src, taps)
				release()
				src, release = pageEndF64(t, 2*(n-1)+k)
				for i := range src {
					src[i] = float64(i % 251)
				}
				ConvRowValidEvenF64(dst, src, taps)
				release()
			}
		}
	})
}
