package simd

import "fmt"

// This file holds the exported kernels of the dss family: the 8-point DCT
// of DSS's 8×8 blocks (low frequencies only) and the similarity maps of
// one subband row.

// DCT8Cols5F64 computes, for every column x, the first five coefficients
// of the 8-point transform of the column (r0[x], …, r7[x]) whose basis
// rows are symmetric (even m) or antisymmetric (odd m), as the DCT-II's
// are, given the first half of each basis row in c (c[4m+q] = D[m][q]):
//
//	for x := range t0 {
//		s0, s1, s2, s3 := r0[x]+r7[x], r1[x]+r6[x], r2[x]+r5[x], r3[x]+r4[x]
//		d0, d1, d2, d3 := r0[x]-r7[x], r1[x]-r6[x], r2[x]-r5[x], r3[x]-r4[x]
//		t0[x] = c[0]*s0 + c[1]*s1 + c[2]*s2 + c[3]*s3
//		t1[x] = c[4]*d0 + c[5]*d1 + c[6]*d2 + c[7]*d3
//		t2[x] = c[8]*s0 + c[9]*s1 + c[10]*s2 + c[11]*s3
//		t3[x] = c[12]*d0 + c[13]*d1 + c[14]*d2 + c[15]*d3
//		t4[x] = c[16]*s0 + c[17]*s1 + c[18]*s2 + c[19]*s3
//	}
//
// Products are rounded before they are added (no FMA), so every level
// gives the same bits. Every slice must hold len(t0) samples.
func DCT8Cols5F64(t0, t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7 []float64, c *[20]float64) {
	n := len(t0)
	for i, s := range [][]float64{t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7} {
		if len(s) < n {
			panic(fmt.Sprintf("simd: DCT8Cols5F64: slice %d has %d samples, want %d", i+1, len(s), n))
		}
	}
	dct8Cols5F64(t0, t1[:n], t2[:n], t3[:n], t4[:n], r0[:n], r1[:n], r2[:n], r3[:n], r4[:n], r5[:n], r6[:n], r7[:n], c)
}

// DSSSimRow computes one row of DSS's two subband-similarity maps from
// three consecutive rows of each zero-bordered subband (u above, c at,
// d below the output row; each holds len(lt)+2 samples, output j centred
// on input j+1) under the symmetric 3×3 window whose corner, edge and
// centre weights are w[0], w[1], w[2]:
//
//	for j := range lt {
//		var mx, my, exx, eyy, exy float64
//		for each of the 9 window taps (row r of u, c, d; column j+i, i < 3) {
//			a, b := xr[j+i], yr[j+i]; t := weight of the tap
//			mx += t*a; my += t*b; exx += t*a*a; eyy += t*b*b; exy += t*a*b
//		}
//		sxx, syy := max(exx-mx*mx, 0), max(eyy-my*my, 0)
//		sq := sqrt(sxx*syy)
//		lt[j] = (2*sq + k) / (sxx + syy + k)
//		rt[j] = (exy - mx*my + k) / (sq + k)
//	}
//
// (the taps are visited row by row, left to right). rt must hold len(lt)
// samples.
func DSSSimRow(lt, rt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64) {
	n := len(lt)
	if n == 0 {
		return
	}
	if len(rt) < n {
		panic(fmt.Sprintf("simd: DSSSimRow: len(rt)=%d < len(lt)=%d", len(rt), n))
	}
	for i, s := range [][]float64{xu, xc, xd, yu, yc, yd} {
		if len(s) < n+2 {
			panic(fmt.Sprintf("simd: DSSSimRow: input %d has %d samples, want len(lt)+2=%d", i, len(s), n+2))
		}
	}
	dssSimRow(lt, rt[:n], xu[:n+2], xc[:n+2], xd[:n+2], yu[:n+2], yc[:n+2], yd[:n+2], w, k)
}

// DCT8Cols5F32 is DCT8Cols5F64 on float32 rows scaled by k: every input
// is float64(r[x])*k (rounded) before the transform.
// Every slice must hold len(t0) samples.
func DCT8Cols5F32(t0, t1, t2, t3, t4 []float64, r0, r1, r2, r3, r4, r5, r6, r7 []float32, c *[20]float64, k float64) {
	n := len(t0)
	for i, s := range [][]float64{t1, t2, t3, t4} {
		if len(s) < n {
			panic(fmt.Sprintf("simd: DCT8Cols5F32: output %d has %d samples, want %d", i+1, len(s), n))
		}
	}
	for i, s := range [][]float32{r0, r1, r2, r3, r4, r5, r6, r7} {
		if len(s) < n {
			panic(fmt.Sprintf("simd: DCT8Cols5F32: row %d has %d samples, want %d", i, len(s), n))
		}
	}
	dct8Cols5F32(t0, t1[:n], t2[:n], t3[:n], t4[:n], r0[:n], r1[:n], r2[:n], r3[:n], r4[:n], r5[:n], r6[:n], r7[:n], c, k)
}

// DCT8Rows5F64 is the transform of DCT8Cols5F64 applied along a row: for
// every block b, the 8 contiguous samples x = src[8b : 8b+8] give
//
//	s0, s1, s2, s3 := x[0]+x[7], x[1]+x[6], x[2]+x[5], x[3]+x[4]
//	d0, d1, d2, d3 := x[0]-x[7], x[1]-x[6], x[2]-x[5], x[3]-x[4]
//	t0[b] = c[0]*s0 + c[1]*s1 + c[2]*s2 + c[3]*s3
//	t1[b] = c[4]*d0 + c[5]*d1 + c[6]*d2 + c[7]*d3
//	t2[b] = c[8]*s0 + c[9]*s1 + c[10]*s2 + c[11]*s3
//	t3[b] = c[12]*d0 + c[13]*d1 + c[14]*d2 + c[15]*d3
//	t4[b] = c[16]*s0 + c[17]*s1 + c[18]*s2 + c[19]*s3
//
// with the same rounding as DCT8Cols5F64 (equal bits at every level).
// Every output must hold len(t0) samples and src 8·len(t0).
func DCT8Rows5F64(t0, t1, t2, t3, t4, src []float64, c *[20]float64) {
	n := len(t0)
	for i, s := range [][]float64{t1, t2, t3, t4} {
		if len(s) < n {
			panic(fmt.Sprintf("simd: DCT8Rows5F64: output %d has %d samples, want %d", i+1, len(s), n))
		}
	}
	if len(src) < 8*n {
		panic(fmt.Sprintf("simd: DCT8Rows5F64: src has %d samples, want 8·%d", len(src), n))
	}
	dct8Rows5F64(t0, t1[:n], t2[:n], t3[:n], t4[:n], src[:8*n], c)
}

// DSSSimRowLT is DSSSimRow without the rt output: it writes only lt.
func DSSSimRowLT(lt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64) {
	n := len(lt)
	if n == 0 {
		return
	}
	for i, s := range [][]float64{xu, xc, xd, yu, yc, yd} {
		if len(s) < n+2 {
			panic(fmt.Sprintf("simd: DSSSimRowLT: input %d has %d samples, want len(lt)+2=%d", i, len(s), n+2))
		}
	}
	dssSimRowLT(lt, xu[:n+2], xc[:n+2], xd[:n+2], yu[:n+2], yc[:n+2], yd[:n+2], w, k)
}

// RangeFilterF64 splits a by two bounds: values below lo are counted and
// summed, values in [lo, hi] are copied to the front of dst in order, and
// larger values are dropped:
//
//	for _, v := range a {
//		switch {
//		case v < lo:
//			below++
//			sum += v
//		case v <= hi:
//			dst[kept] = v
//			kept++
//		}
//	}
//
// The sum is accumulated in vector lanes, so its rounding depends on the
// level. NaN samples are neither counted nor kept. dst must hold len(a)
// samples and may be a itself (the kept values then move to the front of
// a); dst[kept:] is left unspecified.
func RangeFilterF64(dst, a []float64, lo, hi float64) (kept, below int, sum float64) {
	if len(dst) < len(a) {
		panic(fmt.Sprintf("simd: RangeFilterF64: len(dst)=%d < len(a)=%d", len(dst), len(a)))
	}
	return rangeFilterF64(dst[:len(a)], a, lo, hi)
}
