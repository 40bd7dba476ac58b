package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// guardedF64 returns a float64 slice of n elements at element offset off
// inside a buffer with NaN guard bands on both sides, and a function that
// reports any guard element that was overwritten.
func guardedF64(t *testing.T, n, off int, fill func(k int) float64) ([]float64, func()) {
	buf := make([]float64, guardLen+off+n+guardLen)
	g := math.Float64frombits(0x7ff8_0000_dead_beef)
	for i := range buf {
		buf[i] = g
	}
	lo := guardLen + off
	s := buf[lo : lo+n : lo+n]
	for k := range s {
		s[k] = fill(k)
	}
	return s, func() {
		t.Helper()
		for i, v := range buf {
			if (i < lo || i >= lo+n) && math.Float64bits(v) != math.Float64bits(g) {
				t.Fatalf("n=%d off=%d: guard band overwritten at %d (slice at [%d,%d))", n, off, i, lo, lo+n)
			}
		}
	}
}

// closeRel reports whether got is within rel·|want| + abs of want.
func closeRel(got, want, rel, abs float64) bool {
	return math.Abs(got-want) <= rel*math.Abs(want)+abs
}

// TestFSIMEnergy compares FSIMEnergy with its generic version at every
// level for every test length and offset, with guard bands around each
// output. The responses include a pixel with no response at all and
// pixels whose responses cancel. The sums of square roots match to 1e-15
// relative (the AVX-512 roots are within about one ulp), en to 1e-12 of
// the terms' size (it is a difference of sums), sq to an ulp (FMA).
func TestFSIMEnergy(t *testing.T) {
	const eps = 2.220446049250313e-16
	rng := rand.New(rand.NewPCG(11, 12))
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				var e [4][]complex128
				for s := range e {
					buf := make([]complex128, off+n)
					e[s] = buf[off:]
					for k := range e[s] {
						scale := math.Ldexp(1, rng.IntN(40)-20)
						e[s][k] = complex(rng.NormFloat64()*scale, rng.NormFloat64()*scale)
					}
				}
				if n > 2 {
					for s := range e { // a pixel with no response at all
						e[s][1] = 0
					}
					e[1][2], e[3][2] = -e[0][2], -e[2][2] // responses that cancel
				}
				en, checkEn := guardedF64(t, n, off, func(int) float64 { return -1 })
				an, checkAn := guardedF64(t, n, off, func(k int) float64 { return float64(k) })
				sq, checkSq := guardedF64(t, n, off, func(int) float64 { return -1 })
				we, wa, ws := make([]float64, n), make([]float64, n), make([]float64, n)
				for k := range wa {
					wa[k] = float64(k)
				}
				FSIMEnergy(en, an, sq, e[0], e[1], e[2], e[3], eps)
				fsimEnergyGeneric(we, wa, ws, e[0], e[1], e[2], e[3], eps)
				checkEn()
				checkAn()
				checkSq()
				for k := range n {
					var size float64 // the size of the terms of en
					for s := range e {
						size += 2 * math.Hypot(real(e[s][k]), imag(e[s][k]))
					}
					if !closeRel(en[k], we[k], 0, 1e-12*size+1e-300) {
						t.Fatalf("n=%d off=%d: en[%d] = %.17g, want %.17g", n, off, k, en[k], we[k])
					}
					if !closeRel(an[k], wa[k], 1e-15, 1e-140) {
						t.Fatalf("n=%d off=%d: an[%d] = %.17g, want %.17g", n, off, k, an[k], wa[k])
					}
					if !closeRel(sq[k], ws[k], 3e-16, 0) { // FMA: one rounding less
						t.Fatalf("n=%d off=%d: sq[%d] = %.17g, want %.17g", n, off, k, sq[k], ws[k])
					}
				}
			}
		}
	})
}

// TestFSIMEnergySqrt checks the square roots of the AVX-512 kernel
// against math.Sqrt over many binades, through an: with one scale
// responding, an[k] = |e0[k]| (plus 1e-150 per silent scale at AVX-512).
func TestFSIMEnergySqrt(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	forEachLevel(t, func(t *testing.T, impl Impl) {
		const n = 4096
		e0, zero := make([]complex128, n), make([]complex128, n)
		for k := range e0 {
			x := math.Ldexp(1+rng.Float64(), rng.IntN(600)-300)
			e0[k] = complex(x, x*rng.Float64())
		}
		e0[0], e0[1] = 0, complex(math.Ldexp(1, -510), 0) // below the floor
		en, an, sq := make([]float64, n), make([]float64, n), make([]float64, n)
		FSIMEnergy(en, an, sq, e0, zero, zero, zero, 0)
		maxUlp := 0.0
		for k := range e0 {
			want := math.Sqrt(sq[k])
			if want < 1e-150 {
				if an[k] > 4.0000001e-150 {
					t.Fatalf("an[%d] = %g for |e0|² = %g, want at most 4e-150", k, an[k], sq[k])
				}
				continue
			}
			u := math.Abs(an[k]-want) / (math.Nextafter(want, math.Inf(1)) - want)
			maxUlp = max(maxUlp, u)
		}
		if maxUlp > 2 {
			t.Fatalf("square roots off by up to %.2g ulp", maxUlp)
		}
		t.Logf("max error of the square roots: %.2g ulp", maxUlp)
	})
}

// BenchmarkFSIMEnergy runs the kernel on one panel of FSIM's 1080p
// responses (270 rows × 16 columns).
func BenchmarkFSIMEnergy(b *testing.B) {
	const n = 270 * 16
	rng := rand.New(rand.NewPCG(25, 26))
	var e [4][]complex128
	for s := range e {
		e[s] = make([]complex128, n)
		for k := range e[s] {
			e[s][k] = complex(rng.NormFloat64()*50, rng.NormFloat64()*50)
		}
	}
	en, an, sq := make([]float64, n), make([]float64, n), make([]float64, n)
	for _, impl := range levels() {
		b.Run(fmt.Sprintf("impl=%s/n=%d", impl, n), func(b *testing.B) {
			defer SetLevel(impl)()
			b.SetBytes(4 * 16 * n)
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				FSIMEnergy(en, an, sq, e[0], e[1], e[2], e[3], 2.220446049250313e-16)
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// TestWidenF32 compares AddWidenF32 with its generic version, and checks
// that ScaleF32ToF64 with k = 1 (how FSIM, SR-SIM and VSI widen the first
// row of a block) is the exact widening, at every level for every test length and offset,
// with guard bands around dst.
func TestWidenF32(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, add := range []bool{false, true} {
			for _, n := range testLengths {
				for _, off := range testOffsets {
					src := randInput(n, off, -1000, 1000, uint64(n*8+off))
					dst, check := guardedF64(t, n, off, func(k int) float64 { return float64(k) / 3 })
					want := make([]float64, n)
					for k := range want {
						want[k] = float64(k) / 3
					}
					if add {
						AddWidenF32(dst, src)
						addWidenF32Generic(want, src)
					} else {
						ScaleF32ToF64(dst, src, 1)
						for k := range want {
							want[k] = float64(src[k])
						}
					}
					check()
					for k := range n {
						if dst[k] != want[k] || !add && dst[k] != float64(src[k]) {
							t.Fatalf("add=%v n=%d off=%d: dst[%d] = %v, want %v", add, n, off, k, dst[k], want[k])
						}
					}
				}
			}
		}
	})
}

// TestFSIMPhaseCongruency compares FSIMPhaseCongruency with its generic
// version at every level for every test length and offset, exactly (the
// same operations in the same order), with energies on both sides of the
// thresholds, equal to them, NaN, and zero, and guard bands around pc.
func TestFSIMPhaseCongruency(t *testing.T) {
	const eps = 2.220446049250313e-16
	th := [4]float64{0.5, 0.25, 0, 0.75}
	rng := rand.New(rand.NewPCG(33, 34))
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				an := make([]float64, off+n)[off:]
				var e [4][]float64
				for o := range e {
					e[o] = make([]float64, off+n)[off:]
				}
				for k := range n {
					an[k] = rng.Float64() * 4 * float64(k%5)
					for o := range e {
						switch (k + o) % 7 {
						case 3:
							e[o][k] = th[o]
						case 5:
							e[o][k] = math.NaN()
						default:
							e[o][k] = rng.Float64()
						}
					}
				}
				pc, check := guardedF64(t, n, off, func(int) float64 { return -1 })
				want := make([]float64, n)
				FSIMPhaseCongruency(pc, an, e[0], e[1], e[2], e[3], &th, eps)
				fsimPhaseCongruencyGeneric(want, an, e[0], e[1], e[2], e[3], &th, eps)
				check()
				for k := range n {
					if math.Float64bits(pc[k]) != math.Float64bits(want[k]) {
						t.Fatalf("n=%d off=%d: pc[%d] = %.17g, want %.17g", n, off, k, pc[k], want[k])
					}
				}
			}
		}
	})
}

// TestFSIMSimPool compares FSIMSimPool with its generic version at every
// level for every test length and offset: the sums agree to 1e-13
// relative (one division instead of two, sums in lanes). It also checks
// the generic sums against the reference loop of the doc comment.
func TestFSIMSimPool(t *testing.T) {
	const c1, c2 = 0.85, 160
	rng := rand.New(rand.NewPCG(35, 36))
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				var x [4][]float64
				for j := range x {
					x[j] = make([]float64, off+n)[off:]
				}
				for k := range n {
					x[0][k], x[1][k] = rng.Float64(), rng.Float64()
					x[2][k], x[3][k] = rng.Float64()*300, rng.Float64()*300
					if k%5 == 2 {
						x[1][k] = x[0][k]
					}
				}
				num, den := FSIMSimPool(x[0], x[1], x[2], x[3], c1, c2)
				wn, wd := fsimSimPoolGeneric(x[0], x[1], x[2], x[3], c1, c2)
				if !closeRel(num, wn, 1e-13, 0) || !closeRel(den, wd, 1e-13, 0) {
					t.Fatalf("n=%d off=%d: num, den = %.17g, %.17g, want %.17g, %.17g", n, off, num, den, wn, wd)
				}
				var rn, rd float64
				sim := func(a, b, c float64) float64 { return (2*a*b + c) / (a*a + b*b + c) }
				for k := range n {
					m := max(x[0][k], x[1][k])
					rn += sim(x[0][k], x[1][k], c1) * sim(x[2][k], x[3][k], c2) * m
					rd += m
				}
				if rn != wn || rd != wd {
					t.Fatalf("n=%d off=%d: generic num, den = %.17g, %.17g, the reference loop %.17g, %.17g", n, off, wn, wd, rn, rd)
				}
			}
		}
	})
}
