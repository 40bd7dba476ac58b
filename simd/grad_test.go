package simd

import (
	"math"
	"testing"
)

// rowCase runs f for every length and offset at every level; f gets the
// length, the offset and a seed.
func rowCase(t *testing.T, f func(t *testing.T, n, off int, seed uint64)) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, n := range testLengths {
			for _, off := range testOffsets {
				f(t, n, off, uint64(n*131+off*7+1))
			}
		}
	})
}

func TestAddAvgRow(t *testing.T) {
	rowCase(t, func(t *testing.T, n, off int, seed uint64) {
		a, b := randInput(n, off, -300, 300, seed), randInput(n, off, -300, 300, seed+1)
		want := make([]float32, n)
		avgRowGeneric(want, a, b)
		dst := newGuarded(n, off)
		AvgRow(dst.s, a, b)
		dst.check(t)
		checkCloseF32(t, name("avg n", n, "off", off), dst.s, want, 0, 0)
		copy(want, a)
		addRowGeneric(want, b)
		copy(dst.s, a)
		AddRow(dst.s, b)
		dst.check(t)
		checkCloseF32(t, name("add n", n, "off", off), dst.s, want, 0, 0)
	})
}

// TestGradMagRow checks the row kernel of GradMagWindowRow's interior
// against its generic reference bit for bit.
func TestGradMagRow(t *testing.T) {
	for _, k := range [][2]float32{{1.0 / 3, 1.0 / 3}, {3.0 / 16, 10.0 / 16}} {
		rowCase(t, func(t *testing.T, n, off int, seed uint64) {
			up := randInput(n+2, off, 0, 255, seed)
			mid := randInput(n+2, off, 0, 255, seed+1)
			down := randInput(n+2, off, 0, 255, seed+2)
			want := make([]float32, n)
			gradMagRowGeneric(want, up, mid, down, k[0], k[1])
			dst := newGuarded(n, off)
			if n > 0 {
				gradMagRow(dst.s, up[:n+2], mid[:n+2], down[:n+2], nil, k[0], k[1])
			}
			dst.check(t)
			checkCloseF32(t, name("n", n, "off", off), dst.s, want, 0, 0)
		})
	}
}

func TestMDSIRow(t *testing.T) {
	rowCase(t, func(t *testing.T, n, off int, seed uint64) {
		var in [7][]float32
		for i := range in {
			lo, hi := float32(0), float32(200)
			if i >= 3 {
				lo, hi = -60, 60
			}
			in[i] = randInput(n, off, lo, hi, seed+uint64(i))
		}
		want := make([]float32, n)
		dst := newGuarded(n, off)
		mdsiRowGeneric(want, in[0], in[1], in[2], in[3], in[4], in[5], in[6], 140, 55, 550, 0.6)
		MDSIRow(dst.s, in[0], in[1], in[2], in[3], in[4], in[5], in[6], 140, 55, 550, 0.6)
		dst.check(t)
		checkCloseF32(t, name("n", n, "off", off), dst.s, want, 0, 0)
		// Identical pictures: gx = gy = gf, hx = hy, mx = my give exactly 1.
		MDSIRow(dst.s, in[0], in[0], in[0], in[3], in[3], in[5], in[5], 140, 55, 550, 0.6)
		for j, v := range dst.s {
			if v != 1 {
				t.Fatalf("identical inputs: [%d] = %v, want exactly 1", j, v)
			}
		}
	})
}

func TestPool2ZeroPlane(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, sz := range [][2]int{{1, 1}, {2, 2}, {3, 2}, {2, 3}, {4, 4}, {33, 17}, {40, 21}, {321, 257}} {
			w, h := sz[0], sz[1]
			ow, oh := Pool2ZeroSize(w, h)
			src := randInput(w*h, 0, 0, 255, uint64(w+h))
			dst := make([]float32, ow*oh)
			Pool2ZeroPlane(dst, ow, src, w, w, h)
			want := make([]float32, ow*oh)
			poolBoxPlaneGeneric(want, ow, ow, oh, src, w, w, h, 2, 0, 0)
			checkCloseF32(t, name("w", w, "h", h), dst, want, 2, 0) // summation order differs
		}
	})
}

func TestPoolBoxPlane(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, sz := range [][2]int{{1, 1}, {5, 7}, {64, 48}, {321, 257}, {1100, 9}} {
			for _, f := range []int{1, 2, 3, 4, 5, 8} {
				w, h := sz[0], sz[1]
				top := (f - 1) / 2
				ow, oh := (w+f-1)/f, (h+f-1)/f
				src := randInput(w*h, 0, 0, 255, uint64(w+h+f))
				dst := make([]float32, ow*oh)
				PoolBoxPlane(dst, ow, ow, oh, src, w, w, h, f, top, top)
				want := make([]float32, ow*oh)
				poolBoxPlaneGeneric(want, ow, ow, oh, src, w, w, h, f, top, top)
				checkCloseF32(t, name("w", w, "h", h, "f", f), dst, want, 4, 1e-4)
			}
		}
	})
}

// TestPool2ZeroPlaneRow checks that pooling row by row gives the plane.
func TestPool2ZeroPlaneRow(t *testing.T) {
	for _, sz := range [][2]int{{1, 1}, {2, 3}, {5, 4}, {33, 17}} {
		w, h := sz[0], sz[1]
		src := randInput(w*h, 0, 0, 255, uint64(w*h))
		ow, oh := Pool2ZeroSize(w, h)
		want := make([]float32, ow*oh)
		Pool2ZeroPlane(want, ow, src, w, w, h)
		got := make([]float32, ow)
		for i := range oh {
			Pool2ZeroPlaneRow(got, src, w, w, h, i)
			checkCloseF32(t, name("w", w, "h", h, "i", i), got, want[i*ow:i*ow+ow], 0, 0)
		}
	}
}

// TestGradSimMomentsRow checks GradSimMomentsRow against its generic
// reference and against the sums over the unit-weight map of
// gradSimUnitRowGeneric on the same rows, with integer and fractional samples, a zero row standing for
// the padding, and that identical inputs give sums of exactly 0.
func TestGradSimMomentsRow(t *testing.T) {
	rowCase(t, func(t *testing.T, n, off int, seed uint64) {
		w := n + 2
		var in [6][]float32
		for i := range in {
			in[i] = randInput(w, off, 0, 255, seed+uint64(i))
			if seed%2 == 0 {
				for j := range in[i] {
					in[i][j] = float32(int(in[i][j]))
				}
			}
		}
		if seed%3 == 0 {
			clear(in[0])
			clear(in[3])
		}
		pf := make([]float32, 4*n)
		for _, alpha := range []float32{0, 0.5} {
			sum, sq := GradSimMomentsRow(in[0], in[1], in[2], in[3], in[4], in[5], pf, nil, in[1], nil, 170*9, alpha)
			ws, wq := gradSimMomentsRowGeneric(in[0], in[1], in[2], in[3], in[4], in[5], 170*9, alpha)
			if !closeF64(sum, ws, 1e-12, 1e-12) || !closeF64(sq, wq, 1e-12, 1e-12) {
				t.Fatalf("n=%d off=%d alpha=%v: got (%v, %v), want (%v, %v)", n, off, alpha, sum, sq, ws, wq)
			}
			m := make([]float32, n)
			gradSimUnitRowGeneric(m, in[0], in[1], in[2], in[3], in[4], in[5], 170*9, alpha)
			var ms, mq float64
			for _, v := range m {
				ms += float64(v) - 1
				mq += (float64(v) - 1) * (float64(v) - 1)
			}
			if !closeF64(sum, ms, 1e-12, 1e-12) || !closeF64(sq, mq, 1e-12, 1e-12) {
				t.Fatalf("n=%d off=%d alpha=%v: got (%v, %v), unit map gives (%v, %v)", n, off, alpha, sum, sq, ms, mq)
			}
			sum, sq = GradSimMomentsRow(in[0], in[1], in[2], in[0], in[1], in[2], nil, in[4][:n/2], nil, in[5], 170*9, alpha)
			if sum != 0 || sq != 0 {
				t.Fatalf("n=%d identical inputs: (%v, %v), want exactly (0, 0)", n, sum, sq)
			}
		}
	})
}

// TestGradMagWindowRow computes small and odd-sized planes row by row
// from a window of strided rows, with nil rows for the padding, and checks
// every row against gradMagRowEdgeGeneric (the generic formula over the
// whole row) bit for bit and against a direct float64 evaluation of the
// doc comment's formula on the zero-padded plane.
func TestGradMagWindowRow(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, sz := range [][2]int{{1, 1}, {2, 1}, {1, 3}, {2, 2}, {2, 3}, {3, 3}, {5, 4}, {17, 9}, {40, 33}, {64, 33}} {
			w, h := sz[0], sz[1]
			stride := w + 3
			src := randInput(stride*h, 0, 0, 255, uint64(w*h))
			row := func(y int) []float32 {
				if y < 0 || y >= h {
					return nil
				}
				return src[y*stride : y*stride+w]
			}
			s := func(y, x int) float64 {
				if y < 0 || y >= h || x < 0 || x >= w {
					return 0
				}
				return float64(src[y*stride+x])
			}
			const e, c = 1.0 / 3, 1.0 / 3
			want, got := make([]float32, w), make([]float32, w)
			for y := range h {
				gradMagRowEdgeGeneric(want, row(y-1), row(y), row(y+1), e, c)
				GradMagWindowRow(got, row(y-1), row(y), row(y+1), row(h-1-y), e, c)
				checkCloseF32(t, name("w", w, "h", h, "y", y), got, want, 0, 0)
				for x := range w {
					gx := e*(s(y-1, x+1)-s(y-1, x-1)) + c*(s(y, x+1)-s(y, x-1)) + e*(s(y+1, x+1)-s(y+1, x-1))
					gy := e*(s(y+1, x-1)-s(y-1, x-1)) + c*(s(y+1, x)-s(y-1, x)) + e*(s(y+1, x+1)-s(y-1, x+1))
					f := math.Sqrt(gx*gx + gy*gy)
					if g := float64(got[x]); math.Abs(g-f) > 1e-4*(1+f) {
						t.Fatalf("%dx%d (%d,%d): got %v want %v", w, h, x, y, g, f)
					}
				}
			}
		}
	})
}

// TestQuarterRootsRow checks that QuarterRootsRow returns the sums of
// quarterRootSumGeneric, stores the signed roots of the generic reference
// exactly, and that QuarterRootDevSumF64 on them gives the sum of
// quarterRootDevSumGeneric, which takes the roots of the samples again.
func TestQuarterRootsRow(t *testing.T) {
	rowCase(t, func(t *testing.T, n, off int, seed uint64) {
		x := randInput(n, off, -0.5, 1.5, seed)
		if n > 3 {
			x[1], x[2] = 0, float32(math.Copysign(0, -1))
		}
		dst := make([]float64, n+1)
		dst[n] = 7 // guard
		re, im := QuarterRootsRow(dst[:n], x)
		wr, wi := quarterRootSumGeneric(x)
		if !closeF64(re, wr, 1e-12, 1e-12) || !closeF64(im, wi, 1e-12, 1e-12) {
			t.Fatalf("n=%d off=%d: sums (%v, %v), reference (%v, %v)", n, off, re, im, wr, wi)
		}
		want := make([]float64, n)
		quarterRootsRowGeneric(want, x)
		for j := range want {
			if math.Float64bits(dst[j]) != math.Float64bits(want[j]) {
				t.Fatalf("n=%d off=%d: root[%d] = %v, want %v", n, off, j, dst[j], want[j])
			}
		}
		if dst[n] != 7 {
			t.Fatalf("n=%d: guard overwritten", n)
		}
		got := QuarterRootDevSumF64(dst[:n], re/float64(max(n, 1)), im/float64(max(n, 1)))
		ref := quarterRootDevSumGeneric(x, re/float64(max(n, 1)), im/float64(max(n, 1)))
		if !closeF64(got, ref, 1e-12, 1e-12) {
			t.Fatalf("n=%d off=%d: dev %v, reference %v", n, off, got, ref)
		}
	})
}

// gradSimUnitRowGeneric is a plain reference for TestGradSimMomentsRow:
// the masked similarity map of the unit-weight gradient magnitudes
// (e = c = 1) at the interior columns (dst[j] is column j+1; every row
// holds len(dst)+2 samples).
func gradSimUnitRowGeneric(dst, ru, rm, rd, du, dm, dd []float32, t, alpha float32) {
	n := len(dst)
	ru, rm, rd, du, dm, dd = ru[:n+2], rm[:n+2], rd[:n+2], du[:n+2], dm[:n+2], dd[:n+2]
	k := 2 - alpha
	for j := range n {
		gx := ((ru[j+2] - ru[j]) + (rm[j+2] - rm[j])) + (rd[j+2] - rd[j])
		gy := ((rd[j] - ru[j]) + (rd[j+1] - ru[j+1])) + (rd[j+2] - ru[j+2])
		ar := gx*gx + gy*gy
		gx = ((du[j+2] - du[j]) + (dm[j+2] - dm[j])) + (dd[j+2] - dd[j])
		gy = ((dd[j] - du[j]) + (dd[j+1] - du[j+1])) + (dd[j+2] - du[j+2])
		ad := gx*gx + gy*gy
		ab := float32(math.Sqrt(float64(ar * ad)))
		dst[j] = (k*ab + t) / ((ar + ad) - alpha*ab + t)
	}
}

// quarterRootSumGeneric is a plain reference for TestQuarterRootsRow: the
// float64 sum of the principal complex fourth roots z of the samples
// (|v|^¼ for v ≥ 0, |v|^¼·e^{iπ/4} for v < 0).
func quarterRootSumGeneric(x []float32) (re, im float64) {
	var pos, neg float64
	for _, v := range x {
		r := math.Sqrt(math.Sqrt(math.Abs(float64(v))))
		if v < 0 {
			neg += r
		} else {
			pos += r
		}
	}
	return pos + neg*sqrtHalf, neg * sqrtHalf
}

// quarterRootDevSumGeneric is a plain reference for TestQuarterRootsRow:
// Σ |z − (re + i·im)| over the fourth roots z of quarterRootSumGeneric,
// taken from the samples.
func quarterRootDevSumGeneric(x []float32, re, im float64) float64 {
	var s float64
	for _, v := range x {
		r := math.Sqrt(math.Sqrt(math.Abs(float64(v))))
		zr, zi := r, 0.0
		if v < 0 {
			zr, zi = r*sqrtHalf, r*sqrtHalf
		}
		s += math.Hypot(zr-re, zi-im)
	}
	return s
}
