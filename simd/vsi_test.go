package simd

import (
	"math"
	"testing"
)

// vsiTestConsts are VSI's constants with saliency maps in [0, 2e-3).
var vsiTestConsts = VSIConsts{
	MinX: 1e-5, MinY: 2e-5, RX: 1 / 1.9e-3, RY: 1 / 1.8e-3,
	C1: 1.27, C2: 386, C3: 130, Neg: math.Cos(0.02 * math.Pi),
	M: [3]float64{0.30, 0.04, -0.35}, N: [3]float64{0.34, -0.6, 0.17},
}

// TestVSISimRow compares VSISimRow and VSISimRowGray with their generic
// versions bit for bit (no operation is fused) at every level, length and
// offset, with guard bands around every output. The chroma inputs reach
// negative chroma similarities, whose sign factor and absolute value are
// checked too.
func TestVSISimRow(t *testing.T) {
	k := &vsiTestConsts
	forEachLevel(t, func(t *testing.T, impl Impl) {
		var negs int
		for _, n := range testLengths {
			for _, off := range testOffsets {
				seed := uint64(n*13 + off)
				vx, vy := f64Rand(n, off, 1e-5, 2e-3, seed), f64Rand(n, off, 2e-5, 2e-3, seed+1)
				gx, gy := f64Rand(n, off, 0, 300, seed+2), f64Rand(n, off, 0, 300, seed+3)
				mx, my := f64Rand(n, off, -40, 40, seed+4), f64Rand(n, off, -40, 40, seed+5)
				nx, ny := f64Rand(n, off, -40, 40, seed+6), f64Rand(n, off, -40, 40, seed+7)
				for _, gray := range []bool{false, true} {
					var out, want [5]*f64Guarded
					var w [5][]float64
					for i := range out {
						out[i], want[i] = newF64Guarded(n, off), newF64Guarded(n, off)
						w[i] = want[i].s
					}
					o := func(i int) []float64 { return out[i].s }
					if gray {
						VSISimRowGray(o(0), o(1), o(2), o(3), o(4), vx, vy, gx, gy, mx, my, k)
						vsiSimRowGrayGeneric(w[0], w[1], w[2], w[3], w[4], vx, vy, gx, gy, mx, my, k)
					} else {
						VSISimRow(o(0), o(1), o(2), o(3), o(4), vx, vy, gx, gy, mx, my, nx, ny, k)
						vsiSimRowGeneric(w[0], w[1], w[2], w[3], w[4], vx, vy, gx, gy, mx, my, nx, ny, k)
					}
					for i := range out {
						out[i].check(t)
						for j, v := range out[i].s {
							if math.Float64bits(v) != math.Float64bits(w[i][j]) {
								t.Fatalf("gray=%v n=%d off=%d: output %d [%d] = %v, want %v", gray, n, off, i, j, v, w[i][j])
							}
						}
					}
					for j, f := range w[2] {
						if f != 1 {
							negs++
							if f != k.Neg || w[1][j] <= 0 {
								t.Fatalf("gray=%v n=%d: neg[%d] = %v, sc = %v", gray, n, j, f, w[1][j])
							}
						}
					}
				}
			}
		}
		if negs == 0 {
			t.Fatal("no negative chroma similarity was tested")
		}
	})
}

// TestVSISimRowValues checks the generic kernel against the similarities
// computed one by one.
func TestVSISimRowValues(t *testing.T) {
	k := &vsiTestConsts
	sim := func(a, b, c float64) float64 { return (2*a*b + c) / (a*a + b*b + c) }
	const n = 1000
	vx, vy := f64Rand(n, 0, 1e-5, 2e-3, 1), f64Rand(n, 0, 2e-5, 2e-3, 2)
	gx, gy := f64Rand(n, 0, 0, 300, 3), f64Rand(n, 0, 0, 300, 4)
	mx, my := f64Rand(n, 0, -40, 40, 5), f64Rand(n, 0, -40, 40, 6)
	nx, ny := f64Rand(n, 0, -40, 40, 7), f64Rand(n, 0, -40, 40, 8)
	var o [5][]float64
	for i := range o {
		o[i] = make([]float64, n)
	}
	VSISimRow(o[0], o[1], o[2], o[3], o[4], vx, vy, gx, gy, mx, my, nx, ny, k)
	for i := range n {
		a, b := (vx[i]-k.MinX)*k.RX, (vy[i]-k.MinY)*k.RY
		c := sim(mx[i], my[i], k.C3) * sim(nx[i], ny[i], k.C3)
		neg := 1.0
		if c < 0 {
			neg = k.Neg
		}
		for j, want := range []float64{sim(gx[i], gy[i], k.C2), math.Abs(c), neg, sim(a, b, k.C1), max(a, b)} {
			if !closeF64(o[j][i], want, 1e-14, 0) {
				t.Fatalf("sample %d output %d = %v, want %v", i, j, o[j][i], want)
			}
		}
	}
}

func TestVSISimRowPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("VSISimRow with a short input did not panic")
		}
	}()
	s := make([]float64, 8)
	VSISimRow(s, s, s, s, s, s, s, s, s, s, s, s, s[:7], &vsiTestConsts)
}

func BenchmarkVSISimRow(b *testing.B) {
	for _, impl := range levels() {
		b.Run(name("impl", impl, "w", 1920), func(b *testing.B) {
			defer SetLevel(impl)()
			const n = 1920
			in := f64Rand(n, 0, 0, 1e-3, 1)
			var o [5][]float64
			for i := range o {
				o[i] = make([]float64, n)
			}
			b.SetBytes(6 * 8 * n)
			b.ReportAllocs()
			for b.Loop() {
				VSISimRowGray(o[0], o[1], o[2], o[3], o[4], in, in, in, in, in, in, &vsiTestConsts)
			}
		})
	}
}

// powTestTable returns the tables of x^e with 2^(52−shift) intervals, as
// metrics/vsi builds them.
func powTestTable(e float64, shift uint) (c, p2 []float64) {
	n := 1 << (52 - shift)
	h := 1 / float64(n)
	for i := range n {
		m0, m1 := 1+float64(i)*h, 1+float64(i+1)*h
		p0, p1 := math.Pow(m0, e), math.Pow(m1, e)
		d0, d1 := h*e*math.Pow(m0, e-1), h*e*math.Pow(m1, e-1)
		c = append(c, p0, d0, 3*(p1-p0)-2*d0-d1, 2*(p0-p1)+d0+d1)
	}
	for k := range 2046 {
		p2 = append(p2, math.Pow(2, e*float64(k-1022)))
	}
	return c, p2
}

// TestPowTableRow compares PowTableRow with its generic version bit for
// bit at every level, length and offset, with guard bands, on positive
// samples over many binades; then with a sample that is not a positive
// normal number (zero, subnormal, negative, infinite, NaN) placed at
// every position of a short row, where it must stop and leave the rest
// untouched. The generic version is checked against math.Pow.
func TestPowTableRow(t *testing.T) {
	const shift = 43
	c, p2 := powTestTable(0.4, shift)
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				in := f64Rand(n, off, -30, 3, uint64(n*3+off))
				for i, v := range in {
					in[i] = math.Exp(v)
				}
				got := newF64Guarded(n, off)
				copy(got.s, in)
				want := append([]float64(nil), in...)
				if d := PowTableRow(got.s, c, p2, shift); d != n {
					t.Fatalf("n=%d off=%d: done %d", n, off, d)
				}
				got.check(t)
				powTableRowGeneric(want, c, p2, shift)
				for i, v := range got.s {
					if math.Float64bits(v) != math.Float64bits(want[i]) {
						t.Fatalf("n=%d off=%d: [%d] = %v, want %v", n, off, i, v, want[i])
					}
					if p := math.Pow(in[i], 0.4); math.Abs(v-p) > 1e-13*p {
						t.Fatalf("n=%d: %v^0.4 = %v, want %v", n, in[i], v, p)
					}
				}
			}
		}
		for _, bad := range []float64{0, 4e-320, -0.5, math.Inf(1), math.NaN(), math.Copysign(0, -1)} {
			for pos := range 21 {
				x := f64Rand(21, 0, 0.25, 1, uint64(pos))
				x[pos] = bad
				orig := append([]float64(nil), x...)
				if d := PowTableRow(x, c, p2, shift); d != pos {
					t.Fatalf("bad %v at %d: done %d", bad, pos, d)
				}
				want := append([]float64(nil), orig...)
				powTableRowGeneric(want[:pos], c, p2, shift)
				for i := range x {
					if math.Float64bits(x[i]) != math.Float64bits(want[i]) {
						t.Fatalf("bad %v at %d: [%d] = %v, want %v", bad, pos, i, x[i], want[i])
					}
				}
			}
		}
	})
}

func BenchmarkPowTableRow(b *testing.B) {
	c, p2 := powTestTable(0.4, 43)
	for _, impl := range levels() {
		b.Run(name("impl", impl, "w", 1920), func(b *testing.B) {
			defer SetLevel(impl)()
			src := f64Rand(1920, 0, 0.25, 1, 1)
			x := make([]float64, 1920)
			b.SetBytes(8 * 1920)
			b.ReportAllocs()
			for b.Loop() {
				copy(x, src)
				PowTableRow(x, c, p2, 43)
			}
		})
	}
}

// TestBandF64 compares BandF64.Row with its generic version bit for bit
// at every level, length, offset and band width, with guard bands around
// the output and first indices that reach both ends of src; the generic
// version is checked against the sums written out.
func TestBandF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, k := range []int{1, 2, 3, 5} {
			for _, n := range testLengths {
				for _, off := range testOffsets {
					seed := uint64(n*11 + off + 100*k)
					src := f64Rand(300, off, -1, 1, seed)
					wt := f64Rand(k*n, off, 0, 1, seed+1)
					first := make([]int32, n)
					for j := range first {
						first[j] = int32((j*7 + int(seed)) % (len(src) - k + 1))
					}
					if n > 1 {
						first[0], first[n-1] = 0, int32(len(src)-k)
					}
					dst := newF64Guarded(n, off)
					NewBandF64(first, wt, k).Row(dst.s, src)
					dst.check(t)
					want := make([]float64, n)
					bandRowF64Generic(want, src, first, wt, k, n)
					for j, v := range dst.s {
						if math.Float64bits(v) != math.Float64bits(want[j]) {
							t.Fatalf("k=%d n=%d off=%d: [%d] = %v, want %v", k, n, off, j, v, want[j])
						}
						var s float64
						for q := range k {
							s += wt[q*n+j] * src[int(first[j])+q]
						}
						if s != want[j] {
							t.Fatalf("k=%d n=%d: generic [%d] = %v, want %v", k, n, j, want[j], s)
						}
					}
				}
			}
		}
	})
}

func TestBandF64Panics(t *testing.T) {
	b := NewBandF64([]int32{0, 2}, make([]float64, 6), 3)
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"short src", func() { b.Row(make([]float64, 2), make([]float64, 4)) }},
		{"dst length", func() { b.Row(make([]float64, 3), make([]float64, 5)) }},
		{"negative index", func() { NewBandF64([]int32{-1}, make([]float64, 3), 3) }},
		{"short weights", func() { NewBandF64([]int32{0, 1}, make([]float64, 5), 3) }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: did not panic", tc.name)
				}
			}()
			tc.f()
		}()
	}
	b.Row(make([]float64, 2), make([]float64, 5)) // long enough: no panic
}

// TestLerpRowMinMax compares LerpRowMinMax with its generic version bit
// for bit (rows and extremes) at every level, length and offset, with
// guard bands, including rows with NaNs, which must be skipped, and the
// generic version with the extremes searched directly.
func TestLerpRowMinMax(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				seed := uint64(n*17 + off)
				a, b := f64Rand(n, off, -5, 5, seed), f64Rand(n, off, -5, 5, seed+1)
				if n > 5 {
					a[n/2] = math.NaN()
				}
				dst := newF64Guarded(n, off)
				mn, mx := LerpRowMinMax(dst.s, a, b, 0.3, 0.7)
				dst.check(t)
				want := make([]float64, n)
				wn, wx := lerpRowMinMaxGeneric(want, a, b, 0.3, 0.7)
				if math.Float64bits(mn) != math.Float64bits(wn) || math.Float64bits(mx) != math.Float64bits(wx) {
					t.Fatalf("n=%d off=%d: extremes %v, %v, want %v, %v", n, off, mn, mx, wn, wx)
				}
				en, ex := math.Inf(1), math.Inf(-1)
				for i, v := range dst.s {
					if math.Float64bits(v) != math.Float64bits(want[i]) {
						t.Fatalf("n=%d off=%d: [%d] = %v, want %v", n, off, i, v, want[i])
					}
					if !math.IsNaN(v) {
						en, ex = math.Min(en, v), math.Max(ex, v)
					}
				}
				if wn != en || wx != ex {
					t.Fatalf("n=%d: generic extremes %v, %v, want %v, %v", n, wn, wx, en, ex)
				}
			}
		}
	})
}

// TestSRGBBaseRow compares SRGBBaseRow with its generic version bit for
// bit at every level, length and offset, with guard bands, on samples
// that cross the linear segment's end (x ≈ 10.3).
func TestSRGBBaseRow(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				src := f64Rand(n, off, 0, 30, uint64(n*19+off))
				if n > 2 {
					src[0], src[1] = 0.04045*255, math.Nextafter(0.04045*255, 300)
				}
				dst := newF64Guarded(n, off)
				SRGBBaseRow(dst.s, src)
				dst.check(t)
				want := make([]float64, n)
				srgbBaseRowGeneric(want, src)
				for i, v := range dst.s {
					if math.Float64bits(v) != math.Float64bits(want[i]) {
						t.Fatalf("n=%d off=%d: [%d] = %v, want %v", n, off, i, v, want[i])
					}
				}
			}
		}
	})
}

// TestPool4RowF64 compares Pool4RowF64 with its generic version bit for
// bit at every level, length and offset, with guard bands, and the
// generic version with the block sums written out.
func TestPool4RowF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				var r [4][]float32
				for i := range r {
					r[i] = randInput(4*n, off, 0, 1023, uint64(n*23+off+i))
				}
				dst := newF64Guarded(n, off)
				Pool4RowF64(dst.s, r[0], r[1], r[2], r[3], 0.3)
				dst.check(t)
				want := make([]float64, n)
				pool4RowF64Generic(want, r[0], r[1], r[2], r[3], 0.3)
				for j, v := range dst.s {
					if math.Float64bits(v) != math.Float64bits(want[j]) {
						t.Fatalf("n=%d off=%d: [%d] = %v, want %v", n, off, j, v, want[j])
					}
					var s float64
					for b := range 4 {
						x := 4*j + b
						c := float64(r[0][x]) + float64(r[1][x]) + float64(r[2][x]) + float64(r[3][x])
						if b == 0 {
							s = c
						} else {
							s += c
						}
					}
					if s*0.3 != want[j] {
						t.Fatalf("n=%d: generic [%d] = %v, want %v", n, j, want[j], s*0.3)
					}
				}
			}
		}
	})
}

// TestLerpColsF32 compares LerpColsF32.Row with its generic version bit
// for bit at every level, length and offset, with guard bands, for a
// scale of 1 and another, with indices that reach both ends of the rows;
// and the generic version with scale 1 against the sums without it.
func TestLerpColsF32(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				seed := uint64(n*29 + off)
				r0, r1 := randInput(500, off, 0, 1023, seed), randInput(500, off, 0, 1023, seed+1)
				i0, i1 := make([]int32, n), make([]int32, n)
				for x := range n {
					i0[x] = int32((x * 37) % 499)
					i1[x] = i0[x] + 1
				}
				if n > 1 {
					i0[n-1], i1[n-1] = 499, 499
				}
				w1 := f64Rand(n, off, 0, 1, seed+2)
				w0 := make([]float64, n)
				for x := range w0 {
					w0[x] = 1 - w1[x]
				}
				c := NewLerpColsF32(i0, i1, w0, w1)
				for _, scale := range []float64{1, 255.0 / 1023} {
					d := newF64Guarded(n, off)
					c.Row(d.s, r0, r1, 0.3, 0.7, scale)
					d.check(t)
					want := make([]float64, n)
					lerpColsF32Generic(want, r0, r1, i0, i1, w0, w1, 0.3, 0.7, scale)
					for x, v := range d.s {
						if math.Float64bits(v) != math.Float64bits(want[x]) {
							t.Fatalf("n=%d off=%d scale=%v: [%d] = %v, want %v", n, off, scale, x, v, want[x])
						}
						if scale != 1 {
							continue
						}
						a, b := i0[x], i1[x]
						s := 0.3*(w0[x]*float64(r0[a])+w1[x]*float64(r0[b])) + 0.7*(w0[x]*float64(r1[a])+w1[x]*float64(r1[b]))
						if s != want[x] {
							t.Fatalf("n=%d: generic [%d] = %v, want %v", n, x, want[x], s)
						}
					}
				}
			}
		}
	})
}

func TestLerpColsF32Panics(t *testing.T) {
	c := NewLerpColsF32([]int32{0, 3}, []int32{1, 4}, make([]float64, 2), make([]float64, 2))
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"short row", func() { c.Row(make([]float64, 2), make([]float32, 4), make([]float32, 5), 1, 0, 1) }},
		{"output length", func() { c.Row(make([]float64, 1), make([]float32, 5), make([]float32, 5), 1, 0, 1) }},
		{"negative index", func() { NewLerpColsF32([]int32{-1}, []int32{0}, make([]float64, 1), make([]float64, 1)) }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: did not panic", tc.name)
				}
			}()
			tc.f()
		}()
	}
}
