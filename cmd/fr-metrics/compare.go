package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/fr-metrics/fr-metrics/decode"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/pipeline"
	"github.com/fr-metrics/fr-metrics/report"
	"github.com/fr-metrics/fr-metrics/simd"
)

// defaultMetrics are the metrics compare runs without -m, those of them
// that are compiled in. Those that refuse the input's size are left out
// with a warning.
var defaultMetrics = []string{"psnr", "ssim", "ms_ssim"}

type compareFlags struct {
	ref, dist      string
	metricList     string
	output, format string
	pools          []string

	frames              int
	allowLengthMismatch bool
	skipRef, skipDist   int
	subsample           int
	scale               string
	color               string
	matrix              string

	size   string
	pixFmt string
	fps    float64

	threads int
	simd    string
	quiet   bool
}

func newCompareCmd() *cobra.Command {
	var f compareFlags
	c := &cobra.Command{
		Use:   "compare REF DIST",
		Short: "Score a distorted video (or image) against its reference",
		Long: `Decode a reference and a distorted input (any container and codec FFmpeg reads,
still images, Y4M, raw .yuv), pair their frames by index, score every pair with
the selected metrics, and report per-frame values and pooled video scores.

Without -o a summary table is printed; with -o the full report is written
(JSON in libvmaf's shape, JSON lines or CSV; "-o -" writes to stdout).`,
		Example: `  fr-metrics compare ref.y4m dist.mp4
  fr-metrics compare -r ref.mkv -d dist.webm -m psnr,ssim:downsample=false -o scores.json
  fr-metrics compare ref.yuv dist.yuv -s 1920x1080 --pix-fmt yuv420p10le --format csv -o -
  fr-metrics compare ref.mkv dist_720p.mp4 --scale=lanczos --pool median,p5`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 2 && f.ref == "" && f.dist == "":
				f.ref, f.dist = args[0], args[1]
			case len(args) == 0 && f.ref != "" && f.dist != "":
			default:
				return usageErrorf("compare needs a reference and a distorted input: compare REF DIST, or -r REF -d DIST")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd, &f)
		},
	}
	fl := c.Flags()
	fl.StringVarP(&f.ref, "reference", "r", "", "reference input (instead of the first argument)")
	fl.StringVarP(&f.dist, "distorted", "d", "", "distorted input (instead of the second argument)")
	fl.StringVarP(&f.metricList, "metrics", "m", "", "comma-separated metrics, each name[:key=value…], or a preset (testiqa, all); default: "+strings.Join(defaultMetrics, ",")+" (those compiled in)")
	fl.StringVarP(&f.output, "output", "o", "", `write the report to this file ("-" = stdout) instead of printing a summary`)
	fl.StringVar(&f.format, "format", "", "report format: json, jsonl or csv (default: from the -o extension, else json)")
	fl.StringSliceVar(&f.pools, "pool", nil, "extra pooling added to pooled_metrics: median, stddev, variance, pN (percentile, e.g. p5,p95)")
	fl.IntVar(&f.frames, "frames", 0, "compare only the first N frame pairs (after skipping)")
	fl.BoolVar(&f.allowLengthMismatch, "allow-length-mismatch", false, "stop at the shorter input (with a warning) instead of failing when frame counts differ")
	fl.IntVar(&f.skipRef, "skip-ref", 0, "drop the first N frames of the reference")
	fl.IntVar(&f.skipDist, "skip-dist", 0, "drop the first N frames of the distorted input")
	fl.IntVar(&f.subsample, "subsample", 1, "score every Nth frame pair")
	fl.StringVar(&f.scale, "scale", "", "scale distorted frames to the reference size: bicubic (--scale alone), bilinear, lanczos, spline, area, neighbor, …")
	fl.Lookup("scale").NoOptDefVal = "bicubic"
	fl.StringVar(&f.color, "color", "luma", "what metrics see of YUV video: luma (the Y plane as gray) or rgb (converted by the stream's matrix and range)")
	fl.StringVar(&f.matrix, "matrix", "", "with --color rgb: colour matrix of both inputs (bt709, bt470bg, smpte170m, bt2020nc, …) in place of what they declare")
	fl.StringVarP(&f.size, "size", "s", "", "raw video size WxH (for .yuv inputs; otherwise taken from a WxH in the file name)")
	fl.StringVar(&f.pixFmt, "pix-fmt", "", "raw video pixel format, FFmpeg name (default yuv420p, or one in the file name)")
	fl.Float64Var(&f.fps, "fps", 0, "raw video frame rate (default 25, or one in the file name)")
	fl.IntVar(&f.threads, "threads", 0, "frame pairs scored in parallel (0 = all cores)")
	fl.StringVar(&f.simd, "simd", "", "SIMD level of the kernels: generic, avx2 or avx512 (default: the best the CPU has)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress line")
	return c
}

func runCompare(ctx context.Context, stdout, stderr io.Writer, cmd *cobra.Command, f *compareFlags) error {
	// Everything the command line can get wrong is checked before any
	// file is opened.
	format := f.format
	if format == "" {
		switch strings.ToLower(filepath.Ext(f.output)) {
		case ".csv":
			format = "csv"
		case ".jsonl", ".ndjson":
			format = "jsonl"
		default:
			format = "json"
		}
	}
	switch format {
	case "json", "jsonl", "csv":
	default:
		return usageErrorf("--format %q: want json, jsonl or csv", f.format)
	}
	if format != "json" && f.output == "" {
		return usageErrorf("--format %s needs -o FILE (or -o - for stdout)", format)
	}
	for _, p := range f.pools {
		if err := metrics.CheckPool(p); err != nil {
			return usageErrorf("--pool: %v", err)
		}
	}
	for _, n := range []struct {
		name string
		v    int
	}{{"--frames", f.frames}, {"--skip-ref", f.skipRef}, {"--skip-dist", f.skipDist}, {"--threads", f.threads}} {
		if n.v < 0 {
			return usageErrorf("%s %d: must not be negative", n.name, n.v)
		}
	}
	if f.subsample < 1 {
		return usageErrorf("--subsample %d: must be at least 1", f.subsample)
	}
	_, color, err := parseColor(f.color, f.matrix)
	if err != nil {
		return err
	}
	restore, err := setSIMD(f.simd)
	if err != nil {
		return err
	}
	defer restore()
	list, ms, explicit, err := parseMetricList(f.metricList)
	if err != nil {
		return err
	}
	var w, h int
	if f.size != "" {
		if w, h, err = parseSize(f.size); err != nil {
			return usageErrorf("--size: %v", err)
		}
	}
	if f.fps < 0 {
		return usageErrorf("--fps %v: must be positive", f.fps)
	}

	var notes []string
	input := func(path string) pipeline.Input {
		opt := decode.Options{Width: w, Height: h, PixFmt: f.pixFmt, FPS: f.fps}
		if isRaw(path) {
			if note := guessRaw(path, &opt, f.size == "", f.pixFmt == "", f.fps == 0); note != "" {
				notes = append(notes, note)
			}
		}
		return pipeline.Input{Path: path, Options: opt}
	}
	pair := pipeline.Pair{Ref: input(f.ref), Dist: input(f.dist)}
	cfg := pipeline.Config{
		Metrics:             ms,
		Frames:              f.frames,
		AllowLengthMismatch: f.allowLengthMismatch,
		SkipRef:             f.skipRef,
		SkipDist:            f.skipDist,
		Subsample:           f.subsample,
		Scale:               f.scale,
		Color:               color,
		Matrix:              f.matrix,
		DropRefused:         !explicit,
		Threads:             f.threads,
	}
	prog := newProgress(stderr, f.quiet)
	cfg.Progress = prog.update
	res, err := pipeline.Run(ctx, pair, cfg)
	prog.done()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted (%v): nothing written", context.Cause(ctx))
		}
		return err
	}
	res.Warnings = append(notes, res.Warnings...)

	d := newDoc(res, specs(list), f.threads)
	if err := d.Pool(f.pools); err != nil {
		return usageErrorf("--pool: %v", err)
	}
	for _, w := range d.Warnings {
		fmt.Fprintln(stderr, "fr-metrics: warning:", w)
	}
	if f.output == "" {
		return report.WriteSummary(stdout, d)
	}
	return report.WriteFile(f.output, stdout, func(w io.Writer) error { return report.Write(w, d, format) })
}

// specs expands a -m list (presets included) into its metric specs, as
// they are recorded in the report.
func specs(list string) []string {
	var out []string
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if members, ok := presets[s]; ok {
			out = append(out, members...)
		} else if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w <= 0 || h <= 0 {
		return 0, 0, fmt.Errorf("%q is not WIDTHxHEIGHT", s)
	}
	return w, h, nil
}

func isRaw(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yuv", ".raw":
		return true
	}
	return false
}

var (
	nameSize   = regexp.MustCompile(`(?:^|[^0-9])([0-9]{2,5})x([0-9]{2,5})(?:[^0-9]|$)`)
	namePixFmt = regexp.MustCompile(`(?i)(?:^|[_.\-])((?:yuv|yuvj|gray|nv|p0)[0-9a-z]*)(?:[_.\-]|$)`)
	nameFPS    = regexp.MustCompile(`(?i)(?:^|[_.\-])([0-9]+(?:\.[0-9]+)?)fps(?:[_.\-]|$)`)
)

// guessRaw fills the raw geometry of opt that the command line did not
// give from the file name (e.g. clip_1920x1080_yuv420p10le_25fps.yuv), and
// defaults the pixel format to yuv420p. It returns a note saying what it
// took, or "" if nothing.
func guessRaw(path string, opt *decode.Options, size, pixFmt, fps bool) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var took []string
	if size {
		if m := nameSize.FindStringSubmatch(base); m != nil {
			opt.Width, _ = strconv.Atoi(m[1])
			opt.Height, _ = strconv.Atoi(m[2])
			took = append(took, m[1]+"x"+m[2])
		}
	}
	if pixFmt {
		if m := namePixFmt.FindStringSubmatch(base); m != nil {
			opt.PixFmt = strings.ToLower(m[1])
			took = append(took, opt.PixFmt)
		} else {
			opt.PixFmt = "yuv420p"
		}
	}
	if fps {
		if m := nameFPS.FindStringSubmatch(base); m != nil {
			opt.FPS, _ = strconv.ParseFloat(m[1], 64)
			took = append(took, m[1]+" fps")
		}
	}
	if len(took) == 0 {
		return ""
	}
	return fmt.Sprintf("raw input %s: %s taken from the file name", path, strings.Join(took, ", "))
}

// progress prints a progress line on a terminal's stderr once a run has
// taken more than a second.
type progress struct {
	w     io.Writer
	on    bool
	mu    sync.Mutex
	start time.Time
	last  time.Time
	shown bool
}

func newProgress(stderr io.Writer, quiet bool) *progress {
	p := &progress{w: stderr, start: time.Now()}
	if f, ok := stderr.(*os.File); ok && !quiet {
		p.on = term.IsTerminal(int(f.Fd()))
	}
	return p
}

func (p *progress) update(scored, total int) {
	if !p.on {
		return
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	fps := float64(scored) / now.Sub(p.start).Seconds()
	of := ""
	if total > 0 {
		of = fmt.Sprintf("/%d", total)
	}
	fmt.Fprintf(p.w, "\r\x1b[Kframe %d%s  %.1f fps", scored, of, fps)
	p.shown = true
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// newDoc turns a pipeline result into a report.
func newDoc(res *pipeline.Result, metricSpecs []string, threads int) *report.Doc {
	al := res.Alignment
	if threads == 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	d := &report.Doc{
		Version: version,
		Tool: report.Tool{Name: "fr-metrics", Version: version, Commit: commit(), GoVersion: runtime.Version(),
			SIMD: simd.Level().String(), Threads: threads},
		Inputs:  report.Inputs{Reference: inputOf(res.Ref, al.RefFrames), Distorted: inputOf(res.Dist, al.DistFrames)},
		Metrics: metricSpecs,
		Outputs: res.Outputs,
		Frames:  make([]report.Frame, len(res.Frames)),
		Alignment: report.Alignment{
			Pairing: al.Pairing, SkipRef: al.SkipRef, SkipDist: al.SkipDist, FrameLimit: al.Frames,
			Subsample: al.Subsample, PairedFrames: al.Paired, ScoredFrames: al.Scored, Truncated: al.Truncated,
			Scaled: al.Scaled, ScaleAlgo: al.ScaleAlgo, RefBitDepth: al.RefBitDepth, DistBitDepth: al.DistBitDepth,
			Peak: int(al.Peak), Color: al.Color, ColorMatrix: al.Matrix,
		},
		Warnings: res.Warnings,
	}
	switch {
	case al.AllowLengthMismatch:
		d.Alignment.LengthPolicy = "shortest"
	case al.Frames > 0:
		d.Alignment.LengthPolicy = "first_n"
	default:
		d.Alignment.LengthPolicy = "equal"
	}
	if al.Scaled {
		d.Alignment.ScaledFrom = fmt.Sprintf("%dx%d", al.ScaledFromW, al.ScaledFromH)
		d.Alignment.ScaledTo = fmt.Sprintf("%dx%d", res.Ref.Width, res.Ref.Height)
	}
	if al.RefBitDepth != al.DistBitDepth {
		if al.DistBitDepth < al.RefBitDepth {
			d.Alignment.BitDepthConversion = fmt.Sprintf("distorted multiplied by %d", 1<<(al.RefBitDepth-al.DistBitDepth))
		} else {
			d.Alignment.BitDepthConversion = fmt.Sprintf("distorted floor-divided by %d", 1<<(al.DistBitDepth-al.RefBitDepth))
		}
	}
	for i, fr := range res.Frames {
		d.Frames[i] = report.Frame{Num: fr.Num, Values: fr.Values}
	}
	if s := res.Elapsed.Seconds(); s > 0 {
		d.FPS = float64(al.Scored) / s
	}
	return d
}

func inputOf(info decode.Info, read int) report.Input {
	in := report.Input{
		Path: info.Path, Container: info.Container, Codec: info.Codec, Width: info.Width, Height: info.Height,
		PixFmt: info.PixFmt, BitDepth: info.BitDepth, ColorMatrix: info.ColorMatrix, ColorRange: info.ColorRange,
		Primaries: info.Primaries, Transfer: info.Transfer, FrameRate: info.FrameRate, Still: info.Still,
	}
	if info.Frames >= 0 {
		n := info.Frames
		in.FrameCount = &n
	}
	if read >= 0 {
		in.Frames = &read
	}
	return in
}
