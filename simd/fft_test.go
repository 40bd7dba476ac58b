package simd

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"syscall"
	"testing"
)

// cpuTime returns the CPU time of the process in nanoseconds: on a shared
// machine it is steadier than wall time.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// fftBenchSizes are the grids of the metrics that use FFT2: FSIM on a
// 1080p frame (270 rows of 480), VSI's saliency grid (256×256) and
// SR-SIM's spectral-residual grid of a 1080p frame (68×120).
var fftBenchSizes = [][2]int{{270, 480}, {256, 256}, {68, 120}}

// naiveDFT2 computes the unnormalised 2-D DFT by its definition; sign is
// −1 for the forward and +1 for the backward transform.
func naiveDFT2(a []complex128, h, w int, sign float64) []complex128 {
	out := make([]complex128, h*w)
	for u := range h {
		for v := range w {
			var s complex128
			for i := range h {
				for j := range w {
					ph := sign * 2 * math.Pi * (float64(u*i%h)/float64(h) + float64(v*j%w)/float64(w))
					s += a[i*w+j] * cmplx.Rect(1, ph)
				}
			}
			out[u*w+v] = s
		}
	}
	return out
}

// TestFFT2 compares both directions with the definition for sizes made
// of every radix (4, 2, 3, 5, other primes) and degenerate sides.
func TestFFT2(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := [][2]int{{1, 1}, {1, 8}, {6, 1}, {2, 2}, {4, 4}, {8, 16}, {3, 9}, {5, 25}, {12, 10}, {7, 11}, {17, 13}, {30, 24}, {27, 20}, {16, 32}, {49, 6}, {15, 40}}
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, sz := range sizes {
			h, w := sz[0], sz[1]
			a := make([]complex128, h*w)
			for i := range a {
				a[i] = complex(rng.Float64()*255-100, rng.Float64()*50)
			}
			p := NewFFT2(h, w)
			for _, dir := range []struct {
				name string
				sign float64
				f    func([]complex128)
			}{{"forward", -1, p.Forward}, {"backward", 1, p.Backward}} {
				got := append([]complex128(nil), a...)
				dir.f(got)
				want := naiveDFT2(a, h, w, dir.sign)
				tol := 1e-12 * 255 * float64(h*w)
				for i := range got {
					if d := cmplx.Abs(got[i] - want[i]); !(d <= tol) {
						t.Fatalf("%dx%d %s[%d] = %v, want %v (|diff| %.3g)", h, w, dir.name, i, got[i], want[i], d)
					}
				}
			}
			// Spectral layout: ForwardSpec, then BackwardSpecMul of the
			// spectrum times a real filter, then Unblock.
			spec := make([]complex128, h*w)
			p.ForwardSpec(spec, a)
			want := naiveDFT2(a, h, w, -1)
			tol := 1e-12 * 255 * float64(h*w)
			f := make([]float64, h*w)
			prod := make([]complex128, h*w)
			for u := range h {
				for v := range w {
					k := p.SpecIndex(u, v)
					if d := cmplx.Abs(spec[k] - want[u*w+v]); !(d <= tol) {
						t.Fatalf("%dx%d ForwardSpec(%d,%d) = %v, want %v", h, w, u, v, spec[k], want[u*w+v])
					}
					f[k] = rng.Float64()
					prod[u*w+v] = spec[k] * complex(f[k], 0)
				}
			}
			blocked := make([]complex128, h*w)
			re, reN := make([]float64, h*w), make([]float64, h*w)
			p.BackwardSpecMul(blocked, spec, f)
			want = naiveDFT2(prod, h, w, 1)
			for _, part := range []func(complex128) float64{
				func(z complex128) float64 { return real(z) },
				func(z complex128) float64 { return imag(z) },
			} {
				for i, z := range blocked {
					re[i] = part(z)
				}
				p.Unblock(reN, re)
				for i, v := range reN {
					if d := math.Abs(v - part(want[i])); !(d <= tol*float64(h*w)) {
						t.Fatalf("%dx%d BackwardSpecMul[%d] = %v, want %v", h, w, i, v, part(want[i]))
					}
				}
			}
			if n := testing.AllocsPerRun(2, func() {
				p.Forward(a)
				p.Backward(a)
				p.ForwardSpec(spec, a)
				p.BackwardSpecMul(blocked, spec, f)
				p.Unblock(reN, re)
			}); n != 0 {
				t.Errorf("%dx%d: %v allocations per transform pair", h, w, n)
			}
		}
	})
}

// BenchmarkFFT2 measures one inverse transform of a filtered spectrum
// (BackwardSpecMul, the transform FSIM runs 32 times per frame) on the
// FSIM grid of a 1080p frame (270 rows of 480, res=480x270) and on the VSI
// saliency grid (256×256).
func BenchmarkFFT2(b *testing.B) {
	for _, impl := range levels() {
		for _, sz := range fftBenchSizes[:2] {
			b.Run(fmt.Sprintf("impl=%s/res=%dx%d", impl, sz[1], sz[0]), func(b *testing.B) {
				defer SetLevel(impl)()
				p := NewFFT2(sz[0], sz[1])
				n := sz[0] * sz[1]
				a, spec, out := make([]complex128, n), make([]complex128, n), make([]complex128, n)
				f := make([]float64, n)
				for i := range a {
					a[i] = complex(float64(i%255), 0)
					f[i] = 1
				}
				p.ForwardSpec(spec, a)
				b.SetBytes(int64(16 * n))
				b.ReportAllocs()
				cpu0 := cpuTime()
				for b.Loop() {
					p.BackwardSpecMul(out, spec, f)
				}
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// BenchmarkFFT2Ops measures the other entry points on the grids of
// fftBenchSizes: ForwardSpec (op=forwardspec), BackwardSpecMul with one
// filter (op=backward, VSI's call), BackwardSpecMulN with four filters
// (op=backward4, FSIM's inverse transforms of one scale) and the in-place
// Forward (op=forward, SR-SIM; with a copy of the input).
func BenchmarkFFT2Ops(b *testing.B) {
	for _, impl := range levels() {
		for _, sz := range fftBenchSizes {
			h, w := sz[0], sz[1]
			p := NewFFT2(h, w)
			n := h * w
			a, c, spec, out := make([]complex128, n), make([]complex128, n), make([]complex128, n), make([]complex128, n)
			f := make([][]float64, 4)
			for k := range f {
				f[k] = make([]float64, n)
				for i := range f[k] {
					f[k][i] = 1 / float64(k+1)
				}
			}
			for i := range a {
				a[i] = complex(float64(i%255), float64(i%7))
			}
			pc := &panelCollector{h: h, out: [][]complex128{make([]complex128, n), make([]complex128, n), make([]complex128, n), make([]complex128, n)}}
			for _, op := range []struct {
				name string
				f    func()
			}{
				{"forwardspec", func() { p.ForwardSpec(spec, a) }},
				{"backward", func() { p.BackwardSpecMul(out, spec, f[0]) }},
				{"backward4", func() { p.BackwardSpecMulN(spec, f, pc) }},
				{"forward", func() { copy(c, a); p.Forward(c) }},
			} {
				b.Run(fmt.Sprintf("impl=%s/res=%dx%d/op=%s", impl, w, h, op.name), func(b *testing.B) {
					defer SetLevel(impl)()
					b.SetBytes(int64(16 * n))
					b.ReportAllocs()
					cpu0 := cpuTime()
					for b.Loop() {
						op.f()
					}
					b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
				})
			}
		}
	}
}

// panelCollector stores the panels of BackwardSpecMulN in the
// column-blocked layout.
type panelCollector struct {
	h   int
	out [][]complex128
}

func (pc *panelCollector) VisitPanel(x0, b int, panels [][]complex128) {
	for k, p := range panels {
		copy(pc.out[k][x0*pc.h:(x0+b)*pc.h], p)
	}
}

// TestBackwardSpecMulN checks that the panels of BackwardSpecMulN are those
// of BackwardSpecMul for each filter.
func TestBackwardSpecMulN(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, sz := range [][2]int{{1, 1}, {5, 3}, {17, 33}, {30, 24}, {40, 19}} {
			h, w := sz[0], sz[1]
			p := NewFFT2(h, w)
			a, spec := make([]complex128, h*w), make([]complex128, h*w)
			for i := range a {
				a[i] = complex(rng.Float64()*255, 0)
			}
			p.ForwardSpec(spec, a)
			for _, n := range []int{1, 4} {
				f := make([][]float64, n)
				pc := &panelCollector{h: h, out: make([][]complex128, n)}
				for k := range f {
					f[k] = make([]float64, h*w)
					for i := range f[k] {
						f[k][i] = rng.Float64()
					}
					pc.out[k] = make([]complex128, h*w)
				}
				p.BackwardSpecMulN(spec, f, pc)
				want := make([]complex128, h*w)
				for k := range f {
					p.BackwardSpecMul(want, spec, f[k])
					for i := range want {
						if d := cmplx.Abs(pc.out[k][i] - want[i]); d > 1e-9*cmplx.Abs(want[i])+1e-9 {
							t.Fatalf("%dx%d n=%d filter %d [%d] = %v, want %v", h, w, n, k, i, pc.out[k][i], want[i])
						}
					}
				}
				if allocs := testing.AllocsPerRun(2, func() { p.BackwardSpecMulN(spec, f, pc) }); allocs != 0 {
					t.Errorf("%dx%d: %v allocations", h, w, allocs)
				}
			}
		}
	})
}

// TestFFTButterflies compares each butterfly with its generic version at
// every level, for run lengths that leave every possible vector tail.
func TestFFTButterflies(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	rnd := func(n int) []complex128 {
		z := make([]complex128, n)
		for i := range z {
			z[i] = complex(rng.NormFloat64()*100, rng.NormFloat64()*100)
		}
		return z
	}
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, p := range []int{2, 3, 4, 5} {
			for _, inv := range []float64{-1, 1} {
				c := fftConsts(p, inv)
				for n := 0; n <= 13; n++ {
					x := make([][]complex128, p)
					for r := range x {
						x[r] = rnd(n)
					}
					w := rnd(p - 1)
					got, want := make([][]complex128, p), make([][]complex128, p)
					for k := range got {
						got[k], want[k] = make([]complex128, n), make([]complex128, n)
					}
					switch p {
					case 2:
						fftR2(got[0], got[1], x[0], x[1], w, c)
						fftR2Generic(want[0], want[1], x[0], x[1], w, c)
					case 3:
						fftR3(got[0], got[1], got[2], x[0], x[1], x[2], w, c)
						fftR3Generic(want[0], want[1], want[2], x[0], x[1], x[2], w, c)
					case 4:
						fftR4(got[0], got[1], got[2], got[3], x[0], x[1], x[2], x[3], w, c)
						fftR4Generic(want[0], want[1], want[2], want[3], x[0], x[1], x[2], x[3], w, c)
					case 5:
						fftR5(got[0], got[1], got[2], got[3], got[4], x[0], x[1], x[2], x[3], x[4], w, c)
						fftR5Generic(want[0], want[1], want[2], want[3], want[4], x[0], x[1], x[2], x[3], x[4], w, c)
					}
					for k := range got {
						for i := range got[k] {
							if d := cmplx.Abs(got[k][i] - want[k][i]); d > 1e-12*cmplx.Abs(want[k][i])+1e-9 {
								t.Fatalf("radix %d sign %v n=%d: out %d[%d] = %v, want %v", p, inv, n, k, i, got[k][i], want[k][i])
							}
						}
					}
				}
			}
		}
	})
}

// TestMulRealC128 compares the real-factor product with its generic
// version at every level, with a guard value after the output.
func TestMulRealC128(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for n := 0; n <= 19; n++ {
			src := make([]complex128, n)
			f := make([]float64, n)
			for i := range src {
				src[i] = complex(rng.NormFloat64(), rng.NormFloat64())
				f[i] = rng.NormFloat64()
			}
			got, want := make([]complex128, n+1), make([]complex128, n)
			got[n] = complex(math.NaN(), 1)
			mulRealC128(got[:n], src, f)
			mulRealC128Generic(want, src, f)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("n=%d: [%d] = %v, want %v", n, i, got[i], want[i])
				}
			}
			if !cmplx.IsNaN(got[n]) {
				t.Fatalf("n=%d: wrote past the end", n)
			}
		}
	})
}

// TestTransposeC128 compares the transposition with its definition at
// every level, for sizes below, at and above the unrolled four values,
// and checks that nothing past rows·cols values of dst is written.
func TestTransposeC128(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, rows := range []int{1, 2, 3, 5, 14, 16, 17} {
			for _, cols := range []int{1, 3, 4, 7, 8, 16, 21} {
				n := rows * cols
				src := make([]complex128, n)
				for i := range src {
					src[i] = complex(float64(i), -float64(i)/3)
				}
				dst := make([]complex128, n+4)
				guard := complex(-1, -1)
				for i := range dst {
					dst[i] = guard
				}
				transposeC128(dst, src, rows, cols)
				for i := range rows {
					for j := range cols {
						if got, want := dst[j*rows+i], src[i*cols+j]; got != want {
							t.Fatalf("%dx%d: dst[%d] = %v, want %v", rows, cols, j*rows+i, got, want)
						}
					}
				}
				for i := n; i < len(dst); i++ {
					if dst[i] != guard {
						t.Fatalf("%dx%d: dst[%d] overwritten", rows, cols, i)
					}
				}
			}
		}
	})
}

// guardedC128 returns a slice of n values inside a larger one, off values
// from its start, with NaN guards around it, and a function reporting
// whether the guards are intact.
func guardedC128(n, off int) ([]complex128, func() bool) {
	all := make([]complex128, n+off+3)
	g := complex(math.NaN(), -1)
	for i := range all {
		all[i] = g
	}
	intact := func() bool {
		for _, z := range append(all[:off:off], all[off+n:]...) {
			if !cmplx.IsNaN(z) || imag(z) != -1 {
				return false
			}
		}
		return true
	}
	return all[off : off+n], intact
}

// closeC128 reports whether got is within rel of want, relative to the
// largest magnitude of want.
func closeC128(got, want []complex128, rel float64) (int, bool) {
	scale := 0.0
	for _, z := range want {
		scale = max(scale, cmplx.Abs(z))
	}
	for i := range want {
		if !(cmplx.Abs(got[i]-want[i]) <= rel*scale) {
			return i, false
		}
	}
	return 0, true
}

// TestFFTPasses compares every pass of the batched FFT (the whole-pass,
// fused and last-stage kernels the level picks) with the same stages run
// one at a time by the generic butterflies, for lengths that use every
// radix pair, batch widths that are multiples of 4, only even, or odd,
// and unaligned outputs with guards.
func TestFFTPasses(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	lengths := []int{2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25, 30, 45, 48, 60, 64, 75, 120, 256, 270, 480}
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range lengths {
			f := newFFTBatch(n)
			for _, b := range []int{1, 2, 4, 6, 8, 14, 16} {
				for _, inverse := range []bool{false, true} {
					x := make([]complex128, n*b)
					for i := range x {
						x[i] = complex(rng.NormFloat64()*100, rng.NormFloat64()*100)
					}
					for i := 0; i < len(f.stages); {
						k := f.passLen(i, b)
						y, intact := guardedC128(n*b, 1+i%3)
						next := f.pass(i, y, x, b, inverse)
						if next != i+k {
							t.Fatalf("n=%d b=%d: pass at stage %d returned %d, want %d", n, b, i, next, i+k)
						}
						if !intact() {
							t.Fatalf("n=%d b=%d inverse=%v: pass at stage %d wrote outside its output", n, b, inverse, i)
						}
						want, tmp := make([]complex128, n*b), make([]complex128, n*b)
						func() {
							defer SetLevel(Generic)()
							f.stage(&f.stages[i], want, x, b, inverse)
							if k == 2 {
								f.stage(&f.stages[i+1], tmp, want, b, inverse)
								want = tmp
							}
						}()
						if j, ok := closeC128(y, want, 1e-14); !ok {
							t.Fatalf("n=%d b=%d inverse=%v: pass at stage %d (%d stages): [%d] = %v, want %v", n, b, inverse, i, k, j, y[j], want[j])
						}
						x, i = y, next
					}
				}
			}
		}
	})
}

// TestFFTRunIntoMul checks that the passes that multiply by a real filter
// while reading give runInto of the product, and leave their input
// unchanged, with one scratch array or two (runInto2).
func TestFFTRunIntoMul(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range []int{8, 12, 16, 20, 24, 40, 64, 120, 256, 480} {
			f := newFFTBatch(n)
			for _, b := range []int{2, 4, 8, 14, 16} {
				src, fl := make([]complex128, n*b), make([]float64, n*b)
				for i := range src {
					src[i] = complex(rng.NormFloat64(), rng.NormFloat64())
					fl[i] = rng.Float64()
				}
				orig := append([]complex128(nil), src...)
				dst, tmp := make([]complex128, n*b), make([]complex128, n*b)
				var tmp2 []complex128
				if b%4 == 0 {
					tmp2 = make([]complex128, n*b)
				}
				if !f.runIntoMul(dst, src, tmp, tmp2, fl, b, true) {
					if impl != Generic && f.passLen(0, b) == 2 && fftKernelLevel(b) != Generic && f.stages[0].p == 4 {
						t.Fatalf("n=%d b=%d: no multiplying pass", n, b)
					}
					continue
				}
				for i := range src {
					if src[i] != orig[i] {
						t.Fatalf("n=%d b=%d: input changed at %d", n, b, i)
					}
				}
				prod := make([]complex128, n*b)
				mulRealC128(prod, src, fl)
				want := make([]complex128, n*b)
				f.runInto(want, prod, tmp, b, true)
				if j, ok := closeC128(dst, want, 1e-14); !ok {
					t.Fatalf("n=%d b=%d: [%d] = %v, want %v", n, b, j, dst[j], want[j])
				}
				// runInto2 with two scratch arrays gives the same result.
				if tmp2 != nil {
					got := make([]complex128, n*b)
					mulRealC128(prod, src, fl)
					f.runInto2(got, prod, tmp, tmp2, b, true)
					if j, ok := closeC128(got, want, 1e-15); !ok {
						t.Fatalf("n=%d b=%d: runInto2 [%d] = %v, want %v", n, b, j, got[j], want[j])
					}
				}
			}
		}
	})
}

// TestMulRunsC128 compares the run-by-value products of Bluestein's
// algorithm with the generic loop at every level, for run lengths around
// the vector widths, unaligned slices and guards after the output.
func TestMulRunsC128(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, nw := range []int{0, 1, 2, 5} {
			for b := 1; b <= 17; b++ {
				w := make([]complex128, nw)
				for i := range w {
					w[i] = cmplx.Rect(1, rng.Float64()*6)
				}
				src := make([]complex128, nw*b+1)[1:]
				for i := range src {
					src[i] = complex(rng.NormFloat64(), rng.NormFloat64())
				}
				got, intact := guardedC128(nw*b, 1+b%2)
				mulRunsC128(got, src, w, b)
				want := make([]complex128, nw*b)
				mulRunsC128Generic(want, src, w, b)
				if !intact() {
					t.Fatalf("nw=%d b=%d: wrote outside the output", nw, b)
				}
				for i := range want {
					if d := cmplx.Abs(got[i] - want[i]); d > 1e-15*cmplx.Abs(want[i]) {
						t.Fatalf("nw=%d b=%d: [%d] = %v, want %v", nw, b, i, got[i], want[i])
					}
				}
			}
		}
	})
}
