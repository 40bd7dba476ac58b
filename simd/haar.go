package simd

import "fmt"

// This file holds the exported kernels of the Haar family (HaarPSI): box
// sums that build the dyadic Haar scales from each other, the horizontal
// and vertical Haar responses, the mean of two similarity maps, the
// element-wise maximum, the 2×2 chroma mean and the logistic pooling.
//
// The Haar responses are computed from box sums. Let Q_m(p, q) be the sum
// of the m×m block whose top-left sample is (p, q) of a zero-padded
// plane. Then Q_2m(p, q) = Q_m(p, q) + Q_m(p, q+m) + Q_m(p+m, q) +
// Q_m(p+m, q+m) (HaarBoxRow), and the size-2m Haar kernels of HaarPSI at
// pixel (i, j), whose window covers rows and columns i−m+1 … i+m, are
// (a + b − c − d)/2m horizontally and (a − b + c − d)/2m vertically with
// a = Q_m(i−m+1, j−m+1), b = Q_m(i−m+1, j+1), c = Q_m(i+1, j−m+1),
// d = Q_m(i+1, j+1) (HaarRespRow).

// HaarBoxRow adds four samples at lag m of two rows:
//
//	for j := range dst {
//		dst[j] = up[j] + up[j+m] + down[j] + down[j+m]
//	}
//
// up and down must hold len(dst)+m samples.
func HaarBoxRow(dst, up, down []float32, m int) {
	n := len(dst)
	if n == 0 {
		return
	}
	if m < 1 || len(up) < n+m || len(down) < n+m {
		panic(fmt.Sprintf("simd: HaarBoxRow: len(up)=%d len(down)=%d < len(dst)+m=%d+%d", len(up), len(down), n, m))
	}
	haarBoxRow(dst, up[:n+m], down[:n+m], m)
}

// HaarRespRow computes the absolute horizontal and vertical Haar
// responses of one row from two rows of box sums (see the file comment):
//
//	for j := range dh {
//		a, b, c, d := top[j], top[j+m], bot[j], bot[j+m]
//		dh[j] = |a + b − c − d| · inv
//		dv[j] = |a − b + c − d| · inv
//	}
//
// top and bot must hold len(dh)+m samples; dv holds len(dh).
func HaarRespRow(dh, dv, top, bot []float32, m int, inv float32) {
	n := len(dh)
	if n == 0 {
		return
	}
	if m < 1 || len(dv) < n || len(top) < n+m || len(bot) < n+m {
		panic(fmt.Sprintf("simd: HaarRespRow: len(top)=%d len(bot)=%d < len(dh)+m=%d+%d", len(top), len(bot), n, m))
	}
	haarRespRow(dh, dv[:n], top[:n+m], bot[:n+m], m, inv)
}

// Similarity2Row averages two similarity maps:
//
//	for j := range dst {
//		dst[j] = (S(a1[j], b1[j]; c) + S(a2[j], b2[j]; c)) / 2
//	}
//
// with S(a, b; c) = (2ab + c)/(a² + b² + c).
func Similarity2Row(dst, a1, b1, a2, b2 []float32, c float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	if len(a1) < n || len(b1) < n || len(a2) < n || len(b2) < n {
		panic(fmt.Sprintf("simd: Similarity2Row: rows shorter than len(dst)=%d", n))
	}
	similarity2Row(dst, a1[:n], b1[:n], a2[:n], b2[:n], c)
}

// MaxRow takes the element-wise maximum:
//
//	for j := range dst {
//		dst[j] = max(a[j], b[j])
//	}
func MaxRow(dst, a, b []float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	if len(a) < n || len(b) < n {
		panic(fmt.Sprintf("simd: MaxRow: len(a)=%d len(b)=%d < len(dst)=%d", len(a), len(b), n))
	}
	maxRow(dst, a[:n], b[:n])
}

// Box2AbsRow is the absolute 2×2 mean with stride 1 of HaarPSI's chroma
// channels:
//
//	for j := range dst {
//		dst[j] = |r0[j] + r0[j+1] + r1[j] + r1[j+1]| / 4
//	}
//
// r0 and r1 must hold len(dst)+1 samples (zero-padded by the caller).
func Box2AbsRow(dst, r0, r1 []float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	if len(r0) < n+1 || len(r1) < n+1 {
		panic(fmt.Sprintf("simd: Box2AbsRow: len(r0)=%d len(r1)=%d < len(dst)+1=%d", len(r0), len(r1), n+1))
	}
	box2AbsRow(dst, r0[:n+1], r1[:n+1])
}

// LogisticPoolRow returns HaarPSI's weighted logistic sums of one row, the
// weight of the complement of the logistic σ(t) = 1/(1+e^{−t}) and the
// total weight:
//
//	for j := range l {
//		num += float64(w[j] / (1 + exp(alpha·l[j])))  // w·σ(−αl) = w·(1 − σ(αl))
//		den += float64(w[j])
//	}
//
// Summing the complement keeps 1 − Σwσ(αl)/Σw accurate when σ is close to
// 1. The logistic is evaluated in float32 (a few ulps from the exact
// value); the sums are float64.
func LogisticPoolRow(l, w []float32, alpha float32) (num, den float64) {
	n := len(l)
	if n == 0 {
		return 0, 0
	}
	if len(w) < n {
		panic(fmt.Sprintf("simd: LogisticPoolRow: len(w)=%d < len(l)=%d", len(w), n))
	}
	return logisticPoolRow(l, w[:n], alpha)
}
