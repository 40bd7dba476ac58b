//go:build !amd64 || noasm || !gc

package simd

func momentsVF64(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	momentsVGeneric(mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func convRowValidF64(dst, src, taps []float64) { convRowValidF64Generic(dst, src, taps) }

func convRowValid2F64(dst0, dst1, src0, src1, taps []float64) {
	convRowValidF64Generic(dst0, src0, taps)
	convRowValidF64Generic(dst1, src1, taps)
}

func scaleF32ToF64(dst []float64, src []float32, k float64) { scaleF32ToF64Generic(dst, src, k) }

func momentsVF64Pair(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	momentsVRowsGeneric(2, mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func momentsVF64Quad(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	momentsVRowsGeneric(4, mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func meansVF64(mx, my, x, y []float64, stride int, taps []float64) {
	meansVGeneric(mx, my, x, y, stride, taps)
}

func vifLogFactors(s *[48]float64, mx, my, exx, eyy, exy []float64, eps, sn2 float64) {
	vifLogFactorsGeneric(s, mx, my, exx, eyy, exy, eps, sn2)
}

func momentsVF32(mx, my, mxx, myy, mxy []float64, x, y []float32, stride int, taps []float64) {
	momentsVGeneric(mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func momentsVF32Pair(mx, my, mxx, myy, mxy []float64, x, y []float32, stride int, taps []float64) {
	momentsVRowsGeneric(2, mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func momentsVF32Quad(mx, my, mxx, myy, mxy []float64, x, y []float32, stride int, taps []float64) {
	momentsVRowsGeneric(4, mx, my, mxx, myy, mxy, x, y, stride, taps)
}

func meansVF32(mx, my []float64, x, y []float32, stride int, taps []float64) {
	meansVGeneric(mx, my, x, y, stride, taps)
}

func momentsVF32QuadDec(mx, my, mxx, myy, mxy, dx0, dy0, dx2, dy2 []float64, x, y []float32, stride int, taps, dtaps []float64) {
	momentsVF32QuadDecGeneric(mx, my, mxx, myy, mxy, dx0, dy0, dx2, dy2, x, y, stride, taps, dtaps)
}

func convRowValidEvenF64(dst, src, taps []float64) { convRowValidEvenF64Generic(dst, src, taps) }
