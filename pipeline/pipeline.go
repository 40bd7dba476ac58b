package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/fr-metrics/fr-metrics/decode"
	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Source is a stream of decoded pictures. *decode.Source is one; tests use
// in-memory sources. Next returns io.EOF after the last picture. Release
// may be called from any goroutine.
type Source interface {
	Info() decode.Info
	Next(ctx context.Context) (*frame.Picture, error)
	Release(p *frame.Picture)
}

// Input is one file to decode and how to open it.
type Input struct {
	Path    string
	Options decode.Options
}

// Pair is a reference and a distorted input.
type Pair struct {
	Ref, Dist Input
}

// Color says what picture the metrics see.
type Color int

// The colour modes.
const (
	// Luma: on YUV video every metric sees the Y plane as a gray picture;
	// gray and RGB pictures are seen as they are.
	Luma Color = iota
	// RGB: each YUV frame is converted to RGB (its matrix and range,
	// chroma repeated) and every metric sees an RGB picture; gray and RGB
	// pictures are seen as they are.
	RGB
)

// String returns "luma" or "rgb".
func (c Color) String() string {
	if c == RGB {
		return "rgb"
	}
	return "luma"
}

// Config says what to score and how to pair frames. The zero value (plus
// Metrics) compares every frame pair, refuses any mismatch, and uses one
// worker per core.
type Config struct {
	// Metrics are the metrics to score, in output order.
	Metrics []metrics.Metric

	// Frames, when > 0, compares only the first Frames pairs (after the
	// skips). An input with fewer frames is an error unless
	// AllowLengthMismatch is set.
	Frames int
	// AllowLengthMismatch stops at the shorter input (with a warning)
	// instead of failing when the inputs have different frame counts.
	AllowLengthMismatch bool
	// SkipRef and SkipDist drop that many leading frames of each input
	// before pairing (a temporal offset).
	SkipRef, SkipDist int
	// Subsample, when > 1, scores only pairs 0, N, 2N, … (frame counts are
	// still checked over all pairs).
	Subsample int

	// Scale, when non-empty, scales distorted frames of another size to
	// the reference size with this swscale algorithm ("bicubic",
	// "lanczos", …). Empty means different sizes are an error.
	Scale string
	// Color selects the picture the metrics see.
	Color Color
	// Matrix, if not empty, is the colour matrix (an FFmpeg name such as
	// "bt709") used to convert both inputs to RGB in place of what the
	// streams declare. Without it a stream that declares none (Y4M, raw)
	// gets a guess from its size (see frame.MatrixFor), with a warning.
	Matrix string
	// DropRefused leaves out, with a warning, every metric that refuses
	// the pictures' size (a *metrics.SizeError from NewScorer) instead of
	// failing the run. Meant for default metric lists, not for metrics the
	// user asked for.
	DropRefused bool

	// Threads is the number of workers scoring frame pairs for this run
	// (0 = GOMAXPROCS). It is further limited by Budget and by the number
	// of pairs when the inputs' frame counts are known.
	Threads int
	// Budget, if not nil, is shared with other runs and bounds how many
	// pairs all of them score at once. Nil gives the run a budget of its
	// own of Threads.
	Budget *Budget

	// Progress, if not nil, is called after each scored pair with the
	// number scored so far and the expected total (-1 when unknown).
	// Calls are serialised.
	Progress func(scored, total int)
}

// Result is the outcome of one run.
type Result struct {
	Ref, Dist decode.Info // as opened (Dist: before any scaling)
	Alignment Alignment
	// Outputs names the values of each frame, metric by metric in the
	// order of Config.Metrics.
	Outputs []string
	// Frames are the scored pairs in pair order.
	Frames []Frame
	// Warnings are human-readable notes about what was applied or found.
	Warnings []string
	Elapsed  time.Duration
}

// Frame is the values of one scored pair.
type Frame struct {
	Num       int       // pair index, from 0 (after the skips)
	RefIndex  int       // decode index in the reference
	DistIndex int       // decode index in the distorted input
	Values    []float64 // one per Result.Outputs; NaN where a metric gives NaN
}

// Alignment records how frames were paired and what was changed to make
// them comparable.
type Alignment struct {
	Pairing             string // "index"
	SkipRef, SkipDist   int
	Frames              int // the frame limit, 0 = none
	Subsample           int
	AllowLengthMismatch bool
	// RefFrames and DistFrames count each input's frames (skipped ones
	// included) when it was read to its end, else -1.
	RefFrames, DistFrames int
	// Paired is the number of frame pairs formed; Scored the number scored.
	Paired, Scored int
	// Truncated is true when the longer input was cut to the shorter.
	Truncated bool

	// Scaled is true when the distorted frames were scaled from
	// ScaledFromW×ScaledFromH to the reference size with ScaleAlgo.
	Scaled                   bool
	ScaledFromW, ScaledFromH int
	ScaleAlgo                string

	// RefBitDepth and DistBitDepth are the depths as decoded; the
	// distorted samples are shifted to RefBitDepth when they differ.
	RefBitDepth, DistBitDepth int
	// Peak is the data range the metrics use: 2^RefBitDepth − 1.
	Peak float64
	// Color is what the metrics see: "luma", "rgb" (converted from YUV),
	// or "picture" (a gray or RGB image as it is).
	Color string
	// Matrix is the colour matrix of the conversion to RGB ("" when there
	// is none).
	Matrix string
}

// Budget bounds how many frame pairs are scored at once across every run
// that shares it.
type Budget struct {
	tokens chan struct{}
}

// NewBudget returns a budget of n concurrent frame pairs (n < 1 means
// GOMAXPROCS).
func NewBudget(n int) *Budget {
	if n < 1 {
		n = runtime.GOMAXPROCS(0)
	}
	return &Budget{tokens: make(chan struct{}, n)}
}

// Size returns the number of pairs the budget lets score at once.
func (b *Budget) Size() int { return cap(b.tokens) }

func (b *Budget) acquire(ctx context.Context) error {
	select {
	case b.tokens <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (b *Budget) release() { <-b.tokens }

// Run opens both inputs of pair with the decoder, scores them with cfg and
// closes them. The distorted input is reopened with scaling when its size
// differs from the reference's and cfg.Scale is set.
//
// The two inputs are opened at the same time: opening can decode a first
// frame (an H.264 stream's pixel format is only known from one), and the
// first frame of a lossless reference can take longer to decode than the
// rest of a short clip. When both fail, the reference's error is returned.
func Run(ctx context.Context, pair Pair, cfg Config) (*Result, error) {
	workers := cfg.workers(-1)
	ropt := pair.Ref.Options
	if ropt.PoolSize == 0 {
		ropt.PoolSize = workers + 1
	}
	dopt := pair.Dist.Options
	if dopt.PoolSize == 0 {
		dopt.PoolSize = workers + 1
	}
	var (
		dist    *decode.Source
		distErr error
		opened  = make(chan struct{})
	)
	go func() {
		defer close(opened)
		dist, distErr = decode.Open(pair.Dist.Path, dopt)
	}()
	ref, err := decode.Open(pair.Ref.Path, ropt)
	<-opened
	if err != nil {
		if dist != nil {
			dist.Close()
		}
		return nil, err
	}
	defer ref.Close()
	if distErr != nil {
		return nil, distErr
	}
	ri, di := ref.Info(), dist.Info()
	var scaled *Alignment
	if cfg.Scale != "" && (ri.Width != di.Width || ri.Height != di.Height) {
		dist.Close()
		dopt.ScaleW, dopt.ScaleH, dopt.ScaleAlgo = ri.Width, ri.Height, cfg.Scale
		dist, err = decode.Open(pair.Dist.Path, dopt)
		if err != nil {
			return nil, err
		}
		scaled = &Alignment{Scaled: true, ScaledFromW: di.Width, ScaledFromH: di.Height, ScaleAlgo: cfg.Scale}
	}
	defer dist.Close()
	return run(ctx, ref, dist, scaled, cfg)
}

// RunSources scores two already opened sources with cfg. It does not
// close them. Sizes must already agree (scaling is the decoder's job).
func RunSources(ctx context.Context, ref, dist Source, cfg Config) (*Result, error) {
	return run(ctx, ref, dist, nil, cfg)
}

// workers returns the number of workers for a run of about pairs pairs
// (-1 = unknown).
func (c *Config) workers(pairs int) int {
	n := c.Threads
	if n < 1 {
		n = runtime.GOMAXPROCS(0)
	}
	if c.Budget != nil {
		n = min(n, c.Budget.Size())
	}
	if pairs >= 0 {
		n = min(n, max(pairs, 1))
	}
	return max(n, 1)
}

// expectedPairs returns the number of pairs to score when both frame
// counts are known, else -1.
func (c *Config) expectedPairs(ri, di decode.Info) int {
	if ri.Frames < 0 || di.Frames < 0 {
		return -1
	}
	n := min(ri.Frames-c.SkipRef, di.Frames-c.SkipDist)
	if c.Frames > 0 {
		n = min(n, c.Frames)
	}
	n = max(n, 0)
	if s := c.Subsample; s > 1 {
		n = (n + s - 1) / s
	}
	return n
}

type item struct {
	p   *frame.Picture
	err error
}

type job struct {
	num      int
	ref, dst *frame.Picture
}

func run(parent context.Context, ref, dist Source, scaled *Alignment, cfg Config) (*Result, error) {
	start := time.Now()
	ri, di := ref.Info(), dist.Info()
	res := &Result{Ref: ri, Dist: di}
	al := &res.Alignment
	*al = Alignment{Pairing: "index", SkipRef: cfg.SkipRef, SkipDist: cfg.SkipDist, Frames: cfg.Frames,
		Subsample: max(cfg.Subsample, 1), AllowLengthMismatch: cfg.AllowLengthMismatch,
		RefFrames: -1, DistFrames: -1, RefBitDepth: ri.BitDepth, DistBitDepth: di.BitDepth}
	if scaled != nil {
		al.Scaled, al.ScaledFromW, al.ScaledFromH, al.ScaleAlgo = true, scaled.ScaledFromW, scaled.ScaledFromH, scaled.ScaleAlgo
		res.Warnings = append(res.Warnings, fmt.Sprintf("distorted frames scaled from %dx%d to %dx%d (%s)",
			scaled.ScaledFromW, scaled.ScaledFromH, ri.Width, ri.Height, scaled.ScaleAlgo))
	}
	if len(cfg.Metrics) == 0 {
		return nil, errors.New("no metric selected")
	}
	if cfg.SkipRef < 0 || cfg.SkipDist < 0 || cfg.Frames < 0 || cfg.Subsample < 0 {
		return nil, errors.New("frame skips, limits and subsampling must not be negative")
	}

	// What the two inputs must agree on. A scaled input reports its size
	// before scaling.
	if scaled == nil && (ri.Width != di.Width || ri.Height != di.Height) {
		return nil, fmt.Errorf("sizes differ: reference %s is %dx%d, distorted %s is %dx%d (use --scale to scale the distorted frames)",
			ri.Path, ri.Width, ri.Height, di.Path, di.Width, di.Height)
	}
	if ri.Kind != di.Kind {
		return nil, fmt.Errorf("picture kinds differ: reference %s is %s (%s), distorted %s is %s (%s)",
			ri.Path, ri.Kind, ri.PixFmt, di.Path, di.Kind, di.PixFmt)
	}
	if ri.BitDepth < 1 || ri.BitDepth > 16 || di.BitDepth < 1 || di.BitDepth > 16 {
		return nil, fmt.Errorf("bit depths %d and %d: want 1..16", ri.BitDepth, di.BitDepth)
	}
	if ri.BitDepth != di.BitDepth {
		how := "multiplied by"
		if di.BitDepth > ri.BitDepth {
			how = "divided (floor) by"
		}
		k := di.BitDepth - ri.BitDepth
		res.Warnings = append(res.Warnings, fmt.Sprintf("bit depths differ: distorted %d-bit samples %s %d to compare at the reference's %d bits",
			di.BitDepth, how, 1<<abs(k), ri.BitDepth))
	}
	if ri.ColorMatrix != di.ColorMatrix && known(ri.ColorMatrix) && known(di.ColorMatrix) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("colour matrices differ: reference %s, distorted %s", ri.ColorMatrix, di.ColorMatrix))
	}
	if ri.ColorRange != di.ColorRange && known(ri.ColorRange) && known(di.ColorRange) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("colour ranges differ: reference %s, distorted %s", ri.ColorRange, di.ColorRange))
	}
	if ri.FrameRate > 0 && di.FrameRate > 0 && !ri.Still && !di.Still && math.Abs(ri.FrameRate-di.FrameRate) > 1e-3 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("frame rates differ: reference %.6g fps, distorted %.6g fps (frames are paired by index)", ri.FrameRate, di.FrameRate))
	}
	if cfg.Subsample > 1 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("scoring one frame pair in %d (subsample)", cfg.Subsample))
	}

	al.Peak = float64(int(1)<<ri.BitDepth - 1)
	shape := metrics.Shape{W: ri.Width, H: ri.Height, Channels: 1, Peak: al.Peak, Source: ri.Kind}
	switch {
	case ri.Kind == frame.YUV && cfg.Color == RGB:
		shape.Channels, al.Color = 3, "rgb"
		for _, in := range []decode.Info{ri, di} {
			name := in.ColorMatrix
			if cfg.Matrix != "" {
				name = cfg.Matrix
			}
			m, guessed := frame.MatrixFor(name, ri.Width, ri.Height)
			if cfg.Matrix != "" && guessed {
				return nil, fmt.Errorf("unknown colour matrix %q (bt709, bt470bg, smpte170m, bt2020nc, smpte240m, fcc)", cfg.Matrix)
			}
			if guessed {
				res.Warnings = append(res.Warnings, fmt.Sprintf("%s declares no colour matrix: converted to RGB as %s, guessed from the size (set one with --matrix)", in.Path, m.Name))
			}
			if al.Matrix != "" && al.Matrix != m.Name {
				res.Warnings = append(res.Warnings, fmt.Sprintf("the inputs are converted to RGB with different matrices: %s and %s", al.Matrix, m.Name))
			}
			al.Matrix = m.Name
		}
	case ri.Kind == frame.YUV:
		al.Color = "luma"
	case ri.Kind == frame.RGB:
		shape.Channels, al.Color = 3, "picture"
	default:
		al.Color = "picture"
	}
	// The first worker's scorers are made now, so that a metric refusing
	// the size fails the run (or is dropped) before anything is decoded.
	var first *workerState
	for {
		st, bad, err := newWorkerState(cfg.Metrics, shape)
		var se *metrics.SizeError
		if err != nil && cfg.DropRefused && errors.As(err, &se) && len(cfg.Metrics) > 1 {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s left out: %v", cfg.Metrics[bad].Name(), err))
			cfg.Metrics = append(cfg.Metrics[:bad:bad], cfg.Metrics[bad+1:]...)
			continue
		}
		if err != nil {
			return nil, err
		}
		first = st
		break
	}
	seen := map[string]string{}
	for _, m := range cfg.Metrics {
		for _, o := range m.Outputs(shape) {
			if prev, dup := seen[o]; dup {
				return nil, fmt.Errorf("metrics %s and %s both write %q", prev, m.Name(), o)
			}
			seen[o] = m.Name()
			res.Outputs = append(res.Outputs, o)
		}
	}

	total := cfg.expectedPairs(ri, di)
	nw := cfg.workers(total)
	budget := cfg.Budget
	if budget == nil {
		budget = NewBudget(nw)
	}

	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}

	// Decoders: one goroutine per input.
	refCh, distCh := make(chan item), make(chan item)
	var dec sync.WaitGroup
	decodeInto := func(src Source, ch chan<- item) {
		defer dec.Done()
		for {
			p, err := src.Next(ctx)
			select {
			case ch <- item{p, err}:
			case <-ctx.Done():
				if p != nil {
					src.Release(p)
				}
				return
			}
			if err != nil {
				return
			}
		}
	}
	dec.Add(2)
	go decodeInto(ref, refCh)
	go decodeInto(dist, distCh)

	// Workers.
	jobs := make(chan job, nw)
	var (
		rows   = make([]Frame, 0, max(total, 0))
		scored int
	)
	var wg sync.WaitGroup
	for w := 0; w < nw; w++ {
		st := first
		if w > 0 {
			st = nil // made on the worker's first job
		}
		wg.Go(func() {
			for j := range jobs {
				ri, di := j.ref.Index, j.dst.Index // read before the pictures go back
				err := func() error {
					defer ref.Release(j.ref)
					defer dist.Release(j.dst)
					if ctx.Err() != nil {
						return nil
					}
					if st == nil {
						var err error
						if st, _, err = newWorkerState(cfg.Metrics, shape); err != nil {
							return err
						}
					}
					if err := budget.acquire(ctx); err != nil {
						return nil
					}
					defer budget.release()
					return st.score(j, al, cfg.Matrix, res.Ref, res.Dist)
				}()
				if err != nil {
					fail(err)
					continue
				}
				if ctx.Err() != nil {
					continue
				}
				vals := make([]float64, len(st.row))
				copy(vals, st.row)
				mu.Lock()
				slot := j.num / al.Subsample
				for len(rows) <= slot {
					rows = append(rows, Frame{Num: -1})
				}
				rows[slot] = Frame{Num: j.num, RefIndex: ri, DistIndex: di, Values: vals}
				scored++
				if cfg.Progress != nil {
					cfg.Progress(scored, total)
				}
				mu.Unlock()
			}
		})
	}

	// Pairing, on this goroutine.
	perr := pairFrames(ctx, ref, dist, refCh, distCh, jobs, &cfg, res)
	close(jobs)
	wg.Wait()
	if perr != nil {
		fail(perr)
	}
	cancel()
	dec.Wait()
	// The channels are unbuffered: a decoder that could not send gave its
	// picture back itself.
	if firstErr != nil {
		return nil, firstErr
	}
	if err := parent.Err(); err != nil {
		return nil, err
	}
	if len(rows) != scored {
		return nil, fmt.Errorf("internal error: %d frames scored, %d slots", scored, len(rows))
	}
	if al.Paired == 0 {
		return nil, fmt.Errorf("no frame pairs to compare (reference %s, distorted %s)", ri.Path, di.Path)
	}
	res.Frames = rows
	al.Scored = scored
	res.Elapsed = time.Since(start)
	return res, nil
}

func known(s string) bool { return s != "" && s != "unknown" && s != "unspecified" }

func abs(k int) int {
	if k < 0 {
		return -k
	}
	return k
}

// pairFrames reads both decoders, applies skips, the frame limit and
// subsampling, and sends the pairs to score. It checks the frame counts.
func pairFrames(ctx context.Context, ref, dist Source, refCh, distCh <-chan item, jobs chan<- job, cfg *Config, res *Result) error {
	al := &res.Alignment
	ri, di := res.Ref, res.Dist
	recv := func(ch <-chan item) (*frame.Picture, error) {
		select {
		case it := <-ch:
			return it.p, it.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	// count reads a source to its end, giving pictures back, and returns
	// how many it read.
	count := func(src Source, ch <-chan item) (int, error) {
		n := 0
		for {
			p, err := recv(ch)
			if err == io.EOF {
				return n, nil
			}
			if err != nil {
				return n, err
			}
			src.Release(p)
			n++
		}
	}
	skip := func(src Source, ch <-chan item, n int, what, path, flag string) (int, error) {
		for i := 0; i < n; i++ {
			p, err := recv(ch)
			if err == io.EOF {
				return i, fmt.Errorf("%s %s has only %d frames: %s %d skips them all", what, path, i, flag, n)
			}
			if err != nil {
				return i, err
			}
			src.Release(p)
		}
		return n, nil
	}
	if _, err := skip(ref, refCh, cfg.SkipRef, "reference", ri.Path, "--skip-ref"); err != nil {
		return err
	}
	if _, err := skip(dist, distCh, cfg.SkipDist, "distorted", di.Path, "--skip-dist"); err != nil {
		return err
	}
	sub := max(cfg.Subsample, 1)
	for n := 0; ; n++ {
		if cfg.Frames > 0 && n == cfg.Frames {
			al.Paired = n
			return nil
		}
		r, rerr := recv(refCh)
		if rerr != nil && rerr != io.EOF {
			return rerr
		}
		d, derr := recv(distCh)
		if derr != nil && derr != io.EOF {
			if r != nil {
				ref.Release(r)
			}
			return derr
		}
		if rerr == io.EOF || derr == io.EOF {
			al.Paired = n
			switch {
			case rerr == io.EOF && derr == io.EOF:
				al.RefFrames, al.DistFrames = cfg.SkipRef+n, cfg.SkipDist+n
				if cfg.Frames > 0 && !cfg.AllowLengthMismatch {
					return fmt.Errorf("--frames %d: reference %s and distorted %s have only %d frame pairs",
						cfg.Frames, ri.Path, di.Path, n)
				}
				if cfg.Frames > 0 {
					al.Truncated = true
					res.Warnings = append(res.Warnings, fmt.Sprintf("both inputs ended after %d frame pairs, fewer than the %d asked for (--allow-length-mismatch)", n, cfg.Frames))
				}
				return nil
			case rerr == io.EOF:
				dist.Release(d)
				al.RefFrames = cfg.SkipRef + n
				if cfg.AllowLengthMismatch {
					al.Truncated = true
					res.Warnings = append(res.Warnings, fmt.Sprintf("reference %s ended after %d frames, before the distorted %s; compared %d frame pairs (--allow-length-mismatch)",
						ri.Path, al.RefFrames, di.Path, n))
					return nil
				}
				rest, err := count(dist, distCh)
				if err != nil {
					return err
				}
				al.DistFrames = cfg.SkipDist + n + 1 + rest
			default:
				ref.Release(r)
				al.DistFrames = cfg.SkipDist + n
				if cfg.AllowLengthMismatch {
					al.Truncated = true
					res.Warnings = append(res.Warnings, fmt.Sprintf("distorted %s ended after %d frames, before the reference %s; compared %d frame pairs (--allow-length-mismatch)",
						di.Path, al.DistFrames, ri.Path, n))
					return nil
				}
				rest, err := count(ref, refCh)
				if err != nil {
					return err
				}
				al.RefFrames = cfg.SkipRef + n + 1 + rest
			}
			if cfg.Frames > 0 {
				return fmt.Errorf("--frames %d: reference %s has %d frames, distorted %s has %d%s; use --allow-length-mismatch to compare fewer",
					cfg.Frames, ri.Path, al.RefFrames, di.Path, al.DistFrames, skipNote(cfg))
			}
			return fmt.Errorf("frame counts differ: reference %s has %d frames, distorted %s has %d%s; use --frames N or --allow-length-mismatch",
				ri.Path, al.RefFrames, di.Path, al.DistFrames, skipNote(cfg))
		}
		if n%sub != 0 {
			ref.Release(r)
			dist.Release(d)
			continue
		}
		select {
		case jobs <- job{num: n, ref: r, dst: d}:
		case <-ctx.Done():
			ref.Release(r)
			dist.Release(d)
			return ctx.Err()
		}
	}
}

func skipNote(cfg *Config) string {
	if cfg.SkipRef == 0 && cfg.SkipDist == 0 {
		return ""
	}
	return fmt.Sprintf(" (skipping %d and %d leading frames)", cfg.SkipRef, cfg.SkipDist)
}

// workerState is one worker's scratch: its workspace, scorers, the
// pictures it builds for the metrics, and the row of values it writes.
type workerState struct {
	ws      *metrics.Workspace
	scorers []metrics.Scorer
	outs    [][]float64 // per metric, slices of row
	row     []float64

	shifted        *frame.Picture // distorted samples at the reference's depth
	lumaR, lumaD   frame.Picture
	withMatrix     [2]frame.Picture // the pictures with Config.Matrix set
	rgbRef, rgbDst *frame.Picture
}

// newWorkerState makes a worker's scratch and scorers. On error it also
// returns the index of the metric that failed.
func newWorkerState(ms []metrics.Metric, shape metrics.Shape) (*workerState, int, error) {
	st := &workerState{ws: metrics.NewWorkspace()}
	n := 0
	for _, m := range ms {
		n += len(m.Outputs(shape))
	}
	st.row = make([]float64, n)
	o := 0
	for i, m := range ms {
		sc, err := m.NewScorer(shape)
		if err != nil {
			return nil, i, err
		}
		k := len(m.Outputs(shape))
		st.scorers = append(st.scorers, sc)
		st.outs = append(st.outs, st.row[o:o+k:o+k])
		o += k
	}
	return st, -1, nil
}

// score builds the pictures the metrics see for j and scores them into
// st.row.
func (st *workerState) score(j job, al *Alignment, matrix string, ri, di decode.Info) error {
	r, d := j.ref, j.dst
	// Every frame must have the reference's size (the distorted frames
	// after any scaling) and its stream's bit depth.
	if err := checkFrame(r, ri, ri); err != nil {
		return err
	}
	if err := checkFrame(d, di, ri); err != nil {
		return err
	}
	if len(r.Planes) != len(d.Planes) || r.ChromaShiftX != d.ChromaShiftX || r.ChromaShiftY != d.ChromaShiftY {
		return fmt.Errorf("frame %d: pixel layouts differ: reference %s is %s, distorted %s is %s",
			j.num, ri.Path, r.PixFmt, di.Path, d.PixFmt)
	}
	if d.BitDepth != r.BitDepth {
		if st.shifted == nil {
			st.shifted = likePicture(d)
		}
		shiftDepth(st.shifted, d, r.BitDepth)
		d = st.shifted
	}
	src0, src1 := r, d
	switch al.Color {
	case "luma":
		st.lumaR, st.lumaD = r.Luma(), d.Luma()
		r, d = &st.lumaR, &st.lumaD
	case "rgb":
		if st.rgbRef == nil {
			st.rgbRef, st.rgbDst = frame.NewRGBLike(r), frame.NewRGBLike(d)
		}
		if matrix != "" {
			st.withMatrix[0], st.withMatrix[1] = *r, *d
			st.withMatrix[0].ColorMatrix, st.withMatrix[1].ColorMatrix = matrix, matrix
			r, d = &st.withMatrix[0], &st.withMatrix[1]
		}
		if err := frame.ToRGB(st.rgbRef, r); err != nil {
			return err
		}
		if err := frame.ToRGB(st.rgbDst, d); err != nil {
			return err
		}
		r, d = st.rgbRef, st.rgbDst
	}
	st.ws.Set(r, d, src0, src1, al.Peak)
	for i, sc := range st.scorers {
		if err := sc.Score(st.ws, st.outs[i]); err != nil {
			return fmt.Errorf("frame %d: %w", j.num, err)
		}
	}
	return nil
}

func checkFrame(p *frame.Picture, info, ref decode.Info) error {
	if p.Width() != ref.Width || p.Height() != ref.Height {
		return fmt.Errorf("%s: frame %d is %dx%d, want %dx%d", info.Path, p.Index, p.Width(), p.Height(), ref.Width, ref.Height)
	}
	if p.BitDepth != info.BitDepth {
		return fmt.Errorf("%s: frame %d is %d-bit, the stream started %d-bit", info.Path, p.Index, p.BitDepth, info.BitDepth)
	}
	return nil
}

// likePicture allocates a picture with p's plane sizes and metadata.
func likePicture(p *frame.Picture) *frame.Picture {
	q := *p
	q.Planes = make([]frame.Plane, len(p.Planes))
	for i, pl := range p.Planes {
		q.Planes[i] = frame.NewPlane(pl.W, pl.H)
	}
	return &q
}

// shiftDepth writes src's samples brought to bits into dst: multiplied by
// 2^k when bits is k more than src's depth, floor(v / 2^k) when k less.
func shiftDepth(dst, src *frame.Picture, bits int) {
	k := bits - src.BitDepth
	f := float32(math.Ldexp(1, k)) // exact power of two
	for i, sp := range src.Planes {
		dp := dst.Planes[i]
		for y := range sp.H {
			s, d := sp.Row(y), dp.Row(y)
			if k > 0 {
				simd.ColorScaleRow(d, s, f)
				continue
			}
			for x, v := range s {
				d[x] = float32(math.Floor(float64(v * f)))
			}
		}
	}
	meta := *src
	meta.Planes = dst.Planes
	meta.BitDepth = bits
	*dst = meta
}
