package simd

import (
	"math"
	"testing"
)

func TestHaarBoxRespRow(t *testing.T) {
	for _, m := range []int{1, 2, 4} {
		rowCase(t, func(t *testing.T, n, off int, seed uint64) {
			up, down := randInput(n+m, off, 0, 255, seed), randInput(n+m, off, 0, 255, seed+1)
			want := make([]float32, n)
			dst := newGuarded(n, off)
			haarBoxRowGeneric(want, up, down, m)
			HaarBoxRow(dst.s, up, down, m)
			dst.check(t)
			checkCloseF32(t, name("box m", m, "n", n, "off", off), dst.s, want, 0, 0)
			wh, wv := make([]float32, n), make([]float32, n)
			dv := newGuarded(n, (off+1)%4)
			haarRespRowGeneric(wh, wv, up, down, m, 0.125)
			HaarRespRow(dst.s, dv.s, up, down, m, 0.125)
			dst.check(t)
			dv.check(t)
			checkCloseF32(t, name("resp h m", m, "n", n, "off", off), dst.s, wh, 0, 0)
			checkCloseF32(t, name("resp v m", m, "n", n, "off", off), dv.s, wv, 0, 0)
		})
	}
}

func TestSimilarity2MaxBox2Row(t *testing.T) {
	rowCase(t, func(t *testing.T, n, off int, seed uint64) {
		var in [4][]float32
		for i := range in {
			in[i] = randInput(n+1, off, -100, 100, seed+uint64(i))
		}
		want := make([]float32, n)
		dst := newGuarded(n, off)
		similarity2RowGeneric(want, in[0], in[1], in[2], in[3], 30)
		Similarity2Row(dst.s, in[0], in[1], in[2], in[3], 30)
		dst.check(t)
		checkCloseF32(t, name("sim2 n", n, "off", off), dst.s, want, 0, 0)
		maxRowGeneric(want, in[0], in[1])
		MaxRow(dst.s, in[0], in[1])
		dst.check(t)
		checkCloseF32(t, name("max n", n, "off", off), dst.s, want, 0, 0)
		box2AbsRowGeneric(want, in[0], in[1])
		Box2AbsRow(dst.s, in[0], in[1])
		dst.check(t)
		checkCloseF32(t, name("box2 n", n, "off", off), dst.s, want, 0, 0)
	})
}

func TestLogisticPoolRow(t *testing.T) {
	rowCase(t, func(t *testing.T, n, off int, seed uint64) {
		l := randInput(n, off, -0.5, 1.2, seed)
		w := randInput(n, off, 0, 50, seed+1)
		wn, wd := logisticPoolRowGeneric(l, w, 4.2)
		gn, gd := LogisticPoolRow(l, w, 4.2)
		if !closeF64(gn, wn, 1e-6, 1e-9) || !closeF64(gd, wd, 1e-12, 1e-12) {
			t.Fatalf("n=%d off=%d: got %v/%v want %v/%v", n, off, gn, gd, wn, wd)
		}
	})
}

// TestLogisticExtremes checks the exponential over its whole clamped
// range, including arguments that overflow float32 without the clamp.
func TestLogisticExtremes(t *testing.T) {
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for _, v := range []float32{-100, -30, -20, -5, -1, -1e-3, 0, 1e-3, 0.5, 1, 5, 20, 30, 100} {
			l := make([]float32, 32)
			w := make([]float32, 32)
			for i := range l {
				l[i], w[i] = v, 1
			}
			num, den := LogisticPoolRow(l, w, 1)
			want := 32 / (1 + math.Exp(float64(v)))
			if math.IsNaN(num) || math.Abs(num-want) > 1e-6*want+1e-30 || den != 32 {
				t.Errorf("l=%v: got %v/%v want %v/32", v, num, den, want)
			}
		}
	})
}
