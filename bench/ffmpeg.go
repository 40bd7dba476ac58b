package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/pipeline"
)

// FFmpegFilters pairs each FFmpeg filter timed by Config.FFmpeg with the
// spec of the metric it is compared with. FFmpeg's ssim filter computes
// SSIM over 8×8 blocks at full resolution; the closest work of ours is the
// Gaussian SSIM without PIQ's downsampling.
var FFmpegFilters = []struct{ Filter, Spec string }{
	{"psnr", "psnr"},
	{"ssim", "ssim:downsample=false"},
}

// ffmpegSamples is the number of luma samples an FFmpeg run reads by
// default (120 frames of 1080p), so that the filter's time stands well
// above the process start-up.
const ffmpegSamples = 250_000_000

// FFmpegResult times FFmpeg's filters on the same pair.
type FFmpegResult struct {
	Path    string `json:"path"`
	Version string `json:"version"`
	// Reference and Distorted are the files FFmpeg read, looped to Frames
	// frames: temporary Y4M files of the held frame pairs, or the inputs
	// themselves when they are not YUV 4:2:0.
	Reference string `json:"reference"`
	Distorted string `json:"distorted"`
	Frames    int    `json:"frames"`
	// Threads is 1: FFmpeg runs with -threads 1 on each input and one
	// filter thread, against one fr-metrics worker.
	Threads int `json:"threads"`
	// Decode is FFmpeg decoding both inputs without a filter (the
	// baseline subtracted from each filter's time), per frame pair.
	DecodeMsPerFrame    float64        `json:"decode_ms_per_frame"`
	DecodeCPUMsPerFrame float64        `json:"decode_cpu_ms_per_frame"`
	Filters             []FFmpegFilter `json:"filters"`
}

// FFmpegFilter is one FFmpeg filter against its fr-metrics counterpart.
type FFmpegFilter struct {
	Filter  string `json:"filter"`
	Command string `json:"command"`
	// TotalMsPerFrame is FFmpeg's whole run per frame pair (decode and
	// filter, process start-up included), wall clock and CPU.
	TotalMsPerFrame    float64 `json:"total_ms_per_frame"`
	TotalCPUMsPerFrame float64 `json:"total_cpu_ms_per_frame"`
	// FilterMsPerFrame is TotalMsPerFrame minus the decode baseline: the
	// filter's own cost.
	FilterMsPerFrame    float64 `json:"filter_ms_per_frame"`
	FilterCPUMsPerFrame float64 `json:"filter_cpu_ms_per_frame"`
	// Metric is the fr-metrics spec compared; OursMsPerFrame its time per
	// frame pair with one worker (metric only, frames in memory).
	Metric            string  `json:"metric"`
	OursMsPerFrame    float64 `json:"ours_ms_per_frame"`
	OursCPUMsPerFrame float64 `json:"ours_cpu_ms_per_frame"`
	// Ratio is FilterMsPerFrame / OursMsPerFrame (above 1: fr-metrics is
	// faster); RatioCPU the same with CPU times.
	Ratio    float64 `json:"ratio"`
	RatioCPU float64 `json:"ratio_cpu"`
}

// compareFFmpeg times FFmpeg's psnr and ssim filters on the held frame
// pairs and sets them against the single-worker times in res.
func compareFFmpeg(ctx context.Context, cfg *Config, res *Result, pairs []pair, frames, warmup, reps int) (*FFmpegResult, error) {
	ver, err := exec.CommandContext(ctx, cfg.FFmpeg, "-hide_banner", "-version").Output()
	if err != nil {
		return nil, fmt.Errorf("bench: %s -version: %w", cfg.FFmpeg, err)
	}
	line, _, _ := strings.Cut(string(ver), "\n")
	line, _, _ = strings.Cut(line, " Copyright")
	f := &FFmpegResult{Path: cfg.FFmpeg, Version: strings.TrimSpace(line), Threads: 1}
	ref, dist := cfg.Ref, cfg.Dist
	n := cfg.FFmpegFrames
	if n <= 0 {
		w, h := pairs[0].ref.Width(), pairs[0].ref.Height()
		n = max(frames, 50, int(ffmpegSamples/int64(w*h)))
	}
	// FFmpeg reads the held pairs from Y4M files, so that decoding costs it
	// little and both tools score the same pixels; inputs Y4M cannot hold
	// (other than YUV 4:2:0) are read from their own files.
	if p0 := pairs[0].ref; p0.Kind == frame.YUV && p0.ChromaShiftX == 1 && p0.ChromaShiftY == 1 {
		dir, err := os.MkdirTemp(cfg.TempDir, "fr-metrics-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		r, d := filepath.Join(dir, "ref.y4m"), filepath.Join(dir, "dist.y4m")
		logf(cfg.Log, "ffmpeg: writing the %d held frame pairs to %s", len(pairs), dir)
		refs, dists := make([]*frame.Picture, len(pairs)), make([]*frame.Picture, len(pairs))
		for i, p := range pairs {
			refs[i], dists[i] = p.ref, p.dist
		}
		if err := writeY4MFile(r, refs, len(pairs)); err != nil {
			return nil, err
		}
		if err := writeY4MFile(d, dists, len(pairs)); err != nil {
			return nil, err
		}
		ref, dist = pipeline.Input{Path: r}, pipeline.Input{Path: d}
		f.Reference, f.Distorted = "(held frames) ref.y4m", "(held frames) dist.y4m"
	} else {
		f.Reference, f.Distorted = ref.Path, dist.Path
	}
	f.Frames = n

	// FFmpeg's filters take the distorted ("main") input first.
	inputs := append(ffmpegInput(dist), ffmpegInput(ref)...)
	common := []string{"-nostdin", "-hide_banner", "-loglevel", "error"}
	tail := []string{"-frames:v", fmt.Sprint(n), "-f", "null", "-"}
	baseline := concat(common, inputs, []string{"-map", "0:v", "-map", "1:v"}, tail)
	logf(cfg.Log, "ffmpeg: decode baseline × %d runs", warmup+reps)
	bw, bc, err := timeCommand(ctx, cfg.FFmpeg, baseline, warmup, reps)
	if err != nil {
		return nil, err
	}
	f.DecodeMsPerFrame, f.DecodeCPUMsPerFrame = bw/float64(n), bc/float64(n)

	for _, ff := range FFmpegFilters {
		args := concat(common, inputs, []string{"-filter_complex_threads", "1", "-lavfi", "[0:v][1:v]" + ff.Filter}, tail)
		logf(cfg.Log, "ffmpeg: %s filter × %d runs", ff.Filter, warmup+reps)
		tw, tc, err := timeCommand(ctx, cfg.FFmpeg, args, warmup, reps)
		if err != nil {
			return nil, err
		}
		x := FFmpegFilter{Filter: ff.Filter, Command: "ffmpeg " + strings.Join(quoteArgs(args), " "), Metric: ff.Spec,
			TotalMsPerFrame: tw / float64(n), TotalCPUMsPerFrame: tc / float64(n)}
		x.FilterMsPerFrame = x.TotalMsPerFrame - f.DecodeMsPerFrame
		x.FilterCPUMsPerFrame = x.TotalCPUMsPerFrame - f.DecodeCPUMsPerFrame
		for _, m := range res.Metrics {
			if m.Metric == ff.Spec && m.SIMD == res.Settings.SIMD[len(res.Settings.SIMD)-1] {
				x.OursMsPerFrame, x.OursCPUMsPerFrame = m.MsPerFrame1, m.Threads[0].CPUMsPerFrame
			}
		}
		if x.OursMsPerFrame > 0 {
			x.Ratio = x.FilterMsPerFrame / x.OursMsPerFrame
		}
		if x.OursCPUMsPerFrame > 0 {
			x.RatioCPU = x.FilterCPUMsPerFrame / x.OursCPUMsPerFrame
		}
		f.Filters = append(f.Filters, x)
	}
	return f, nil
}

// ffmpegInput returns the ffmpeg arguments reading in with one decoder
// thread (raw video with its geometry), looped without end.
func ffmpegInput(in pipeline.Input) []string {
	a := []string{"-threads", "1", "-stream_loop", "-1"}
	o := in.Options
	if o.Width > 0 && o.Height > 0 {
		pf := o.PixFmt
		if pf == "" {
			pf = "yuv420p"
		}
		fps := o.FPS
		if fps <= 0 {
			fps = 25
		}
		a = append(a, "-f", "rawvideo", "-video_size", fmt.Sprintf("%dx%d", o.Width, o.Height),
			"-pixel_format", pf, "-framerate", fmt.Sprint(fps))
	} else if o.Format != "" {
		a = append(a, "-f", o.Format)
	}
	return append(a, "-i", in.Path)
}

// timeCommand runs name args warmup+reps times and returns the median
// wall and CPU (user + system of the child) times in milliseconds.
func timeCommand(ctx context.Context, name string, args []string, warmup, reps int) (wall, cpu float64, err error) {
	var ws, cs []float64
	for i := 0; i < warmup+reps; i++ {
		cmd := exec.CommandContext(ctx, name, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return 0, 0, fmt.Errorf("bench: ffmpeg %s: %w: %s", strings.Join(quoteArgs(args), " "), err, strings.TrimSpace(stderr.String()))
		}
		w := time.Since(start)
		if i >= warmup {
			ws = append(ws, float64(w.Nanoseconds())/1e6)
			st := cmd.ProcessState
			cs = append(cs, float64((st.UserTime()+st.SystemTime()).Nanoseconds())/1e6)
		}
	}
	return median(ws), median(cs), nil
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// quoteArgs quotes the arguments a shell would split or expand.
func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " []'\"$*?;&|<>()") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return out
}
