package f64

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/fr-metrics/fr-metrics/simd"
)

// naiveScharr correlates src with the two Scharr kernels written out as
// 3×3 arrays, reading zeros outside.
func naiveScharr(src []float64, w, h int) []float64 {
	kx := [3][3]float64{{-3, 0, 3}, {-10, 0, 10}, {-3, 0, 3}}
	out := make([]float64, w*h)
	for r := range h {
		for c := range w {
			var gx, gy float64
			for i := range 3 {
				for j := range 3 {
					y, x := r+i-1, c+j-1
					if y < 0 || y >= h || x < 0 || x >= w {
						continue
					}
					gx += kx[i][j] * src[y*w+x] / 16
					gy += kx[j][i] * src[y*w+x] / 16
				}
			}
			out[r*w+c] = math.Hypot(gx, gy)
		}
	}
	return out
}

// TestScharr checks Scharr against the kernels applied by definition on
// random arrays of several shapes, including one- and two-pixel sides
// where every sample is an edge sample.
func TestScharr(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, sz := range [][2]int{{1, 1}, {1, 5}, {5, 1}, {2, 2}, {3, 3}, {2, 7}, {7, 2}, {17, 9}, {64, 33}} {
		w, h := sz[0], sz[1]
		src := make([]float64, w*h)
		for i := range src {
			src[i] = rng.Float64() * 255
		}
		got := make([]float64, w*h)
		Scharr(got, src, w, h)
		want := naiveScharr(src, w, h)
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-12*255 {
				t.Fatalf("%dx%d: [%d] = %.17g, want %.17g", w, h, i, got[i], want[i])
			}
		}
	}
}

// TestScharrRow checks, at every SIMD level, that ScharrRow gives every
// column the bits of math.Sqrt(ScharrSq(…)) (simd.ScharrRowF64 in the
// interior rounds as ScharrSq does), with rows of zeros and nil rows alike
// for the rows outside, on widths of one to many columns.
func TestScharrRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for l := simd.Generic; l <= simd.Best(); l++ {
		restore := simd.SetLevel(l)
		for _, w := range []int{1, 2, 3, 4, 5, 9, 17, 33, 480, 641} {
			row := func() []float64 {
				r := make([]float64, w)
				for i := range r {
					r[i] = rng.Float64() * 255
				}
				return r
			}
			u, m, d, zero := row(), row(), row(), make([]float64, w)
			for _, rows := range [][3][]float64{{u, m, d}, {zero, m, d}, {nil, m, d}, {u, m, zero}, {u, m, nil}, {nil, m, nil}} {
				ru, rm, rd := rows[0], rows[1], rows[2]
				got := make([]float64, w)
				ScharrRow(got, ru, rm, rd)
				for c := range got {
					want := math.Sqrt(ScharrSq(ru, rm, rd, c))
					if math.Float64bits(got[c]) != math.Float64bits(want) {
						t.Fatalf("level %v, w=%d, nil rows %v %v: [%d] = %.17g, want %.17g", l, w, ru == nil, rd == nil, c, got[c], want)
					}
				}
				if ru == nil || rd == nil { // a nil row reads as a row of zeros
					zu, zd := ru, rd
					if zu == nil {
						zu = zero
					}
					if zd == nil {
						zd = zero
					}
					z := make([]float64, w)
					ScharrRow(z, zu, rm, zd)
					if !slices.Equal(z, got) {
						t.Fatalf("level %v, w=%d: nil rows give %v, rows of zeros %v", l, w, got, z)
					}
				}
			}
		}
		restore()
	}
}

// TestScharrStep checks the magnitude at a vertical step edge of height
// 16: (3 + 10 + 3)·16/16 = 16 on both sides of the step, 0 away from it.
func TestScharrStep(t *testing.T) {
	const w, h = 6, 5
	src := make([]float64, w*h)
	for r := range h {
		for c := 3; c < w; c++ {
			src[r*w+c] = 16
		}
	}
	got := make([]float64, w*h)
	Scharr(got, src, w, h)
	r := 2 // an inner row
	for c, want := range []float64{0, 0, 16, 16, 0, 16} {
		// The last column sees the zero padding past the edge: a step down.
		if got[r*w+c] != want {
			t.Errorf("row %d col %d = %v, want %v", r, c, got[r*w+c], want)
		}
	}
}

func TestSim(t *testing.T) {
	for _, tc := range []struct{ a, b, c, want float64 }{
		{0, 0, 1, 1},
		{3, 3, 5, 1},
		{1, 0, 1, 0.5},
		{2, 1, 0, 0.8},
		{-1, 1, 2, 0},
	} {
		if got := Sim(tc.a, tc.b, tc.c); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("Sim(%v, %v, %v) = %v, want %v", tc.a, tc.b, tc.c, got, tc.want)
		}
	}
}

// TestConvert checks the colour matrices on gray and primary colours:
// gray has no YIQ chroma, Y of pure red is 0.299·R, and LMN of gray v is
// the row sums of LMN times v.
func TestConvert(t *testing.T) {
	a, b, c := []float64{200, 100, 0}, []float64{200, 0, 0}, []float64{200, 0, 50}
	Convert(&YIQ, a, b, c)
	for _, tc := range []struct{ got, want float64 }{
		{a[0], 200}, {b[0], 0}, {c[0], 0},
		{a[1], 29.9}, {b[1], 59.59}, {c[1], 21.15},
		{a[2], 5.7}, {b[2], -16.065}, {c[2], 15.56},
	} {
		if math.Abs(tc.got-tc.want) > 1e-12 {
			t.Errorf("YIQ: got %.17g, want %v", tc.got, tc.want)
		}
	}
	l, m, n := []float64{10}, []float64{10}, []float64{10}
	Convert(&LMN, l, m, n)
	for _, tc := range []struct{ got, want float64 }{{l[0], 9.6}, {m[0], -0.1}, {n[0], -0.9}} {
		if math.Abs(tc.got-tc.want) > 1e-12 {
			t.Errorf("LMN of gray 10: got %.17g, want %v", tc.got, tc.want)
		}
	}
}

func TestMinMax(t *testing.T) {
	for _, tc := range []struct {
		a      []float64
		mn, mx float64
	}{
		{nil, math.Inf(1), math.Inf(-1)},
		{[]float64{3}, 3, 3},
		{[]float64{2, -1, 7, 0}, -1, 7},
		{[]float64{math.NaN(), 4, 1}, 1, 4},
	} {
		mn, mx := MinMax(tc.a)
		if mn != tc.mn || mx != tc.mx {
			t.Errorf("MinMax(%v) = %v, %v; want %v, %v", tc.a, mn, mx, tc.mn, tc.mx)
		}
	}
}

// TestSelect checks Select against sorting, for every rank of arrays of
// random values, of few distinct values (many ties) and of sorted and
// reversed runs, and that the array is partitioned around the rank.
func TestSelect(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	gens := map[string]func(i, n int) float64{
		"random":   func(int, int) float64 { return rng.NormFloat64() },
		"ties":     func(int, int) float64 { return float64(rng.IntN(3)) },
		"sorted":   func(i, n int) float64 { return float64(i) },
		"reversed": func(i, n int) float64 { return float64(n - i) },
	}
	for name, gen := range gens {
		for _, n := range []int{1, 2, 3, 5, 16, 33, 100} {
			a := make([]float64, n)
			for i := range a {
				a[i] = gen(i, n)
			}
			s := slices.Sorted(slices.Values(a))
			for k := range n {
				b := slices.Clone(a)
				if got := Select(b, k); got != s[k] || b[k] != s[k] {
					t.Fatalf("%s n=%d: Select(%d) = %v (a[k] = %v), want %v", name, n, k, got, b[k], s[k])
				}
				for i, v := range b {
					if (i < k && v > b[k]) || (i > k && v < b[k]) {
						t.Fatalf("%s n=%d k=%d: a[%d] = %v on the wrong side of %v", name, n, k, i, v, b[k])
					}
				}
			}
		}
	}
}

// TestLumaRow checks LumaRow against the Y row of YIQ applied to the
// scaled samples in the documented order, to the bit, with source rows
// longer than dst.
func TestLumaRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n = 37
	r, g, b := make([]float32, n+3), make([]float32, n+3), make([]float32, n+3)
	for i := range r {
		r[i], g[i], b[i] = float32(rng.IntN(1024)), float32(rng.IntN(1024)), float32(rng.IntN(1024))
	}
	k := 255 / 1023.0
	dst := make([]float64, n)
	LumaRow(dst, r, g, b, k)
	y := YIQ[0]
	for i, got := range dst {
		yr := y[0] * (float64(r[i]) * k)
		yg := y[1] * (float64(g[i]) * k)
		yb := y[2] * (float64(b[i]) * k)
		if want := (yr + yg) + yb; got != want {
			t.Fatalf("dst[%d] = %v, want %v", i, got, want)
		}
	}
}
