package simd

import "fmt"

// This file holds the exported kernels of the vsi family: those of VSI
// (metrics/vsi), among them Pool4RowF64, the 4×4 average pooling that
// FSIM and SR-SIM use too.

// VSIConsts holds the constants of VSISimRow and VSISimRowGray: the
// minimum and the reciprocal range of each saliency map, the similarity
// constants of saliency, gradient and chroma, the factor of a negative
// chroma similarity, and (VSISimRowGray only) the RGB → M and RGB → N
// rows of the LMN matrix. The assembly reads the fields as 14 consecutive
// float64 in this order.
type VSIConsts struct {
	MinX, MinY, RX, RY float64
	C1, C2, C3         float64
	Neg                float64
	M, N               [3]float64
}

// VSISimRow computes VSI's similarity terms of one run of samples from
// the saliency maps vx, vy (not normalised), the gradient magnitudes gx,
// gy and the chroma channels mx, my and nx, ny of the two pictures. The
// three similarities S = n/d share one division:
//
//	for i := range sg {
//		a, b := (vx[i]-k.MinX)*k.RX, (vy[i]-k.MinY)*k.RY
//		vm[i] = max(a, b)
//		nV, dV := 2*a*b+k.C1, a*a+b*b+k.C1
//		nG, dG := 2*gx[i]*gy[i]+k.C2, gx[i]*gx[i]+gy[i]*gy[i]+k.C2
//		nC := (2*mx[i]*my[i] + k.C3) * (2*nx[i]*ny[i] + k.C3)
//		dC := (mx[i]*mx[i] + my[i]*my[i] + k.C3) * (nx[i]*nx[i] + ny[i]*ny[i] + k.C3)
//		t := dG * dC
//		r := 1 / (t * dV)
//		sv[i] = nV * t * r
//		sg[i] = nG * (dC * dV) * r
//		c := nC * (dG * dV) * r
//		neg[i] = 1
//		if c < 0 {
//			c, neg[i] = -c, k.Neg
//		}
//		sc[i] = c
//	}
//
// Operations are rounded one by one (never fused), so every level gives
// the same bits. Every slice must hold len(sg) samples.
func VSISimRow(sg, sc, neg, sv, vm, vx, vy, gx, gy, mx, my, nx, ny []float64, k *VSIConsts) {
	n := len(sg)
	if len(sc) < n || len(neg) < n || len(sv) < n || len(vm) < n || len(vx) < n || len(vy) < n ||
		len(gx) < n || len(gy) < n || len(mx) < n || len(my) < n || len(nx) < n || len(ny) < n {
		panic(fmt.Sprintf("simd: VSISimRow: a slice is shorter than len(sg)=%d", n))
	}
	vsiSimRow(sg, sc[:n], neg[:n], sv[:n], vm[:n], vx[:n], vy[:n], gx[:n], gy[:n], mx[:n], my[:n], nx[:n], ny[:n], k)
}

// VSISimRowGray is VSISimRow for gray pictures (R = G = B): the chroma
// channels are computed from the gray values ux, uy as
//
//	mx[i] = k.M[0]*ux[i] + k.M[1]*ux[i] + k.M[2]*ux[i]
//	nx[i] = k.N[0]*ux[i] + k.N[1]*ux[i] + k.N[2]*ux[i]
//
// and likewise my, ny from uy. Every slice must hold len(sg) samples.
func VSISimRowGray(sg, sc, neg, sv, vm, vx, vy, gx, gy, ux, uy []float64, k *VSIConsts) {
	n := len(sg)
	if len(sc) < n || len(neg) < n || len(sv) < n || len(vm) < n || len(vx) < n || len(vy) < n ||
		len(gx) < n || len(gy) < n || len(ux) < n || len(uy) < n {
		panic(fmt.Sprintf("simd: VSISimRowGray: a slice is shorter than len(sg)=%d", n))
	}
	vsiSimRowGray(sg, sc[:n], neg[:n], sv[:n], vm[:n], vx[:n], vy[:n], gx[:n], gy[:n], ux[:n], uy[:n], k)
}

// PowTableRow replaces the samples of x by powers x^e read from a table,
// up to the first sample that is not a positive normal number, and
// returns the number of samples replaced. A positive normal x is 2^k·m
// with m in [1, 2); p2 holds 2^(e·k) at index k + 1022, and c holds, for
// each of the n = 2^(52−shift) equal intervals of [1, 2) that the leading
// mantissa bits select, the four coefficients of a cubic in the position
// within the interval:
//
//	for i, v := range x {
//		b := math.Float64bits(v)
//		if b-1<<52 >= 2046<<52 {
//			return i
//		}
//		f := float64(b&(1<<shift-1)) * 2^−shift
//		p := c[4*(b>>shift&(n-1)):]
//		x[i] = p2[b>>52-1] * (p[0] + f*(p[1]+f*(p[2]+f*p[3])))
//	}
//	return len(x)
//
// Operations are rounded one by one, so every level gives the same bits.
// c must hold 4·n values for some n = 2^(52−shift) (shift 32 … 52) and p2
// 2046.
func PowTableRow(x, c, p2 []float64, shift uint) int {
	if shift < 32 || shift > 52 || len(c) != 4<<(52-shift) || len(p2) < 2046 {
		panic(fmt.Sprintf("simd: PowTableRow: shift %d with len(c)=%d, len(p2)=%d", shift, len(c), len(p2)))
	}
	return powTableRow(x, c, p2[:2046], shift)
}

// BandF64 is a band matrix of k entries per output, for BandF64.Row:
// output j of n is the sum of wt[q*n+j] times src[first[j]+q],
// q = 0 … k−1. NewBandF64 checks its indices once, so that Row only
// checks the length of src.
type BandF64 struct {
	first []int32
	wt    []float64
	k     int
	need  int // max(first) + k: the samples src must hold
}

// NewBandF64 returns the band of n = len(first) outputs with the weights
// of tap q at wt[q*n : (q+1)*n]. It panics if k < 1, if wt holds fewer
// than k·n weights or if an index is negative.
func NewBandF64(first []int32, wt []float64, k int) *BandF64 {
	n := len(first)
	if k < 1 || len(wt) < k*n {
		panic(fmt.Sprintf("simd: NewBandF64: k=%d with %d outputs and len(wt)=%d", k, n, len(wt)))
	}
	b := &BandF64{first: first, wt: wt[:k*n], k: k}
	for _, f := range first {
		if f < 0 {
			panic(fmt.Sprintf("simd: NewBandF64: negative index %d", f))
		}
		b.need = max(b.need, int(f)+k)
	}
	return b
}

// Row multiplies the row src by the band into dst, each sum added in
// order from zero:
//
//	for j := range dst {
//		var s float64
//		for q := range k {
//			s += wt[q*n+j] * src[int(first[j])+q]
//		}
//		dst[j] = s
//	}
//
// Products are rounded before they are added, so every level gives the
// same bits. dst must hold n samples, src every sample the band reads.
func (b *BandF64) Row(dst, src []float64) {
	if len(dst) != len(b.first) || len(src) < b.need {
		panic(fmt.Sprintf("simd: BandF64.Row: len(dst)=%d, len(src)=%d for a band of %d outputs reading %d samples",
			len(dst), len(src), len(b.first), b.need))
	}
	bandRowF64(dst, src, b.first, b.wt, b.k)
}

// LerpRowMinMax blends two rows, h0·a + h1·b, into dst and returns the
// smallest and the largest value written (+Inf and −Inf for an empty
// row; NaNs are skipped):
//
//	mn, mx = +Inf, −Inf
//	for i := range dst {
//		v := h0*a[i] + h1*b[i]
//		dst[i] = v
//		if v < mn { mn = v }
//		if v > mx { mx = v }
//	}
//
// Products are rounded before they are added, so every level gives the
// same bits. a and b must hold len(dst) samples.
func LerpRowMinMax(dst, a, b []float64, h0, h1 float64) (mn, mx float64) {
	n := len(dst)
	if len(a) < n || len(b) < n {
		panic(fmt.Sprintf("simd: LerpRowMinMax: an input row is shorter than len(dst)=%d", n))
	}
	return lerpRowMinMax(dst, a[:n], b[:n], h0, h1)
}

// SRGBBaseRow computes the base of the power segment of the sRGB curve
// for byte-scale samples, 1 for those on its linear segment:
//
//	for i, x := range src {
//		dst[i] = 1
//		if c := x / 255; c > 0.04045 {
//			dst[i] = (c + 0.055) / 1.055
//		}
//	}
//
// Every level gives the same bits. src must hold len(dst) samples.
func SRGBBaseRow(dst, src []float64) {
	if len(src) < len(dst) {
		panic(fmt.Sprintf("simd: SRGBBaseRow: len(src)=%d < len(dst)=%d", len(src), len(dst)))
	}
	srgbBaseRow(dst, src[:len(dst)])
}

// Pool4RowF64 computes one row of 4×4 block sums (times k) from four
// float32 rows, in float64: the sums of the columns first, rows added in
// order, then the four column sums of each block in order. With k the
// scale over 16, these are the block means that FSIM, SR-SIM and VSI
// pool their pictures to:
//
//	for j := range dst {
//		var s float64
//		for b := range 4 {
//			x := 4*j + b
//			c := float64(r0[x]) + float64(r1[x]) + float64(r2[x]) + float64(r3[x])
//			if b == 0 {
//				s = c
//			} else {
//				s += c
//			}
//		}
//		dst[j] = s * k
//	}
//
// Every level gives the same bits. Every row must hold 4·len(dst)
// samples.
func Pool4RowF64(dst []float64, r0, r1, r2, r3 []float32, k float64) {
	n := 4 * len(dst)
	if len(r0) < n || len(r1) < n || len(r2) < n || len(r3) < n {
		panic(fmt.Sprintf("simd: Pool4RowF64: a row is shorter than 4·len(dst)=%d", n))
	}
	pool4RowF64(dst, r0[:n], r1[:n], r2[:n], r3[:n], k)
}

// LerpColsF32 is a linear interpolation between columns of float32
// rows, for bilinear resampling: output x reads columns i0[x] and i1[x]
// with weights w0[x] and w1[x]. NewLerpColsF32 checks its indices once, so
// that Row only checks the lengths of the rows.
type LerpColsF32 struct {
	i0, i1 []int32
	w0, w1 []float64
	need   int // max index + 1: the samples a row must hold
}

// NewLerpColsF32 returns the interpolation of len(i0) outputs. It panics
// if a slice is shorter than i0 or an index is negative.
func NewLerpColsF32(i0, i1 []int32, w0, w1 []float64) *LerpColsF32 {
	n := len(i0)
	if len(i1) < n || len(w0) < n || len(w1) < n {
		panic(fmt.Sprintf("simd: NewLerpColsF32: a slice is shorter than len(i0)=%d", n))
	}
	c := &LerpColsF32{i0: i0, i1: i1[:n], w0: w0[:n], w1: w1[:n]}
	for x := range n {
		a, b := i0[x], i1[x]
		if a < 0 || b < 0 {
			panic(fmt.Sprintf("simd: NewLerpColsF32: negative index %d or %d", a, b))
		}
		c.need = max(c.need, int(a)+1, int(b)+1)
	}
	return c
}

// Row computes one output row of a bilinear resampling from the rows r0
// and r1 with row weights h0 and h1, every sample times scale, in float64:
//
//	for x := range d {
//		a, b := i0[x], i1[x]
//		d[x] = h0*(w0[x]*float64(r0[a])*scale+w1[x]*float64(r0[b])*scale) +
//			h1*(w0[x]*float64(r1[a])*scale+w1[x]*float64(r1[b])*scale)
//	}
//
// (with scale = 1 the products by scale are exact, so the sums are those
// without them). Every level gives the same bits. d must hold one value
// per output and the rows every column read.
func (c *LerpColsF32) Row(d []float64, r0, r1 []float32, h0, h1, scale float64) {
	if len(d) != len(c.i0) || len(r0) < c.need || len(r1) < c.need {
		panic(fmt.Sprintf("simd: LerpColsF32.Row: len(d)=%d, rows of %d and %d samples for %d outputs reading %d",
			len(d), len(r0), len(r1), len(c.i0), c.need))
	}
	lerpColsF32(d, r0, r1, c.i0, c.i1, c.w0, c.w1, h0, h1, scale)
}
