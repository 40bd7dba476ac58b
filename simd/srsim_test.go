package simd

import "testing"

func TestSum4RowsF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				var r [4][]float32
				for i := range r {
					r[i] = randInput(n, off, 0, 1023, uint64(4*n+i))
				}
				dst := newF64Guarded(n, off)
				Sum4RowsF64(dst.s, r[0], r[1], r[2], r[3])
				dst.check(t)
				want := make([]float64, n)
				sum4RowsF64Generic(want, r[0], r[1], r[2], r[3])
				for i := range want {
					if dst.s[i] != want[i] {
						t.Fatalf("n=%d off=%d: [%d] = %v, want %v", n, off, i, dst.s[i], want[i])
					}
				}
			}
		}
	})
}
