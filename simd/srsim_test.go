package simd

import (
	"math"
	"slices"
	"testing"
)

func TestScharrRowF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				u := f64Rand(n+2, off, 0, 255, uint64(3*n+off))
				m := f64Rand(n+2, off, 0, 255, uint64(3*n+off+1))
				d := f64Rand(n+2, off, 0, 255, uint64(3*n+off+2))
				dst := newF64Guarded(n, off)
				ScharrRowF64(dst.s, u, m, d)
				dst.check(t)
				want := make([]float64, n)
				scharrRowF64Generic(want, u, m, d)
				// Same operations in the same order at every level: equal bits.
				f64CheckClose(t, name("n", n, "off", off), dst.s, want, 0, 0)
			}
		}
	})
}

func TestResizeVertF32(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				for _, tc := range []struct{ taps, cut int }{{1, 16}, {6, 16}, {18, 16}, {18, 18}, {5, 0}, {20, 3}} {
					const rows = 7
					src := randInput(rows*n+5, off, -3, 300, uint64(11*n+off))
					offs := make([]int, tc.taps)
					w := make([]float32, tc.taps)
					for k := range offs {
						offs[k] = (k*5)%rows*n + k%5 // rows in any order, unaligned
						w[k] = float32(k%7)*0.173 - 0.41
					}
					dst := newGuarded(n, off)
					ResizeVertF32(dst.s, src, offs, w, tc.cut)
					dst.check(t)
					want := make([]float32, n)
					cut := min(tc.cut, tc.taps)
					for j := range want { // the definition
						var a, b float32
						for k, wk := range w {
							p := float32(src[offs[k]+j] * wk)
							if k < cut {
								a += p
							} else {
								b += p
							}
						}
						if tc.taps > cut {
							a = b + a
						}
						want[j] = a
					}
					// Same products and additions at every level: equal bits.
					checkCloseF32(t, name("n", n, "off", off, "taps", tc.taps, "cut", tc.cut), dst.s, want, 0, 0)
				}
			}
		}
	})
}

func TestResizeVertF32Panics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic on an offset past the source")
		}
	}()
	ResizeVertF32(make([]float32, 8), make([]float32, 20), []int{0, 13}, []float32{1, 1}, 16)
}

func TestResizeTaps(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			if n == 0 {
				continue
			}
			for _, off := range testOffsets {
				for _, tc := range []struct {
					taps, cut int
					near      bool // taps near c/4 (enlarging): windows, else scattered
				}{{1, 16, false}, {6, 16, false}, {18, 16, false}, {4, 0, false}, {20, 7, false}, {6, 16, true}, {3, 1, true}, {9, 16, true}} {
					srcLen := 3*n + 5
					if tc.near {
						srcLen = n/4 + tc.taps
					}
					src := randInput(srcLen, off, -3, 300, uint64(13*n+off))
					idx := make([]int, n*tc.taps)
					w := make([]float32, n*tc.taps)
					for i := range idx {
						idx[i] = (i*7919 + off) % srcLen
						if c, k := i/tc.taps, i%tc.taps; tc.near { // mirrored at both ends
							idx[i] = c/4 + k - tc.taps/2
							if idx[i] < 0 {
								idx[i] = -idx[i] - 1
							}
							if idx[i] >= srcLen {
								idx[i] = 2*srcLen - 1 - idx[i]
							}
						}
						w[i] = float32(i%11)*0.097 - 0.3
					}
					r := NewResizeTaps(n, idx, w, tc.cut)
					if windows := slices.IndexFunc(r.win, func(b int32) bool { return b >= 0 }) >= 0; tc.near && n >= 64 && !windows {
						t.Fatalf("n=%d taps=%d: no group of outputs reads a window", n, tc.taps)
					}
					dst := newGuarded(n, off)
					r.Apply(dst.s, src)
					dst.check(t)
					cut := min(tc.cut, tc.taps)
					for c := range n {
						var a, b float32
						for k := range tc.taps {
							p := float32(src[idx[c*tc.taps+k]] * w[c*tc.taps+k])
							if k < cut {
								a += p
							} else {
								b += p
							}
						}
						if tc.taps > cut {
							a = b + a
						}
						// Same products and additions at every level: equal bits.
						if dst.s[c] != a {
							t.Fatalf("n=%d off=%d taps=%d cut=%d: [%d] = %v, want %v", n, off, tc.taps, tc.cut, c, dst.s[c], a)
						}
					}
				}
			}
		}
	})
}

func TestResizeTapsPanics(t *testing.T) {
	r := NewResizeTaps(2, []int{0, 9, 3, 4}, []float32{1, 1, 1, 1}, 16)
	defer func() {
		if recover() == nil {
			t.Error("no panic on a short source")
		}
	}()
	r.Apply(make([]float32, 2), make([]float32, 9))
}

func TestNarrowF64ToF32(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				src := f64Rand(n, off, -1e6, 1e6, uint64(17*n+off))
				if n > 2 {
					src[0], src[1] = 1e300, -1e-300 // overflow and underflow
				}
				dst := newGuarded(n, off)
				NarrowF64ToF32(dst.s, src)
				dst.check(t)
				for i, v := range src {
					if got, want := dst.s[i], float32(v); got != want {
						t.Fatalf("n=%d off=%d: [%d] = %v, want %v", n, off, i, got, want)
					}
				}
			}
		}
	})
}

func TestSRSIMRowF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				var rows [6][]float64
				for i := range rows {
					rows[i] = f64Rand(n+2, off, 0, 255, uint64(23*n+off+i))
				}
				vx := f64Rand(n, off, 0, 1, uint64(23*n+off+6))
				vy := f64Rand(n, off, 0, 1, uint64(23*n+off+7))
				for i := 0; i < n; i += 3 { // ties: max picks either
					vy[i] = vx[i]
				}
				what := name("n", n, "off", off)
				num, den := SRSIMRowF64(vx, vy, rows[0], rows[1], rows[2], rows[3], rows[4], rows[5], 0.4, 225)
				wn, wd := srsimRowF64Generic(vx, vy, rows[0], rows[1], rows[2], rows[3], rows[4], rows[5], 0.4, 225)
				if !closeF64(num, wn, 1e-13, 1e-13) || !closeF64(den, wd, 1e-13, 1e-13) {
					t.Fatalf("%s: (%v, %v), want (%v, %v)", what, num, den, wn, wd)
				}
				// The same sums from the gradient maps.
				gx, gy := make([]float64, n), make([]float64, n)
				scharrRowF64Generic(gx, rows[0], rows[1], rows[2])
				scharrRowF64Generic(gy, rows[3], rows[4], rows[5])
				var sn, sd float64
				for i := range vx {
					sv := (2*vx[i]*vy[i] + 0.4) / (vx[i]*vx[i] + vy[i]*vy[i] + 0.4)
					sg := (2*gx[i]*gy[i] + 225) / (gx[i]*gx[i] + gy[i]*gy[i] + 225)
					vm := max(vx[i], vy[i])
					sn += sv * math.Sqrt(sg) * vm
					sd += vm
				}
				if !closeF64(num, sn, 1e-12, 1e-12) || !closeF64(den, sd, 1e-12, 1e-12) {
					t.Fatalf("%s: (%v, %v), from the maps (%v, %v)", what, num, den, sn, sd)
				}
			}
		}
	})
}

// TestScharrRowDefinition compares ScharrRowF64 with its generic version bit for bit
// at every level, length and offset, with guard bands around the output,
// and the generic version with the Scharr kernels applied directly.
func TestScharrRowDefinition(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				seed := uint64(n*5 + off)
				u, m, d := f64Rand(n+2, off, 0, 255, seed), f64Rand(n+2, off, 0, 255, seed+1), f64Rand(n+2, off, 0, 255, seed+2)
				dst := newF64Guarded(n, off)
				ScharrRowF64(dst.s, u, m, d)
				dst.check(t)
				want := make([]float64, n)
				scharrRowF64Generic(want, u, m, d)
				for j, v := range dst.s {
					if math.Float64bits(v) != math.Float64bits(want[j]) {
						t.Fatalf("n=%d off=%d: [%d] = %v, want %v", n, off, j, v, want[j])
					}
				}
				if impl != Generic {
					continue
				}
				kx := [3][3]float64{{-3, 0, 3}, {-10, 0, 10}, {-3, 0, 3}}
				rows := [3][]float64{u, m, d}
				for j := range n {
					var gx, gy float64
					for a := range 3 {
						for b := range 3 {
							gx += kx[a][b] * rows[a][j+b]
							gy += kx[b][a] * rows[a][j+b]
						}
					}
					if g := math.Hypot(gx, gy) / 16; !closeF64(want[j], g, 1e-13, 1e-12) {
						t.Fatalf("n=%d: [%d] = %v, want %v", n, j, want[j], g)
					}
				}
			}
		}
	})
}
