package f64

import (
	"math"

	"github.com/fr-metrics/fr-metrics/simd"
)

// Scharr writes the Scharr gradient magnitude of src (w×h, row-major) into
// dst: sqrt(gx² + gy²) with the kernels [[-3,0,3],[-10,0,10],[-3,0,3]]/16
// and its transpose applied by cross-correlation, with zeros outside the
// array ("same" size, zero padding). It computes each row with ScharrRow.
func Scharr(dst, src []float64, w, h int) {
	for r := range h {
		var u, d []float64 // nil outside the array
		if r > 0 {
			u = src[(r-1)*w : r*w]
		}
		if r < h-1 {
			d = src[(r+1)*w : (r+2)*w]
		}
		ScharrRow(dst[r*w:(r+1)*w], u, src[r*w:(r+1)*w], d)
	}
}

// ScharrRow writes one row of the Scharr gradient magnitude into dst, as
// Scharr does, from the rows above (u), at (m) and below (d) it. m must
// hold len(dst) samples; u and d as many, or they are nil for a row
// outside the array (read as zeros, like a row of zeros). With both u and
// d given, the columns with both neighbours inside run as
// simd.ScharrRowF64; the others are math.Sqrt(ScharrSq(…)), which rounds
// alike, so every column has the bits of ScharrSq's formula.
func ScharrRow(dst, u, m, d []float64) {
	w := len(dst)
	m = m[:w]
	if u != nil {
		u = u[:w]
	}
	if d != nil {
		d = d[:w]
	}
	if w < 3 || u == nil || d == nil {
		for c := range dst {
			dst[c] = math.Sqrt(ScharrSq(u, m, d, c))
		}
		return
	}
	simd.ScharrRowF64(dst[1:w-1], u, m, d)
	dst[0] = math.Sqrt(ScharrSq(u, m, d, 0))
	dst[w-1] = math.Sqrt(ScharrSq(u, m, d, w-1))
}

// ScharrSq returns gx² + gy² of the Scharr gradient at column c of the
// row m, between the rows u above and d below it, with zeros outside the
// len(m) columns and in a nil u or d: the square of ScharrRow's
// magnitude.
func ScharrSq(u, m, d []float64, c int) float64 {
	at := func(row []float64, c int) float64 {
		if c < 0 || c >= len(m) || c >= len(row) {
			return 0
		}
		return row[c]
	}
	gx := (3*(at(u, c+1)-at(u, c-1)) + 10*(at(m, c+1)-at(m, c-1)) + 3*(at(d, c+1)-at(d, c-1))) / 16
	gy := (3*(at(d, c-1)-at(u, c-1)) + 10*(at(d, c)-at(u, c)) + 3*(at(d, c+1)-at(u, c+1))) / 16
	return gx*gx + gy*gy
}

// Sim is the similarity map S(a, b; c) = (2ab + c)/(a² + b² + c): 1 when
// a = b, smaller the more they differ relative to c.
func Sim(a, b, c float64) float64 {
	return (2*a*b + c) / (a*a + b*b + c)
}

// YIQ is the RGB → YIQ matrix of PIQ's rgb2yiq (rows Y, I, Q over R, G, B).
var YIQ = [3][3]float64{
	{0.299, 0.587, 0.114},
	{0.5959, -0.2746, -0.3213},
	{0.2115, -0.5227, 0.3112},
}

// LumaRow writes the BT.601 luma (the Y row of YIQ) of the RGB rows r, g,
// b scaled by k into dst:
//
//	dst[i] = (0.299·(r[i]·k) + 0.587·(g[i]·k)) + 0.114·(b[i]·k)
//
// evaluated in that order, every product rounded to float64 before it is
// added. r, g and b must hold at least len(dst) samples.
func LumaRow(dst []float64, r, g, b []float32, k float64) {
	r, g, b = r[:len(dst)], g[:len(dst)], b[:len(dst)]
	for i := range dst {
		// The conversions round each product, so that it is never fused
		// into the sum.
		yr := float64(0.299 * float64(float64(r[i])*k))
		yg := float64(0.587 * float64(float64(g[i])*k))
		yb := float64(0.114 * float64(float64(b[i])*k))
		dst[i] = (yr + yg) + yb
	}
}

// LMN is the RGB → LMN matrix of PIQ's rgb2lmn (rows L, M, N over R, G, B).
var LMN = [3][3]float64{
	{0.06, 0.63, 0.27},
	{0.30, 0.04, -0.35},
	{0.34, -0.6, 0.17},
}

// Convert applies the colour matrix m to the planes a, b, c in place:
// on entry they hold R, G, B, on return the three rows of m applied to
// them (Y, I, Q for YIQ). The planes must have the same length.
func Convert(m *[3][3]float64, a, b, c []float64) {
	b, c = b[:len(a)], c[:len(a)]
	for k := range a {
		R, G, B := a[k], b[k], c[k]
		a[k] = m[0][0]*R + m[0][1]*G + m[0][2]*B
		b[k] = m[1][0]*R + m[1][1]*G + m[1][2]*B
		c[k] = m[2][0]*R + m[2][1]*G + m[2][2]*B
	}
}

// MinMax returns the smallest and the largest value of a (±Inf for an
// empty a; NaNs are skipped).
func MinMax(a []float64) (mn, mx float64) {
	mn, mx = math.Inf(1), math.Inf(-1)
	for _, v := range a {
		if v < mn {
			mn = v
		}
		if v > mx {
			mx = v
		}
	}
	return mn, mx
}

// Select reorders a so that a[k] is the element of rank k (0-based,
// 0 ≤ k < len(a)), every value before it is ≤ a[k] and every value after
// it ≥ a[k], and returns a[k]. It is quickselect with a median-of-three
// pivot and Hoare partitioning; a must hold no NaN.
func Select(a []float64, k int) float64 {
	lo, hi := 0, len(a)-1
	for lo < hi {
		// Median of three into a[mid].
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		p := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		// Now a[lo..j] ≤ p ≤ a[i..hi], and a[j+1..i-1] == p.
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return a[k]
		}
	}
	return a[k]
}
