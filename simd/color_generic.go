package simd

import "math"

// mat3RowGeneric is the reference for Mat3Row.
func mat3RowGeneric(d0, d1, d2, s0, s1, s2 []float32, m *[9]float32) {
	n := len(d0)
	d1, d2, s0, s1, s2 = d1[:n], d2[:n], s0[:n], s1[:n], s2[:n]
	for j := range n {
		a, b, c := s0[j], s1[j], s2[j]
		d0[j] = m[0]*a + m[1]*b + m[2]*c
		d1[j] = m[3]*a + m[4]*b + m[5]*c
		d2[j] = m[6]*a + m[7]*b + m[8]*c
	}
}

// mat1RowGeneric is the reference for Mat1Row.
func mat1RowGeneric(d, s0, s1, s2 []float32, c0, c1, c2 float32) {
	n := len(d)
	s0, s1, s2 = s0[:n], s1[:n], s2[:n]
	for j := range n {
		d[j] = c0*s0[j] + c1*s1[j] + c2*s2[j]
	}
}

// colorScaleRowGeneric is the reference for ColorScaleRow.
func colorScaleRowGeneric(dst, src []float32, k float32) {
	src = src[:len(dst)]
	for j := range dst {
		dst[j] = k * src[j]
	}
}

// yuvToRGBRowGeneric is the reference for YUVToRGBRow.
func yuvToRGBRowGeneric(r, g, b, y, u, v []float32, k *YUVToRGB, shiftX int) {
	n := len(y)
	r, g, b = r[:n], g[:n], b[:n]
	for j := range n {
		l := (clip64(float64(y[j]), k.Peak) - k.YOff) * k.KY
		cb := clip64(float64(u[j>>shiftX]), k.Peak) - k.COff
		cr := clip64(float64(v[j>>shiftX]), k.Peak) - k.COff
		r[j] = roundHalfAway(l+k.CrR*cr, k.Peak)
		g[j] = roundHalfAway((l+k.CbG*cb)+k.CrG*cr, k.Peak)
		b[j] = roundHalfAway(l+k.CbB*cb, k.Peak)
	}
}

// clip64 limits v to [0, peak].
func clip64(v, peak float64) float64 { return min(max(v, 0), peak) }

// roundHalfAway rounds v to the nearest integer, halves away from zero
// (math.Round), as trunc(v) + trunc(2·(v − trunc(v))), and clips it to
// [0, peak].
func roundHalfAway(v, peak float64) float32 {
	t := math.Trunc(v)
	return float32(clip64(t+math.Trunc(2*(v-t)), peak))
}
