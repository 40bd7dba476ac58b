package bench

import (
	"fmt"
	"testing"

	"github.com/fr-metrics/fr-metrics/metrics/msssim"
	"github.com/fr-metrics/fr-metrics/pipeline"
	"github.com/fr-metrics/fr-metrics/simd"
)

// BenchmarkWorkers times MS-SSIM on generated 1080p 8-bit frame pairs
// scored by 1 and 2 workers, as fr-metrics bench does; one iteration is
// one frame pair per worker.
//
//	go test ./bench/ -run '^$' -bench Workers -benchtime 20x
func BenchmarkWorkers(b *testing.B) {
	const w, h = 1920, 1080
	pairs, err := synthPairs(w, h, 8, 4)
	if err != nil {
		b.Fatal(err)
	}
	shape, rgb := shapeOf(pairs[0], pipeline.Luma)
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprintf("impl=%s/res=1080p/metric=ms_ssim/workers=%d", simd.Level(), n), func(b *testing.B) {
			var workers []*worker
			for range n {
				wk, err := newWorker(msssim.Metric{}, shape, rgb)
				if err != nil {
					b.Fatal(err)
				}
				workers = append(workers, wk)
			}
			if _, _, err := scoreRun(workers, pairs, n); err != nil { // warm-up
				b.Fatal(err)
			}
			b.SetBytes(int64(2 * w * h * n))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := scoreRun(workers, pairs, n); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "frames/s")
		})
	}
}
