package simd

import "testing"

// benchLevels runs f as sub-benchmarks "impl=<level>" at every supported
// level.
func benchLevels(b *testing.B, f func(b *testing.B)) {
	for _, l := range levels() {
		b.Run("impl="+l.String(), func(b *testing.B) {
			defer SetLevel(l)()
			f(b)
		})
	}
}

func BenchmarkSSIMMeanRow(b *testing.B) {
	benchLevels(b, func(b *testing.B) {
		b.Run("w=1920", func(b *testing.B) {
			var m [4][]float32
			for i := range m {
				m[i] = randInput(1920, 0, 0, 100, uint64(i))
			}
			b.SetBytes(4 * 1920 * 4)
			b.ReportAllocs()
			for b.Loop() {
				SSIMMeanRow(m[0], m[1], m[2], m[3], 128, 128, 6.5, 58.5)
			}
		})
	})
}

func BenchmarkPool2Row(b *testing.B) {
	benchLevels(b, func(b *testing.B) {
		b.Run("w=1920", func(b *testing.B) {
			a, c := randInput(1920, 0, 0, 255, 1), randInput(1920, 0, 0, 255, 2)
			dst := make([]float32, 960)
			b.SetBytes(2 * 1920 * 4)
			b.ReportAllocs()
			for b.Loop() {
				Pool2Row(dst, a, c)
			}
		})
	})
}

// BenchmarkSSIMCols6 times the fused products and vertical pass of six
// 1920-wide output rows.
func BenchmarkSSIMCols6(b *testing.B) {
	taps := gauss11()
	benchLevels(b, func(b *testing.B) {
		const w = 1920
		b.Run("w=1920", func(b *testing.B) {
			x := randInput(16*w, 0, 0, 255, 1)
			y := randInput(16*w, 0, 0, 255, 2)
			dst := make([]float32, 24*w)
			b.SetBytes(6 * 2 * w * 4) // the two input rows of six outputs
			b.ReportAllocs()
			for b.Loop() {
				SSIMCols6(dst, w, w, x, y, w, -128, -128, taps)
			}
		})
	})
}

// BenchmarkConvRowsValid times the horizontal pass of the four moments of
// one 1920-wide output row, in one call.
func BenchmarkConvRowsValid(b *testing.B) {
	taps := gauss11()
	benchLevels(b, func(b *testing.B) {
		const w = 1920
		b.Run("taps=11/w=1920", func(b *testing.B) {
			src := randInput(4*(w+16), 0, 0, 255, 1)
			dst := make([]float32, 4*w)
			b.SetBytes(4 * w * 4)
			b.ReportAllocs()
			for b.Loop() {
				ConvRowsValid(dst, w, src, w+16, 4, w, taps)
			}
		})
	})
}

func BenchmarkCSRow(b *testing.B) {
	benchLevels(b, func(b *testing.B) {
		b.Run("w=1920", func(b *testing.B) {
			var m [4][]float32
			for i := range m {
				m[i] = randInput(1920, 0, 0, 100, uint64(i))
			}
			b.SetBytes(4 * 1920 * 4)
			b.ReportAllocs()
			for b.Loop() {
				CSRow(m[0], m[1], m[2], m[3], 58.5)
			}
		})
	})
}
