package simd

import "testing"

// Row benchmarks of the gradient, Haar and colour families on one
// 1920-sample row (a 1080p row), at every level.

// BenchmarkGradMagRow times the row kernel of GradMagWindowRow's interior.
func BenchmarkGradMagRow(b *testing.B) {
	benchLevels(b, func(b *testing.B) {
		b.Run("w=1920", func(b *testing.B) {
			u, m, d := randInput(1922, 0, 0, 255, 1), randInput(1922, 0, 0, 255, 2), randInput(1922, 0, 0, 255, 3)
			dst := make([]float32, 1920)
			b.SetBytes(1920 * 4)
			b.ReportAllocs()
			for b.Loop() {
				gradMagRow(dst, u, m, d, nil, 1.0/3, 1.0/3)
			}
		})
	})
}

func BenchmarkHaarRespRow(b *testing.B) {
	benchLevels(b, func(b *testing.B) {
		b.Run("m=4/w=1920", func(b *testing.B) {
			t, u := randInput(1924, 0, 0, 4000, 1), randInput(1924, 0, 0, 4000, 2)
			dh, dv := make([]float32, 1920), make([]float32, 1920)
			b.SetBytes(2 * 1920 * 4)
			b.ReportAllocs()
			for b.Loop() {
				HaarRespRow(dh, dv, t, u, 4, 0.125)
			}
		})
	})
}

func BenchmarkLogisticPoolRow(b *testing.B) {
	benchLevels(b, func(b *testing.B) {
		b.Run("w=1920", func(b *testing.B) {
			l, w := randInput(1920, 0, 0, 1, 1), randInput(1920, 0, 0, 100, 2)
			b.SetBytes(2 * 1920 * 4)
			b.ReportAllocs()
			for b.Loop() {
				LogisticPoolRow(l, w, 4.2)
			}
		})
	})
}

func BenchmarkMat3Row(b *testing.B) {
	m := [9]float32{0.299, 0.587, 0.114, 0.5959, -0.2746, -0.3213, 0.2115, -0.5227, 0.3112}
	benchLevels(b, func(b *testing.B) {
		b.Run("w=1920", func(b *testing.B) {
			r, g, bl := randInput(1920, 0, 0, 255, 1), randInput(1920, 0, 0, 255, 2), randInput(1920, 0, 0, 255, 3)
			d0, d1, d2 := make([]float32, 1920), make([]float32, 1920), make([]float32, 1920)
			b.SetBytes(3 * 1920 * 4)
			b.ReportAllocs()
			for b.Loop() {
				Mat3Row(d0, d1, d2, r, g, bl, &m)
			}
		})
	})
}

func BenchmarkPool2ZeroPlane(b *testing.B) {
	benchLevels(b, func(b *testing.B) {
		for _, s := range []struct {
			name string
			w, h int
		}{{"1080p", 1920, 1080}, {"240p", 320, 240}} {
			b.Run("res="+s.name, func(b *testing.B) {
				src := randInput(s.w*s.h, 0, 0, 255, 1)
				ow, oh := Pool2ZeroSize(s.w, s.h)
				dst := make([]float32, ow*oh)
				b.SetBytes(int64(s.w * s.h * 4))
				b.ReportAllocs()
				for b.Loop() {
					Pool2ZeroPlane(dst, ow, src, s.w, s.w, s.h)
				}
			})
		}
	})
}

// BenchmarkGradSimMap times one row of the masked similarity map reduced
// to its moments by GradSimMomentsRow (no row stored).
func BenchmarkGradSimMap(b *testing.B) {
	benchLevels(b, func(b *testing.B) {
		for _, w := range []int{960, 1920} {
			var in [6][]float32
			for i := range in {
				in[i] = randInput(w, 0, 0, 255, uint64(i))
			}
			b.Run(name("w", w, "kernel", "moments"), func(b *testing.B) {
				b.SetBytes(int64(2 * w * 4))
				b.ReportAllocs()
				for b.Loop() {
					GradSimMomentsRow(in[0], in[1], in[2], in[3], in[4], in[5], nil, nil, nil, nil, 170*9, 0.5)
				}
			})
		}
	})
}
