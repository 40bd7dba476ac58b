package goldentest

import (
	"syscall"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// BenchLevels runs a benchmark of metric m on the 1080p golden luma pair
// (garden, x264) as sub-benchmarks "impl=<level>/res=1080p" at every SIMD
// level, each timed by BenchPair.
func BenchLevels(b *testing.B, m metrics.Metric) {
	ref := LoadCached(b, "images/garden_1920x1080_yuv.gray.png")
	dist := LoadCached(b, "images/p01_x264_crf40.gray.png")
	for l := simd.Generic; l <= simd.Best(); l++ {
		b.Run("impl="+l.String()+"/res=1080p", func(b *testing.B) {
			defer simd.SetLevel(l)()
			BenchPair(b, m, ref, dist)
		})
	}
}

// BenchPair times metric m on the pair (ref, dist) at the current SIMD
// level: one scorer and one workspace, the pair set again every iteration
// (so shared planes are recomputed, as for a new frame pair). It reports
// bytes as the two float32 frames, the CPU time per frame pair
// ("cpu-ns/op", see CPUTime) and the frame pairs scored per second of wall
// time ("frames/s").
func BenchPair(b *testing.B, m metrics.Metric, ref, dist *frame.Picture) {
	s := metrics.ShapeOf(ref, ref)
	sc, err := m.NewScorer(s)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]float64, len(m.Outputs(s)))
	ws := metrics.NewWorkspace()
	b.SetBytes(int64(2 * 4 * s.W * s.H * s.Channels))
	b.ReportAllocs()
	cpu0 := CPUTime()
	for b.Loop() {
		ws.Set(ref, dist, ref, dist, ref.Peak())
		if err := sc.Score(ws, out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
}

// CPUTime returns the user plus system CPU time of the process in
// nanoseconds. Benchmarks report it per operation ("cpu-ns/op") beside
// the wall time, which on a shared machine also counts the time other
// processes held the cores.
func CPUTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
