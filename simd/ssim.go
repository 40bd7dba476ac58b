package simd

import "fmt"

// This file holds the exported kernels of the ssim family: the fused
// products and vertical pass of SSIM's moments, a valid row convolution,
// the SSIM or cs map of one row reduced to a float64 sum, average pooling
// of rows and a float64 sum. Each checks its slice lengths and hands the
// work to the level chosen at start-up (ssim_amd64.go or ssim_other.go).

// ConvRowsValid computes the "valid" cross-correlation with taps of rows
// rows, in one call: row r of dst (n samples at dst[r*ds:]) from row r of
// src (at src[r*ss:]):
//
//	for r := 0; r < rows; r++ {
//		for i := 0; i < n; i++ {
//			var s float32
//			for k, t := range taps {
//				s += t * src[r*ss+i+k]
//			}
//			dst[r*ds+i] = s
//		}
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

// SSIMMeanRow returns the sum of the SSIM map of one row, from the four
// filtered moments of SSIMCols6 (samples offset by -bx and -by):
//
//	for j := range mx {
//		a, b := mx[j], my[j]
//		c := (2*(mxy[j]-a*b) + c2) / ((mss[j]-a*a-b*b) + c2)
//		ux, uy := a+bx, b+by
//		l := (2*ux*uy + c1) / (ux*ux + uy*uy + c1)
//		ssim += float64(l * c)
//	}
//
// The map values are float32 (one reciprocal per sample); the sum is
// float64, except that the assembly first sums each lane over at most 8
// vectors in float32 (a relative error of about 1e-7 of a sum of 8 values
// at most 1, far below the tolerance of any metric built on it).
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
// the four filtered moments of SSIMCols6:
//
//	for j := range mx {
//		a, b := mx[j], my[j]
//		cs += float64((2*(mxy[j]-a*b) + c2) / ((mss[j]-a*a-b*b) + c2))
//	}
//
// It is the cs factor of SSIMMeanRow's map, without the luminance term
// (MS-SSIM needs only cs at all scales but the last). The map values are
// float32 (one reciprocal per sample); the sum is float64, the assembly
// summing each lane over at most 8 vectors in float32 first, as
// SSIMMeanRow.
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

// SSIMCols6 forms the four products SSIM's moment filters need from x and
// y (offset by ox and oy) and filters them vertically with taps, for six
// consecutive output rows at once (output row o starting at input row o);
// moment m (x, y, x²+y², xy) of output row o goes to dst[(m*6+o)*ds:]:
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
// Filtering the four products gives the four moments SSIM needs: μx, μy,
// E[x²]+E[y²] and E[xy] (only the sum σx²+σy² enters SSIM). The offsets
// let callers remove a local mean before squaring, which keeps float32
// variances accurate. Each input row is read once for the six outputs
// and its products live only in registers (AVX-512 holds the 24 sums in
// registers; AVX2 makes two rows per pass). x and y must
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
