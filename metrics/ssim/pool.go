package ssim

import (
	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Pool averages the non-overlapping f×f blocks of src into dst, which must
// be (src.W/f)×(src.H/f) (leftover rows and columns are dropped). tmp is
// scratch of at least the size poolScratch gives (any stride). A power of
// two f above 2 pools row by row with 2×2 steps through f−2 rows of tmp;
// any other even f above 2 pools by 2 first (in place in tmp, which holds
// (src.W/2)×(src.H/2) samples then) and then by f/2. 2×2 steps are exact
// for integer samples; an odd f > 1 sums its blocks in float64 and rounds
// the mean once.
func Pool(dst, src, tmp frame.Plane, f int) {
	if f > 2 && f&(f-1) == 0 {
		poolPow2(dst, src, tmp, f)
		return
	}
	cur := src
	for f > 2 && f%2 == 0 {
		next := frame.Plane{W: cur.W / 2, H: cur.H / 2, Stride: tmp.Stride, Data: tmp.Data}
		pool2(next, cur) // in place after the first step: row r only reads rows 2r, 2r+1
		cur = next
		f /= 2
	}
	switch f {
	case 1:
		for r := 0; r < dst.H; r++ {
			copy(dst.Row(r), cur.Row(r))
		}
	case 2:
		pool2(dst, cur)
	default:
		poolK(dst, cur, f)
	}
}

// poolScratch returns the scratch plane that Pool needs to pool a w×h
// picture by f: none for f ≤ 2 and odd f, f−2 rows of w/2 samples for a
// power of two f, and a (w/2)×(h/2) picture for any other even f.
func poolScratch(w, h, f int) frame.Plane {
	switch {
	case f <= 2 || f%2 == 1:
		return frame.Plane{}
	case f&(f-1) == 0:
		return frame.NewPlane(w/2, f-2)
	default:
		return frame.NewPlane(w/2, h/2)
	}
}

// poolPow2 is Pool by a power of two f > 2 (log2(f) 2×2 steps) row by row,
// so that the intermediate rows never leave the cache: each output row
// pools the f/2 row pairs of its f input rows into f/2 rows of tmp, those
// into the next f/4 rows of tmp, and so on, the last pair into dst.
func poolPow2(dst, src, tmp frame.Plane, f int) {
	row := func(i, w int) []float32 { return tmp.Data[i*tmp.Stride : i*tmp.Stride+w] }
	for r := 0; r < dst.H; r++ {
		w, n := src.W/2, f/2 // width and number of the rows of the current step
		for i := range n {
			simd.Pool2Row(row(i, w), src.Row(f*r+2*i), src.Row(f*r+2*i+1))
		}
		in := 0 // first tmp row of the current step
		for n > 2 {
			for i := range n / 2 {
				simd.Pool2Row(row(in+n+i, w/2), row(in+2*i, w), row(in+2*i+1, w))
			}
			in, w, n = in+n, w/2, n/2
		}
		simd.Pool2Row(dst.Row(r), row(in, w), row(in+1, w))
	}
}

// pool2 averages 2×2 blocks of src into dst.
func pool2(dst, src frame.Plane) {
	for r := 0; r < dst.H; r++ {
		simd.Pool2Row(dst.Row(r), src.Row(2*r), src.Row(2*r+1))
	}
}

// poolK averages f×f blocks of src into dst, summing in float64.
func poolK(dst, src frame.Plane, f int) {
	for r := 0; r < dst.H; r++ {
		o := r * f * src.Stride
		simd.PoolKRow(dst.Row(r), src.Data[o:o+(f-1)*src.Stride+src.W], src.Stride, f)
	}
}
