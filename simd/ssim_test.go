package simd

import (
	"math"
	"testing"
)

// gauss11 returns the normalised 11-tap Gaussian of σ = 1.5 used by SSIM.
func gauss11() []float32 {
	const n, sigma = 11, 1.5
	w := make([]float64, n)
	var s float64
	for i := range w {
		d := float64(i - n/2)
		w[i] = math.Exp(-d * d / (2 * sigma * sigma))
		s += w[i]
	}
	taps := make([]float32, n)
	for i := range w {
		taps[i] = float32(w[i] / s)
	}
	return taps
}

func TestConvRowsValid(t *testing.T) {
	for _, taps := range [][]float32{gauss11(), {0.25, 0.5, 0.25}, {0.5}} {
		forEachLevel(t, func(t *testing.T, impl Impl) {
			for _, n := range testLengths {
				for _, off := range testOffsets {
					const rows = 4
					ss, ds := n+len(taps)+5, n+3
					src := randInput((rows-1)*ss+n+len(taps)-1, off, 0, 255, uint64(n*31+off))
					dst := newGuarded((rows-1)*ds+n, off)
					ConvRowsValid(dst.s, ds, src, ss, rows, n, taps)
					dst.check(t)
					for r := 0; r < rows; r++ {
						want := make([]float32, n)
						convRowValidGeneric(want, src[r*ss:], taps)
						checkCloseF32(t, name("taps", len(taps), "n", n, "off", off, "row", r), dst.s[r*ds:r*ds+n], want, 8, 1e-4)
						if r < rows-1 {
							// The gap between rows is not written.
							for _, g := range dst.s[r*ds+n : (r+1)*ds] {
								if math.Float32bits(g) != math.Float32bits(guard) {
									t.Fatalf("taps=%d n=%d off=%d: gap after row %d written", len(taps), n, off, r)
								}
							}
						}
					}
				}
			}
		})
	}
}

// convColsValidGeneric is the "valid" vertical convolution of len(taps)
// rows of src (row k starting at src[k*stride]), one rounding per tap:
// the reference vertical pass of SSIMCols6's products.
func convColsValidGeneric(dst, src []float32, stride int, taps []float32) {
	for j := range dst {
		var s float32
		for k, t := range taps {
			s = fma(t, src[k*stride+j], s)
		}
		dst[j] = s
	}
}

// ssimProductsGeneric makes the four product rows SSIMCols6 filters: the
// samples offset by ox and oy, the sum of their squares and their
// product.
func ssimProductsGeneric(px, py, pss, pxy, x, y []float32, ox, oy float32) {
	n := len(px)
	py, pss, pxy, x, y = py[:n], pss[:n], pxy[:n], x[:n], y[:n]
	for j := range n {
		a, b := x[j]+ox, y[j]+oy
		px[j], py[j] = a, b
		pss[j] = fma(b, b, a*a)
		pxy[j] = a * b
	}
}

// TestSSIMCols6 checks SSIMCols6 against the products of every input row
// and the generic vertical pass of each product.
func TestSSIMCols6(t *testing.T) {
	const outs = 6
	tapSets := map[string][]float32{"3": {0.25, 0.5, 0.25}, "11": gauss11()}
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for tn, taps := range tapSets {
			for _, n := range testLengths {
				for _, off := range testOffsets {
					stride := n + 9
					rows := len(taps) + outs - 1
					x := randInput((rows-1)*stride+n, off, 0, 1023, uint64(n+off))
					y := randInput((rows-1)*stride+n, (off+1)%4, 0, 1023, uint64(n+off+7))
					ds := n + 3
					last := 4*outs - 1
					got := newGuarded(last*ds+n, off)
					SSIMCols6(got.s, n, ds, x, y, stride, -511, -500, taps)
					got.check(t)
					for r := 0; r < last; r++ { // the gaps between output rows
						for j := r*ds + n; j < (r+1)*ds; j++ {
							if math.Float32bits(got.s[j]) != math.Float32bits(guard) {
								t.Fatalf("n=%d: gap sample %d overwritten", n, j)
							}
						}
					}
					// The reference: the products of every input row, then
					// the generic vertical pass of each product.
					var p [4][]float32
					for m := range p {
						p[m] = make([]float32, rows*stride)
					}
					for i := 0; i < rows; i++ {
						r := i * stride
						ssimProductsGeneric(p[0][r:r+n], p[1][r:r+n], p[2][r:r+n], p[3][r:r+n], x[r:], y[r:], -511, -500)
					}
					for m := range p {
						for o := 0; o < outs; o++ {
							want := make([]float32, n)
							convColsValidGeneric(want, p[m][o*stride:], stride, taps)
							row := got.s[(m*outs+o)*ds : (m*outs+o)*ds+n]
							checkCloseF32(t, name("taps", tn, "moment", m, "out", o, "n", n, "off", off), row, want, 8, 1e-3)
						}
					}
				}
			}
		}
	})
}

// moments4 filters the products of x and y (shifted by ox, oy) with the
// generic kernels: the input of SSIMMeanRow and CSRow for one row of n
// outputs.
func moments4(x, y []float32, stride, n int, taps []float32, ox, oy float32) [4][]float32 {
	k := len(taps)
	iw := n + k - 1
	var p, v, m [4][]float32
	for i := range p {
		p[i] = make([]float32, k*iw)
		v[i] = make([]float32, iw)
		m[i] = make([]float32, n)
	}
	for r := 0; r < k; r++ {
		o := r * iw
		ssimProductsGeneric(p[0][o:o+iw], p[1][o:o+iw], p[2][o:o+iw], p[3][o:o+iw], x[r*stride:], y[r*stride:], ox, oy)
	}
	for i := range p {
		convColsValidGeneric(v[i], p[i], iw, taps)
		convRowValidGeneric(m[i], v[i], taps)
	}
	return m
}

func TestCSRow(t *testing.T) {
	taps := gauss11()
	const c2 = 58.5225
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				stride := n + 13
				size := 10*stride + n + 10
				x := randInput(size, off, 0, 255, uint64(n+off))
				y := randInput(size, off, -20, 20, uint64(n+off+7))
				for i := range y {
					y[i] = max(0, min(255, x[i]+y[i]))
				}
				m := moments4(x, y, stride, n, taps, -128, -128)
				want := csRowGeneric(m[0], m[1], m[2], m[3], c2)
				// NaN guards past the rows' ends must not be read.
				var g [4][]float32
				for i := range g {
					g[i] = append(append([]float32(nil), m[i]...), float32(math.NaN()))[:n]
				}
				got := CSRow(g[0], g[1], g[2], g[3], c2)
				if !closeF64(got, want, 1e-5, 1e-6) {
					t.Fatalf("n=%d off=%d: got %v, want %v", n, off, got, want)
				}
			}
		}
	})
}

func TestSSIMMeanRow(t *testing.T) {
	taps := gauss11()
	const c1, c2 = 6.5025, 58.5225
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				stride := n + 13
				size := 10*stride + n + 10
				x := randInput(size, off, 0, 255, uint64(n+off))
				y := randInput(size, off, -20, 20, uint64(n+off+7))
				for i := range y {
					y[i] = max(0, min(255, x[i]+y[i]))
				}
				m := moments4(x, y, stride, n, taps, -128, -128)
				want := ssimMeanRowGeneric(m[0], m[1], m[2], m[3], 128, 128, c1, c2)
				// NaN guards past the rows' ends must not be read.
				var g [4][]float32
				for i := range g {
					g[i] = append(append([]float32(nil), m[i]...), float32(math.NaN()))[:n]
				}
				got := SSIMMeanRow(g[0], g[1], g[2], g[3], 128, 128, c1, c2)
				if !closeF64(got, want, 1e-5, 1e-6) {
					t.Fatalf("n=%d off=%d: got %v, want %v", n, off, got, want)
				}
			}
		}
	})
}

func TestMapRowsIdentical(t *testing.T) {
	// Identical inputs give a map of 1 at every level, even where the
	// window is flat.
	taps := gauss11()
	forEachLevel(t, func(t *testing.T, impl Impl) {
		n := 100
		x := randInput(11*(n+10), 0, 0, 255, 3)
		for i := 0; i < len(x); i += 2 {
			x[i] = 17 // flat stripes
		}
		m := moments4(x, x, n+10, n, taps, -100, -100)
		s := SSIMMeanRow(m[0], m[1], m[2], m[3], 100, 100, 6.5025, 58.5225)
		c := CSRow(m[0], m[1], m[2], m[3], 58.5225)
		if math.Abs(s-float64(n)) > 1e-4 || math.Abs(c-float64(n)) > 1e-4 {
			t.Errorf("identical rows: ssim sum %v, cs sum %v, want %d", s, c, n)
		}
	})
}

func TestPool2Row(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				a := randInput(2*n, off, 0, 256, uint64(n))
				b := randInput(2*n+1, off+1, 0, 256, uint64(n+1))
				for i := range a {
					a[i] = float32(int(a[i]))
				}
				for i := range b {
					b[i] = float32(int(b[i]))
				}
				want := make([]float32, n)
				pool2RowGeneric(want, a, b)
				dst := newGuarded(n, off)
				Pool2Row(dst.s, a, b)
				dst.check(t)
				// Means of four integers are exact in float32.
				checkCloseF32(t, name("n", n, "off", off), dst.s, want, 0, 0)
			}
		}
	})
}

func TestSumF64(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				x := randInput(n, off, -1000, 1000, uint64(n*7+off))
				var want float64
				for _, v := range x {
					want += float64(v)
				}
				if got := SumF64(x); !closeF64(got, want, 1e-12, 1e-9) {
					t.Fatalf("n=%d off=%d: %v, want %v", n, off, got, want)
				}
			}
		}
	})
}

func TestKernelsPanicOnShortSlices(t *testing.T) {
	taps := gauss11()
	cases := map[string]func(){
		"ConvRowsValid": func() { ConvRowsValid(make([]float32, 3*12+10), 12, make([]float32, 3*20+19), 20, 4, 10, taps) },
		"SSIMCols6": func() {
			r := make([]float32, 23*8+8)
			SSIMCols6(r, 8, 8, make([]float32, 15*8+8), make([]float32, 15*8+7), 8, 0, 0, taps)
		},
		"CSRow": func() { r := make([]float32, 8); CSRow(r, r, r[:7], r, 1) },
		"SSIMMeanRow": func() {
			r := make([]float32, 8)
			SSIMMeanRow(r, r[:7], r, r, 0, 0, 1, 1)
		},
		"Pool2Row": func() { Pool2Row(make([]float32, 4), make([]float32, 8), make([]float32, 7)) },
	}
	for n, f := range cases {
		t.Run(n, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic on a short slice", n)
				}
			}()
			f()
		})
	}
}

func TestPoolKRow(t *testing.T) {
	for _, k := range []int{1, 2, 3, 5} {
		for _, n := range []int{0, 1, 7, 33} {
			stride := k*n + 3
			src := randInput((k-1)*stride+k*n, 1, 0, 255, uint64(k*n))
			dst := newGuarded(n, 1)
			PoolKRow(dst.s, src, stride, k)
			dst.check(t)
			for j := 0; j < n; j++ {
				var s float64
				for a := 0; a < k; a++ {
					for b := 0; b < k; b++ {
						s += float64(src[a*stride+j*k+b])
					}
				}
				if want := float32(s / float64(k*k)); dst.s[j] != want {
					t.Fatalf("k=%d n=%d: dst[%d] = %v, want %v", k, n, j, dst.s[j], want)
				}
			}
		}
	}
}
