package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/fr-metrics/fr-metrics/decode"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/pipeline"
	"github.com/fr-metrics/fr-metrics/report"
	"github.com/fr-metrics/fr-metrics/simd"
)

type batchFlags struct {
	metricList string
	output     string
	pools      []string
	perFrame   string
	shard      string

	frames              int
	allowLengthMismatch bool
	subsample           int
	scale               string
	color               string
	matrix              string

	threads  int
	pairs    int
	simd     string
	quiet    bool
	interval time.Duration
}

func newBatchCmd() *cobra.Command {
	var f batchFlags
	c := &cobra.Command{
		Use:   "batch MANIFEST.csv -o FEATURES.csv",
		Short: "Score every pair of a manifest into one features file; resumable and shardable",
		Long: `Score every (reference, distorted) pair listed in a manifest CSV and write one
row per pair: the manifest's columns, each metric output pooled over the video
(mean by default, --pool for others), the number of frames scored, the status
(ok or failed), the error of a failed pair, and warnings.

The manifest needs ref and dist columns (paths relative to the manifest) and may
have id (default: the dist path), width, height, pix_fmt and fps (for raw .yuv
inputs), and any other columns, which are carried through.

Nothing is lost: each finished pair's row is written and synced to disk before
the pair counts as done. Run the same command again after an interruption (even
SIGKILL) and it skips the finished pairs and retries the failed ones; the final
file, rows in manifest order, is the same as an uninterrupted run's. Settings
are kept in FEATURES.csv.batch.json, and a command with other settings refuses
to resume.

All pairs share one worker budget (--threads); several pairs are in flight at
once (--pairs). --shard K/N takes rows K, K+N, K+2N, … (1-based) of the manifest,
for a Slurm job array or a Kubernetes indexed Job; fr-metrics merge joins the
shards' files.

Exit status: 0 when every pair was scored, 4 when some failed (their rows say
why), 1 when the batch could not run, 2 for a wrong command line.`,
		Example: `  fr-metrics batch manifest.csv -m ms_ssim -o features.csv
  fr-metrics batch manifest.csv -m testiqa --color rgb --threads 16 -o features.csv
  fr-metrics batch manifest.csv -m psnr,ssim --pool mean,p5 --per-frame frames/ -o features.csv
  fr-metrics batch manifest.csv -m ms_ssim --shard 3/8 -o features.3.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("batch needs one manifest: batch MANIFEST.csv -m METRICS -o FEATURES.csv")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBatch(cmd.Context(), cmd.ErrOrStderr(), args[0], &f)
		},
	}
	fl := c.Flags()
	fl.StringVarP(&f.metricList, "metrics", "m", "", "comma-separated metrics, each name[:key=value…], or a preset (testiqa, all); default: "+strings.Join(defaultMetrics, ","))
	fl.StringVarP(&f.output, "output", "o", "", "features file to write (CSV, one row per pair); required")
	fl.StringSliceVar(&f.pools, "pool", []string{"mean"}, "pooling of each output over a video, one column each: mean, harmonic_mean, min, max, median, stddev, variance, pN")
	fl.StringVar(&f.perFrame, "per-frame", "", "also write each pair's per-frame scores as DIR/<id>.csv")
	fl.StringVar(&f.shard, "shard", "", "score only part K of N of the manifest (rows K, K+N, …), e.g. 2/8")
	fl.IntVar(&f.frames, "frames", 0, "compare only the first N frame pairs of each pair")
	fl.BoolVar(&f.allowLengthMismatch, "allow-length-mismatch", false, "stop at the shorter input (with a warning) instead of failing the pair when frame counts differ")
	fl.IntVar(&f.subsample, "subsample", 1, "score every Nth frame pair")
	fl.StringVar(&f.scale, "scale", "", "scale distorted frames to the reference size: bicubic (--scale alone), lanczos, …")
	fl.Lookup("scale").NoOptDefVal = "bicubic"
	fl.StringVar(&f.color, "color", "luma", "what metrics see of YUV video: luma (the Y plane as gray) or rgb")
	fl.StringVar(&f.matrix, "matrix", "", "with --color rgb: colour matrix of every input in place of what it declares")
	fl.IntVar(&f.threads, "threads", 0, "frame pairs scored at once over the whole batch (0 = all cores)")
	fl.IntVar(&f.pairs, "pairs", 0, "pairs in flight at once (0 = threads+1, at most 16)")
	fl.StringVar(&f.simd, "simd", "", "SIMD level of the kernels: generic, avx2 or avx512 (default: the best the CPU has)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress output (failed pairs are still reported)")
	fl.DurationVar(&f.interval, "progress-interval", 10*time.Second, "interval of the progress lines when stderr is not a terminal")
	return c
}

// batchSettings are what decide the values of a features file; a resumed
// run must have the same.
type batchSettings struct {
	Version             string   `json:"version"`
	Metrics             []string `json:"metrics"`
	Color               string   `json:"color"`
	Matrix              string   `json:"matrix,omitempty"`
	Pools               []string `json:"pools"`
	Shard               string   `json:"shard,omitempty"`
	Frames              int      `json:"frames,omitempty"`
	AllowLengthMismatch bool     `json:"allow_length_mismatch,omitempty"`
	Subsample           int      `json:"subsample,omitempty"`
	Scale               string   `json:"scale,omitempty"`
	SIMD                string   `json:"simd"`
}

func runBatch(ctx context.Context, stderr io.Writer, manifestPath string, f *batchFlags) error {
	if f.output == "" || f.output == "-" {
		return usageErrorf("batch needs -o FEATURES.csv (a file: rows are synced to it as pairs finish)")
	}
	for _, p := range f.pools {
		if err := metrics.CheckPool(p); err != nil {
			return usageErrorf("--pool: %v", err)
		}
	}
	if f.frames < 0 || f.threads < 0 || f.pairs < 0 {
		return usageErrorf("--frames, --threads and --pairs must not be negative")
	}
	if f.subsample < 1 {
		return usageErrorf("--subsample %d: must be at least 1", f.subsample)
	}
	var color pipeline.Color
	var err error
	if f.color, color, err = parseColor(f.color, f.matrix); err != nil {
		return err
	}
	var shard pipeline.Shard
	if f.shard != "" {
		if shard, err = pipeline.ParseShard(f.shard); err != nil {
			return usageErrorf("--shard: %v", err)
		}
	}
	restore, err := setSIMD(f.simd)
	if err != nil {
		return err
	}
	defer restore()
	list, ms, _, err := parseMetricList(f.metricList)
	if err != nil {
		return err
	}

	man, err := pipeline.ReadManifest(manifestPath)
	if err != nil {
		return err
	}
	table, err := pipeline.NewFeatureTable(man.Columns, ms, color, f.pools)
	if err != nil {
		return err
	}
	if len(man.Rows) == 0 {
		return fmt.Errorf("%s: no pairs to score", manifestPath)
	}
	// A shard may be empty (more shards than rows): it writes a file with
	// the header only, which merge accepts.
	rows := man.ShardRows(shard)
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	if f.perFrame != "" {
		if err := checkPerFrameNames(ids); err != nil {
			return err
		}
		if err := os.MkdirAll(f.perFrame, 0o755); err != nil {
			return err
		}
	}
	settings, _ := json.MarshalIndent(batchSettings{
		Version: version, Metrics: specs(list), Color: f.color, Matrix: f.matrix, Pools: f.pools,
		Shard: shard.String(), Frames: f.frames, AllowLengthMismatch: f.allowLengthMismatch,
		Subsample: f.subsample, Scale: f.scale, SIMD: simd.Level().String(),
	}, "", "  ")
	out, err := pipeline.OpenBatchOutput(f.output, table, ids, settings)
	if err != nil {
		return err
	}
	defer out.Close()

	var jobs []pipeline.BatchJob
	byIndex := map[int]pipeline.ManifestRow{}
	notes := map[int][]string{} // job index → raw-geometry notes
	for _, r := range rows {
		if out.Done(r.ID) {
			continue
		}
		byIndex[r.Index] = r
		var note []string
		input := func(path string) pipeline.Input {
			opt := decode.Options{}
			if isRaw(path) {
				opt.Width, opt.Height, opt.PixFmt, opt.FPS = r.Raw.Width, r.Raw.Height, r.Raw.PixFmt, r.Raw.FPS
				if n := guessRaw(path, &opt, opt.Width == 0, opt.PixFmt == "", opt.FPS == 0); n != "" {
					note = append(note, n)
				}
			}
			return pipeline.Input{Path: path, Options: opt}
		}
		jobs = append(jobs, pipeline.BatchJob{Index: r.Index, ID: r.ID, Pair: pipeline.Pair{Ref: input(r.Ref), Dist: input(r.Dist)}})
		if len(note) > 0 {
			notes[r.Index] = note
		}
	}
	skipped := len(rows) - len(jobs)

	prog := newBatchProgress(stderr, f.quiet, f.interval, len(rows), skipped)
	defer prog.stop()
	cfg := pipeline.BatchConfig{
		Config: pipeline.Config{
			Metrics: ms, Frames: f.frames, AllowLengthMismatch: f.allowLengthMismatch, Subsample: f.subsample,
			Scale: f.scale, Color: color, Matrix: f.matrix, Threads: f.threads,
		},
		Pairs:   f.pairs,
		OnFrame: prog.frame,
	}
	var failed int
	err = pipeline.RunBatch(ctx, jobs, cfg, func(br pipeline.BatchResult) error {
		r := byIndex[br.Job.Index]
		if br.Err == nil {
			if n := notes[br.Job.Index]; len(n) > 0 {
				br.Result.Warnings = append(n, br.Result.Warnings...)
			}
			if f.perFrame != "" {
				if err := writePerFrame(f.perFrame, r.ID, br.Result); err != nil {
					return err
				}
			}
		}
		rec, err := table.Row(r, br.Result, br.Err)
		if err != nil {
			return err
		}
		if err := out.Append(rec); err != nil {
			return err
		}
		if br.Err != nil {
			failed++
			prog.println(fmt.Sprintf("fr-metrics: pair %s failed: %v", r.ID, br.Err))
		}
		scored := 0
		if br.Err == nil {
			scored = br.Result.Alignment.Scored
		}
		prog.pair(br.Err == nil, scored)
		return nil
	})
	prog.stop()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %s holds the %d pairs finished so far; run the same command again to resume", f.output, len(rows)-len(out.Missing(ids)))
		}
		return err
	}
	if err := out.Finish(ids); err != nil {
		return err
	}
	prog.summary(f.output)
	if failed > 0 {
		return withCode(exitPartial, fmt.Errorf("%d of %d pairs failed (status failed in %s); run the same command again to retry them", failed, len(rows), f.output))
	}
	return nil
}

// perFrameName returns the file name of a pair's per-frame scores.
func perFrameName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return strings.TrimLeft(b.String(), ".") + ".csv"
}

func checkPerFrameNames(ids []string) error {
	seen := map[string]string{}
	for _, id := range ids {
		n := perFrameName(id)
		if prev, dup := seen[n]; dup {
			return fmt.Errorf("--per-frame: pairs %q and %q would both be written to %s: give the manifest an id column", prev, id, n)
		}
		seen[n] = id
	}
	return nil
}

func writePerFrame(dir, id string, res *pipeline.Result) error {
	d := &report.Doc{Outputs: res.Outputs, Frames: make([]report.Frame, len(res.Frames))}
	for i, fr := range res.Frames {
		d.Frames[i] = report.Frame{Num: fr.Num, Values: fr.Values}
	}
	path := filepath.Join(dir, perFrameName(id))
	return report.WriteFile(path, nil, func(w io.Writer) error { return report.WriteCSV(w, d) })
}

// batchProgress shows how a batch advances: a progress bar on a
// terminal, a plain line every interval otherwise, nothing when quiet.
type batchProgress struct {
	w        io.Writer
	quiet    bool
	bar      *progressbar.ProgressBar
	start    time.Time
	total    int // pairs of the batch (skipped ones included)
	skipped  int
	frames   atomic.Int64
	mu       sync.Mutex
	done     int // pairs finished by this run
	failed   int
	scored   int // frames of the pairs scored
	tick     *time.Ticker
	quit     chan struct{}
	stopOnce sync.Once
}

func newBatchProgress(w io.Writer, quiet bool, interval time.Duration, total, skipped int) *batchProgress {
	p := &batchProgress{w: w, quiet: quiet, start: time.Now(), total: total, skipped: skipped, quit: make(chan struct{})}
	if quiet {
		return p
	}
	if skipped > 0 {
		fmt.Fprintf(w, "fr-metrics: resuming: %d of %d pairs already done\n", skipped, total)
	}
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	if tty {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("pairs"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
		)
		p.bar.Set(skipped)
		interval = 500 * time.Millisecond
	}
	if interval > 0 {
		p.tick = time.NewTicker(interval)
		go p.loop()
	}
	return p
}

func (p *batchProgress) loop() {
	for {
		select {
		case <-p.tick.C:
			p.mu.Lock()
			if p.bar != nil {
				p.bar.Describe(p.frameText())
			} else {
				fmt.Fprintf(p.w, "fr-metrics: %s\n", p.line())
			}
			p.mu.Unlock()
		case <-p.quit:
			return
		}
	}
}

// frameText returns "N frames, X fps".
func (p *batchProgress) frameText() string {
	n := p.frames.Load()
	s := time.Since(p.start).Seconds()
	return fmt.Sprintf("%d frames, %.1f fps", n, float64(n)/max(s, 1e-9))
}

// line returns a plain progress line; p.mu is held.
func (p *batchProgress) line() string {
	doneAll := p.skipped + p.done
	el := time.Since(p.start)
	eta := "?"
	if p.done > 0 {
		left := time.Duration(float64(el) / float64(p.done) * float64(p.total-doneAll))
		eta = left.Round(time.Second).String()
	}
	return fmt.Sprintf("%d/%d pairs (%d failed), %s, elapsed %s, ETA %s",
		doneAll, p.total, p.failed, p.frameText(), el.Round(time.Second), eta)
}

func (p *batchProgress) frame() { p.frames.Add(1) }

// pair counts a finished pair and the frames it scored.
func (p *batchProgress) pair(ok bool, frames int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.scored += frames
	if !ok {
		p.failed++
	}
	if p.bar != nil {
		p.bar.Describe(p.frameText())
		p.bar.Add(1)
	}
}

// println writes a message line, clearing the bar first.
func (p *batchProgress) println(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Clear()
	}
	fmt.Fprintln(p.w, msg)
}

func (p *batchProgress) stop() {
	p.stopOnce.Do(func() {
		if p.tick != nil {
			p.tick.Stop()
			close(p.quit)
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.bar != nil {
			p.bar.Finish()
		}
	})
}

// summary writes the closing line.
func (p *batchProgress) summary(output string) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	el := time.Since(p.start)
	fmt.Fprintf(p.w, "fr-metrics: %d pairs scored, %d failed, %d already done; %d frames in %s (%.2f pairs/s, %.1f fps); wrote %s\n",
		p.done-p.failed, p.failed, p.skipped, p.scored, el.Round(time.Millisecond),
		float64(p.done)/max(el.Seconds(), 1e-9), float64(p.scored)/max(el.Seconds(), 1e-9), output)
}
