//go:build !amd64 || noasm || !gc

package simd

func fsimEnergy(en, an, sq []float64, e0, e1, e2, e3 []complex128, eps float64) {
	fsimEnergyGeneric(en, an, sq, e0, e1, e2, e3, eps)
}
