package bench

import (
	"context"
	"io"
	"math"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/fr-metrics/fr-metrics/decode"
	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/psnr"
	"github.com/fr-metrics/fr-metrics/metrics/ssim"
	"github.com/fr-metrics/fr-metrics/pipeline"
	"github.com/fr-metrics/fr-metrics/simd"
)

func corpus(p string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "corpus", p)
}

func mustMetric(t *testing.T, d *metrics.Descriptor, spec string) Metric {
	t.Helper()
	m, err := metrics.NewRegistry(d).Parse(spec)
	if err != nil {
		t.Fatal(err)
	}
	return Metric{Spec: spec, Metric: m}
}

func samePicture(a, b *frame.Picture) bool {
	if len(a.Planes) != len(b.Planes) || a.BitDepth != b.BitDepth {
		return false
	}
	for i := range a.Planes {
		pa, pb := a.Planes[i], b.Planes[i]
		if pa.W != pb.W || pa.H != pb.H {
			return false
		}
		for y := 0; y < pa.H; y++ {
			if !slices.Equal(pa.Row(y), pb.Row(y)) {
				return false
			}
		}
	}
	return true
}

func TestSynth(t *testing.T) {
	for _, tc := range []struct {
		w, h, bits int
		pixFmt     string
	}{
		{64, 48, 8, "yuv420p"},
		{33, 17, 10, "yuv420p10le"}, // odd sizes: chroma rounds up
	} {
		r1, d1, err := Synth(tc.w, tc.h, tc.bits, 3)
		if err != nil {
			t.Fatal(err)
		}
		r2, d2, _ := Synth(tc.w, tc.h, tc.bits, 3)
		r3, _, _ := Synth(tc.w, tc.h, tc.bits, 4)
		if !samePicture(r1, r2) || !samePicture(d1, d2) {
			t.Errorf("%dx%d %d-bit: the same arguments gave different pictures", tc.w, tc.h, tc.bits)
		}
		if samePicture(r1, r3) {
			t.Errorf("%dx%d %d-bit: frames 3 and 4 are identical", tc.w, tc.h, tc.bits)
		}
		if samePicture(r1, d1) {
			t.Errorf("%dx%d %d-bit: distorted equals reference", tc.w, tc.h, tc.bits)
		}
		if r1.PixFmt != tc.pixFmt || r1.Kind != frame.YUV || r1.Planes[1].W != (tc.w+1)/2 || r1.Planes[2].H != (tc.h+1)/2 {
			t.Errorf("%dx%d %d-bit: got %s %s, chroma %dx%d", tc.w, tc.h, tc.bits, r1.Kind, r1.PixFmt, r1.Planes[1].W, r1.Planes[2].H)
		}
		s := float32(int(1) << (tc.bits - 8))
		for _, p := range []*frame.Picture{r1, d1} {
			for i, pl := range p.Planes {
				hi := 235 * s
				if i > 0 {
					hi = 240 * s
				}
				for y := 0; y < pl.H; y++ {
					for _, v := range pl.Row(y) {
						if v != float32(math.Round(float64(v))) || v < 16*s || v > hi {
							t.Fatalf("%dx%d %d-bit plane %d: sample %v is not an integer in [%v, %v]", tc.w, tc.h, tc.bits, i, v, 16*s, hi)
						}
					}
				}
			}
		}
	}
	if _, _, err := Synth(64, 64, 12, 0); err == nil {
		t.Error("Synth accepted 12 bits")
	}
	if _, _, err := Synth(1, 64, 8, 0); err == nil {
		t.Error("Synth accepted a width of 1")
	}
}

// TestWriteY4M writes generated pictures and reads them back through the
// decoder: every sample must survive.
func TestWriteY4M(t *testing.T) {
	for _, bits := range []int{8, 10} {
		var pics []*frame.Picture
		for k := 0; k < 2; k++ {
			r, _, err := Synth(40, 22, bits, k)
			if err != nil {
				t.Fatal(err)
			}
			pics = append(pics, r)
		}
		path := filepath.Join(t.TempDir(), "x.y4m")
		if err := writeY4MFile(path, pics, 3); err != nil {
			t.Fatal(err)
		}
		s, err := decode.Open(path, decode.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		for ; ; n++ {
			p, err := s.Next(context.Background())
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if !samePicture(p, pics[n%2]) {
				t.Errorf("%d-bit frame %d: decoded samples differ from those written", bits, n)
			}
			s.Release(p)
		}
		s.Close()
		if n != 3 {
			t.Errorf("%d-bit: decoded %d frames, want 3", bits, n)
		}
	}
}

func TestThreadList(t *testing.T) {
	for _, tc := range []struct {
		in, want []int
	}{
		{[]int{2}, []int{1, 2}},
		{[]int{4, 1, 2, 2}, []int{1, 2, 4}},
		{[]int{0, -3, 3}, []int{1, 3}},
	} {
		if got := threadList(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("threadList(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	def := threadList(nil)
	if def[0] != 1 || def[len(def)-1] != runtime.NumCPU() || !slices.IsSorted(def) {
		t.Errorf("default thread list %v: want 1, 2, 4, … %d", def, runtime.NumCPU())
	}
}

func TestStats(t *testing.T) {
	for _, tc := range []struct {
		in                  []float64
		median, min, max, s float64
	}{
		{[]float64{3, 1, 2}, 2, 1, 3, 100},
		{[]float64{4, 1, 3, 2}, 2.5, 1, 4, 120},
		{[]float64{5}, 5, 5, 5, 0},
	} {
		got := stats(tc.in)
		if got.Median != tc.median || got.Min != tc.min || got.Max != tc.max || math.Abs(got.SpreadPct-tc.s) > 1e-12 {
			t.Errorf("stats(%v) = %+v, want median %v min %v max %v spread %v%%", tc.in, got, tc.median, tc.min, tc.max, tc.s)
		}
	}
	if median(nil) != 0 {
		t.Error("median of nothing is not 0")
	}
}

// checkMetric checks the structure of one metric's timings.
func checkMetric(t *testing.T, mr MetricResult, threads []int, minFrames int) {
	t.Helper()
	if len(mr.Threads) != len(threads) {
		t.Fatalf("%s: %d thread results, want %d", mr.Metric, len(mr.Threads), len(threads))
	}
	if mr.MsPerFrame1 <= 0 || len(mr.Outputs) == 0 || mr.SIMD == "" {
		t.Errorf("%s: ms/frame %v, outputs %v, simd %q", mr.Metric, mr.MsPerFrame1, mr.Outputs, mr.SIMD)
	}
	for i, tr := range mr.Threads {
		if tr.Threads != threads[i] || tr.Frames < minFrames*tr.Threads {
			t.Errorf("%s: result %d: threads %d, frames %d", mr.Metric, i, tr.Threads, tr.Frames)
		}
		if tr.FPS.Median <= 0 || tr.FPS.Min > tr.FPS.Median || tr.FPS.Median > tr.FPS.Max || tr.MsPerFrame <= 0 {
			t.Errorf("%s threads %d: fps %+v, ms/frame %v", mr.Metric, tr.Threads, tr.FPS, tr.MsPerFrame)
		}
		if math.Abs(tr.Efficiency-tr.Speedup/float64(tr.Threads)) > 1e-12 || tr.Speedup <= 0 {
			t.Errorf("%s threads %d: speed-up %v, efficiency %v", mr.Metric, tr.Threads, tr.Speedup, tr.Efficiency)
		}
		if c1, cn := mr.Threads[0].CPUMsPerFrame, tr.CPUMsPerFrame; c1 > 0 && cn > 0 && math.Abs(tr.CPUSpeedup-float64(tr.Threads)*c1/cn) > 1e-9 {
			t.Errorf("%s threads %d: CPU speed-up %v from CPU ms/frame %v and %v", mr.Metric, tr.Threads, tr.CPUSpeedup, c1, cn)
		}
	}
	if mr.Threads[0].Speedup != 1 {
		t.Errorf("%s: speed-up at one thread is %v", mr.Metric, mr.Threads[0].Speedup)
	}
}

func TestRunGenerated(t *testing.T) {
	levels := []simd.Impl{simd.Best()}
	if simd.Best() > simd.Generic {
		levels = []simd.Impl{simd.Best(), simd.Generic} // sorted by Run
	}
	before := simd.Level()
	cfg := Config{
		Metrics:    []Metric{mustMetric(t, psnr.Descriptor, "psnr"), mustMetric(t, ssim.Descriptor, "ssim:downsample=false")},
		Width:      48,
		Height:     32,
		Bits:       10,
		Frames:     3,
		Threads:    []int{2},
		Reps:       2,
		MinRunTime: -1,
		Levels:     levels,
	}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if simd.Level() != before {
		t.Errorf("SIMD level %s after Run, was %s", simd.Level(), before)
	}
	if !res.Input.Generated || res.Input.Width != 48 || res.Input.BitDepth != 10 || res.Input.Seen != "luma" || res.Decode != nil {
		t.Errorf("input %+v, decode %+v", res.Input, res.Decode)
	}
	if s := res.Settings; !slices.Equal(s.Threads, []int{1, 2}) || s.Reps != 2 || s.HeldFrames != 3 || s.FramesPerRun != 3 {
		t.Errorf("settings %+v", s)
	}
	if len(res.Metrics) != 2*len(levels) {
		t.Fatalf("%d metric results, want %d", len(res.Metrics), 2*len(levels))
	}
	for i, mr := range res.Metrics {
		want := levels[len(levels)-1-i%len(levels)].String() // slowest first
		if mr.SIMD != want {
			t.Errorf("result %d (%s): simd %s, want %s", i, mr.Metric, mr.SIMD, want)
		}
		checkMetric(t, mr, []int{1, 2}, 3)
	}
	if res.Metrics[0].Metric != "psnr" || res.Metrics[len(res.Metrics)-1].Metric != "ssim:downsample=false" {
		t.Errorf("metric order: %s … %s", res.Metrics[0].Metric, res.Metrics[len(res.Metrics)-1].Metric)
	}
	if slices.Contains(res.Metrics[0].Outputs, "psnr_cb") == false {
		t.Errorf("psnr on YUV content should write psnr_cb, outputs %v", res.Metrics[0].Outputs)
	}
}

// TestRunMinTime checks that a fast metric scores more pairs per run to
// last the minimum run time.
func TestRunMinTime(t *testing.T) {
	cfg := Config{Metrics: []Metric{mustMetric(t, psnr.Descriptor, "psnr")}, Width: 16, Height: 16, Bits: 8,
		Frames: 1, Threads: []int{1}, Reps: 1, MinRunTime: 20e6}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	mr := res.Metrics[0]
	if mr.FramesPerWorker < 2 || mr.Threads[0].Frames != mr.FramesPerWorker {
		t.Errorf("a 16x16 psnr run of 20 ms scored %d pairs (%d per worker)", mr.Threads[0].Frames, mr.FramesPerWorker)
	}
}

func TestRunRGB(t *testing.T) {
	cfg := Config{Metrics: []Metric{mustMetric(t, psnr.Descriptor, "psnr")}, Width: 32, Height: 32, Bits: 8,
		Frames: 2, Threads: []int{1}, Reps: 1, MinRunTime: -1, Color: pipeline.RGB}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Input.Seen != "rgb" {
		t.Errorf("seen %s, want rgb", res.Input.Seen)
	}
	checkMetric(t, res.Metrics[0], []int{1}, 2)
}

func TestRunFiles(t *testing.T) {
	ref := pipeline.Input{Path: corpus("ref/boats_360p.y4m")}
	dist := pipeline.Input{Path: corpus("dist/boats_360p__x264_fast_200k.mp4")}
	cfg := Config{Metrics: []Metric{mustMetric(t, psnr.Descriptor, "psnr"), mustMetric(t, psnr.Descriptor, "psnr:grayscale=true")},
		Ref: ref, Dist: dist, Frames: 3, Held: 2, Threads: []int{1}, Reps: 1, MinRunTime: -1, EndToEnd: true}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Input.Generated || res.Input.Width != 640 || res.Input.Height != 360 || res.Input.PixFmt != "yuv420p" || res.Settings.HeldFrames != 2 {
		t.Errorf("input %+v, held %d", res.Input, res.Settings.HeldFrames)
	}
	if d := res.Decode; d == nil || d.Frames != 3 || d.FPS.Median <= 0 || d.MsPerFrame <= 0 {
		t.Errorf("decode %+v", d)
	}
	if e := res.EndToEnd; e == nil || e.Frames != 3 || e.SIMD != simd.Level().String() || e.FPS.Median <= 0 || !slices.Equal(e.Metrics, []string{"psnr"}) {
		t.Errorf("end to end %+v", e)
	}
	checkMetric(t, res.Metrics[0], []int{1}, 3)

	// Inputs that would need alignment are refused.
	cfg.Dist = pipeline.Input{Path: corpus("ref/synth_1080p.mkv")}
	if _, err := Run(context.Background(), cfg); err == nil {
		t.Error("inputs of different sizes were accepted")
	}
}

func TestRunFFmpeg(t *testing.T) {
	path, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Skip("ffmpeg is not on PATH")
	}
	cfg := Config{
		Metrics: []Metric{mustMetric(t, psnr.Descriptor, "psnr"), mustMetric(t, ssim.Descriptor, "ssim:downsample=false")},
		Width:   64, Height: 48, Bits: 8, Frames: 2, Threads: []int{1}, Reps: 1, MinRunTime: -1,
		FFmpeg: path, FFmpegFrames: 4, TempDir: t.TempDir(),
	}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := res.FFmpeg
	if f == nil || f.Version == "" || f.Frames != 4 || f.Threads != 1 || len(f.Filters) != len(FFmpegFilters) {
		t.Fatalf("ffmpeg result %+v", f)
	}
	for i, x := range f.Filters {
		if x.Filter != FFmpegFilters[i].Filter || x.Metric != FFmpegFilters[i].Spec || x.TotalMsPerFrame <= 0 || x.OursMsPerFrame <= 0 || x.Ratio == 0 {
			t.Errorf("filter %+v", x)
		}
	}
}

func TestRunErrors(t *testing.T) {
	if _, err := Run(context.Background(), Config{Width: 8, Height: 8, Bits: 8}); err == nil {
		t.Error("no metric: no error")
	}
	m := mustMetric(t, psnr.Descriptor, "psnr")
	if _, err := Run(context.Background(), Config{Metrics: []Metric{m}, Width: 8, Height: 8, Bits: 9}); err == nil {
		t.Error("9-bit generated content: no error")
	}
	if simd.Best() < simd.AVX512 {
		if _, err := Run(context.Background(), Config{Metrics: []Metric{m}, Width: 8, Height: 8, Bits: 8, Levels: []simd.Impl{simd.AVX512}}); err == nil {
			t.Error("a SIMD level above the best: no error")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, Config{Metrics: []Metric{m}, Width: 8, Height: 8, Bits: 8, MinRunTime: -1}); err == nil {
		t.Error("cancelled context: no error")
	}
}

// TestWorkerSees checks the pictures a worker hands the metric, as the
// pipeline builds them: the Y plane as gray, or RGB.
func TestWorkerSees(t *testing.T) {
	r, d, err := Synth(24, 16, 8, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := pair{r, d}
	for _, tc := range []struct {
		color    pipeline.Color
		kind     frame.Kind
		channels int
	}{{pipeline.Luma, frame.Gray, 1}, {pipeline.RGB, frame.RGB, 3}} {
		shape, rgb := shapeOf(p, tc.color)
		if shape.Channels != tc.channels || shape.Peak != 255 || shape.Source != frame.YUV {
			t.Errorf("%s: shape %+v", tc.color, shape)
		}
		w, err := newWorker(mustMetric(t, psnr.Descriptor, "psnr").Metric, shape, rgb)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.score(p); err != nil {
			t.Fatal(err)
		}
		if w.ws.Ref.Kind != tc.kind || len(w.ws.Dist.Planes) != tc.channels || w.ws.SrcRef != r || w.ws.SrcDist != d {
			t.Errorf("%s: metric saw %s with %d planes", tc.color, w.ws.Ref.Kind, len(w.ws.Dist.Planes))
		}
		if v := w.out[0]; !(v > 10 && v < 80) {
			t.Errorf("%s: psnr %v of a blurred, noisy copy", tc.color, v)
		}
	}
}
