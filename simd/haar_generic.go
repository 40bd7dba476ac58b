package simd

import "math"

// haarBoxRowGeneric is the reference for HaarBoxRow.
func haarBoxRowGeneric(dst, up, down []float32, m int) {
	n := len(dst)
	up, down = up[:n+m], down[:n+m]
	for j := range n {
		dst[j] = (up[j] + up[j+m]) + (down[j] + down[j+m])
	}
}

// haarRespRowGeneric is the reference for HaarRespRow.
func haarRespRowGeneric(dh, dv, top, bot []float32, m int, inv float32) {
	n := len(dh)
	dv, top, bot = dv[:n], top[:n+m], bot[:n+m]
	for j := range n {
		a, b, c, d := top[j], top[j+m], bot[j], bot[j+m]
		dh[j] = abs32((a+b)-(c+d)) * inv
		dv[j] = abs32((a+c)-(b+d)) * inv
	}
}

func abs32(v float32) float32 { return math.Float32frombits(math.Float32bits(v) &^ (1 << 31)) }

// similarity2RowGeneric is the reference for Similarity2Row.
func similarity2RowGeneric(dst, a1, b1, a2, b2 []float32, c float32) {
	n := len(dst)
	a1, b1, a2, b2 = a1[:n], b1[:n], a2[:n], b2[:n]
	for j := range n {
		s1 := (2*a1[j]*b1[j] + c) / (a1[j]*a1[j] + b1[j]*b1[j] + c)
		s2 := (2*a2[j]*b2[j] + c) / (a2[j]*a2[j] + b2[j]*b2[j] + c)
		dst[j] = (s1 + s2) * 0.5
	}
}

// maxRowGeneric is the reference for MaxRow.
func maxRowGeneric(dst, a, b []float32) {
	n := len(dst)
	a, b = a[:n], b[:n]
	for j := range n {
		dst[j] = max(a[j], b[j])
	}
}

// box2AbsRowGeneric is the reference for Box2AbsRow.
func box2AbsRowGeneric(dst, r0, r1 []float32) {
	n := len(dst)
	r0, r1 = r0[:n+1], r1[:n+1]
	for j := range n {
		dst[j] = abs32((r0[j]+r0[j+1])+(r1[j]+r1[j+1])) * 0.25
	}
}

// logisticPoolRowGeneric is the reference for LogisticPoolRow.
func logisticPoolRowGeneric(l, w []float32, alpha float32) (num, den float64) {
	w = w[:len(l)]
	for j, v := range l {
		s := float32(1 / (1 + math.Exp(float64(alpha*v))))
		num += float64(w[j] * s)
		den += float64(w[j])
	}
	return num, den
}
