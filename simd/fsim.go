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
// en[k] is computed as (sumE² + sumO² − Σ_s |real·sumO − imag·sumE|)/xe,
// since Σ_s (real·mE + imag·mO) = (sumE² + sumO²)/xe. At the AVX-512
// level the square roots come from a reciprocal square root estimate
// refined on the FMA units: within about one ulp of math.Sqrt, and 1e-150
// instead of the root of an argument below 1e-300 (zero included), which
// eps absorbs. The inputs must be finite. All slices must have the length
// of en.
func FSIMEnergy(en, an, sq []float64, e0, e1, e2, e3 []complex128, eps float64) {
	n := len(en)
	if len(an) != n || len(sq) != n || len(e0) != n || len(e1) != n || len(e2) != n || len(e3) != n {
		panic(fmt.Sprintf("simd: FSIMEnergy: lengths %d %d %d %d %d %d %d differ", n, len(an), len(sq), len(e0), len(e1), len(e2), len(e3)))
	}
	fsimEnergy(en, an, sq, e0, e1, e2, e3, eps)
}

// AddWidenF32 adds the float32 row src to the float64 row dst:
//
//	dst[x] += float64(src[x])
//
// (exact widening, one rounding per addition). src must have the length
// of dst. FSIM, SR-SIM and VSI sum the rows of their pooling blocks with
// it, after ScaleF32ToF64 with k = 1 widens the first row.
func AddWidenF32(dst []float64, src []float32) {
	if len(src) != len(dst) {
		panic(fmt.Sprintf("simd: AddWidenF32: lengths %d %d differ", len(dst), len(src)))
	}
	addWidenF32(dst, src)
}

// FSIMPhaseCongruency computes the phase congruency map from the
// energies e0…e3 of the four orientations, their noise thresholds t and
// the sum of amplitudes an:
//
//	var e float64
//	for o, en := range [4][]float64{e0, e1, e2, e3} {
//		if d := en[k] − t[o]; d > 0 {
//			e += d
//		}
//	}
//	pc[k] = (e + eps) / (an[k] + eps)
//
// (a NaN d adds nothing). All slices must have the length of pc.
func FSIMPhaseCongruency(pc, an, e0, e1, e2, e3 []float64, t *[4]float64, eps float64) {
	n := len(pc)
	if len(an) != n || len(e0) != n || len(e1) != n || len(e2) != n || len(e3) != n {
		panic(fmt.Sprintf("simd: FSIMPhaseCongruency: lengths %d %d %d %d %d %d differ", n, len(an), len(e0), len(e1), len(e2), len(e3)))
	}
	fsimPhaseCongruency(pc, an, e0, e1, e2, e3, t, eps)
}

// FSIMSimPool pools FSIM's similarity map of a gray picture pair from the
// phase congruency maps pcx, pcy and the gradient magnitudes gx, gy:
//
//	for k := range pcx {
//		m := pcy[k]
//		if pcx[k] > m {
//			m = pcx[k]
//		}
//		num += S(pcx[k], pcy[k]; c1)·S(gx[k], gy[k]; c2)·m
//		den += m
//	}
//
// with S(a, b; c) = (2ab + c)/(a² + b² + c). The vector kernels divide
// once per pixel, (2ab + c1)(2gh + c2)·m / ((a² + b² + c1)(g² + h² + c2)),
// and sum in vector lanes, so the rounding depends on the level. All
// slices must have the length of pcx.
func FSIMSimPool(pcx, pcy, gx, gy []float64, c1, c2 float64) (num, den float64) {
	n := len(pcx)
	if len(pcy) != n || len(gx) != n || len(gy) != n {
		panic(fmt.Sprintf("simd: FSIMSimPool: lengths %d %d %d %d differ", n, len(pcy), len(gx), len(gy)))
	}
	return fsimSimPool(pcx, pcy, gx, gy, c1, c2)
}
