//go:build amd64 && !noasm && gc

package simd

// The assembly kernels process whole vectors of float64 (4 lanes for
// AVX2, 8 for AVX-512); these wrappers pick the level's kernel for the
// vector-aligned prefix and finish the tail with the generic code.

// vertKernels are the assembly kernels of the vertical filters for one
// input sample type; their methods pick the level's kernel for the
// vector-aligned prefix and finish the tail with AVX2 and generic code.
type vertKernels[T float32 | float64] struct {
	moments512, moments2 func(mx, my, mxx, myy, mxy []float64, x, y []T, stride int, taps []float64)
	pair512, pair2       func(mx, my, mxx, myy, mxy []float64, x, y []T, stride int, taps []float64)
	quad512              func(mx, my, mxx, myy, mxy []float64, x, y []T, stride int, taps []float64)
	means512, means2     func(mx, my []float64, x, y []T, stride int, taps []float64)
}

var (
	vertF64 = vertKernels[float64]{
		momentsVF64AVX512, momentsVF64AVX2, momentsVF64PairAVX512, momentsVF64PairAVX2,
		momentsVF64QuadAVX512, meansVF64AVX512, meansVF64AVX2,
	}
	vertF32 = vertKernels[float32]{
		momentsVF32AVX512, momentsVF32AVX2, momentsVF32PairAVX512, momentsVF32PairAVX2,
		momentsVF32QuadAVX512, meansVF32AVX512, meansVF32AVX2,
	}
)

func momentsVF64(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	vertF64.moments(mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func momentsVF32(mx, my, mxx, myy, mxy []float64, x, y []float32, stride int, taps []float64) {
	vertF32.moments(mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func momentsVF64Pair(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	vertF64.rows(2, mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func momentsVF32Pair(mx, my, mxx, myy, mxy []float64, x, y []float32, stride int, taps []float64) {
	vertF32.rows(2, mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func momentsVF64Quad(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	vertF64.rows(4, mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func momentsVF32Quad(mx, my, mxx, myy, mxy []float64, x, y []float32, stride int, taps []float64) {
	vertF32.rows(4, mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func meansVF64(mx, my, x, y []float64, stride int, taps []float64) {
	vertF64.means(mx, my, x, y, stride, taps)
}

func meansVF32(mx, my []float64, x, y []float32, stride int, taps []float64) {
	vertF32.means(mx, my, x, y, stride, taps)
}

func (k *vertKernels[T]) moments(mx, my, mxx, myy, mxy []float64, x, y []T, stride int, taps []float64) {
	var done int
	switch level {
	case AVX512:
		done = len(mx) &^ 7
		k.moments512(mx[:done], my, mxx, myy, mxy, x, y, stride, taps)
	case AVX2:
		done = len(mx) &^ 3
		k.moments2(mx[:done], my, mxx, myy, mxy, x, y, stride, taps)
	}
	if done < len(mx) {
		k.rest(mx[done:], my[done:], mxx[done:], myy[done:], mxy[done:], x[done:], y[done:], stride, taps)
	}
}

// rows computes n (2 or 4) output rows, len(mx)/n samples each: with the
// AVX-512 kernel for four rows when there is one for the taps (four rows
// otherwise as two pairs), the level's pair kernel, and the tails apart.
func (k *vertKernels[T]) rows(n int, mx, my, mxx, myy, mxy []float64, x, y []T, stride int, taps []float64) {
	w := len(mx) / n
	var done int
	switch {
	case n == 4 && level == AVX512 && len(taps) >= 3:
		done = w &^ 7
		k.quad512(mx, my, mxx, myy, mxy, x, y, stride, taps)
	case n == 4:
		for h := range 2 {
			lo, hi := 2*h*w, 2*(h+1)*w
			k.rows(2, mx[lo:hi], my[lo:hi], mxx[lo:hi], myy[lo:hi], mxy[lo:hi], x[2*h*stride:], y[2*h*stride:], stride, taps)
		}
		return
	case level == AVX512:
		done = w &^ 7
		k.pair512(mx, my, mxx, myy, mxy, x, y, stride, taps)
	case level == AVX2:
		done = w &^ 3
		k.pair2(mx, my, mxx, myy, mxy, x, y, stride, taps)
	}
	if done < w {
		for r := range n {
			lo, hi := r*w+done, (r+1)*w
			k.rest(mx[lo:hi], my[lo:hi], mxx[lo:hi], myy[lo:hi], mxy[lo:hi], x[r*stride+done:], y[r*stride+done:], stride, taps)
		}
	}
}

// rest finishes a row of moments after the AVX-512 kernel: whole AVX2
// vectors first, then the generic code.
func (k *vertKernels[T]) rest(mx, my, mxx, myy, mxy []float64, x, y []T, stride int, taps []float64) {
	done := len(mx) &^ 3
	if level >= AVX2 && done > 0 {
		k.moments2(mx[:done], my, mxx, myy, mxy, x, y, stride, taps)
	} else {
		done = 0
	}
	if done < len(mx) {
		momentsVGeneric(mx[done:], my[done:], mxx[done:], myy[done:], mxy[done:], x[done:], y[done:], stride, taps)
	}
}

func (k *vertKernels[T]) means(mx, my []float64, x, y []T, stride int, taps []float64) {
	var done int
	switch level {
	case AVX512:
		done = len(mx) &^ 7
		k.means512(mx[:done], my, x, y, stride, taps)
	case AVX2:
		done = len(mx) &^ 3
		k.means2(mx[:done], my, x, y, stride, taps)
	}
	if done < len(mx) {
		if rest := (len(mx) - done) &^ 3; level == AVX512 && rest > 0 {
			k.means2(mx[done:done+rest], my[done:], x[done:], y[done:], stride, taps)
			done += rest
		}
		meansVGeneric(mx[done:], my[done:], x[done:], y[done:], stride, taps)
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
	if rest := (len(dst) - done) &^ 3; level == AVX512 && rest > 0 {
		convRowValidF64AVX2(dst[done:done+rest], src[done:], taps)
		done += rest
	}
	if done < len(dst) {
		convRowValidF64Generic(dst[done:], src[done:], taps)
	}
}

func convRowValid2F64(dst0, dst1, src0, src1, taps []float64) {
	n := len(dst0)
	if level == AVX512 && n >= 64 && len(taps) == 17 && symmetric(taps) {
		done := n &^ 63
		convRowValid2F64K17AVX512(dst0[:done], dst1[:done], src0, src1, taps)
		if done < n {
			// The last block overlaps the one before it (see convRowValidF64K).
			convRowValid2F64K17AVX512(dst0[n-64:], dst1[n-64:], src0[n-64:], src1[n-64:], taps)
		}
		return
	}
	convRowValidF64(dst0, src0, taps)
	convRowValidF64(dst1, src1, taps)
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
// many samples it did: all of them when there are at least 64, the last
// block overlapping the one before it (its outputs are computed again,
// to the same values) instead of leaving a tail to slower kernels.
func convRowValidF64K(dst, src, taps []float64) int {
	n := len(dst)
	if n < 64 {
		return 0
	}
	var kernel func(dst, src, taps []float64)
	switch len(taps) {
	case 3:
		kernel = convRowValidF64K3AVX512
	case 5:
		kernel = convRowValidF64K5AVX512
	case 9:
		kernel = convRowValidF64K9AVX512
	case 17:
		kernel = convRowValidF64K17AVX512
	default:
		return 0
	}
	done := n &^ 63
	kernel(dst[:done], src, taps)
	if done < n {
		kernel(dst[n-64:], src[n-64:], taps)
	}
	return n
}

func vifLogFactors(s *[48]float64, mx, my, exx, eyy, exy []float64, eps, sn2 float64) {
	var done int
	switch level {
	case AVX512:
		done = len(mx) &^ 7
		vifLogFactorsAVX512(s, mx[:done], my, exx, eyy, exy, eps, sn2)
	case AVX2:
		done = len(mx) &^ 3
		vifLogFactorsAVX2(s, mx[:done], my, exx, eyy, exy, eps, sn2)
	}
	if rest := (len(mx) - done) &^ 3; level == AVX512 && rest > 0 {
		vifLogFactorsAVX2(s, mx[done:done+rest], my[done:], exx[done:], eyy[done:], exy[done:], eps, sn2)
		done += rest
	}
	if done < len(mx) {
		vifLogFactorsGeneric(s, mx[done:], my[done:], exx[done:], eyy[done:], exy[done:], eps, sn2)
	}
}

// momentsVF32QuadDec runs the fused AVX-512 kernel for VIF-p's windows
// (17 taps, 9 for the means); otherwise, and on the tail, it computes the
// moments and the means apart.
func momentsVF32QuadDec(mx, my, mxx, myy, mxy, dx0, dy0, dx2, dy2 []float64, x, y []float32, stride int, taps, dtaps []float64) {
	n := len(mx) / 4
	var done int
	if level == AVX512 && len(taps) == 17 && len(dtaps) == 9 {
		done = n &^ 7
		momentsVF32QuadDecAVX512(mx, my, mxx, myy, mxy, dx0, dy0, dx2, dy2, x, y, stride, taps, dtaps)
	}
	if done == 0 {
		momentsVF32Quad(mx, my, mxx, myy, mxy, x, y, stride, taps)
	} else {
		for r := range 4 {
			lo, hi := r*n+done, (r+1)*n
			vertF32.rest(mx[lo:hi], my[lo:hi], mxx[lo:hi], myy[lo:hi], mxy[lo:hi], x[r*stride+done:], y[r*stride+done:], stride, taps)
		}
	}
	if done < n {
		meansVF32(dx0[done:], dy0[done:], x[done:], y[done:], stride, dtaps)
		meansVF32(dx2[done:], dy2[done:], x[2*stride+done:], y[2*stride+done:], stride, dtaps)
	}
}

// convRowValidEvenF64 runs, for AVX-512, the kernel for len(taps) taps
// held in registers if there is one, then the AVX2 kernel, on the whole
// vectors whose input loads lie inside src, and the generic code on the
// rest.
func convRowValidEvenF64(dst, src, taps []float64) {
	var done int
	if level == AVX512 && len(src) >= 16 {
		done = min(len(dst), (len(src)-16)/2) &^ 7
		switch len(taps) {
		case 3:
			convRowValidEvenF64K3AVX512(dst[:done], src, taps)
		case 5:
			convRowValidEvenF64K5AVX512(dst[:done], src, taps)
		case 9:
			convRowValidEvenF64K9AVX512(dst[:done], src, taps)
		default:
			done = 0
		}
	}
	// The AVX2 kernel loads src[2i+k … 2i+k+7] for the outputs i … i+3:
	// the last block starts at most at last.
	if last := (len(src) - len(taps) - 7) / 2; (level == AVX512 || level == AVX2) && len(src) >= len(taps)+7 {
		if rest := (min(len(dst), last+4) - done) &^ 3; rest > 0 {
			convRowValidEvenF64AVX2(dst[done:done+rest], src[2*done:], taps)
			done += rest
		}
	}
	if done < len(dst) {
		convRowValidEvenF64Generic(dst[done:], src[2*done:], taps)
	}
}
