package simd

import (
	"fmt"
	"math"
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

func TestDCT8Cols5F32(t *testing.T) {
	var c [20]float64
	for i := range c {
		c[i] = 0.1*float64(i) - 0.7
	}
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				var r [8][]float32
				for i := range r {
					r[i] = randInput(n, off, 0, 1023, uint64(100*n+10*off+i))
				}
				var got [5]*f64Guarded
				var want [5][]float64
				for i := range got {
					got[i] = newF64Guarded(n, off)
					want[i] = make([]float64, n)
				}
				k := 255 / 1023.0
				DCT8Cols5F32(got[0].s, got[1].s, got[2].s, got[3].s, got[4].s, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], &c, k)
				dct8Cols5F32Generic(want[0], want[1], want[2], want[3], want[4], r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], &c, k)
				for i := range got {
					got[i].check(t)
					f64CheckClose(t, name("n", n, "off", off, "out", i), got[i].s, want[i], 0, 0)
				}
				if n > 0 { // the scaled float64 transform gives the same bits
					var x [8][]float64
					for i := range x {
						x[i] = make([]float64, n)
						for j, v := range r[i] {
							x[i][j] = float64(v) * k
						}
					}
					dct8Cols5F64Generic(want[0], want[1], want[2], want[3], want[4], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], &c)
					for i := range got {
						f64CheckClose(t, name("n", n, "off", off, "out", i, "vs", "f64"), got[i].s, want[i], 0, 0)
					}
				}
			}
		}
	})
}

func TestDCT8Rows5F64(t *testing.T) {
	var c [20]float64
	for i := range c {
		c[i] = 0.1*float64(i) - 0.7
	}
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				src := f64Rand(8*n, off, -500, 2040, uint64(70*n+off))
				var got [5]*f64Guarded
				var want [5][]float64
				for i := range got {
					got[i] = newF64Guarded(n, off)
					want[i] = make([]float64, n)
				}
				DCT8Rows5F64(got[0].s, got[1].s, got[2].s, got[3].s, got[4].s, src, &c)
				// The same transform on the de-interleaved samples.
				var x [8][]float64
				for q := range x {
					x[q] = make([]float64, n)
					for b := range n {
						x[q][b] = src[8*b+q]
					}
				}
				dct8Cols5F64Generic(want[0], want[1], want[2], want[3], want[4], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], &c)
				for i := range got {
					got[i].check(t)
					f64CheckClose(t, name("n", n, "off", off, "out", i), got[i].s, want[i], 0, 0)
				}
			}
		}
	})
}

func TestDCT8Rows5F64Panics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic on a short source")
		}
	}()
	a := make([]float64, 10)
	var c [20]float64
	DCT8Rows5F64(a, a, a, a, a, make([]float64, 79), &c)
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
				lo := newF64Guarded(n, off)
				DSSSimRowLT(lo.s, in[0], in[1], in[2], in[3], in[4], in[5], &w, 300)
				lo.check(t)
				f64CheckClose(t, name("n", n, "off", off, "out", "lt only"), lo.s, wl, 1e-12, 1e-12)
			}
		}
	})
}

func TestRangeFilterF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				for _, bounds := range [][2]float64{{0.3, 0.6}, {0.5, 0.5}, {math.Inf(-1), 0.2}, {0.9, math.Inf(1)}, {2, 3}, {0, 0}} {
					lo, hi := bounds[0], bounds[1]
					// Values next to the bounds, zero, +Inf and NaN (never
					// counted nor kept) among the random ones.
					special := []float64{0, math.Inf(1), math.NaN(), math.Nextafter(lo, math.Inf(-1)), math.Nextafter(hi, math.Inf(1))}
					a := f64Rand(n, off, 0, 1, uint64(30*n+off))
					for i := range a {
						if b := bounds[i%2]; i%5 == 0 && !math.IsInf(b, 0) { // ties at the (finite) bounds
							a[i] = b
						}
						if i%7 == 3 {
							a[i] = special[i/7%len(special)]
						}
					}
					what := name("n", n, "off", off, "lo", lo, "hi", hi)
					want := make([]float64, n)
					wk, wb, ws := rangeFilterF64Generic(want, a, lo, hi)
					dst := newF64Guarded(n, off)
					k, b, s := RangeFilterF64(dst.s, a, lo, hi)
					dst.check(t)
					if k != wk || b != wb || !closeF64(s, ws, 1e-13, 1e-13) {
						t.Fatalf("%s: got (%d, %d, %v), want (%d, %d, %v)", what, k, b, s, wk, wb, ws)
					}
					checkKept(t, what, dst.s[:k], want[:k])
					// In place: the kept values move to the front of a.
					in := append([]float64(nil), a...)
					k, b, s = RangeFilterF64(in, in, lo, hi)
					if k != wk || b != wb || !closeF64(s, ws, 1e-13, 1e-13) {
						t.Fatalf("%s in place: got (%d, %d, %v), want (%d, %d, %v)", what, k, b, s, wk, wb, ws)
					}
					checkKept(t, what+"/in place", in[:k], want[:k])
				}
			}
		}
	})
}

// checkKept fails t unless got and want hold the same bits.
func checkKept(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s: kept[%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
}

func TestRangeFilterF64Panics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic on a short dst")
		}
	}()
	RangeFilterF64(make([]float64, 9), make([]float64, 10), 0, 1)
}

func BenchmarkDCT8Rows5F64(b *testing.B) {
	var c [20]float64
	for _, impl := range levels() {
		b.Run(fmt.Sprintf("impl=%s/w=1920", impl), func(b *testing.B) {
			defer SetLevel(impl)()
			src := f64Rand(1920, 0, 0, 255, 1)
			var t [5][]float64
			for i := range t {
				t[i] = make([]float64, 240)
			}
			b.SetBytes(8 * 1920)
			b.ReportAllocs()
			for b.Loop() {
				DCT8Rows5F64(t[0], t[1], t[2], t[3], t[4], src, &c)
			}
		})
	}
}

func BenchmarkDSSSimRowLT(b *testing.B) {
	w := [3]float64{0.0947, 0.1183, 0.1478}
	for _, impl := range levels() {
		for _, n := range []int{240, 1920} {
			b.Run(fmt.Sprintf("impl=%s/w=%d", impl, n), func(b *testing.B) {
				defer SetLevel(impl)()
				var in [6][]float64
				for i := range in {
					in[i] = f64Rand(n+2, 0, -300, 2040, uint64(i))
				}
				lt := make([]float64, n)
				b.SetBytes(int64(8 * n))
				b.ReportAllocs()
				for b.Loop() {
					DSSSimRowLT(lt, in[0], in[1], in[2], in[3], in[4], in[5], &w, 300)
				}
			})
		}
	}
}
