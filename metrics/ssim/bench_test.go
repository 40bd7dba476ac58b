package ssim

import (
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// BenchmarkSSIM times SSIM on the 1080p golden luma pair (garden, x264)
// at every SIMD level, at full resolution (downsample=false) and with
// PIQ's default pooling (downsample=true: by 4 at 1080p). Besides wall
// time it reports the process's CPU time per frame pair (cpu-ns/op),
// which other processes on a shared machine do not inflate.
func BenchmarkSSIM(b *testing.B) {
	ref := goldentest.LoadCached(b, "images/garden_1920x1080_yuv.gray.png")
	dist := goldentest.LoadCached(b, "images/p01_x264_crf40.gray.png")
	s := metrics.ShapeOf(ref, ref)
	for l := simd.Generic; l <= simd.Best(); l++ {
		for _, ds := range []string{"true", "false"} {
			b.Run("impl="+l.String()+"/res=1080p/downsample="+ds, func(b *testing.B) {
				defer simd.SetLevel(l)()
				m, err := New(map[string]string{"downsample": ds})
				if err != nil {
					b.Fatal(err)
				}
				benchScorer(b, m, s, ref, dist)
			})
		}
	}
}

// benchScorer times metric m on the pair ref, dist of shape s.
func benchScorer(b *testing.B, m metrics.Metric, s metrics.Shape, ref, dist *frame.Picture) {
	sc, err := m.NewScorer(s)
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
}
