package f64

import "math"

// Scharr writes the Scharr gradient magnitude of src (w×h, row-major) into
// dst: sqrt(gx² + gy²) with the kernels [[-3,0,3],[-10,0,10],[-3,0,3]]/16
// and its transpose applied by cross-correlation, with zeros outside the
// array ("same" size, zero padding).
func Scharr(dst, src []float64, w, h int) {
	at := func(r, c int) float64 {
		if r < 0 || r >= h || c < 0 || c >= w {
			return 0
		}
		return src[r*w+c]
	}
	edge := func(r, c int) {
		gx := (3*(at(r-1, c+1)-at(r-1, c-1)) + 10*(at(r, c+1)-at(r, c-1)) + 3*(at(r+1, c+1)-at(r+1, c-1))) / 16
		gy := (3*(at(r+1, c-1)-at(r-1, c-1)) + 10*(at(r+1, c)-at(r-1, c)) + 3*(at(r+1, c+1)-at(r-1, c+1))) / 16
		dst[r*w+c] = math.Sqrt(gx*gx + gy*gy)
	}
	for r := range h {
		if r == 0 || r == h-1 || w < 3 {
			for c := range w {
				edge(r, c)
			}
			continue
		}
		edge(r, 0)
		u, m, d := src[(r-1)*w:r*w], src[r*w:(r+1)*w], src[(r+1)*w:(r+2)*w]
		out := dst[r*w : (r+1)*w]
		for c := 1; c < w-1; c++ {
			gx := (3*(u[c+1]-u[c-1]) + 10*(m[c+1]-m[c-1]) + 3*(d[c+1]-d[c-1])) / 16
			gy := (3*(d[c-1]-u[c-1]) + 10*(d[c]-u[c]) + 3*(d[c+1]-u[c+1])) / 16
			out[c] = math.Sqrt(gx*gx + gy*gy)
		}
		edge(r, w-1)
	}
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
