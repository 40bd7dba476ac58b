package msssim

import (
	"testing"

	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// BenchmarkMSSSIM times MS-SSIM on one 1080p 8-bit luma frame pair per
// iteration, at every SIMD level.
func BenchmarkMSSSIM(b *testing.B) {
	const w, h = 1920, 1080
	ref, dist := noise(w, h, 8, 1, false), noise(w, h, 8, 2, false)
	for l := simd.Generic; l <= simd.Best(); l++ {
		b.Run("impl="+l.String()+"/res=1080p", func(b *testing.B) {
			defer simd.SetLevel(l)()
			s := metrics.ShapeOf(ref, ref)
			sc, err := Metric{}.NewScorer(s)
			if err != nil {
				b.Fatal(err)
			}
			ws := metrics.NewWorkspace()
			ws.Set(ref, dist, ref, dist, s.Peak)
			out := make([]float64, 1)
			b.SetBytes(2 * w * h)
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
