//go:build !amd64 || noasm || !gc

package simd

func momentsVF64(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	momentsVF64Generic(mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func convRowValidF64(dst, src, taps []float64) { convRowValidF64Generic(dst, src, taps) }

func vifFactors(fn, fd, mx, my, exx, eyy, exy []float64, eps, sn2 float64) {
	vifFactorsGeneric(fn, fd, mx, my, exx, eyy, exy, eps, sn2)
}

func scaleF32ToF64(dst []float64, src []float32, k float64) { scaleF32ToF64Generic(dst, src, k) }

func momentsVF64Pair(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	momentsVF64PairGeneric(mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func momentsVF64Quad(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	momentsVF64QuadGeneric(mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func meansVF64(mx, my, x, y []float64, stride int, taps []float64) {
	meansVF64Generic(mx, my, x, y, stride, taps)
}
