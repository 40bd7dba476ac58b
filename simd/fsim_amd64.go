//go:build amd64 && !noasm && gc

package simd

// fsimEnergy runs the kernel of the level on whole vectors of pixels and
// the generic code on the tail.
func fsimEnergy(en, an, sq []float64, e0, e1, e2, e3 []complex128, eps float64) {
	var done int
	switch level {
	case AVX512:
		done = len(en) &^ 7
		if done > 0 {
			fsimEnergyAVX512(en[:done], an, sq, e0, e1, e2, e3, eps)
		}
	case AVX2:
		done = len(en) &^ 3
		if done > 0 {
			fsimEnergyAVX2(en[:done], an, sq, e0, e1, e2, e3, eps)
		}
	}
	if done < len(en) {
		fsimEnergyGeneric(en[done:], an[done:], sq[done:], e0[done:], e1[done:], e2[done:], e3[done:], eps)
	}
}

// addWidenF32 runs the kernel of the level on whole pairs of vectors and
// the generic code on the tail.
func addWidenF32(dst []float64, src []float32) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 15
		if done > 0 {
			addWidenF32AVX512(dst[:done], src)
		}
	case AVX2:
		done = len(dst) &^ 7
		if done > 0 {
			addWidenF32AVX2(dst[:done], src)
		}
	}
	if done < len(dst) {
		addWidenF32Generic(dst[done:], src[done:])
	}
}

// fsimPhaseCongruency runs the kernel of the level on whole vectors and
// the generic code on the tail.
func fsimPhaseCongruency(pc, an, e0, e1, e2, e3 []float64, t *[4]float64, eps float64) {
	var done int
	switch level {
	case AVX512:
		done = len(pc) &^ 7
		if done > 0 {
			fsimPhaseCongruencyAVX512(pc[:done], an, e0, e1, e2, e3, t, eps)
		}
	case AVX2:
		done = len(pc) &^ 3
		if done > 0 {
			fsimPhaseCongruencyAVX2(pc[:done], an, e0, e1, e2, e3, t, eps)
		}
	}
	if done < len(pc) {
		fsimPhaseCongruencyGeneric(pc[done:], an[done:], e0[done:], e1[done:], e2[done:], e3[done:], t, eps)
	}
}

// fsimSimPool runs the kernel of the level on whole pairs of vectors and
// the generic code on the tail.
func fsimSimPool(pcx, pcy, gx, gy []float64, c1, c2 float64) (num, den float64) {
	var done int
	switch level {
	case AVX512:
		done = len(pcx) &^ 15
		if done > 0 {
			num, den = fsimSimPoolAVX512(pcx[:done], pcy, gx, gy, c1, c2)
		}
	case AVX2:
		done = len(pcx) &^ 7
		if done > 0 {
			num, den = fsimSimPoolAVX2(pcx[:done], pcy, gx, gy, c1, c2)
		}
	}
	if done < len(pcx) {
		n, d := fsimSimPoolGeneric(pcx[done:], pcy[done:], gx[done:], gy[done:], c1, c2)
		num, den = num+n, den+d
	}
	return num, den
}
