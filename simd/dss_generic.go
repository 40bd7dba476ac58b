package simd

import "math"

func dct8Cols5F64Generic(t0, t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7 []float64, c *[20]float64) {
	n := len(t0)
	t1, t2, t3, t4 = t1[:n], t2[:n], t3[:n], t4[:n]
	r0, r1, r2, r3, r4, r5, r6, r7 = r0[:n], r1[:n], r2[:n], r3[:n], r4[:n], r5[:n], r6[:n], r7[:n]
	for x := range t0 {
		s0, s1, s2, s3 := r0[x]+r7[x], r1[x]+r6[x], r2[x]+r5[x], r3[x]+r4[x]
		d0, d1, d2, d3 := r0[x]-r7[x], r1[x]-r6[x], r2[x]-r5[x], r3[x]-r4[x]
		t0[x] = c[0]*s0 + c[1]*s1 + c[2]*s2 + c[3]*s3
		t1[x] = c[4]*d0 + c[5]*d1 + c[6]*d2 + c[7]*d3
		t2[x] = c[8]*s0 + c[9]*s1 + c[10]*s2 + c[11]*s3
		t3[x] = c[12]*d0 + c[13]*d1 + c[14]*d2 + c[15]*d3
		t4[x] = c[16]*s0 + c[17]*s1 + c[18]*s2 + c[19]*s3
	}
}

func dssSimRowGeneric(lt, rt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64) {
	rt = rt[:len(lt)]
	// Tap weights in visiting order: rows u, c, d; columns 0, 1, 2.
	taps := [9]float64{w[0], w[1], w[0], w[1], w[2], w[1], w[0], w[1], w[0]}
	in := [3][2][]float64{{xu, yu}, {xc, yc}, {xd, yd}}
	for j := range lt {
		var mx, my, exx, eyy, exy float64
		for r, rows := range &in {
			for i := range 3 {
				t := taps[3*r+i]
				a, b := rows[0][j+i], rows[1][j+i]
				ta, tb := t*a, t*b
				mx += ta
				my += tb
				exx += ta * a
				eyy += tb * b
				exy += ta * b
			}
		}
		sxx := max(exx-mx*mx, 0)
		syy := max(eyy-my*my, 0)
		sq := math.Sqrt(sxx * syy)
		lt[j] = (2*sq + k) / (sxx + syy + k)
		rt[j] = (exy - mx*my + k) / (sq + k)
	}
}

func dct8Cols5F32Generic(t0, t1, t2, t3, t4 []float64, r0, r1, r2, r3, r4, r5, r6, r7 []float32, c *[20]float64, k float64) {
	n := len(t0)
	t1, t2, t3, t4 = t1[:n], t2[:n], t3[:n], t4[:n]
	r0, r1, r2, r3, r4, r5, r6, r7 = r0[:n], r1[:n], r2[:n], r3[:n], r4[:n], r5[:n], r6[:n], r7[:n]
	for x := range t0 {
		x0, x1, x2, x3 := float64(r0[x])*k, float64(r1[x])*k, float64(r2[x])*k, float64(r3[x])*k
		x4, x5, x6, x7 := float64(r4[x])*k, float64(r5[x])*k, float64(r6[x])*k, float64(r7[x])*k
		s0, s1, s2, s3 := x0+x7, x1+x6, x2+x5, x3+x4
		d0, d1, d2, d3 := x0-x7, x1-x6, x2-x5, x3-x4
		t0[x] = c[0]*s0 + c[1]*s1 + c[2]*s2 + c[3]*s3
		t1[x] = c[4]*d0 + c[5]*d1 + c[6]*d2 + c[7]*d3
		t2[x] = c[8]*s0 + c[9]*s1 + c[10]*s2 + c[11]*s3
		t3[x] = c[12]*d0 + c[13]*d1 + c[14]*d2 + c[15]*d3
		t4[x] = c[16]*s0 + c[17]*s1 + c[18]*s2 + c[19]*s3
	}
}

func dct8Rows5F64Generic(t0, t1, t2, t3, t4, src []float64, c *[20]float64) {
	n := len(t0)
	t1, t2, t3, t4 = t1[:n], t2[:n], t3[:n], t4[:n]
	for b := range t0 {
		x := src[8*b : 8*b+8 : 8*b+8]
		s0, s1, s2, s3 := x[0]+x[7], x[1]+x[6], x[2]+x[5], x[3]+x[4]
		d0, d1, d2, d3 := x[0]-x[7], x[1]-x[6], x[2]-x[5], x[3]-x[4]
		t0[b] = c[0]*s0 + c[1]*s1 + c[2]*s2 + c[3]*s3
		t1[b] = c[4]*d0 + c[5]*d1 + c[6]*d2 + c[7]*d3
		t2[b] = c[8]*s0 + c[9]*s1 + c[10]*s2 + c[11]*s3
		t3[b] = c[12]*d0 + c[13]*d1 + c[14]*d2 + c[15]*d3
		t4[b] = c[16]*s0 + c[17]*s1 + c[18]*s2 + c[19]*s3
	}
}

func dssSimRowLTGeneric(lt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64) {
	taps := [9]float64{w[0], w[1], w[0], w[1], w[2], w[1], w[0], w[1], w[0]}
	in := [3][2][]float64{{xu, yu}, {xc, yc}, {xd, yd}}
	for j := range lt {
		var mx, my, exx, eyy float64
		for r, rows := range &in {
			for i := range 3 {
				t := taps[3*r+i]
				a, b := rows[0][j+i], rows[1][j+i]
				ta, tb := t*a, t*b
				mx += ta
				my += tb
				exx += ta * a
				eyy += tb * b
			}
		}
		sxx := max(exx-mx*mx, 0)
		syy := max(eyy-my*my, 0)
		sq := math.Sqrt(sxx * syy)
		lt[j] = (2*sq + k) / (sxx + syy + k)
	}
}

func rangeFilterF64Generic(dst, a []float64, lo, hi float64) (kept, below int, sum float64) {
	dst = dst[:len(a)]
	for _, v := range a {
		switch {
		case v < lo:
			below++
			sum += v
		case v <= hi:
			dst[kept] = v
			kept++
		}
	}
	return kept, below, sum
}
