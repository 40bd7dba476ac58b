//go:build amd64 && !noasm && gc

package simd

// fsimEnergy runs the AVX2 kernel (also at the AVX-512 level: the kernel
// is bound by square roots and divisions, not by the vector width) on
// whole groups of 4 pixels and the generic code on the tail.
func fsimEnergy(en, an, sq []float64, e0, e1, e2, e3 []complex128, eps float64) {
	var done int
	if level >= AVX2 {
		done = len(en) &^ 3
		if done > 0 {
			fsimEnergyAVX2(en[:done], an, sq, e0, e1, e2, e3, eps)
		}
	}
	if done < len(en) {
		fsimEnergyGeneric(en[done:], an[done:], sq[done:], e0[done:], e1[done:], e2[done:], e3[done:], eps)
	}
}
