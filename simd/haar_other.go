//go:build !amd64 || noasm || !gc

package simd

func haarBoxRow(dst, up, down []float32, m int) { haarBoxRowGeneric(dst, up, down, m) }

func haarRespRow(dh, dv, top, bot []float32, m int, inv float32) {
	haarRespRowGeneric(dh, dv, top, bot, m, inv)
}

func similarity2Row(dst, a1, b1, a2, b2 []float32, c float32) {
	similarity2RowGeneric(dst, a1, b1, a2, b2, c)
}

func maxRow(dst, a, b []float32) { maxRowGeneric(dst, a, b) }

func box2AbsRow(dst, r0, r1 []float32) { box2AbsRowGeneric(dst, r0, r1) }

func logisticPoolRow(l, w []float32, alpha float32) (num, den float64) {
	return logisticPoolRowGeneric(l, w, alpha)
}
