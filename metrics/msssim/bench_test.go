package msssim

import (
	"testing"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// BenchmarkMSSSIM times MS-SSIM on the 1080p golden luma pair (garden,
// x264) at every SIMD level. Besides wall time it reports the process's
// CPU time per frame pair (cpu-ns/op), which other processes on a shared
// machine do not inflate.
func BenchmarkMSSSIM(b *testing.B) {
	ref := goldentest.LoadCached(b, "images/garden_1920x1080_yuv.gray.png")
	dist := goldentest.LoadCached(b, "images/p01_x264_crf40.gray.png")
	s := metrics.ShapeOf(ref, ref)
	for l := simd.Generic; l <= simd.Best(); l++ {
		b.Run("impl="+l.String()+"/res=1080p", func(b *testing.B) {
			defer simd.SetLevel(l)()
			sc, err := Metric{}.NewScorer(s)
			if err != nil {
				b.Fatal(err)
			}
			ws := metrics.NewWorkspace()
			ws.Set(ref, dist, ref, dist, s.Peak)
			out := make([]float64, 1)
			b.SetBytes(int64(2 * s.W * s.H)) // two 8-bit luma planes
			b.ReportAllocs()
			cpu0 := goldentest.CPUTime()
			for b.Loop() {
				if err := sc.Score(ws, out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
		})
	}
}
