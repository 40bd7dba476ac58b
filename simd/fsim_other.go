//go:build !amd64 || noasm || !gc

package simd

func fsimEnergy(en, an, sq []float64, e0, e1, e2, e3 []complex128, eps float64) {
	fsimEnergyGeneric(en, an, sq, e0, e1, e2, e3, eps)
}

func addWidenF32(dst []float64, src []float32) {
	addWidenF32Generic(dst, src)
}

func fsimPhaseCongruency(pc, an, e0, e1, e2, e3 []float64, t *[4]float64, eps float64) {
	fsimPhaseCongruencyGeneric(pc, an, e0, e1, e2, e3, t, eps)
}

func fsimSimPool(pcx, pcy, gx, gy []float64, c1, c2 float64) (num, den float64) {
	return fsimSimPoolGeneric(pcx, pcy, gx, gy, c1, c2)
}
