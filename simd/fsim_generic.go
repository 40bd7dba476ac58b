package simd

import "math"

func fsimEnergyGeneric(en, an, sq []float64, e0, e1, e2, e3 []complex128, eps float64) {
	n := len(en)
	an, sq = an[:n], sq[:n]
	e0, e1, e2, e3 = e0[:n], e1[:n], e2[:n], e3[:n]
	for k := range n {
		zs := [4]complex128{e0[k], e1[k], e2[k], e3[k]}
		var sumE, sumO float64
		for _, z := range zs {
			sumE += real(z)
			sumO += imag(z)
		}
		xe := math.Sqrt(sumE*sumE+sumO*sumO) + eps
		mE, mO := sumE/xe, sumO/xe
		var e, a float64
		for _, z := range zs {
			ev, od := real(z), imag(z)
			e += ev*mE + od*mO - math.Abs(ev*mO-od*mE)
			a += math.Sqrt(ev*ev + od*od)
		}
		en[k] = e
		an[k] += a
		sq[k] = real(zs[0])*real(zs[0]) + imag(zs[0])*imag(zs[0])
	}
}
