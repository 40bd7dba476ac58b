package vsi

import "math"

// powTable evaluates x^e for x in [lo, 1] by cubic Hermite interpolation
// of x^e and its derivative on n equal intervals, and by exp(e·ln x)
// elsewhere. With the sizes used here its relative error is below 1e-13
// (TestPowTable), far below what the metric's 1e-5 conformance needs, at
// a fraction of the cost of a logarithm and an exponential.
type powTable struct {
	e, lo, inv, h float64
	n             int
	c             [][4]float64 // Hermite polynomial of interval i in Horner form; c[n] is the constant 1
}

func newPowTable(e, lo float64, n int) *powTable {
	t := &powTable{e: e, lo: lo, n: n, h: (1 - lo) / float64(n), c: make([][4]float64, n+1)}
	t.inv = 1 / t.h
	// x_i^e and h·e·x_i^(e−1) at x_i = lo + i·h.
	v, d := make([]float64, n+1), make([]float64, n+1)
	for i := range n + 1 {
		x := lo + float64(i)*t.h
		v[i] = math.Pow(x, e)
		d[i] = t.h * e * math.Pow(x, e-1)
	}
	for i := range n {
		p0, p1, m0, m1 := v[i], v[i+1], d[i], d[i+1]
		t.c[i] = [4]float64{p0, m0, 3*(p1-p0) - 2*m0 - m1, 2*(p0-p1) + m0 + m1}
	}
	t.c[n] = [4]float64{1, 0, 0, 0} // x = 1 (or s rounding up to n)
	return t
}

// at returns x^e for x ≥ 0; x outside [lo, 1] takes the slow path.
func (t *powTable) at(x float64) float64 {
	if !(x >= t.lo && x <= 1) {
		return t.outside(x)
	}
	s := (x - t.lo) * t.inv
	i := int(s)
	f := s - float64(i)
	c := t.c[i]
	return c[0] + f*(c[1]+f*(c[2]+f*c[3]))
}

// powers replaces every x[i] ≥ 0 by at(x[i]). The interpolation is
// written out again because at is too large to be inlined, and a call
// per sample costs as much as the interpolation.
func (t *powTable) powers(x []float64) {
	lo, inv, c := t.lo, t.inv, t.c
	for i, v := range x {
		if !(v >= lo && v <= 1) {
			x[i] = t.outside(v)
			continue
		}
		s := (v - lo) * inv
		k := int(s)
		f := s - float64(k)
		p := c[k]
		x[i] = p[0] + f*(p[1]+f*(p[2]+f*p[3]))
	}
}

// outside returns x^e for x ≥ 0 outside the tabulated range.
func (t *powTable) outside(x float64) float64 {
	if x == 0 {
		return 0
	}
	return math.Exp(t.e * math.Log(x))
}

// The powers VSI takes: u^2.4 in the sRGB linearisation and u^0.8, its
// cube root, for gray pictures (u > (0.04045 + 0.055)/1.055 ≈ 0.0905),
// S_G^α and |S_C|^β in the similarity.
var (
	linTable   = newPowTable(2.4, 0.09, 4096)
	rootTable  = newPowTable(0.8, 0.09, 4096)
	alphaTable = newPowTable(alpha, 0.25, 2048)
	betaTable  = newPowTable(beta, 0.25, 1024)
)
