package simd

import "fmt"

// This file holds the exported kernels of the ssim family: the products
// SSIM filters, valid row and column convolutions, the SSIM map of one
// row reduced to float64 sums, 2x2 average pooling of a row pair and a
// float64 sum. Each checks its slice lengths and hands the work to the
// level chosen at start-up (ssim_amd64.go or ssim_other.go).

// ConvRowValid computes the "valid" cross-correlation of src with taps:
//
//	for i := range dst {
//		var s float32
//		for k, t := range taps {
//			s += t * src[i+k]
//		}
//		dst[i] = s
//	}
//
// src must hold at least len(dst)+len(taps)-1 samples.
func ConvRowValid(dst, src, taps []float32) {
	if len(dst) == 0 {
		return
	}
	if len(taps) == 0 || len(src) < len(dst)+len(taps)-1 {
		panic(fmt.Sprintf("simd: ConvRowValid: len(src)=%d < len(dst)+len(taps)-1=%d+%d-1", len(src), len(dst), len(taps)))
	}
	convRowValid(dst, src, taps)
}

// ConvRowsValid is ConvRowValid on rows rows, in one call: row r of dst
// (n samples at dst[r*ds:]) from row r of src (at src[r*ss:]):
//
//	for r := 0; r < rows; r++ {
//		ConvRowValid(dst[r*ds:r*ds+n], src[r*ss:], taps)
//	}
//
// src must hold (rows-1)*ss+n+len(taps)-1 samples and dst (rows-1)*ds+n.
func ConvRowsValid(dst []float32, ds int, src []float32, ss, rows, n int, taps []float32) {
	if rows <= 0 || n <= 0 {
		return
	}
	if len(taps) == 0 || ds < 0 || ss < 0 || len(src) < (rows-1)*ss+n+len(taps)-1 || len(dst) < (rows-1)*ds+n {
		panic(fmt.Sprintf("simd: ConvRowsValid: len(src)=%d < (rows-1)*ss+n+len(taps)-1 = (%d-1)*%d+%d+%d-1, or len(dst)=%d < (rows-1)*ds+n = (%d-1)*%d+%d", len(src), rows, ss, n, len(taps), len(dst), rows, ds, n))
	}
	convRowsValid(dst, ds, src, ss, rows, n, taps)
}

// ConvColsValid is the "valid" vertical convolution of len(taps) rows
// of src (row k starting at src[k*stride]):
//
//	for j := range dst {
//		var s float32
//		for k, t := range taps {
//			s += t * src[k*stride+j]
//		}
//		dst[j] = s
//	}
//
// src must hold (len(taps)-1)*stride+len(dst) samples.
func ConvColsValid(dst, src []float32, stride int, taps []float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	if len(taps) == 0 || stride < 0 || len(src) < (len(taps)-1)*stride+n {
		panic(fmt.Sprintf("simd: ConvColsValid: len(src)=%d < (len(taps)-1)*stride+len(dst) = (%d-1)*%d+%d", len(src), len(taps), stride, n))
	}
	convColsValid(dst, src, stride, taps)
}

// SSIMProducts prepares one row for SSIM's moment filters: the samples
// offset by ox and oy, the sum of their squares and their product:
//
//	for j := range px {
//		a, b := x[j]+ox, y[j]+oy
//		px[j], py[j], pss[j], pxy[j] = a, b, a*a+b*b, a*b
//	}
//
// Filtering the four rows gives the four moments SSIM needs: μx, μy,
// E[x²]+E[y²] and E[xy] (only the sum σx²+σy² enters SSIM). The offsets
// let callers remove a local mean before squaring, which keeps float32
// variances accurate. Every slice must hold len(px) samples.
func SSIMProducts(px, py, pss, pxy, x, y []float32, ox, oy float32) {
	n := len(px)
	if len(py) < n || len(pss) < n || len(pxy) < n || len(x) < n || len(y) < n {
		panic("simd: SSIMProducts: a slice is shorter than px")
	}
	ssimProducts(px, py[:n], pss[:n], pxy[:n], x[:n], y[:n], ox, oy)
}

// SSIMRow computes the SSIM and contrast-structure maps of one row from
// the four filtered moments of SSIMProducts' rows (samples offset by -bx
// and -by) and returns their sums:
//
//	for j := range mx {
//		a, b := mx[j], my[j]
//		c := (2*(mxy[j]-a*b) + c2) / ((mss[j]-a*a-b*b) + c2)
//		ux, uy := a+bx, b+by
//		l := (2*ux*uy + c1) / (ux*ux + uy*uy + c1)
//		ssim += float64(l * c); cs += float64(c)
//	}
//
// The map values are float32 (one reciprocal per sample); the sums are
// float64, except that the assembly first sums each lane over at most 8
// vectors in float32 (a relative error of about 1e-7 of a sum of 8 values
// at most 1, far below the tolerance of any metric built on it).
func SSIMRow(mx, my, mss, mxy []float32, bx, by, c1, c2 float32) (ssim, cs float64) {
	n := len(mx)
	if n == 0 {
		return 0, 0
	}
	if len(my) < n || len(mss) < n || len(mxy) < n {
		panic("simd: SSIMRow: moment rows shorter than mx")
	}
	return ssimRow(mx, my[:n], mss[:n], mxy[:n], bx, by, c1, c2)
}

// SSIMMeanRow returns SSIMRow's ssim sum alone, the same value without
// the cs map (full-resolution SSIM needs only the mean of the SSIM map):
//
//	ssim, _ := SSIMRow(mx, my, mss, mxy, bx, by, c1, c2)
func SSIMMeanRow(mx, my, mss, mxy []float32, bx, by, c1, c2 float32) float64 {
	n := len(mx)
	if n == 0 {
		return 0
	}
	if len(my) < n || len(mss) < n || len(mxy) < n {
		panic("simd: SSIMMeanRow: moment rows shorter than mx")
	}
	return ssimMeanRow(mx, my[:n], mss[:n], mxy[:n], bx, by, c1, c2)
}

// CSRow returns the sum of the contrast-structure map of one row, from
// the four filtered moments of SSIMProducts' rows:
//
//	for j := range mx {
//		a, b := mx[j], my[j]
//		cs += float64((2*(mxy[j]-a*b) + c2) / ((mss[j]-a*a-b*b) + c2))
//	}
//
// It is SSIMRow's cs sum without the SSIM map (MS-SSIM needs only cs at
// all scales but the last). The map values are float32 (one reciprocal
// per sample); the sum is float64, the assembly summing each lane over at
// most 8 vectors in float32 first, as SSIMRow.
func CSRow(mx, my, mss, mxy []float32, c2 float32) float64 {
	n := len(mx)
	if n == 0 {
		return 0
	}
	if len(my) < n || len(mss) < n || len(mxy) < n {
		panic("simd: CSRow: moment rows shorter than mx")
	}
	return csRow(mx, my[:n], mss[:n], mxy[:n], c2)
}

// Pool2Row averages 2x2 blocks of the row pair a, b:
//
//	for j := range dst {
//		dst[j] = ((a[2*j] + b[2*j]) + (a[2*j+1] + b[2*j+1])) * 0.25
//	}
//
// a and b must hold at least 2*len(dst) samples.
func Pool2Row(dst, a, b []float32) {
	if len(dst) == 0 {
		return
	}
	if len(a) < 2*len(dst) || len(b) < 2*len(dst) {
		panic(fmt.Sprintf("simd: Pool2Row: len(a)=%d len(b)=%d < 2*len(dst)=%d", len(a), len(b), 2*len(dst)))
	}
	pool2Row(dst, a, b)
}

// SumF64 returns the sum of x accumulated in float64.
func SumF64(x []float32) float64 {
	return sumF64(x)
}

// PoolKRow averages k×k blocks of k rows of src (row a starting at
// src[a*stride]) into dst, summing in float64:
//
//	for j := range dst {
//		var s float64
//		for a := 0; a < k; a++ {
//			for b := 0; b < k; b++ {
//				s += float64(src[a*stride+j*k+b])
//			}
//		}
//		dst[j] = float32(s / float64(k*k))
//	}
//
// src must hold (k-1)*stride+k*len(dst) samples. It has no assembly
// version: pooling by k > 2 is a small part of any metric's cost (use
// Pool2Row, twice for k = 4, where it matters).
func PoolKRow(dst, src []float32, stride, k int) {
	if len(dst) == 0 {
		return
	}
	if k < 1 || len(src) < (k-1)*stride+k*len(dst) {
		panic(fmt.Sprintf("simd: PoolKRow: len(src)=%d < (k-1)*stride+k*len(dst) = (%d-1)*%d+%d*%d", len(src), k, stride, k, len(dst)))
	}
	poolKRowGeneric(dst, src, stride, k)
}

// SSIMCols6 forms SSIMProducts' four product rows of x and y (offset by ox
// and oy) and filters them vertically with taps, for six consecutive
// output rows at once (output row o starting at input row o); moment m
// (x, y, x²+y², xy) of output row o goes to dst[(m*6+o)*ds:]:
//
//	for o := 0; o < 6; o++ {
//		for j := 0; j < n; j++ {
//			var s [4]float32
//			for k, t := range taps {
//				a, b := x[(o+k)*stride+j]+ox, y[(o+k)*stride+j]+oy
//				for m, p := range [4]float32{a, b, a*a + b*b, a * b} {
//					s[m] += t * p
//				}
//			}
//			for m := range s {
//				dst[(m*6+o)*ds+j] = s[m]
//			}
//		}
//	}
//
// It is SSIMProducts followed by ConvColsValid on each product for each
// output row, without the product rows: each input row is read once for
// the six outputs and its products live only in registers (AVX-512 holds
// the 24 sums in registers; AVX2 makes two rows per pass). x and y must
// hold (len(taps)+4)*stride+n samples, dst 23*ds+n, and ds must be at
// least n. The assembly prefetches the six input rows after the last one
// it reads, which a call for the next six outputs reads first.
func SSIMCols6(dst []float32, n, ds int, x, y []float32, stride int, ox, oy float32, taps []float32) {
	if n <= 0 {
		return
	}
	need := (len(taps)+4)*stride + n
	if len(taps) == 0 || stride < 0 || ds < n || len(dst) < 23*ds+n || len(x) < need || len(y) < need {
		panic(fmt.Sprintf("simd: SSIMCols6: len(x)=%d len(y)=%d < (len(taps)+4)*stride+n = (%d+4)*%d+%d, or len(dst)=%d < 23*ds+n = 23*%d+%d", len(x), len(y), len(taps), stride, n, len(dst), ds, n))
	}
	ssimCols6(dst, n, ds, x, y, stride, ox, oy, taps)
}
