package vsi

import (
	"math"

	"github.com/fr-metrics/fr-metrics/simd"
)

// powTable evaluates x^e for x > 0 from the binary representation
// x = 2^k·m, m in [1, 2): x^e = 2^(e·k)·m^e, with 2^(e·k) read from a
// table over k and m^e interpolated by cubic Hermite polynomials of m^e
// and its derivative on n equal intervals of [1, 2). The interval and the
// position in it are the leading and the remaining bits of the mantissa,
// so no branch depends on x and the tables are small enough to stay in
// the L1 cache. With the sizes used here the relative error is below
// 1e-13 (TestPowTable), far below what the metric's 1e-5 conformance
// needs, at a fraction of the cost of a logarithm and an exponential.
// Zero, subnormal, infinite and NaN arguments take math.Pow.
type powTable struct {
	e     float64
	shift uint      // 52 − log2(n): the mantissa bits below the interval index
	mask  uint64    // 2^shift − 1
	scale float64   // 2^−shift: the position in the interval from its bits
	c     []float64 // Hermite polynomial of interval i in Horner form at c[4i:4i+4]
	p2    []float64 // 2^(e·k) at index k + 1022, k = −1022 … 1023
}

// newPowTable returns the table of x^e with n intervals (a power of two).
func newPowTable(e float64, n int) *powTable {
	bits := uint(0)
	for 1<<bits < n {
		bits++
	}
	t := &powTable{e: e, shift: 52 - bits, c: make([]float64, 0, 4*n), p2: make([]float64, 2046)}
	t.mask = 1<<t.shift - 1
	t.scale = math.Ldexp(1, -int(t.shift))
	h := 1 / float64(n)
	// m_i^e and h·e·m_i^(e−1) at m_i = 1 + i·h.
	v, d := make([]float64, n+1), make([]float64, n+1)
	for i := range n + 1 {
		m := 1 + float64(i)*h
		v[i] = math.Pow(m, e)
		d[i] = h * e * math.Pow(m, e-1)
	}
	for i := range n {
		p0, p1, m0, m1 := v[i], v[i+1], d[i], d[i+1]
		t.c = append(t.c, p0, m0, 3*(p1-p0)-2*m0-m1, 2*(p0-p1)+m0+m1)
	}
	for k := range t.p2 {
		t.p2[k] = math.Pow(2, e*float64(k-1022))
	}
	return t
}

// at returns x^e for x ≥ 0.
func (t *powTable) at(x float64) float64 {
	b := math.Float64bits(x)
	// Positive normal numbers: biased exponent 1 … 2046.
	if b-1<<52 >= 2046<<52 {
		return math.Pow(x, t.e)
	}
	f := float64(b&t.mask) * t.scale
	c := t.c[4*(b>>t.shift&uint64(len(t.c)/4-1)):]
	return t.p2[b>>52-1] * (c[0] + f*(c[1]+f*(c[2]+f*c[3])))
}

// powers replaces every x[i] ≥ 0 by at(x[i]), with simd.PowTableRow up
// to each argument it does not take (zero, subnormal).
func (t *powTable) powers(x []float64) {
	for i := 0; i < len(x); i++ {
		i += simd.PowTableRow(x[i:], t.c, t.p2, t.shift)
		if i < len(x) {
			x[i] = t.at(x[i])
		}
	}
}

// The powers VSI takes: u^2.4 in the sRGB linearisation and u^0.8, its
// cube root, for gray pictures, S_G^α and |S_C|^β in the similarity.
var (
	linTable   = newPowTable(2.4, 512)
	rootTable  = newPowTable(0.8, 512)
	alphaTable = newPowTable(alpha, 512)
	betaTable  = newPowTable(beta, 256)
)
