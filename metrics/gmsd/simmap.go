package gmsd

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/simd"
)

// simMap computes the rows of the masked similarity map of the Prewitt
// magnitudes of two planes and sums them, without storing the map or the
// gradients: simd.GradSimMomentsRow makes the interior of a map row
// straight from the three plane rows around it; the first and last
// columns are computed here. Gradients use unit weights and the constant
// 9·T (the same map as Prewitt's 1/3 weights with T; exact gradients on
// integer samples).
type simMap struct {
	zero []float32 // the rows outside a plane
}

// newSimMap returns a simMap for planes up to w samples wide.
func newSimMap(w int) *simMap {
	return &simMap{zero: make([]float32, w)}
}

// row returns the sums of s − 1 and of (s − 1)² over row y of the map s of
// the planes r and d (one size) with masking term alpha. The vector
// kernels prefetch pa and pb, memory read next, and wa and wb, memory
// written next (see simd.GradSimMomentsRow; any may be nil).
func (m *simMap) row(r, d frame.Plane, y int, alpha float32, pa, pb, wa, wb []float32) (sum, sumSq float64) {
	w, h := r.W, r.H
	const t9 = 9 * T
	if w < 3 {
		for x := range w {
			s := float64(similarity(unitGradSq(r, y, x), unitGradSq(d, y, x), t9, alpha)) - 1
			sum, sumSq = sum+s, sumSq+s*s
		}
		return sum, sumSq
	}
	get := func(p frame.Plane, y int) []float32 {
		if y < 0 || y >= h {
			return m.zero[:w]
		}
		return p.Row(y)
	}
	ru, rm, rd := get(r, y-1), r.Row(y), get(r, y+1)
	du, dm, dd := get(d, y-1), d.Row(y), get(d, y+1)
	sum, sumSq = simd.GradSimMomentsRow(ru, rm, rd, du, dm, dd, pa, pb, wa, wb, t9, alpha)
	r0, rw := edgeGradSq(ru, rm, rd, w)
	d0, dw := edgeGradSq(du, dm, dd, w)
	for _, s := range [2]float32{similarity(r0, d0, t9, alpha), similarity(rw, dw, t9, alpha)} {
		v := float64(s) - 1
		sum, sumSq = sum+v, sumSq+v*v
	}
	return sum, sumSq
}

// edgeGradSq returns unitGradSq at the first and the last column of a row
// (w ≥ 3 samples) from the rows above (u), at (m) and below (d) it: the
// same values with the zero columns outside left out.
func edgeGradSq(u, m, d []float32, w int) (first, last float32) {
	gx := (u[1] + m[1]) + d[1]
	gy := (d[0] - u[0]) + (d[1] - u[1])
	first = float32(gx*gx) + float32(gy*gy)
	gx = ((0 - u[w-2]) - m[w-2]) - d[w-2]
	gy = (d[w-2] - u[w-2]) + (d[w-1] - u[w-1])
	last = float32(gx*gx) + float32(gy*gy)
	return first, last
}

// unitGradSq returns the squared magnitude of the unit-weight 3×3
// gradient of p at (x, y), with zeros outside p, summed in the order of
// simd.GradSimMomentsRow.
func unitGradSq(p frame.Plane, y, x int) float32 {
	s := func(y, x int) float32 {
		if y < 0 || y >= p.H || x < 0 || x >= p.W {
			return 0
		}
		return p.Data[y*p.Stride+x]
	}
	gx := ((s(y-1, x+1) - s(y-1, x-1)) + (s(y, x+1) - s(y, x-1))) + (s(y+1, x+1) - s(y+1, x-1))
	gy := ((s(y+1, x-1) - s(y-1, x-1)) + (s(y+1, x) - s(y-1, x))) + (s(y+1, x+1) - s(y-1, x+1))
	return float32(gx*gx) + float32(gy*gy)
}

// similarity is the masked similarity of the squared magnitudes ar and ad,
// rounded as simd.GradSimMomentsRow rounds it.
func similarity(ar, ad, t, alpha float32) float32 {
	ab := float32(math.Sqrt(float64(ar * ad)))
	return (float32((2-alpha)*ab) + t) / (float32(ar+ad) - float32(alpha*ab) + t)
}

// moments accumulates the count, mean and sum of squared deviations of a
// map row by row: each row's mean and squared deviations come from its
// float64 sum and sum of squares (of the samples shifted by a constant
// near them, so the difference loses nothing to cancellation), and are
// merged with the running totals by the pairwise update of Chan, Golub
// and LeVeque, so the variance is as accurate as a two-pass computation
// over the whole map without storing it.
type moments struct {
	n, mean, m2 float64
}

// add merges a row of n samples with sum s and sum of squares q (of the
// samples shifted by the same constant for every row: the deviation
// does not depend on it).
func (m *moments) add(n int, s, q float64) {
	if n == 0 {
		return
	}
	nb := float64(n)
	mb := s / nb
	m2b := q - s*mb
	tot := m.n + nb
	delta := mb - m.mean
	m.mean += delta * nb / tot
	m.m2 += m2b + delta*delta*m.n*nb/tot
	m.n = tot
}

// std returns the population standard deviation.
func (m *moments) std() float64 {
	if m.n == 0 || m.m2 <= 0 {
		return 0
	}
	return math.Sqrt(m.m2 / m.n)
}

// deviation returns the standard deviation of the similarity map with
// masking term alpha of the Prewitt magnitudes of r and d.
func (m *simMap) deviation(r, d frame.Plane, alpha float32) float64 {
	var mo moments
	for y := range r.H {
		s, q := m.row(r, d, y, alpha, nil, nil, nil, nil)
		mo.add(r.W, s, q)
	}
	return mo.std()
}
