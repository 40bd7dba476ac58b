package simd

import "fmt"

// This file holds the exported kernels of the colour family: per-pixel
// 3×3 colour matrices (RGB to YIQ, LHM, …) and the scaling of code values
// to the byte scale metrics work in. Each checks its slice lengths and
// hands the work to the level chosen at start-up.

// Mat3Row applies the 3×3 matrix m (row-major) to every pixel:
//
//	for j := range d0 {
//		a, b, c := s0[j], s1[j], s2[j]
//		d0[j] = m[0]*a + m[1]*b + m[2]*c
//		d1[j] = m[3]*a + m[4]*b + m[5]*c
//		d2[j] = m[6]*a + m[7]*b + m[8]*c
//	}
//
// The destinations may be the sources (in-place conversion). All six rows
// must hold len(d0) samples.
func Mat3Row(d0, d1, d2, s0, s1, s2 []float32, m *[9]float32) {
	n := len(d0)
	if n == 0 {
		return
	}
	if len(d1) < n || len(d2) < n || len(s0) < n || len(s1) < n || len(s2) < n {
		panic(fmt.Sprintf("simd: Mat3Row: rows shorter than len(d0)=%d", n))
	}
	mat3Row(d0, d1[:n], d2[:n], s0[:n], s1[:n], s2[:n], m)
}

// Mat1Row computes one weighted sum of three rows:
//
//	for j := range d {
//		d[j] = c0*s0[j] + c1*s1[j] + c2*s2[j]
//	}
func Mat1Row(d, s0, s1, s2 []float32, c0, c1, c2 float32) {
	n := len(d)
	if n == 0 {
		return
	}
	if len(s0) < n || len(s1) < n || len(s2) < n {
		panic(fmt.Sprintf("simd: Mat1Row: rows shorter than len(d)=%d", n))
	}
	mat1Row(d, s0[:n], s1[:n], s2[:n], c0, c1, c2)
}

// ColorScaleRow multiplies a row by a constant, as when code values of
// another bit depth are brought to the byte scale (k = 255/Peak):
//
//	for j := range dst {
//		dst[j] = k * src[j]
//	}
//
// dst may be src.
func ColorScaleRow(dst, src []float32, k float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	if len(src) < n {
		panic(fmt.Sprintf("simd: ColorScaleRow: len(src)=%d < len(dst)=%d", len(src), n))
	}
	colorScaleRow(dst, src[:n], k)
}

// YUVToRGB holds the float64 constants of one Y'CbCr → R'G'B' conversion
// for YUVToRGBRow: the sample range [0, Peak], the offsets of luma and
// chroma, the luma gain and the four chroma gains, all on the output scale
// [0, Peak].
type YUVToRGB struct {
	Peak, YOff, KY, COff, CrR, CbG, CrG, CbB float64
}

// YUVToRGBRow converts one row of Y'CbCr samples to rounded R'G'B' code
// values; chroma is read at column j>>shiftX (shiftX 0 or 1), i.e.
// repeated over the pixels it covers:
//
//	for j := range y {
//		l := (clip(y[j]) − k.YOff) · k.KY
//		cb, cr := clip(u[j>>shiftX]) − k.COff, clip(v[j>>shiftX]) − k.COff
//		r[j] = round(l + k.CrR·cr)
//		g[j] = round((l + k.CbG·cb) + k.CrG·cr)
//		b[j] = round(l + k.CbB·cb)
//	}
//
// in float64, where clip limits a sample to [0, Peak] and round rounds
// halves away from zero and clips to [0, Peak]. u and v hold
// ⌈len(y)/2^shiftX⌉ samples; r, g and b hold len(y).
func YUVToRGBRow(r, g, b, y, u, v []float32, k *YUVToRGB, shiftX int) {
	n := len(y)
	if n == 0 {
		return
	}
	cn := (n + shiftX) >> shiftX
	if shiftX < 0 || shiftX > 1 || len(r) < n || len(g) < n || len(b) < n || len(u) < cn || len(v) < cn {
		panic(fmt.Sprintf("simd: YUVToRGBRow: bad lengths (y=%d u=%d v=%d shift %d)", n, len(u), len(v), shiftX))
	}
	if shiftX == 0 {
		yuvToRGBRowGeneric(r[:n], g[:n], b[:n], y, u[:n], v[:n], k, 0)
		return
	}
	yuvToRGBRow420(r[:n], g[:n], b[:n], y, u[:cn], v[:cn], k)
}
