package fft2

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

// naive computes the unnormalised 2-D DFT by its definition.
func naive(a []complex128, h, w int, sign float64) []complex128 {
	out := make([]complex128, h*w)
	for u := 0; u < h; u++ {
		for v := 0; v < w; v++ {
			var s complex128
			for i := 0; i < h; i++ {
				for j := 0; j < w; j++ {
					ph := sign * 2 * math.Pi * (float64(u*i)/float64(h) + float64(v*j)/float64(w))
					s += a[i*w+j] * cmplx.Rect(1, ph)
				}
			}
			out[u*w+v] = s
		}
	}
	return out
}

func TestPlan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, sz := range []struct{ h, w int }{{1, 1}, {1, 7}, {5, 1}, {4, 4}, {6, 10}, {17, 12}, {13, 30}} {
		a := make([]complex128, sz.h*sz.w)
		re := make([]float64, len(a))
		for i := range a {
			re[i] = rng.Float64()*255 - 100
			a[i] = complex(re[i], rng.Float64())
		}
		p := NewPlan(sz.h, sz.w)
		got := append([]complex128(nil), a...)
		p.Forward(got)
		want := naive(a, sz.h, sz.w, -1)
		for i := range got {
			if cmplx.Abs(got[i]-want[i]) > 1e-9*float64(len(a))*255 {
				t.Fatalf("%dx%d forward[%d] = %v, want %v", sz.h, sz.w, i, got[i], want[i])
			}
		}
		p.Inverse(got)
		for i := range got {
			if cmplx.Abs(got[i]-a[i]) > 1e-9*255 {
				t.Fatalf("%dx%d inverse[%d] = %v, want %v", sz.h, sz.w, i, got[i], a[i])
			}
		}
		gr := make([]complex128, len(a))
		p.ForwardReal(gr, re)
		for i := range re {
			a[i] = complex(re[i], 0)
		}
		want = naive(a, sz.h, sz.w, -1)
		for i := range gr {
			if cmplx.Abs(gr[i]-want[i]) > 1e-9*float64(len(a))*255 {
				t.Fatalf("%dx%d real forward[%d] = %v, want %v", sz.h, sz.w, i, gr[i], want[i])
			}
		}
		if n := testing.AllocsPerRun(3, func() { p.Forward(got); p.Inverse(got) }); n != 0 {
			t.Errorf("%dx%d: %v allocations per transform pair", sz.h, sz.w, n)
		}
	}
}
