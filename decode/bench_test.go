package decode

import (
	"context"
	"io"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
)

// BenchmarkDecode decodes a whole 10-frame 1080p H.264 file (open, decode,
// convert to float planes, close) per iteration and reports frames/s and
// the CPU time per file (all decoder threads).
func BenchmarkDecode(b *testing.B) {
	b.Run("res=1080p", func(b *testing.B) {
		path := testdata("corpus", "dist", "forest_1080p__x264_fast_2000k.mp4")
		const frames = 10
		b.SetBytes(frames * 1920 * 1080 * 3 / 2) // decoded 8-bit samples
		b.ReportAllocs()
		n := 0
		cpu0 := goldentest.CPUTime()
		for b.Loop() {
			s, err := Open(path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			for {
				p, err := s.Next(context.Background())
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				s.Release(p)
				n++
			}
			s.Close()
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "frames/s")
		b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}

// BenchmarkConvert measures the conversion of one frame of libav sample
// data to float32 planes, the per-frame cost decode adds to libav's:
// impl=c is the vectorised path used, impl=go the reference Go loop.
func BenchmarkConvert(b *testing.B) {
	const w, h = 1920, 1080
	for _, c := range []struct {
		name string
		size int // bytes per sample
	}{{"yuv420p", 1}, {"yuv420p10le", 2}} {
		for _, impl := range []string{"c", "go"} {
			b.Run("impl="+impl+"/res=1080p/fmt="+c.name, func(b *testing.B) {
				ls := (w*c.size + 63) / 64 * 64
				src := make([]byte, ls*h)
				for i := range src {
					src[i] = byte(i)
				}
				cp := compPlan{size: c.size, step: c.size, mask: 0xff}
				if c.size == 2 {
					cp.mask = 0x3ff
				}
				planes := []frame.Plane{frame.NewPlane(w, h), frame.NewPlane(w/2, h/2), frame.NewPlane(w/2, h/2)}
				b.SetBytes(int64(w * h * 3 / 2 * c.size))
				b.ReportAllocs()
				for b.Loop() {
					for _, p := range planes {
						if impl == "c" {
							if err := convertPlane(p, src, ls, cp); err != nil {
								b.Fatal(err)
							}
							continue
						}
						for y := range p.H {
							row := p.Data[y*p.Stride : y*p.Stride+p.W]
							if c.size == 1 {
								rowU8(row, src[y*ls:])
							} else {
								rowU16(row, src[y*ls:], uint16(cp.mask))
							}
						}
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
			})
		}
	}
}

// BenchmarkOpen measures the start-up cost of a Source: Open (container
// probing, stream information, decoder set-up) and Close, without decoding
// a frame, on a corpus file of each container (1080p; the y4m is 360p).
func BenchmarkOpen(b *testing.B) {
	for _, f := range []struct{ container, path string }{
		{"mkv", testdata("corpus", "ref", "forest_1080p.mkv")},
		{"mp4", testdata("corpus", "dist", "forest_1080p__x264_fast_2000k.mp4")},
		{"ivf", testdata("corpus", "dist", "forest_1080p__svtav1_fast_1000k.ivf")},
		{"webm", testdata("corpus", "dist", "forest_1080p__vp9_fast_4000k.webm")},
		{"y4m", testdata("corpus", "ref", "boats_360p.y4m")},
	} {
		b.Run("container="+f.container, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := goldentest.CPUTime()
			for b.Loop() {
				s, err := Open(f.path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
			b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}
