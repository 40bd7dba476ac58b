package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/simd"
)

// BenchmarkCompare runs `fr-metrics compare -m psnr` in-process on the
// 1080p pairs of the corpus (10 frames each, decode included) and reports
// frame pairs per second of wall time, and the CPU time per frame pair
// (all threads: both decoders and the workers), which stays meaningful on
// a loaded machine.
//
//	go test ./cmd/fr-metrics/ -run '^$' -bench Compare -benchtime 3x
func BenchmarkCompare(b *testing.B) {
	for _, row := range readManifest(b) {
		if row.height != 1080 {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(row.dist), filepath.Ext(row.dist))
		b.Run(fmt.Sprintf("impl=%s/res=1080p/metric=psnr/pair=%s", simd.Level(), name), func(b *testing.B) {
			args := []string{"compare", corpus(row.ref), corpus(row.dist), "-m", "psnr", "-q"}
			b.SetBytes(int64(row.width * row.height * 3 / 2 * 2 * row.frames))
			b.ReportAllocs()
			cpu0 := goldentest.CPUTime()
			for b.Loop() {
				if code, _, errOut := cli(b, args...); code != 0 {
					b.Fatalf("exit %d: %s", code, errOut)
				}
			}
			frames := float64(row.frames * b.N)
			b.ReportMetric(frames/b.Elapsed().Seconds(), "frames/s")
			b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/1e6/frames, "cpu-ms/frame")
		})
	}
}
