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
