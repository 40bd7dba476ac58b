package ssim

import (
	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Pool averages the non-overlapping f×f blocks of src into dst, which must
// be (src.W/f)×(src.H/f) (leftover rows and columns are dropped). tmp is
// scratch of at least (src.W/2)×(src.H/2) samples (any stride), used when
// f is even and above 2: such f pool by 2 first (in place in tmp) and
// then by f/2, except f = 4, which pools row by row through two rows of
// tmp (two rows of src.W/2 samples suffice then). 2×2 steps are exact for
// integer samples; an odd f > 1 sums its blocks in float64 and rounds the
// mean once.
func Pool(dst, src, tmp frame.Plane, f int) {
	if f == 4 {
		pool4(dst, src, tmp)
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

// pool4 is Pool by 4 (two 2×2 steps) row by row: each output row pools
// the two row pairs of its four input rows into two rows of tmp, then
// those, so that the intermediate picture never leaves the cache.
func pool4(dst, src, tmp frame.Plane) {
	hw := src.W / 2
	a, b := tmp.Data[:hw], tmp.Data[tmp.Stride:tmp.Stride+hw]
	for r := 0; r < dst.H; r++ {
		simd.Pool2Row(a, src.Row(4*r), src.Row(4*r+1))
		simd.Pool2Row(b, src.Row(4*r+2), src.Row(4*r+3))
		simd.Pool2Row(dst.Row(r), a, b)
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
