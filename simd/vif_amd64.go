//go:build amd64 && !noasm && gc

package simd

// The assembly kernels process whole vectors of float64 (4 lanes for
// AVX2, 8 for AVX-512); these wrappers pick the level's kernel for the
// vector-aligned prefix and finish the tail with the generic code.

func momentsVF64(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	var done int
	switch level {
	case AVX512:
		done = len(mx) &^ 7
		momentsVF64AVX512(mx[:done], my, mxx, myy, mxy, x, y, stride, taps)
	case AVX2:
		done = len(mx) &^ 3
		momentsVF64AVX2(mx[:done], my, mxx, myy, mxy, x, y, stride, taps)
	}
	if done < len(mx) {
		momentsVF64Generic(mx[done:], my[done:], mxx[done:], myy[done:], mxy[done:], x[done:], y[done:], stride, taps)
	}
}

func convRowValidF64(dst, src, taps []float64) {
	var done int
	switch level {
	case AVX512:
		done = convRowValidF64K(dst, src, taps)
		if rest := (len(dst) - done) &^ 7; rest > 0 {
			convRowValidF64AVX512(dst[done:done+rest], src[done:], taps)
			done += rest
		}
	case AVX2:
		done = len(dst) &^ 3
		convRowValidF64AVX2(dst[:done], src, taps)
	}
	if done < len(dst) {
		convRowValidF64Generic(dst[done:], src[done:], taps)
	}
}

func vifFactors(fn, fd, mx, my, exx, eyy, exy []float64, eps, sn2 float64) {
	var done int
	switch level {
	case AVX512:
		done = len(fn) &^ 7
		vifFactorsAVX512(fn[:done], fd, mx, my, exx, eyy, exy, eps, sn2)
	case AVX2:
		done = len(fn) &^ 3
		vifFactorsAVX2(fn[:done], fd, mx, my, exx, eyy, exy, eps, sn2)
	}
	if done < len(fn) {
		vifFactorsGeneric(fn[done:], fd[done:], mx[done:], my[done:], exx[done:], eyy[done:], exy[done:], eps, sn2)
	}
}

func scaleF32ToF64(dst []float64, src []float32, k float64) {
	var done int
	switch level {
	case AVX512:
		done = len(dst) &^ 7
		scaleF32ToF64AVX512(dst[:done], src, k)
	case AVX2:
		done = len(dst) &^ 3
		scaleF32ToF64AVX2(dst[:done], src, k)
	}
	if done < len(dst) {
		scaleF32ToF64Generic(dst[done:], src[done:], k)
	}
}

// convRowValidF64K runs the AVX-512 kernel for len(taps) taps held in
// registers, if there is one, on blocks of 64 samples, and returns how
// many samples it did.
func convRowValidF64K(dst, src, taps []float64) int {
	done := len(dst) &^ 63
	if done == 0 {
		return 0
	}
	switch len(taps) {
	case 3:
		convRowValidF64K3AVX512(dst[:done], src, taps)
	case 5:
		convRowValidF64K5AVX512(dst[:done], src, taps)
	case 9:
		convRowValidF64K9AVX512(dst[:done], src, taps)
	case 17:
		convRowValidF64K17AVX512(dst[:done], src, taps)
	default:
		return 0
	}
	return done
}

func momentsVF64Pair(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	n := len(mx) / 2
	var done int
	switch level {
	case AVX512:
		done = n &^ 7
		momentsVF64PairAVX512(mx, my, mxx, myy, mxy, x, y, stride, taps)
	case AVX2:
		done = n &^ 3
		momentsVF64PairAVX2(mx, my, mxx, myy, mxy, x, y, stride, taps)
	}
	if done < n {
		for r := range 2 {
			lo, hi := r*n+done, (r+1)*n
			momentsVF64Generic(mx[lo:hi], my[lo:hi], mxx[lo:hi], myy[lo:hi], mxy[lo:hi], x[r*stride+done:], y[r*stride+done:], stride, taps)
		}
	}
}

// momentsVF64Quad runs the AVX-512 kernel when there is one for the
// taps; otherwise it computes the four rows as two pairs.
func momentsVF64Quad(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	n := len(mx) / 4
	if level != AVX512 || len(taps) < 3 {
		for h := range 2 {
			lo, hi := 2*h*n, 2*(h+1)*n
			momentsVF64Pair(mx[lo:hi], my[lo:hi], mxx[lo:hi], myy[lo:hi], mxy[lo:hi], x[2*h*stride:], y[2*h*stride:], stride, taps)
		}
		return
	}
	done := n &^ 7
	momentsVF64QuadAVX512(mx, my, mxx, myy, mxy, x, y, stride, taps)
	if done < n {
		for r := range 4 {
			lo, hi := r*n+done, (r+1)*n
			momentsVF64Generic(mx[lo:hi], my[lo:hi], mxx[lo:hi], myy[lo:hi], mxy[lo:hi], x[r*stride+done:], y[r*stride+done:], stride, taps)
		}
	}
}

func meansVF64(mx, my, x, y []float64, stride int, taps []float64) {
	var done int
	switch level {
	case AVX512:
		done = len(mx) &^ 7
		meansVF64AVX512(mx[:done], my, x, y, stride, taps)
	case AVX2:
		done = len(mx) &^ 3
		meansVF64AVX2(mx[:done], my, x, y, stride, taps)
	}
	if done < len(mx) {
		meansVF64Generic(mx[done:], my[done:], x[done:], y[done:], stride, taps)
	}
}
