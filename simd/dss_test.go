package simd

import (
	"fmt"
	"testing"
)

func TestDCT8Cols5F64(t *testing.T) {
	var c [20]float64
	for i := range c {
		c[i] = 0.1*float64(i) - 0.7
	}
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				var r [8][]float64
				for i := range r {
					r[i] = f64Rand(n, off, 0, 2040, uint64(100*n+10*off+i))
				}
				var got [5]*f64Guarded
				var want [5][]float64
				for i := range got {
					got[i] = newF64Guarded(n, off)
					want[i] = make([]float64, n)
				}
				DCT8Cols5F64(got[0].s, got[1].s, got[2].s, got[3].s, got[4].s, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], &c)
				dct8Cols5F64Generic(want[0], want[1], want[2], want[3], want[4], r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], &c)
				for i := range got {
					got[i].check(t)
					// Same operations in the same order at every level: equal bits.
					f64CheckClose(t, name("n", n, "off", off, "out", i), got[i].s, want[i], 0, 0)
				}
			}
		}
	})
}

func TestDCT8Cols5F64Panics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic on a short row")
		}
	}()
	a := make([]float64, 10)
	var c [20]float64
	DCT8Cols5F64(a, a, a, a, a, a, a, a, a, a, a, a, a[:9], &c)
}

func BenchmarkDCT8Cols5F64(b *testing.B) {
	var c [20]float64
	for _, impl := range levels() {
		b.Run(fmt.Sprintf("impl=%s/w=1920", impl), func(b *testing.B) {
			defer SetLevel(impl)()
			var r [13][]float64
			for i := range r {
				r[i] = f64Rand(1920, 0, 0, 255, uint64(i))
			}
			b.SetBytes(8 * 8 * 1920)
			b.ReportAllocs()
			for b.Loop() {
				DCT8Cols5F64(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], &c)
			}
		})
	}
}

func TestDSSSimRow(t *testing.T) {
	w := [3]float64{0.0947, 0.1183, 0.1478}
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				var in [6][]float64
				for i := range in {
					in[i] = f64Rand(n+2, off, -300, 2040, uint64(50*n+5*off+i))
				}
				if n > 3 { // a flat stretch: zero variances
					for i := range in {
						for j := 0; j < 4; j++ {
							in[i][j] = 17
						}
					}
				}
				lt, rt := newF64Guarded(n, off), newF64Guarded(n, off)
				DSSSimRow(lt.s, rt.s, in[0], in[1], in[2], in[3], in[4], in[5], &w, 300)
				lt.check(t)
				rt.check(t)
				wl, wr := make([]float64, n), make([]float64, n)
				dssSimRowGeneric(wl, wr, in[0], in[1], in[2], in[3], in[4], in[5], &w, 300)
				f64CheckClose(t, name("n", n, "off", off, "out", "lt"), lt.s, wl, 1e-12, 1e-12)
				f64CheckClose(t, name("n", n, "off", off, "out", "rt"), rt.s, wr, 1e-12, 1e-12)
			}
		}
	})
}
