package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// f64Guarded is a float64 output of n elements at element offset off
// inside NaN guard bands.
type f64Guarded struct {
	buf []float64
	lo  int
	s   []float64
}

var f64Guard = math.Float64frombits(0x7ff8_0000_dead_beef)

func newF64Guarded(n, off int) *f64Guarded {
	buf := make([]float64, guardLen+off+n+guardLen)
	for i := range buf {
		buf[i] = f64Guard
	}
	lo := guardLen + off
	return &f64Guarded{buf: buf, lo: lo, s: buf[lo : lo+n : lo+n]}
}

func (g *f64Guarded) check(t testing.TB) {
	t.Helper()
	for i, v := range g.buf {
		if i >= g.lo && i < g.lo+len(g.s) {
			continue
		}
		if math.Float64bits(v) != math.Float64bits(f64Guard) {
			t.Fatalf("guard band overwritten at %d (slice at [%d,%d)): %v", i, g.lo, g.lo+len(g.s), v)
		}
	}
}

func f64Rand(n, off int, lo, hi float64, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 0xf64))
	buf := make([]float64, off+n)
	for i := range buf {
		buf[i] = lo + (hi-lo)*r.Float64()
	}
	return buf[off : off+n : off+n]
}

func f64GaussTaps(k int) []float64 {
	taps := make([]float64, k)
	var s float64
	for i := range taps {
		d := float64(i - k/2)
		taps[i] = math.Exp(-d * d / (2 * float64(k*k) / 25))
		s += taps[i]
	}
	for i := range taps {
		taps[i] /= s
	}
	return taps
}

func f64CheckClose(t testing.TB, what string, got, want []float64, rel, abs float64) {
	t.Helper()
	for i := range got {
		if !closeF64(got[i], want[i], rel, abs) {
			t.Fatalf("%s[%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
}

func TestConvRowValidF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, k := range []int{1, 3, 5, 9, 17} {
			taps := f64GaussTaps(k)
			for _, n := range testLengths {
				for _, off := range testOffsets {
					src := f64Rand(n+k-1, off, 0, 255, uint64(n*31+k))
					dst := newF64Guarded(n, off)
					ConvRowValidF64(dst.s, src, taps)
					dst.check(t)
					want := make([]float64, n)
					convRowValidF64Generic(want, src, taps)
					f64CheckClose(t, name("k", k, "n", n, "off", off), dst.s, want, 1e-14, 1e-12)
				}
			}
		}
	})
}

// TestConvRowValid2F64 checks that each row of the two-row filter is
// identical to the bit to ConvRowValidF64 of that row at the same level,
// for symmetric taps (the AVX-512 kernel), taps that are not (the
// fallback), and lengths around the 64-sample blocks.
func TestConvRowValid2F64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		lopsided := []float64{0.1, 0.2, 0.3, 0.05, 0.1, 0.05, 0.02, 0.03, 0.01, 0.04, 0.02, 0.03, 0.01, 0.01, 0.01, 0.01, 0.01}
		for _, taps := range [][]float64{f64GaussTaps(17), lopsided, f64GaussTaps(9)} {
			k := len(taps)
			for _, n := range append(testLengths, 128, 200, 1904) {
				for _, off := range testOffsets {
					src0 := f64Rand(n+k-1, off, 0, 255, uint64(n*31+k))
					src1 := f64Rand(n+k-1, off, -1e3, 1e3, uint64(n*37+k))
					dst0, dst1 := newF64Guarded(n, off), newF64Guarded(n, off)
					ConvRowValid2F64(dst0.s, dst1.s, src0, src1, taps)
					dst0.check(t)
					dst1.check(t)
					want := make([]float64, n)
					for r, c := range []struct {
						got, src []float64
					}{{dst0.s, src0}, {dst1.s, src1}} {
						ConvRowValidF64(want, c.src, taps)
						for i := range want {
							if math.Float64bits(c.got[i]) != math.Float64bits(want[i]) {
								t.Fatalf("k=%d n=%d off=%d row %d: [%d] = %v, ConvRowValidF64 gives %v", k, n, off, r, i, c.got[i], want[i])
							}
						}
					}
				}
			}
		}
	})
}

func TestMomentsVF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, k := range []int{1, 3, 9, 17} {
			taps := f64GaussTaps(k)
			for _, n := range testLengths {
				for _, off := range testOffsets {
					stride := n + 5
					x := f64Rand((k-1)*stride+n, off, 0, 255, uint64(n+k))
					y := f64Rand((k-1)*stride+n, off, 0, 255, uint64(n+k+1000))
					var got [5]*f64Guarded
					var w [5][]float64
					for i := range got {
						got[i] = newF64Guarded(n, off)
						w[i] = make([]float64, n)
					}
					MomentsVF64(got[0].s, got[1].s, got[2].s, got[3].s, got[4].s, x, y, stride, taps)
					momentsVGeneric(w[0], w[1], w[2], w[3], w[4], x, y, stride, taps)
					for i := range got {
						got[i].check(t)
						f64CheckClose(t, name("k", k, "n", n, "off", off, "out", i), got[i].s, w[i], 1e-14, 1e-12)
					}
				}
			}
		}
	})
}

func TestVIFPanics(t *testing.T) {
	taps := f64GaussTaps(9)
	for what, f := range map[string]func(){
		"ConvRowValidF64":     func() { ConvRowValidF64(make([]float64, 10), make([]float64, 17), taps) },
		"ConvRowValidEvenF64": func() { ConvRowValidEvenF64(make([]float64, 10), make([]float64, 2*9+len(taps)-1), taps) },
		"MomentsVF64": func() {
			r := make([]float64, 8)
			MomentsVF64(r, r, r, r, r, make([]float64, 8*8+7), make([]float64, 80), 8, taps)
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic on short input", what)
				}
			}()
			f()
		}()
	}
}

func BenchmarkMomentsVF64(b *testing.B) {
	for _, impl := range levels() {
		b.Run(name("impl", impl, "taps", 17, "w", 1920), func(b *testing.B) {
			defer SetLevel(impl)()
			taps := f64GaussTaps(17)
			n := 1920
			x := f64Rand(17*n, 0, 0, 255, 1)
			y := f64Rand(17*n, 0, 0, 255, 2)
			var o [5][]float64
			for i := range o {
				o[i] = make([]float64, n)
			}
			b.SetBytes(int64(2 * 8 * 17 * n))
			b.ReportAllocs()
			for b.Loop() {
				MomentsVF64(o[0], o[1], o[2], o[3], o[4], x, y, n, taps)
			}
		})
	}
}

// f64VifInputs returns window moments that reach every clamp of the factors:
// zero, tiny, negative and ordinary variances, and negative covariances.
func f64VifInputs(n int, seed uint64) (mx, my, exx, eyy, exy []float64) {
	r := rand.New(rand.NewPCG(seed, 0xf1f))
	mx, my, exx, eyy, exy = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	variance := func() float64 {
		switch r.IntN(5) {
		case 0:
			return 0
		case 1:
			return 1e-9 * r.Float64()
		case 2:
			return -1e-6 * r.Float64()
		}
		return 500 * r.Float64()
	}
	for i := range mx {
		mx[i], my[i] = 255*r.Float64(), 255*r.Float64()
		vx, vy := variance(), variance()
		exx[i] = mx[i]*mx[i] + vx
		eyy[i] = my[i]*my[i] + vy
		c := (2*r.Float64() - 1) * math.Sqrt(math.Abs(vx*vy))
		exy[i] = mx[i]*my[i] + c
	}
	return
}

func TestScaleF32ToF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				src := randInput(n, off, 0, 1023, uint64(n+off))
				for _, k := range []float64{1, 255.0 / 1023} {
					dst := newF64Guarded(n, off)
					ScaleF32ToF64(dst.s, src, k)
					dst.check(t)
					for i, v := range src {
						if want := float64(v) * k; dst.s[i] != want {
							t.Fatalf("n=%d off=%d k=%v: [%d] = %v, want %v", n, off, k, i, dst.s[i], want)
						}
					}
				}
			}
		}
	})
}

func BenchmarkConvRowValidF64(b *testing.B) {
	for _, impl := range levels() {
		for _, k := range []int{9, 17} {
			b.Run(name("impl", impl, "taps", k, "w", 1920), func(b *testing.B) {
				defer SetLevel(impl)()
				taps := f64GaussTaps(k)
				src := f64Rand(1920, 0, 0, 255, 1)
				dst := make([]float64, 1920-k+1)
				b.SetBytes(8 * 1920)
				b.ReportAllocs()
				for b.Loop() {
					ConvRowValidF64(dst, src, taps)
				}
			})
		}
	}
}

func BenchmarkConvRowValid2F64(b *testing.B) {
	for _, impl := range levels() {
		b.Run(name("impl", impl, "taps", 17, "w", 1920), func(b *testing.B) {
			defer SetLevel(impl)()
			taps := f64GaussTaps(17)
			src0 := f64Rand(1920, 0, 0, 255, 1)
			src1 := f64Rand(1920, 0, 0, 255, 2)
			dst0, dst1 := make([]float64, 1920-16), make([]float64, 1920-16)
			b.SetBytes(2 * 8 * 1920)
			b.ReportAllocs()
			for b.Loop() {
				ConvRowValid2F64(dst0, dst1, src0, src1, taps)
			}
		})
	}
}

// TestMomentsVF64Pair checks that both output rows of the pair kernel are
// identical to the bit to MomentsVF64 at the same level.
func TestMomentsVF64Pair(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, k := range []int{1, 3, 9, 17} {
			taps := f64GaussTaps(k)
			for _, n := range testLengths {
				for _, off := range testOffsets {
					stride := n + 3
					x := f64Rand(k*stride+n, off, 0, 255, uint64(n+k+7))
					y := f64Rand(k*stride+n, off, 0, 255, uint64(n+k+2000))
					var got [5]*f64Guarded
					for i := range got {
						got[i] = newF64Guarded(2*n, off)
					}
					MomentsVF64Pair(got[0].s, got[1].s, got[2].s, got[3].s, got[4].s, x, y, stride, taps)
					for r := range 2 {
						var w [5][]float64
						for i := range w {
							w[i] = make([]float64, n)
						}
						MomentsVF64(w[0], w[1], w[2], w[3], w[4], x[r*stride:], y[r*stride:], stride, taps)
						for i := range got {
							for c, want := range w[i] {
								if g := got[i].s[r*n+c]; math.Float64bits(g) != math.Float64bits(want) {
									t.Fatalf("k=%d n=%d off=%d row=%d out=%d: [%d] = %v, want %v", k, n, off, r, i, c, g, want)
								}
							}
						}
					}
					for i := range got {
						got[i].check(t)
					}
				}
			}
		}
	})
}

// TestMomentsVF64Quad checks that the four output rows of the quad kernel
// are identical to the bit to MomentsVF64 at the same level.
func TestMomentsVF64Quad(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, k := range []int{1, 2, 3, 4, 5, 9, 17} {
			taps := f64GaussTaps(k)
			for _, n := range testLengths {
				for _, off := range testOffsets {
					stride := n + 3
					x := f64Rand((k+2)*stride+n, off, 0, 255, uint64(n+k+7))
					y := f64Rand((k+2)*stride+n, off, 0, 255, uint64(n+k+2000))
					var got [5]*f64Guarded
					for i := range got {
						got[i] = newF64Guarded(4*n, off)
					}
					MomentsVF64Quad(got[0].s, got[1].s, got[2].s, got[3].s, got[4].s, x, y, stride, taps)
					for r := range 4 {
						var w [5][]float64
						for i := range w {
							w[i] = make([]float64, n)
						}
						MomentsVF64(w[0], w[1], w[2], w[3], w[4], x[r*stride:], y[r*stride:], stride, taps)
						for i := range got {
							for c, want := range w[i] {
								if g := got[i].s[r*n+c]; math.Float64bits(g) != math.Float64bits(want) {
									t.Fatalf("k=%d n=%d off=%d row=%d out=%d: [%d] = %v, want %v", k, n, off, r, i, c, g, want)
								}
							}
						}
					}
					for i := range got {
						got[i].check(t)
					}
				}
			}
		}
	})
}

func BenchmarkMomentsVF64Quad(b *testing.B) {
	for _, impl := range levels() {
		b.Run(name("impl", impl, "taps", 17, "w", 1920), func(b *testing.B) {
			defer SetLevel(impl)()
			taps := f64GaussTaps(17)
			n := 1920
			x := f64Rand(20*n, 0, 0, 255, 1)
			y := f64Rand(20*n, 0, 0, 255, 2)
			var o [5][]float64
			for i := range o {
				o[i] = make([]float64, 4*n)
			}
			b.SetBytes(int64(2 * 8 * 20 * n))
			b.ReportAllocs()
			for b.Loop() {
				MomentsVF64Quad(o[0], o[1], o[2], o[3], o[4], x, y, n, taps)
			}
		})
	}
}

func BenchmarkMomentsVF64Pair(b *testing.B) {
	for _, impl := range levels() {
		b.Run(name("impl", impl, "taps", 17, "w", 1920), func(b *testing.B) {
			defer SetLevel(impl)()
			taps := f64GaussTaps(17)
			n := 1920
			x := f64Rand(18*n, 0, 0, 255, 1)
			y := f64Rand(18*n, 0, 0, 255, 2)
			var o [5][]float64
			for i := range o {
				o[i] = make([]float64, 2*n)
			}
			b.SetBytes(int64(2 * 8 * 18 * n))
			b.ReportAllocs()
			for b.Loop() {
				MomentsVF64Pair(o[0], o[1], o[2], o[3], o[4], x, y, n, taps)
			}
		})
	}
}

// TestMeansVF64 checks that the means are identical to the bit to the mx
// and my of MomentsVF64 at the same level.
func TestMeansVF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, k := range []int{1, 3, 9, 17} {
			taps := f64GaussTaps(k)
			for _, n := range testLengths {
				for _, off := range testOffsets {
					stride := n + 5
					x := f64Rand((k-1)*stride+n, off, 0, 255, uint64(n+k+3))
					y := f64Rand((k-1)*stride+n, off, 0, 255, uint64(n+k+3000))
					gx, gy := newF64Guarded(n, off), newF64Guarded(n, off)
					MeansVF64(gx.s, gy.s, x, y, stride, taps)
					gx.check(t)
					gy.check(t)
					var w [5][]float64
					for i := range w {
						w[i] = make([]float64, n)
					}
					MomentsVF64(w[0], w[1], w[2], w[3], w[4], x, y, stride, taps)
					for c := range n {
						if math.Float64bits(gx.s[c]) != math.Float64bits(w[0][c]) || math.Float64bits(gy.s[c]) != math.Float64bits(w[1][c]) {
							t.Fatalf("k=%d n=%d off=%d: [%d] = (%v, %v), want (%v, %v)", k, n, off, c, gx.s[c], gy.s[c], w[0][c], w[1][c])
						}
					}
				}
			}
		}
	})
}

// TestVifLogFactors checks the sums of logarithms of VifLogFactors at
// every level against Σ log10 of the factors of its reference loop
// (vifTerms), one logarithm per factor, and against those of
// vifFactorsGeneric (PIQ's steps in one-division form, unfused, so equal
// up to the cancellation in the variances), for every
// length and offset, accumulated over several calls.
func TestVifLogFactors(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				var s VifSums
				s.Reset()
				var wn, wd, vn, vd float64
				for call := range 3 {
					mx, my, exx, eyy, exy := f64VifInputs(n+off, uint64(n*7+off+call))
					mx, my, exx, eyy, exy = mx[off:], my[off:], exx[off:], eyy[off:], exy[off:]
					VifLogFactors(&s, mx, my, exx, eyy, exy, 1e-8, 2)
					for i := range n {
						top, bot, fd := vifTerms(mx[i], my[i], exx[i], eyy[i], exy[i], 1e-8, 2, 0.5)
						wn += math.Log10(top) - math.Log10(bot)
						wd += math.Log10(fd)
					}
					fn, fd := make([]float64, n), make([]float64, n)
					vifFactorsGeneric(fn, fd, mx, my, exx, eyy, exy, 1e-8, 2)
					for i := range fn {
						vn += math.Log10(fn[i])
						vd += math.Log10(fd[i])
					}
				}
				gn, gd := s.Log10()
				if !closeF64(gn, wn, 1e-13, 1e-13) || !closeF64(gd, wd, 1e-13, 1e-13) {
					t.Fatalf("n=%d off=%d: (num, den) = (%.17g, %.17g), want (%.17g, %.17g)", n, off, gn, gd, wn, wd)
				}
				if !closeF64(gn, vn, 1e-9, 1e-9) || !closeF64(gd, vd, 1e-9, 1e-9) {
					t.Fatalf("n=%d off=%d: (num, den) = (%.17g, %.17g), vifFactorsGeneric gives (%.17g, %.17g)", n, off, gn, gd, vn, vd)
				}
			}
		}
	})
}

// TestVifSumsLarge accumulates factors far beyond the float64 range:
// the products stay finite and the sums exact to rounding.
func TestVifSumsLarge(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		const n = 1000
		mx, my := make([]float64, n), make([]float64, n)
		exx, eyy, exy := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range exx {
			// sx = sy = sxy = 16000: fn = 1 + 16000³/(d·(eps·d+2d)), fd = 8001.
			exx[i], eyy[i], exy[i] = 16000, 16000, 16000
		}
		var s VifSums
		s.Reset()
		VifLogFactors(&s, mx, my, exx, eyy, exy, 1e-8, 2)
		fn, fd := make([]float64, n), make([]float64, n)
		vifFactorsGeneric(fn, fd, mx, my, exx, eyy, exy, 1e-8, 2)
		wn, wd := n*math.Log10(fn[0]), n*math.Log10(fd[0])
		gn, gd := s.Log10()
		if !closeF64(gn, wn, 1e-13, 0) || !closeF64(gd, wd, 1e-13, 0) {
			t.Fatalf("(num, den) = (%.17g, %.17g), want (%.17g, %.17g)", gn, gd, wn, wd)
		}
	})
}

func BenchmarkVifLogFactors(b *testing.B) {
	for _, impl := range levels() {
		b.Run(name("impl", impl, "w", 1920), func(b *testing.B) {
			defer SetLevel(impl)()
			mx, my, exx, eyy, exy := f64VifInputs(1920, 1)
			var s VifSums
			s.Reset()
			b.SetBytes(5 * 8 * 1920)
			b.ReportAllocs()
			for b.Loop() {
				VifLogFactors(&s, mx, my, exx, eyy, exy, 1e-8, 2)
			}
		})
	}
}

// TestVF32Kernels checks that the float32-input vertical kernels give,
// to the bit, what their float64 versions give on the converted rows, at
// every level, for every length and offset, with guard bands around
// every output.
func TestVF32Kernels(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, k := range []int{1, 3, 5, 9, 17} {
			taps := f64GaussTaps(k)
			for _, n := range testLengths {
				for _, off := range testOffsets {
					stride := n + 3
					x32 := randInput((k+3)*stride+n, off, 0, 255, uint64(n+k+11))
					y32 := randInput((k+3)*stride+n, off, 0, 1023, uint64(n+k+4000))
					x64, y64 := make([]float64, len(x32)), make([]float64, len(y32))
					for i := range x32 {
						x64[i], y64[i] = float64(x32[i]), float64(y32[i])
					}
					for _, rows := range []int{1, 2, 4} {
						var got [5]*f64Guarded
						var want [5][]float64
						for i := range got {
							got[i] = newF64Guarded(rows*n, off)
							want[i] = make([]float64, rows*n)
						}
						g, w := got, want
						switch rows {
						case 1:
							MomentsVF32(g[0].s, g[1].s, g[2].s, g[3].s, g[4].s, x32, y32, stride, taps)
							MomentsVF64(w[0], w[1], w[2], w[3], w[4], x64, y64, stride, taps)
						case 2:
							MomentsVF32Pair(g[0].s, g[1].s, g[2].s, g[3].s, g[4].s, x32, y32, stride, taps)
							MomentsVF64Pair(w[0], w[1], w[2], w[3], w[4], x64, y64, stride, taps)
						case 4:
							MomentsVF32Quad(g[0].s, g[1].s, g[2].s, g[3].s, g[4].s, x32, y32, stride, taps)
							MomentsVF64Quad(w[0], w[1], w[2], w[3], w[4], x64, y64, stride, taps)
						}
						for i := range got {
							got[i].check(t)
							f64CheckClose(t, name("k", k, "n", n, "off", off, "rows", rows, "out", i), got[i].s, want[i], 0, 0)
						}
					}
					gx, gy := newF64Guarded(n, off), newF64Guarded(n, off)
					wx, wy := make([]float64, n), make([]float64, n)
					MeansVF32(gx.s, gy.s, x32, y32, stride, taps)
					MeansVF64(wx, wy, x64, y64, stride, taps)
					gx.check(t)
					gy.check(t)
					f64CheckClose(t, name("means k", k, "n", n, "off", off), gx.s, wx, 0, 0)
					f64CheckClose(t, name("means k", k, "n", n, "off", off), gy.s, wy, 0, 0)
				}
			}
		}
	})
}

// TestConvRowValidEvenF64 checks the decimating convolution against the
// generic kernel, to the bit, for the tap counts with their own AVX-512
// kernel and others, with src as short as allowed and longer.
func TestConvRowValidEvenF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, k := range []int{1, 2, 3, 5, 9, 17} {
			taps := f64GaussTaps(k)
			for _, n := range testLengths {
				for _, off := range testOffsets {
					for _, extra := range []int{0, 1, 7, 16, 40} {
						if n == 0 {
							ConvRowValidEvenF64(nil, nil, taps) // nothing to do
							continue
						}
						src := f64Rand(2*(n-1)+k+extra, off, 0, 255, uint64(n*31+k+extra))
						dst := newF64Guarded(n, off)
						ConvRowValidEvenF64(dst.s, src, taps)
						dst.check(t)
						want := make([]float64, n)
						convRowValidEvenF64Generic(want, src, taps)
						f64CheckClose(t, name("k", k, "n", n, "off", off, "extra", extra), dst.s, want, 0, 0)
						// It is ConvRowValidF64 at the even positions.
						full := make([]float64, 2*n-1)
						ConvRowValidF64(full, src, taps)
						for i := range n {
							if !closeF64(dst.s[i], full[2*i], 1e-14, 1e-12) {
								t.Fatalf("k=%d n=%d: [%d] = %v, ConvRowValidF64 gives %v", k, n, i, dst.s[i], full[2*i])
							}
						}
					}
				}
			}
		}
	})
}

// TestMomentsVF32QuadDec checks that the fused kernel gives, to the bit,
// MomentsVF32Quad and MeansVF32 of rows 0 and 2 at the same level, for
// VIF-p's windows and others.
func TestMomentsVF32QuadDec(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, kk := range [][2]int{{17, 9}, {9, 5}, {3, 3}} {
			taps, dtaps := f64GaussTaps(kk[0]), f64GaussTaps(kk[1])
			for _, n := range testLengths {
				for _, off := range testOffsets {
					stride := n + 5
					x := randInput((kk[0]+3)*stride+n, off, 0, 255, uint64(n+31))
					y := randInput((kk[0]+3)*stride+n, off, 0, 255, uint64(n+32))
					var got, want [5]*f64Guarded
					var d, wd [4]*f64Guarded
					for i := range got {
						got[i], want[i] = newF64Guarded(4*n, off), newF64Guarded(4*n, off)
					}
					for i := range d {
						d[i], wd[i] = newF64Guarded(n, off), newF64Guarded(n, off)
					}
					MomentsVF32QuadDec(got[0].s, got[1].s, got[2].s, got[3].s, got[4].s, d[0].s, d[1].s, d[2].s, d[3].s, x, y, stride, taps, dtaps)
					MomentsVF32Quad(want[0].s, want[1].s, want[2].s, want[3].s, want[4].s, x, y, stride, taps)
					MeansVF32(wd[0].s, wd[1].s, x, y, stride, dtaps)
					MeansVF32(wd[2].s, wd[3].s, x[2*stride:], y[2*stride:], stride, dtaps)
					for i := range got {
						got[i].check(t)
						f64CheckClose(t, name("k", kk, "n", n, "off", off, "out", i), got[i].s, want[i].s, 0, 0)
					}
					for i := range d {
						d[i].check(t)
						f64CheckClose(t, name("k", kk, "n", n, "off", off, "mean", i), d[i].s, wd[i].s, 0, 0)
					}
				}
			}
		}
	})
}

// vifFactorsGeneric is the reference for VifLogFactors' factors: PIQ's
// steps (see VifLogFactors) in one-division form, products rounded before
// they are added (no FMA).
func vifFactorsGeneric(fn, fd, mx, my, exx, eyy, exy []float64, eps, sn2 float64) {
	rsn2 := 1 / sn2
	n := len(fn)
	fd, mx, my, exx, eyy, exy = fd[:n], mx[:n], my[:n], exx[:n], eyy[:n], exy[:n]
	for i := range fn {
		fn[i], fd[i] = vifFactor(mx[i], my[i], exx[i], eyy[i], exy[i], eps, sn2, rsn2)
	}
}

// vifFactor is the loop body of vifFactorsGeneric for one pixel; rsn2 is
// 1/sn2.
func vifFactor(a, b, exx, eyy, exy, eps, sn2, rsn2 float64) (fn, fd float64) {
	// The explicit conversions keep the products rounded (no FMA), as in
	// the assembly.
	sx := max(exx-float64(a*a), 0)
	sy := max(eyy-float64(b*b), 0)
	sxy := exy - float64(a*b)
	if sy < eps {
		sy = 0
	}
	fn = 1
	if sy > 0 && sx >= eps && sxy > 0 {
		d := sy + eps
		p := float64(sxy * sxy)
		q := max(float64(sx*d)-p, float64(eps*d)) + float64(sn2*d)
		fn = 1 + float64(p*sy)/float64(d*q)
	}
	return fn, 1 + sy*rsn2
}
