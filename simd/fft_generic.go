package simd

// The butterflies of the Stockham FFT (see fftBatch.stage). Each works on
// runs of equal length: output run k is the k-th output of a radix-p DFT
// of the input runs, times the twiddle w[k−1] (none for k = 0). With
// s = −1 for the forward and +1 for the inverse transform (whose
// twiddles come conjugated), c holds
//
//	radix 2: nothing
//	radix 3: −s·sin(2π/3), s·sin(2π/3), 0.5
//	radix 4: −s, s
//	radix 5: cos(2π/5), cos(4π/5), −s·sin(2π/5), s·sin(2π/5), −s·sin(4π/5), s·sin(4π/5)
//
// so that a pair (−q, q) multiplies a swapped (im, re) value into z·(q·i).

// mulI returns z·(q·i).
func mulI(z complex128, q float64) complex128 {
	return complex(-q*imag(z), q*real(z))
}

func fftR2Generic(y0, y1, x0, x1, w []complex128, _ []float64) {
	n := len(y0)
	y1, x0, x1 = y1[:n], x0[:n], x1[:n]
	w1 := w[0]
	for i := range n {
		a, b := x0[i], x1[i]
		y0[i] = a + b
		y1[i] = (a - b) * w1
	}
}

func fftR3Generic(y0, y1, y2, x0, x1, x2, w []complex128, c []float64) {
	n := len(y0)
	y1, y2 = y1[:n], y2[:n]
	x0, x1, x2 = x0[:n], x1[:n], x2[:n]
	w1, w2, q, half := w[0], w[1], c[1], c[2]
	for i := range n {
		a0, a1, a2 := x0[i], x1[i], x2[i]
		s, d := a1+a2, a1-a2
		m := a0 - s*complex(half, 0)
		r := mulI(d, q)
		y0[i] = a0 + s
		y1[i] = (m + r) * w1
		y2[i] = (m - r) * w2
	}
}

func fftR4Generic(y0, y1, y2, y3, x0, x1, x2, x3, w []complex128, c []float64) {
	n := len(y0)
	y1, y2, y3 = y1[:n], y2[:n], y3[:n]
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	w1, w2, w3, q := w[0], w[1], w[2], c[1]
	for i := range n {
		a0, a1, a2, a3 := x0[i], x1[i], x2[i], x3[i]
		t0, t1 := a0+a2, a0-a2
		t2, t3 := a1+a3, mulI(a1-a3, q)
		y0[i] = t0 + t2
		y1[i] = (t1 + t3) * w1
		y2[i] = (t0 - t2) * w2
		y3[i] = (t1 - t3) * w3
	}
}

func fftR5Generic(y0, y1, y2, y3, y4, x0, x1, x2, x3, x4, w []complex128, c []float64) {
	n := len(y0)
	y1, y2, y3, y4 = y1[:n], y2[:n], y3[:n], y4[:n]
	x0, x1, x2, x3, x4 = x0[:n], x1[:n], x2[:n], x3[:n], x4[:n]
	c1, c2, q1, q2 := complex(c[0], 0), complex(c[1], 0), c[3], c[5]
	w1, w2, w3, w4 := w[0], w[1], w[2], w[3]
	for i := range n {
		a0, a1, a2, a3, a4 := x0[i], x1[i], x2[i], x3[i], x4[i]
		s1, d1 := a1+a4, a1-a4
		s2, d2 := a2+a3, a2-a3
		m1 := a0 + s1*c1 + s2*c2
		m2 := a0 + s1*c2 + s2*c1
		r1 := mulI(d1, q1) + mulI(d2, q2)
		r2 := mulI(d1, q2) - mulI(d2, q1)
		y0[i] = a0 + s1 + s2
		y1[i] = (m1 + r1) * w1
		y2[i] = (m2 + r2) * w2
		y3[i] = (m2 - r2) * w3
		y4[i] = (m1 - r1) * w4
	}
}

func mulRealC128Generic(dst, src []complex128, f []float64) {
	src, f = src[:len(dst)], f[:len(dst)]
	for i, z := range src {
		dst[i] = complex(real(z)*f[i], imag(z)*f[i])
	}
}

func transposeC128Generic(dst, src []complex128, rows, cols int) {
	for i := range rows {
		row := src[i*cols : (i+1)*cols]
		for j, z := range row {
			dst[j*rows+i] = z
		}
	}
}

// mulRunsC128Generic multiplies run j of b values of src by w[j]: the
// chirp products of Bluestein's algorithm.
func mulRunsC128Generic(dst, src, w []complex128, b int) {
	for j, c := range w {
		d, s := dst[j*b:(j+1)*b], src[j*b:(j+1)*b]
		for g, z := range s {
			d[g] = z * c
		}
	}
}
