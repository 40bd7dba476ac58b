package simd

import "math"

// convRowValidGeneric is the reference for one row of ConvRowsValid.
func convRowValidGeneric(dst, src, taps []float32) {
	src = src[:len(dst)+len(taps)-1]
	for i := range dst {
		var s float32
		for k, t := range taps {
			s = fma(t, src[i+k], s)
		}
		dst[i] = s
	}
}

// convRowsValidRows is ConvRowsValid through convRowValid, row by row.
func convRowsValidRows(dst []float32, ds int, src []float32, ss, rows, n int, taps []float32) {
	for r := 0; r < rows; r++ {
		convRowValid(dst[r*ds:r*ds+n], src[r*ss:], taps)
	}
}

// ssimMeanRowGeneric is the reference for SSIMMeanRow.
func ssimMeanRowGeneric(mx, my, mss, mxy []float32, bx, by, c1, c2 float32) (ssim float64) {
	n := len(mx)
	my, mss, mxy = my[:n], mss[:n], mxy[:n]
	for j := range n {
		ssim += float64(ssimPixel(mx[j], my[j], mss[j], mxy[j], bx, by, c1, c2))
	}
	return ssim
}

// csRowGeneric is the reference for CSRow.
func csRowGeneric(mx, my, mss, mxy []float32, c2 float32) (cs float64) {
	n := len(mx)
	my, mss, mxy = my[:n], mss[:n], mxy[:n]
	for j := range n {
		cs += float64(csPixel(mx[j], my[j], mss[j], mxy[j], c2))
	}
	return cs
}

// csPixel returns the cs value of one pixel from its four moments (see
// CSRow), with the fused multiply-adds of ssimPixel.
func csPixel(a, b, mss, mxy, c2 float32) float32 {
	ncs := 2*fma(-a, b, mxy) + c2
	dcs := fma(-b, b, fma(-a, a, mss)) + c2
	return ncs * (1 / dcs)
}

// ssimPixel returns the SSIM value of one pixel from its four moments
// (see SSIMMeanRow).
//
// The differences that cancel (mss−a²−b², mxy−ab) are fused
// multiply-adds, as in the assembly: the squares of the means enter
// unrounded, which keeps the variances accurate where the means are large.
func ssimPixel(a, b, mss, mxy, bx, by, c1, c2 float32) float32 {
	ncs := 2*fma(-a, b, mxy) + c2
	dcs := fma(-b, b, fma(-a, a, mss)) + c2
	ux, uy := a+bx, b+by
	nl := 2*(ux*uy) + c1
	dl := fma(uy, uy, fma(ux, ux, c1))
	r := 1 / (dl * dcs)
	t := ncs * r
	return t * nl
}

// fma returns x*y+z rounded once, like the assembly's FMA instructions.
// The filters use it too: with one rounding per tap, flat areas of
// integer samples filter almost exactly, which matters for the variances
// (without it the generic code is up to 40 times less accurate there).
func fma(x, y, z float32) float32 {
	return float32(math.FMA(float64(x), float64(y), float64(z)))
}

// pool2RowGeneric is the reference for Pool2Row.
func pool2RowGeneric(dst, a, b []float32) {
	a, b = a[:2*len(dst)], b[:2*len(dst)]
	for j := range dst {
		dst[j] = ((a[2*j] + b[2*j]) + (a[2*j+1] + b[2*j+1])) * 0.25
	}
}

// sumF64Generic is the reference for SumF64.
func sumF64Generic(x []float32) float64 {
	var s float64
	for _, v := range x {
		s += float64(v)
	}
	return s
}

// poolKRowGeneric is the reference (and only) implementation of PoolKRow.
func poolKRowGeneric(dst, src []float32, stride, k int) {
	inv := 1 / float64(k*k)
	for j := range dst {
		var s float64
		for a := 0; a < k; a++ {
			row := src[a*stride+j*k : a*stride+j*k+k]
			for _, v := range row {
				s += float64(v)
			}
		}
		dst[j] = float32(s * inv)
	}
}

// ssimCols6Generic is the reference for SSIMCols6. Row by row, each
// input row's products are accumulated, tap by tap in order, into the
// output rows they feed, as filtering each product row vertically would
// (row order keeps the reads sequential).
func ssimCols6Generic(dst []float32, n, ds int, x, y []float32, stride int, ox, oy float32, taps []float32) {
	const outs = 6
	k := len(taps)
	for r := 0; r < 4*outs; r++ {
		clear(dst[r*ds : r*ds+n])
	}
	for i := 0; i < k+outs-1; i++ {
		xr, yr := x[i*stride:i*stride+n], y[i*stride:i*stride+n]
		for o := max(0, i-k+1); o <= min(outs-1, i); o++ {
			t := taps[i-o]
			d0, d1 := dst[o*ds:o*ds+n], dst[(outs+o)*ds:(outs+o)*ds+n]
			d2, d3 := dst[(2*outs+o)*ds:(2*outs+o)*ds+n], dst[(3*outs+o)*ds:(3*outs+o)*ds+n]
			for j := range n {
				a, b := xr[j]+ox, yr[j]+oy
				d0[j] = fma(t, a, d0[j])
				d1[j] = fma(t, b, d1[j])
				d2[j] = fma(t, fma(b, b, a*a), d2[j])
				d3[j] = fma(t, a*b, d3[j])
			}
		}
	}
}
