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
		x2 := sumE*sumE + sumO*sumO
		xe := math.Sqrt(x2) + eps
		// Σ_s (ev·mE + od·mO − |ev·mO − od·mE|) with mE, mO = sumE/xe,
		// sumO/xe: the first two terms sum to x2/xe, and xe > 0 divides
		// once.
		var d, a float64
		for _, z := range zs {
			ev, od := real(z), imag(z)
			d += math.Abs(ev*sumO - od*sumE)
			a += math.Sqrt(ev*ev + od*od)
		}
		en[k] = (x2 - d) / xe
		an[k] += a
		sq[k] = real(zs[0])*real(zs[0]) + imag(zs[0])*imag(zs[0])
	}
}

func addWidenF32Generic(dst []float64, src []float32) {
	src = src[:len(dst)]
	for x, v := range src {
		dst[x] += float64(v)
	}
}

func fsimPhaseCongruencyGeneric(pc, an, e0, e1, e2, e3 []float64, t *[4]float64, eps float64) {
	n := len(pc)
	an, e0, e1, e2, e3 = an[:n], e0[:n], e1[:n], e2[:n], e3[:n]
	for k := range pc {
		var e float64
		for o, en := range [4]float64{e0[k], e1[k], e2[k], e3[k]} {
			if d := en - t[o]; d > 0 {
				e += d
			}
		}
		pc[k] = (e + eps) / (an[k] + eps)
	}
}

func fsimSimPoolGeneric(pcx, pcy, gx, gy []float64, c1, c2 float64) (num, den float64) {
	n := len(pcx)
	pcy, gx, gy = pcy[:n], gx[:n], gy[:n]
	for k, a := range pcx {
		b, g, h := pcy[k], gx[k], gy[k]
		m := b
		if a > m {
			m = a
		}
		num += (2*a*b + c1) / (a*a + b*b + c1) * ((2*g*h + c2) / (g*g + h*h + c2)) * m
		den += m
	}
	return num, den
}
