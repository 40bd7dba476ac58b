package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/fr-metrics/fr-metrics/bench"
	"github.com/fr-metrics/fr-metrics/decode"
	"github.com/fr-metrics/fr-metrics/pipeline"
	"github.com/fr-metrics/fr-metrics/simd"
)

type benchFlags struct {
	ref, dist   string
	metricList  string
	size        string
	bits        int
	pixFmt      string
	fps         float64
	threadsList string
	frames      int
	held        int
	reps        int
	warmup      int
	minTime     time.Duration
	simd        string
	color       string
	compare     string
	endToEnd    bool
	format      string
	quiet       bool
	verbose     bool
}

func newBenchCmd() *cobra.Command {
	var f benchFlags
	c := &cobra.Command{
		Use:   "bench [REF DIST]",
		Short: "Measure metric throughput on this machine: per-frame time, fps per core count, SIMD levels, FFmpeg",
		Long: `Time each selected metric on frame pairs held in memory: the time per frame on
one core, frames per second at 1, 2, 4, … up to all cores, the speed-up and
scaling efficiency (fps(n) / (n·fps(1))), with warm-up runs, several timed
repetitions, their median and spread, and the process CPU time per frame.

Without inputs the content is generated (smooth gradients, texture and noise;
the distorted frame is blurred and noisier) at --size and --bits, so decoding
is excluded. With -r/-d (or REF DIST) the first frames are decoded once and
held in memory for the metric runs, and decoding is timed on its own.

--simd generic,avx2,avx512 (or all) times every metric at each level, to show
what the vector paths buy. --compare ffmpeg times FFmpeg's psnr and ssim
filters on the same pair with one thread and prints the ratio to the
one-worker time of psnr and ssim:downsample=false (FFmpeg's ssim is the
8x8-block approximation; fr-metrics computes the Gaussian-window SSIM).`,
		Example: `  fr-metrics bench -m ms_ssim --size 1920x1080
  fr-metrics bench -m all --threads-list 1,2,4,8 --format json > bench.json
  fr-metrics bench -r ref.y4m -d dist.mp4 -m psnr,ssim --compare ffmpeg
  fr-metrics bench -m ssim,ms_ssim --simd all --bits 10`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 2 && f.ref == "" && f.dist == "":
				f.ref, f.dist = args[0], args[1]
			case len(args) == 0 && (f.ref == "") == (f.dist == ""):
			default:
				return usageErrorf("bench takes a reference and a distorted input (bench REF DIST, or -r REF -d DIST) or none (generated content)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBench(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd, &f)
		},
	}
	fl := c.Flags()
	fl.StringVarP(&f.ref, "reference", "r", "", "reference input (default: generated content)")
	fl.StringVarP(&f.dist, "distorted", "d", "", "distorted input")
	fl.StringVarP(&f.metricList, "metrics", "m", "all", "comma-separated metrics, each name[:key=value…], or a preset (testiqa, all)")
	fl.StringVarP(&f.size, "size", "s", "1920x1080", "size WxH of the generated content; with -r/-d, the geometry of raw .yuv inputs")
	fl.IntVar(&f.bits, "bits", 8, "bit depth of the generated content: 8 or 10")
	fl.StringVar(&f.pixFmt, "pix-fmt", "", "raw video pixel format, FFmpeg name (default yuv420p, or one in the file name)")
	fl.Float64Var(&f.fps, "fps", 0, "raw video frame rate (default 25, or one in the file name)")
	fl.StringVar(&f.threadsList, "threads-list", "", "comma-separated worker counts to time (1 is always added; default 1,2,4,… up to all cores)")
	fl.IntVar(&f.frames, "frames", 0, "frame pairs scored per timed run, and decoded by the decode pass (default max(8, 4 × most threads))")
	fl.IntVar(&f.held, "held", 0, "distinct frame pairs kept in memory, cycled over by the runs (default min(frames, 8))")
	fl.IntVar(&f.reps, "reps", 5, "timed repetitions of each measurement")
	fl.IntVar(&f.warmup, "warmup", 1, "untimed warm-up runs before each measurement")
	fl.DurationVar(&f.minTime, "min-time", 250*time.Millisecond, "least duration of a run per worker: fast metrics score more frame pairs per run (0 = exactly --frames)")
	fl.StringVar(&f.simd, "simd", "", "SIMD levels to time: generic, avx2, avx512, a comma-separated list, or all (default: the best the CPU has)")
	fl.StringVar(&f.color, "color", "luma", "what metrics see of YUV content: luma (the Y plane as gray) or rgb")
	fl.StringVar(&f.compare, "compare", "", "also time another tool on the same pair: ffmpeg (its psnr and ssim filters, one thread)")
	fl.BoolVar(&f.endToEnd, "end-to-end", true, "with input files, also time decode and every metric together through the pipeline, at the most threads")
	fl.StringVar(&f.format, "format", "table", "output: table or json")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress lines on a terminal")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "progress lines on stderr even when it is not a terminal")
	return c
}

func runBench(ctx context.Context, stdout, stderr io.Writer, cmd *cobra.Command, f *benchFlags) error {
	switch f.format {
	case "table", "text", "json":
	default:
		return usageErrorf("--format %q: want table or json", f.format)
	}
	cfg := bench.Config{Frames: f.frames, Held: f.held, Reps: f.reps, Warmup: f.warmup, EndToEnd: f.endToEnd, MinRunTime: f.minTime}
	if f.minTime < 0 {
		return usageErrorf("--min-time %v: must not be negative", f.minTime)
	}
	if f.minTime == 0 {
		cfg.MinRunTime = -1 // no minimum
	}
	for _, n := range []struct {
		name string
		v    int
	}{{"--frames", f.frames}, {"--held", f.held}, {"--warmup", f.warmup}} {
		if n.v < 0 {
			return usageErrorf("%s %d: must not be negative", n.name, n.v)
		}
	}
	if f.reps < 1 {
		return usageErrorf("--reps %d: must be at least 1", f.reps)
	}
	if f.threadsList != "" {
		for _, s := range strings.Split(f.threadsList, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 1 {
				return usageErrorf("--threads-list: %q is not a positive count", s)
			}
			cfg.Threads = append(cfg.Threads, n)
		}
	}
	_, color, err := parseColor(f.color, "")
	if err != nil {
		return err
	}
	cfg.Color = color
	levels, err := parseLevels(f.simd)
	if err != nil {
		return err
	}
	cfg.Levels = levels

	reg := registry()
	list := specs(f.metricList)
	if f.compare != "" {
		if f.compare != "ffmpeg" {
			return usageErrorf("--compare %q: the one tool known is ffmpeg", f.compare)
		}
		for _, ff := range bench.FFmpegFilters {
			if !contains(list, ff.Spec) {
				list = append(list, ff.Spec)
			}
		}
	}
	if len(list) == 0 {
		return usageErrorf("-m: no metric selected")
	}
	seen := map[string]bool{}
	for _, s := range list {
		if seen[s] {
			continue
		}
		seen[s] = true
		m, err := reg.Parse(s)
		if err != nil {
			return usageErrorf("-m: %v", err)
		}
		cfg.Metrics = append(cfg.Metrics, bench.Metric{Spec: s, Metric: m})
	}

	w, h, err := parseSize(f.size)
	if err != nil {
		return usageErrorf("--size: %v", err)
	}
	if f.fps < 0 {
		return usageErrorf("--fps %v: must be positive", f.fps)
	}
	var notes []string
	if f.ref != "" {
		if cmd.Flags().Changed("bits") {
			return usageErrorf("--bits is for generated content; the inputs' bit depth is what they store")
		}
		sizeGiven := cmd.Flags().Changed("size")
		input := func(path string) pipeline.Input {
			opt := decode.Options{PixFmt: f.pixFmt, FPS: f.fps}
			if sizeGiven {
				opt.Width, opt.Height = w, h
			}
			if isRaw(path) {
				if note := guessRaw(path, &opt, !sizeGiven, f.pixFmt == "", f.fps == 0); note != "" {
					notes = append(notes, note)
				}
			}
			return pipeline.Input{Path: path, Options: opt}
		}
		cfg.Ref, cfg.Dist = input(f.ref), input(f.dist)
	} else {
		if f.bits != 8 && f.bits != 10 {
			return usageErrorf("--bits %d: want 8 or 10", f.bits)
		}
		if f.pixFmt != "" || f.fps != 0 {
			return usageErrorf("--pix-fmt and --fps describe raw input files; generated content is yuv420p at --bits")
		}
		cfg.Width, cfg.Height, cfg.Bits = w, h, f.bits
	}
	if f.compare == "ffmpeg" {
		path, err := exec.LookPath("ffmpeg")
		if err != nil {
			notes = append(notes, "--compare ffmpeg: ffmpeg is not on PATH, FFmpeg was not timed")
		} else {
			cfg.FFmpeg = path
		}
	}
	if f.verbose {
		cfg.Log = stderr
	} else if !f.quiet {
		if fd, ok := stderr.(*os.File); ok && term.IsTerminal(int(fd.Fd())) {
			cfg.Log = stderr
		}
	}

	res, err := bench.Run(ctx, cfg)
	if err != nil {
		return err
	}
	res.Notes = append(notes, res.Notes...)
	if f.format == "json" {
		return res.WriteJSON(stdout)
	}
	return res.WriteTable(stdout)
}

// parseLevels parses --simd: "", one level, a comma-separated list, or
// "all" (every level this CPU and build support).
func parseLevels(s string) ([]simd.Impl, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if s == "all" {
		var ls []simd.Impl
		for l := simd.Generic; l <= simd.Best(); l++ {
			ls = append(ls, l)
		}
		return ls, nil
	}
	var ls []simd.Impl
	for _, p := range strings.Split(s, ",") {
		l, err := parseLevel(strings.TrimSpace(p))
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
	}
	return ls, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
