package decode

import (
	"testing"
	"unsafe"

	"github.com/fr-metrics/fr-metrics/frame"
)

// TestAllocPlanes checks that the planes cut from one block have the sizes
// and strides of frame.NewPlane, start on a multiple of frame.Align
// samples, are zero, and cannot reach each other: writing every sample a
// plane's slice allows leaves the other planes untouched.
func TestAllocPlanes(t *testing.T) {
	for _, sizes := range [][][2]int{
		{{1, 1}},
		{{17, 3}, {9, 2}, {9, 2}},
		{{640, 360}, {320, 180}, {320, 180}},
		{{1920, 1080}, {960, 540}, {960, 540}},
		{{1920, 1080}, {1920, 1080}, {1920, 1080}},
	} {
		planes := make([]frame.Plane, len(sizes))
		allocPlanes(planes, sizes)
		for i, p := range planes {
			want := frame.NewPlane(sizes[i][0], sizes[i][1])
			if p.W != want.W || p.H != want.H || p.Stride != want.Stride || len(p.Data) != len(want.Data) || cap(p.Data) != len(p.Data) {
				t.Fatalf("%v plane %d: %dx%d stride %d len %d cap %d, want %dx%d stride %d len %d",
					sizes, i, p.W, p.H, p.Stride, len(p.Data), cap(p.Data), want.W, want.H, want.Stride, len(want.Data))
			}
			if i > 0 {
				off := (uintptr(unsafe.Pointer(&p.Data[0])) - uintptr(unsafe.Pointer(&planes[0].Data[0]))) / 4
				if off%frame.Align != 0 {
					t.Errorf("%v plane %d starts %d samples into the block, not a multiple of %d", sizes, i, off, frame.Align)
				}
			}
			for _, v := range p.Data {
				if v != 0 {
					t.Fatalf("%v plane %d is not zero", sizes, i)
				}
			}
		}
		for i := range planes {
			d := planes[i].Data
			for j := range d[:cap(d)] {
				d[j] = float32(i + 1)
			}
		}
		for i, p := range planes {
			for _, v := range p.Data {
				if v != float32(i+1) {
					t.Fatalf("%v plane %d holds %v: planes overlap", sizes, i, v)
				}
			}
		}
	}
}
