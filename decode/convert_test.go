package decode

import (
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
)

// TestConvertPlane checks the vectorised plane conversions and the strided
// Go path against the reference Go row loops, for many widths, linesize
// paddings, offsets and masks, and that samples past the plane's width
// (the stride padding) are left untouched.
func TestConvertPlane(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const guard = -7
	for _, c := range []compPlan{
		{size: 1, step: 1, mask: 0xff},
		{size: 2, step: 2, mask: 0x3ff},
		{size: 2, step: 2, mask: 0xfff},
		{size: 2, step: 2, mask: 0xffff},
		{size: 1, step: 2, offset: 1, mask: 0xff},            // nv12 chroma, yuyv luma
		{size: 1, step: 4, offset: 3, mask: 0xff},            // yuyv chroma, bgra
		{size: 2, step: 2, shift: 6, mask: 0x3ff},            // p010le
		{size: 2, step: 6, offset: 2, mask: 0xffff},          // rgb48le
		{size: 2, step: 4, offset: 2, shift: 4, mask: 0x3ff}, // x2rgb10le
	} {
		for w := 1; w <= 67; w++ {
			h := 1 + w%3
			ls := c.offset + (w-1)*c.step + c.size + rng.IntN(70)
			src := make([]byte, ls*h)
			for i := range src {
				src[i] = byte(rng.Uint32())
			}
			dst := frame.NewPlane(w, h)
			for i := range dst.Data {
				dst.Data[i] = guard
			}
			if err := convertPlane(dst, src, ls, c); err != nil {
				t.Fatalf("%+v w=%d: %v", c, w, err)
			}
			want := make([]float32, w)
			for y := range h {
				row := src[y*ls+c.offset:]
				switch {
				case c.size == 1 && c.step == 1:
					rowU8(want, row)
				case c.size == 2 && c.step == 2 && c.shift == 0:
					rowU16(want, row, uint16(c.mask))
				default:
					for x := range want {
						v := uint32(row[x*c.step])
						if c.size == 2 {
							v |= uint32(row[x*c.step+1]) << 8
						}
						want[x] = float32(v >> c.shift & c.mask)
					}
				}
				got := dst.Data[y*dst.Stride : (y+1)*dst.Stride]
				for x := range dst.Stride {
					if x < w && got[x] != want[x] || x >= w && got[x] != guard {
						t.Fatalf("%+v w=%d ls=%d row %d col %d: got %v, want %v", c, w, ls, y, x, got[x], want[min(x, w-1)])
					}
				}
			}
		}
	}
}

// TestConvertPlaneBounds checks that a layout reaching past the linesize
// or a short buffer is refused before anything is read.
func TestConvertPlaneBounds(t *testing.T) {
	dst := frame.NewPlane(8, 2)
	for _, tc := range []struct {
		c      compPlan
		ls, n  int
		wantOK bool
	}{
		{compPlan{size: 1, step: 1, mask: 0xff}, 8, 16, true},
		{compPlan{size: 1, step: 1, mask: 0xff}, 7, 14, false},
		{compPlan{size: 1, step: 1, mask: 0xff}, 8, 15, false},
		{compPlan{size: 2, step: 2, mask: 0x3ff}, 15, 30, false},
		{compPlan{size: 1, step: 2, offset: 1, mask: 0xff}, 16, 32, true},
		{compPlan{size: 1, step: 2, offset: 2, mask: 0xff}, 16, 32, false},
	} {
		err := convertPlane(dst, make([]byte, tc.n), tc.ls, tc.c)
		if (err == nil) != tc.wantOK {
			t.Errorf("%+v ls=%d len=%d: err %v, want ok=%v", tc.c, tc.ls, tc.n, err, tc.wantOK)
		}
	}
}
