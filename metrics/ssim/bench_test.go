package ssim

import (
	"testing"

	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// benchScore times one frame pair of w×h 8-bit luma per iteration with
// metric m at every SIMD level.
func benchScore(b *testing.B, m metrics.Metric, res string, w, h int) {
	ref, dist := noise(w, h, 8, 1, false), noise(w, h, 8, 2, false)
	for l := simd.Generic; l <= simd.Best(); l++ {
		b.Run("impl="+l.String()+"/res="+res, func(b *testing.B) {
			defer simd.SetLevel(l)()
			s := metrics.ShapeOf(ref, ref)
			sc, err := m.NewScorer(s)
			if err != nil {
				b.Fatal(err)
			}
			ws := metrics.NewWorkspace()
			ws.Set(ref, dist, ref, dist, s.Peak)
			out := make([]float64, 1)
			b.SetBytes(int64(2 * w * h)) // two 8-bit luma planes
			b.ReportAllocs()
			for b.Loop() {
				if err := sc.Score(ws, out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
		})
	}
}

// BenchmarkSSIM times full-resolution SSIM (downsample=false) on a 1080p
// luma frame pair.
func BenchmarkSSIM(b *testing.B) {
	m, _ := New(map[string]string{"downsample": "false"})
	benchScore(b, m, "1080p", 1920, 1080)
}

// BenchmarkSSIMDownsampled times SSIM with PIQ's default pooling (by 4 at
// 1080p).
func BenchmarkSSIMDownsampled(b *testing.B) {
	m, _ := New(nil)
	benchScore(b, m, "1080p", 1920, 1080)
}
