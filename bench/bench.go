package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fr-metrics/fr-metrics/decode"
	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/pipeline"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Metric is one metric to time, with the spec it was configured from
// ("ssim:downsample=false"), which names it in the results.
type Metric struct {
	Spec   string
	Metric metrics.Metric
}

// Config says what to time and how.
type Config struct {
	// Metrics are timed one at a time, in this order.
	Metrics []Metric

	// Ref and Dist are the inputs to time on. With an empty Ref.Path the
	// content is generated (see Synth) at Width×Height and Bits.
	Ref, Dist     pipeline.Input
	Width, Height int
	Bits          int

	// Frames is the number of frame pairs each timed run scores (and the
	// decode pass decodes); 0 means max(8, 4 × the largest thread count).
	Frames int
	// Held is the number of distinct frame pairs kept in memory, which the
	// runs cycle over; 0 means min(Frames, 8). A file shorter than that
	// holds all its frames.
	Held int
	// Threads are the worker counts to time; 1 is always added, since
	// speed-up and efficiency are relative to it. Empty means 1, 2, 4, …
	// up to runtime.NumCPU() (and NumCPU itself).
	Threads []int
	// MinRunTime is the least time a run should last on one worker; runs
	// of metrics faster than that score more than Frames pairs (n times
	// as many with n workers). 0 means 250 ms; negative means no minimum.
	MinRunTime time.Duration
	// Warmup runs at each thread count are discarded; Reps runs are
	// timed. Reps < 1 means 5; Warmup < 0 means 0.
	Warmup, Reps int

	// Levels are the SIMD levels to time each metric at, slowest first;
	// empty means the current simd.Level(). Levels above simd.Best() are
	// an error.
	Levels []simd.Impl
	// Color selects what the metrics see of YUV content, as in the
	// pipeline: the Y plane (pipeline.Luma) or RGB.
	Color pipeline.Color

	// EndToEnd, with input files, also times the whole pipeline
	// (decode and every metric together) at the largest thread count and
	// the highest of Levels.
	EndToEnd bool
	// FFmpeg, if not empty, is the ffmpeg executable to time FFmpeg's
	// psnr and ssim filters with, one thread, on the same pair. It needs
	// Metrics to contain the specs of FFmpegMetrics.
	FFmpeg string
	// FFmpegFrames is the number of frame pairs each FFmpeg run reads
	// (its inputs looped as needed); 0 means max(Frames, 50, 2.5e8 / the
	// samples of a frame), enough for the process start-up to matter
	// little.
	FFmpegFrames int
	// TempDir is where generated content is written for FFmpeg ("" means
	// os.TempDir()).
	TempDir string

	// Log, if not nil, receives one line per measurement as it starts.
	Log io.Writer
}

// Result is everything one bench run measured.
type Result struct {
	Machine  Machine         `json:"machine"`
	Input    InputInfo       `json:"input"`
	Settings Settings        `json:"settings"`
	Decode   *DecodeResult   `json:"decode"`
	Metrics  []MetricResult  `json:"metrics"`
	EndToEnd *EndToEndResult `json:"end_to_end,omitempty"`
	FFmpeg   *FFmpegResult   `json:"ffmpeg,omitempty"`
	Notes    []string        `json:"notes,omitempty"`
}

// Machine describes where the run happened.
type Machine struct {
	GoVersion  string `json:"go_version"`
	OS         string `json:"os"`
	Arch       string `json:"arch"`
	CPUs       int    `json:"cpus"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	CPUModel   string `json:"cpu_model,omitempty"`
	// SIMDBest is the fastest level of this CPU and build.
	SIMDBest string `json:"simd_best"`
	// LoadBefore and LoadAfter are the 1, 5 and 15 minute load averages
	// before and after the run, where the system reports them.
	LoadBefore []float64 `json:"load_before,omitempty"`
	LoadAfter  []float64 `json:"load_after,omitempty"`
}

// InputInfo describes the content timed.
type InputInfo struct {
	Generated bool   `json:"generated"`
	Reference string `json:"reference,omitempty"`
	Distorted string `json:"distorted,omitempty"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	BitDepth  int    `json:"bit_depth"`
	PixFmt    string `json:"pix_fmt"`
	// Seen is what the metrics see: "luma" or "rgb".
	Seen string `json:"seen"`
}

// Settings are the run's parameters after defaults.
type Settings struct {
	// FramesPerRun is Config.Frames after defaults: the least number of
	// frame pairs a run scores, and the number the decode pass decodes.
	FramesPerRun int   `json:"frames_per_run"`
	HeldFrames   int   `json:"held_frames"`
	Threads      []int `json:"threads"`
	Warmup       int   `json:"warmup"`
	Reps         int   `json:"reps"`
	// MinRunMs is Config.MinRunTime in milliseconds (0: none).
	MinRunMs float64  `json:"min_run_ms"`
	SIMD     []string `json:"simd"`
}

// Stats summarises the repetitions of one measurement.
type Stats struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	// SpreadPct is (Max − Min) / Median in percent.
	SpreadPct float64   `json:"spread_pct"`
	Samples   []float64 `json:"samples"`
}

// ThreadResult is one metric timed at one worker count.
type ThreadResult struct {
	Threads int `json:"threads"`
	// Frames is the number of frame pairs each run scored.
	Frames int `json:"frames"`
	// FPS is frame pairs scored per second (wall clock).
	FPS Stats `json:"fps"`
	// MsPerFrame is 1000 / FPS.Median.
	MsPerFrame float64 `json:"ms_per_frame"`
	// CPUMsPerFrame is the process CPU time (user + system) per frame
	// pair, median over the runs; 0 where the system does not report it.
	CPUMsPerFrame float64 `json:"cpu_ms_per_frame"`
	// Speedup is FPS(n) / FPS(1); Efficiency is Speedup / n.
	Speedup    float64 `json:"speedup"`
	Efficiency float64 `json:"efficiency"`
	// CPUSpeedup is n · CPUMsPerFrame(1) / CPUMsPerFrame(n): the speed-up
	// n workers would give if each had a core to itself. It counts what
	// slows workers down when they run together (memory bandwidth, shared
	// caches) but not the time they wait for a core another process holds,
	// so on a busy machine it estimates the scaling an idle one would
	// show. 0 where CPU time is not measured.
	CPUSpeedup float64 `json:"cpu_speedup"`
}

// MetricResult is one metric timed at one SIMD level.
type MetricResult struct {
	Metric  string   `json:"metric"`
	Outputs []string `json:"outputs"`
	SIMD    string   `json:"simd"`
	// FramesPerWorker is the number of frame pairs per worker in a run:
	// Config.Frames, or more so that a run lasts Config.MinRunTime.
	FramesPerWorker int `json:"frames_per_worker"`
	// MsPerFrame1 is the time per frame pair on one core (one worker).
	MsPerFrame1 float64        `json:"ms_per_frame_1_thread"`
	Threads     []ThreadResult `json:"threads"`
}

// DecodeResult is the cost of decoding both inputs, measured alone.
type DecodeResult struct {
	// Frames is the number of frame pairs decoded per run.
	Frames int `json:"frames"`
	// FPS is frame pairs decoded per second, reference and distorted
	// decoding at once on two goroutines (as the pipeline does) with
	// libav's default decoder threading.
	FPS           Stats   `json:"fps"`
	MsPerFrame    float64 `json:"ms_per_frame"`
	CPUMsPerFrame float64 `json:"cpu_ms_per_frame"`
}

// EndToEndResult times the pipeline as compare runs it: opening the
// inputs, decoding, pairing and every selected metric together.
type EndToEndResult struct {
	Threads    int      `json:"threads"`
	SIMD       string   `json:"simd"`
	Metrics    []string `json:"metrics"`
	Frames     int      `json:"frames"`
	FPS        Stats    `json:"fps"`
	MsPerFrame float64  `json:"ms_per_frame"`
}

// pair is one frame pair held in memory.
type pair struct{ ref, dist *frame.Picture }

// Run measures what cfg asks for. It restores the SIMD level it found.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if len(cfg.Metrics) == 0 {
		return nil, errors.New("bench: no metric selected")
	}
	res := &Result{Machine: machine()}
	res.Machine.LoadBefore = loadAverage()

	threads := threadList(cfg.Threads)
	frames := cfg.Frames
	if frames <= 0 {
		frames = max(8, 4*threads[len(threads)-1])
	}
	held := cfg.Held
	if held <= 0 {
		held = min(frames, 8)
	}
	held = min(held, frames)
	reps := cfg.Reps
	if reps < 1 {
		reps = 5
	}
	warmup := max(cfg.Warmup, 0)
	levels := cfg.Levels
	if len(levels) == 0 {
		levels = []simd.Impl{simd.Level()}
	}
	levels = slices.Clone(levels)
	slices.Sort(levels)
	levels = slices.Compact(levels)
	for _, l := range levels {
		if l > simd.Best() {
			return nil, fmt.Errorf("bench: SIMD level %s: this CPU or build supports at most %s", l, simd.Best())
		}
	}
	res.Settings = Settings{FramesPerRun: frames, Threads: threads, Warmup: warmup, Reps: reps,
		MinRunMs: float64(max(cfg.minRunTime(), 0).Microseconds()) / 1000}
	for _, l := range levels {
		res.Settings.SIMD = append(res.Settings.SIMD, l.String())
	}

	// The frame pairs the metrics are timed on.
	var pairs []pair
	files := cfg.Ref.Path != ""
	if files {
		var info decode.Info
		var err error
		pairs, info, err = loadPairs(ctx, cfg.Ref, cfg.Dist, held)
		if err != nil {
			return nil, err
		}
		res.Input = InputInfo{Reference: cfg.Ref.Path, Distorted: cfg.Dist.Path,
			Width: info.Width, Height: info.Height, BitDepth: info.BitDepth, PixFmt: info.PixFmt}
	} else {
		var err error
		if pairs, err = synthPairs(cfg.Width, cfg.Height, cfg.Bits, held); err != nil {
			return nil, err
		}
		res.Input = InputInfo{Generated: true, Width: cfg.Width, Height: cfg.Height, BitDepth: cfg.Bits, PixFmt: pairs[0].ref.PixFmt}
	}
	res.Settings.HeldFrames = len(pairs)
	res.Input.Seen = seen(pairs[0].ref, cfg.Color)

	// Decode cost, alone.
	if files {
		logf(cfg.Log, "decode: %d frame pairs × %d runs", frames, warmup+reps)
		d, err := timeDecode(ctx, cfg.Ref, cfg.Dist, frames, warmup, reps)
		if err != nil {
			return nil, err
		}
		res.Decode = d
	}

	// Metric cost, on the pairs held in memory.
	for _, m := range cfg.Metrics {
		for _, l := range levels {
			mr, err := timeMetric(ctx, &cfg, m, l, pairs, threads, frames, warmup, reps)
			if err != nil {
				return nil, err
			}
			res.Metrics = append(res.Metrics, *mr)
		}
	}

	if files && cfg.EndToEnd {
		e, err := timeEndToEnd(ctx, &cfg, levels[len(levels)-1], threads[len(threads)-1], frames, warmup, reps)
		if err != nil {
			return nil, err
		}
		res.EndToEnd = e
	}

	if cfg.FFmpeg != "" {
		f, err := compareFFmpeg(ctx, &cfg, res, pairs, frames, warmup, reps)
		if err != nil {
			return nil, err
		}
		res.FFmpeg = f
	}
	res.Machine.LoadAfter = loadAverage()
	if la := res.Machine.LoadBefore; len(la) > 0 && la[0] > 0.25*float64(res.Machine.CPUs) {
		res.Notes = append(res.Notes, fmt.Sprintf("the machine was not idle: load average %.2f on %d CPUs before the run; wall-clock speed-ups understate the scaling; CPU time per frame and the CPU speed-up are the steadier numbers", la[0], res.Machine.CPUs))
	}
	return res, nil
}

func (c *Config) minRunTime() time.Duration {
	if c.MinRunTime == 0 {
		return 250 * time.Millisecond
	}
	return c.MinRunTime
}

// threadList returns the worker counts to time: list (sorted, unique,
// with 1 added) or the default 1, 2, 4, … NumCPU.
func threadList(list []int) []int {
	var out []int
	if len(list) == 0 {
		n := runtime.NumCPU()
		for t := 1; t < n; t *= 2 {
			out = append(out, t)
		}
		out = append(out, n)
	} else {
		out = append(out, 1)
		for _, t := range list {
			if t >= 1 {
				out = append(out, t)
			}
		}
	}
	sort.Ints(out)
	return slices.Compact(out)
}

func seen(p *frame.Picture, c pipeline.Color) string {
	if p.Kind == frame.YUV && c == pipeline.RGB {
		return "rgb"
	}
	if p.Kind == frame.YUV {
		return "luma"
	}
	return "picture"
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, "bench: "+format+"\n", args...)
	}
}

// worker is one worker's persistent scratch for one metric: its
// workspace, its scorer and the pictures it builds for the metric.
type worker struct {
	ws     *metrics.Workspace
	sc     metrics.Scorer
	out    []float64
	rgb    bool
	peak   float64
	lr, ld frame.Picture
	rr, rd *frame.Picture
}

func newWorker(m metrics.Metric, shape metrics.Shape, rgb bool) (*worker, error) {
	sc, err := m.NewScorer(shape)
	if err != nil {
		return nil, err
	}
	return &worker{ws: metrics.NewWorkspace(), sc: sc, out: make([]float64, len(m.Outputs(shape))), rgb: rgb, peak: shape.Peak}, nil
}

// score builds the pictures the metric sees, as the pipeline does, and
// scores them.
func (w *worker) score(p pair) error {
	r, d := p.ref, p.dist
	switch {
	case w.rgb:
		if w.rr == nil {
			w.rr, w.rd = frame.NewRGBLike(r), frame.NewRGBLike(d)
		}
		if err := frame.ToRGB(w.rr, r); err != nil {
			return err
		}
		if err := frame.ToRGB(w.rd, d); err != nil {
			return err
		}
		w.ws.Set(w.rr, w.rd, r, d, w.peak)
	case r.Kind == frame.YUV:
		w.lr, w.ld = r.Luma(), d.Luma()
		w.ws.Set(&w.lr, &w.ld, r, d, w.peak)
	default:
		w.ws.Set(r, d, r, d, w.peak)
	}
	return w.sc.Score(w.ws, w.out)
}

// shapeOf returns the shape the metrics see of pairs like p.
func shapeOf(p pair, c pipeline.Color) (metrics.Shape, bool) {
	r := p.ref
	s := metrics.Shape{W: r.Width(), H: r.Height(), Channels: 1, Peak: r.Peak(), Source: r.Kind}
	rgb := r.Kind == frame.YUV && c == pipeline.RGB
	if rgb || r.Kind == frame.RGB {
		s.Channels = 3
	}
	return s, rgb
}

// timeMetric times metric m at SIMD level l at every thread count.
func timeMetric(ctx context.Context, cfg *Config, m Metric, l simd.Impl, pairs []pair, threads []int, frames, warmup, reps int) (*MetricResult, error) {
	defer simd.SetLevel(l)()
	shape, rgb := shapeOf(pairs[0], cfg.Color)
	mr := &MetricResult{Metric: m.Spec, Outputs: m.Metric.Outputs(shape), SIMD: simd.Level().String()}
	var workers []*worker
	for len(workers) < threads[len(threads)-1] {
		w, err := newWorker(m.Metric, shape, rgb)
		if err != nil {
			return nil, fmt.Errorf("bench: %s: %w", m.Spec, err)
		}
		workers = append(workers, w)
	}
	// A first untimed run on one worker sizes the runs: at least frames
	// pairs, and at least MinRunTime's worth per worker.
	logf(cfg.Log, "%s simd=%s: sizing run of %d frame pairs", m.Spec, mr.SIMD, frames)
	wall, _, err := scoreRun(workers[:1], pairs, frames)
	if err != nil {
		return nil, fmt.Errorf("bench: %s: %w", m.Spec, err)
	}
	perWorker := frames
	if minRun := cfg.minRunTime(); minRun > 0 {
		per := wall.Seconds() / float64(frames)
		perWorker = max(frames, int(math.Ceil(minRun.Seconds()/max(per, 1e-9))))
	}
	mr.FramesPerWorker = perWorker
	for _, n := range threads {
		runFrames := perWorker * n
		logf(cfg.Log, "%s simd=%s threads=%d: %d frame pairs × %d runs", m.Spec, mr.SIMD, n, runFrames, warmup+reps)
		var fps, cpu []float64
		for i := 0; i < warmup+reps; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			wall, cpuNs, err := scoreRun(workers[:n], pairs, runFrames)
			if err != nil {
				return nil, fmt.Errorf("bench: %s: %w", m.Spec, err)
			}
			if i >= warmup {
				fps = append(fps, float64(runFrames)/max(wall.Seconds(), 1e-9))
				cpu = append(cpu, float64(cpuNs)/1e6/float64(runFrames))
			}
		}
		tr := ThreadResult{Threads: n, Frames: runFrames, FPS: stats(fps), CPUMsPerFrame: median(cpu)}
		tr.MsPerFrame = 1000 / tr.FPS.Median
		mr.Threads = append(mr.Threads, tr)
	}
	base, cpu1 := mr.Threads[0].FPS.Median, mr.Threads[0].CPUMsPerFrame // threads[0] is 1
	mr.MsPerFrame1 = mr.Threads[0].MsPerFrame
	for i := range mr.Threads {
		t := &mr.Threads[i]
		t.Speedup = t.FPS.Median / base
		t.Efficiency = t.Speedup / float64(t.Threads)
		if cpu1 > 0 && t.CPUMsPerFrame > 0 {
			t.CPUSpeedup = float64(t.Threads) * cpu1 / t.CPUMsPerFrame
		}
	}
	return mr, nil
}

// scoreRun scores frames pairs, cycling over pairs, with the workers
// taking the next pair as they finish one (frame-level parallelism, as in
// the pipeline). It returns the wall time and the process CPU time.
func scoreRun(workers []*worker, pairs []pair, frames int) (time.Duration, int64, error) {
	var next atomic.Int64
	errs := make([]error, len(workers))
	var wg sync.WaitGroup
	cpu0 := cpuTime()
	start := time.Now()
	for i, w := range workers {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= frames {
					return
				}
				if err := w.score(pairs[k%len(pairs)]); err != nil {
					errs[i] = err
					next.Store(int64(frames))
					return
				}
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	cpu := cpuTime() - cpu0
	return wall, cpu, errors.Join(errs...)
}

// synthPairs generates n frame pairs, on all cores.
func synthPairs(w, h, bits, n int) ([]pair, error) {
	pairs := make([]pair, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for k := range pairs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			r, d, err := Synth(w, h, bits, k)
			pairs[k], errs[k] = pair{r, d}, err
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return pairs, nil
}

// loadPairs decodes the first n frame pairs of ref and dist and keeps
// copies of them.
func loadPairs(ctx context.Context, ref, dist pipeline.Input, n int) ([]pair, decode.Info, error) {
	rs, err := decode.Open(ref.Path, ref.Options)
	if err != nil {
		return nil, decode.Info{}, err
	}
	defer rs.Close()
	ds, err := decode.Open(dist.Path, dist.Options)
	if err != nil {
		return nil, decode.Info{}, err
	}
	defer ds.Close()
	ri, di := rs.Info(), ds.Info()
	if ri.Width != di.Width || ri.Height != di.Height || ri.BitDepth != di.BitDepth || ri.Kind != di.Kind {
		return nil, ri, fmt.Errorf("bench: the inputs differ: reference %s is %dx%d %d-bit %s, distorted %s is %dx%d %d-bit %s (bench times pairs that need no alignment; compare handles the rest)",
			ri.Path, ri.Width, ri.Height, ri.BitDepth, ri.Kind, di.Path, di.Width, di.Height, di.BitDepth, di.Kind)
	}
	var pairs []pair
	for len(pairs) < n {
		r, rerr := rs.Next(ctx)
		d, derr := ds.Next(ctx)
		if rerr == io.EOF || derr == io.EOF {
			rs.Release(r)
			ds.Release(d)
			break
		}
		if err := errors.Join(rerr, derr); err != nil {
			rs.Release(r)
			ds.Release(d)
			return nil, ri, err
		}
		pairs = append(pairs, pair{clonePicture(r), clonePicture(d)})
		rs.Release(r)
		ds.Release(d)
	}
	if len(pairs) == 0 {
		return nil, ri, fmt.Errorf("bench: no frame pair in %s and %s", ri.Path, di.Path)
	}
	return pairs, ri, nil
}

func clonePicture(p *frame.Picture) *frame.Picture {
	q := *p
	q.Planes = make([]frame.Plane, len(p.Planes))
	for i, pl := range p.Planes {
		q.Planes[i] = pl
		q.Planes[i].Data = slices.Clone(pl.Data)
	}
	return &q
}

// timeDecode times decoding frames pairs (or all there are) of both
// inputs at once, each on its own goroutine.
func timeDecode(ctx context.Context, ref, dist pipeline.Input, frames, warmup, reps int) (*DecodeResult, error) {
	var fps, cpu []float64
	decoded := 0
	for i := 0; i < warmup+reps; i++ {
		rs, err := decode.Open(ref.Path, ref.Options)
		if err != nil {
			return nil, err
		}
		ds, err := decode.Open(dist.Path, dist.Options)
		if err != nil {
			rs.Close()
			return nil, err
		}
		var counts [2]int
		var errs [2]error
		var wg sync.WaitGroup
		cpu0 := cpuTime()
		start := time.Now()
		for j, s := range []*decode.Source{rs, ds} {
			wg.Go(func() {
				for counts[j] < frames {
					p, err := s.Next(ctx)
					if err == io.EOF {
						return
					}
					if err != nil {
						errs[j] = err
						return
					}
					s.Release(p)
					counts[j]++
				}
			})
		}
		wg.Wait()
		wall := time.Since(start)
		cpuNs := cpuTime() - cpu0
		rs.Close()
		ds.Close()
		if err := errors.Join(errs[0], errs[1]); err != nil {
			return nil, err
		}
		decoded = min(counts[0], counts[1])
		if decoded == 0 {
			return nil, fmt.Errorf("bench: no frame decoded from %s and %s", ref.Path, dist.Path)
		}
		if i >= warmup {
			fps = append(fps, float64(decoded)/max(wall.Seconds(), 1e-9))
			cpu = append(cpu, float64(cpuNs)/1e6/float64(decoded))
		}
	}
	d := &DecodeResult{Frames: decoded, FPS: stats(fps), CPUMsPerFrame: median(cpu)}
	d.MsPerFrame = 1000 / d.FPS.Median
	return d, nil
}

// timeEndToEnd times pipeline.Run with every selected metric (the first
// configuration of each, as a report holds one) at n workers and SIMD
// level l.
func timeEndToEnd(ctx context.Context, cfg *Config, l simd.Impl, n, frames, warmup, reps int) (*EndToEndResult, error) {
	defer simd.SetLevel(l)()
	pc := pipeline.Config{Frames: frames, AllowLengthMismatch: true, Color: cfg.Color, Threads: n}
	e := &EndToEndResult{Threads: n, SIMD: simd.Level().String()}
	names := map[string]bool{}
	for _, m := range cfg.Metrics {
		if names[m.Metric.Name()] {
			continue // a second configuration would write the same outputs
		}
		names[m.Metric.Name()] = true
		pc.Metrics = append(pc.Metrics, m.Metric)
		e.Metrics = append(e.Metrics, m.Spec)
	}
	logf(cfg.Log, "end to end: %d metrics, threads=%d: %d frame pairs × %d runs", len(e.Metrics), n, frames, warmup+reps)
	var fps []float64
	for i := 0; i < warmup+reps; i++ {
		start := time.Now()
		r, err := pipeline.Run(ctx, pipeline.Pair{Ref: cfg.Ref, Dist: cfg.Dist}, pc)
		if err != nil {
			return nil, err
		}
		wall := time.Since(start)
		e.Frames = r.Alignment.Scored
		if i >= warmup {
			fps = append(fps, float64(e.Frames)/max(wall.Seconds(), 1e-9))
		}
	}
	e.FPS = stats(fps)
	e.MsPerFrame = 1000 / e.FPS.Median
	return e, nil
}

func stats(xs []float64) Stats {
	s := Stats{Samples: xs, Median: median(xs)}
	if len(xs) > 0 {
		s.Min, s.Max = slices.Min(xs), slices.Max(xs)
	}
	if s.Median > 0 {
		s.SpreadPct = (s.Max - s.Min) / s.Median * 100
	}
	return s
}

// median returns the median of xs (the mean of the middle two for an even
// count), 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func machine() Machine {
	return Machine{
		GoVersion:  runtime.Version(),
		OS:         runtime.GOOS,
		Arch:       runtime.GOARCH,
		CPUs:       runtime.NumCPU(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		CPUModel:   cpuModel(),
		SIMDBest:   simd.Best().String(),
	}
}

// loadAverage reads /proc/loadavg where it exists.
func loadAverage() []float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return nil
	}
	var a [3]float64
	if n, _ := fmt.Sscanf(string(b), "%g %g %g", &a[0], &a[1], &a[2]); n != 3 {
		return nil
	}
	return a[:]
}
