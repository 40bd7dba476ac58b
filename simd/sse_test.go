package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// guardedInput returns n samples of data at element offset off inside a
// buffer whose guard bands are NaN: a kernel that reads past its slice
// returns NaN.
func guardedInput(data []float32, off int) []float32 {
	g := newGuarded(len(data), off)
	copy(g.s, data)
	return g.s
}

// codeValues returns n random integer code values in [0, peak] at element
// offset off inside NaN guard bands.
func codeValues(n, off int, peak int, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 0xc0de))
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(r.IntN(peak + 1))
	}
	return guardedInput(x, off)
}

func TestSSERow(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				// Integer code values: every sum is exact, so every level
				// gives the bits of the generic code.
				for _, peak := range []int{255, 1023, 65535} {
					a := codeValues(n, off, peak, uint64(100*n+off))
					b := codeValues(n, (off+1)%4, peak, uint64(100*n+off+50))
					got, want := SSERow(a, b), sseRowGeneric(a, b)
					if got != want {
						t.Fatalf("n=%d off=%d peak=%d: %v, want %v", n, off, peak, got, want)
					}
				}
				// Fractional samples: the order of the additions may differ.
				a := guardedInput(randInput(n, 0, -1000, 1000, uint64(7*n+off)), off)
				b := guardedInput(randInput(n, 0, -1000, 1000, uint64(7*n+off+3)), (off+3)%8)
				got, want := SSERow(a, b), sseRowGeneric(a, b)
				if !closeF64(got, want, 1e-12, 1e-9) {
					t.Fatalf("n=%d off=%d: %v, want %v", n, off, got, want)
				}
			}
		}
	})
}

// TestSSERowValues checks the kernel against sums worked out by hand,
// at every level.
func TestSSERowValues(t *testing.T) {
	ramp := func(n int, f func(i int) float32) []float32 {
		x := make([]float32, n)
		for i := range x {
			x[i] = f(i)
		}
		return x
	}
	tests := []struct {
		name string
		a, b []float32
		want float64
	}{
		{"empty", nil, nil, 0},
		{"same", ramp(100, func(i int) float32 { return float32(i) }), ramp(100, func(i int) float32 { return float32(i) }), 0},
		// Σ_{i<n} i² = (n−1)n(2n−1)/6.
		{"ramp", ramp(1000, func(i int) float32 { return float32(i) }), make([]float32, 1000), 999.0 * 1000 * 1999 / 6},
		// A 16-bit difference squared (2^32) is not exact in float32.
		{"16bit", ramp(37, func(int) float32 { return 65535 }), make([]float32, 37), 37 * 65535.0 * 65535},
		// b longer than a: only len(a) samples count.
		{"longer_b", []float32{3, 4}, []float32{0, 0, 100}, 25},
	}
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, tc := range tests {
			if got := SSERow(tc.a, tc.b); got != tc.want {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	})
}

func TestSSERowPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic on a short b")
		}
	}()
	SSERow(make([]float32, 10), make([]float32, 9))
}

func BenchmarkSSERow(b *testing.B) {
	for _, impl := range levels() {
		b.Run(fmt.Sprintf("impl=%s/w=1920", impl), func(b *testing.B) {
			defer SetLevel(impl)()
			x := randInput(1920, 0, 0, 255, 1)
			y := randInput(1920, 0, 0, 255, 2)
			b.SetBytes(2 * 4 * 1920)
			b.ReportAllocs()
			var s float64
			for b.Loop() {
				s += SSERow(x, y)
			}
			if math.IsNaN(s) {
				b.Fatal("NaN")
			}
		})
	}
}
