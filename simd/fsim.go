package simd

import "fmt"

// FSIMEnergy computes, for every pixel k, the phase congruency terms of one
// orientation from its four scale responses e0…e3 (complex: even + i·odd):
//
//	sumE, sumO := Σ_s real(e_s[k]), Σ_s imag(e_s[k])
//	xe := sqrt(sumE² + sumO²) + eps
//	mE, mO := sumE/xe, sumO/xe
//	en[k] = Σ_s (real·mE + imag·mO − |real·mO − imag·mE|)
//	an[k] += Σ_s sqrt(real² + imag²)
//	sq[k] = real(e0[k])² + imag(e0[k])²
//
// All slices must have the length of en.
func FSIMEnergy(en, an, sq []float64, e0, e1, e2, e3 []complex128, eps float64) {
	n := len(en)
	if len(an) != n || len(sq) != n || len(e0) != n || len(e1) != n || len(e2) != n || len(e3) != n {
		panic(fmt.Sprintf("simd: FSIMEnergy: lengths %d %d %d %d %d %d %d differ", n, len(an), len(sq), len(e0), len(e1), len(e2), len(e3)))
	}
	fsimEnergy(en, an, sq, e0, e1, e2, e3, eps)
}
