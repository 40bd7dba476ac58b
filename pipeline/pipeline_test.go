package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fr-metrics/fr-metrics/decode"
	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/psnr"
	"github.com/fr-metrics/fr-metrics/simd"
)

// fakeSource yields n gray (or YUV) pictures whose samples all equal
// value(i) for frame i. It hands out at most pool pictures at a time, like
// the decoder, and counts what was not given back.
type fakeSource struct {
	info    decode.Info
	n       int
	value   func(i int) float32
	failAt  int           // frame index whose Next fails (-1: never)
	block   chan struct{} // if not nil, Next waits on it (or ctx) after the first frame
	next    int
	free    chan *frame.Picture
	out     atomic.Int64
	maxOut  atomic.Int64
	release sync.Mutex
}

func newFake(path string, n, w, h, bits int, kind frame.Kind, value func(i int) float32) *fakeSource {
	s := &fakeSource{n: n, value: value, failAt: -1, free: make(chan *frame.Picture, 4)}
	s.info = decode.Info{Path: path, Width: w, Height: h, BitDepth: bits, Kind: kind, PixFmt: "gray", Frames: n,
		ColorMatrix: "unknown", ColorRange: "unknown", FrameRate: 25}
	for i := 0; i < cap(s.free); i++ {
		p := &frame.Picture{Kind: kind, BitDepth: bits, PixFmt: "gray", Planes: []frame.Plane{frame.NewPlane(w, h)}}
		if kind == frame.YUV {
			p.PixFmt, p.ChromaShiftX, p.ChromaShiftY = "yuv420p", 1, 1
			p.Planes = append(p.Planes, frame.NewPlane(w/2, h/2), frame.NewPlane(w/2, h/2))
		}
		s.free <- p
	}
	return s
}

func (s *fakeSource) Info() decode.Info { return s.info }

func (s *fakeSource) Next(ctx context.Context) (*frame.Picture, error) {
	if s.next == s.n {
		return nil, io.EOF
	}
	if s.next == s.failAt {
		return nil, fmt.Errorf("%s: frame %d: corrupt bitstream", s.info.Path, s.next)
	}
	if s.block != nil && s.next > 0 {
		select {
		case <-s.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	var p *frame.Picture
	select {
	case p = <-s.free:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	v := s.value(s.next)
	for _, pl := range p.Planes {
		for i := range pl.Data {
			pl.Data[i] = v
		}
	}
	p.Index = s.next
	s.next++
	if n := s.out.Add(1); n > s.maxOut.Load() {
		s.maxOut.Store(n)
	}
	return p, nil
}

func (s *fakeSource) Release(p *frame.Picture) {
	if p == nil {
		return
	}
	s.out.Add(-1)
	s.free <- p
}

// probe is a test metric. It writes the reference and distorted sample at
// (0,0), can fail at one frame, sleeps a little to shuffle the workers,
// and records how many scorers run at once.
type probe struct {
	failAt  float32 // fail when the reference sample equals it (-1: never)
	minW    int
	running *atomic.Int64
	peak    *atomic.Int64
}

func (m *probe) Name() string                   { return "probe" }
func (m *probe) Outputs(metrics.Shape) []string { return []string{"ref", "dist"} }
func (m *probe) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < m.minW {
		return nil, &metrics.SizeError{Metric: "probe", W: s.W, H: s.H, MinW: m.minW, MinH: 1}
	}
	return m, nil
}

func (m *probe) Score(ws *metrics.Workspace, out []float64) error {
	if m.running != nil {
		n := m.running.Add(1)
		defer m.running.Add(-1)
		for {
			p := m.peak.Load()
			if n <= p || m.peak.CompareAndSwap(p, n) {
				break
			}
		}
	}
	r, d := ws.Ref.Planes[0].Data[0], ws.Dist.Planes[0].Data[0]
	time.Sleep(time.Duration(int(r)%3) * time.Millisecond)
	if r == m.failAt {
		return errors.New("probe: refused")
	}
	out[0], out[1] = float64(r), float64(d)
	return nil
}

func newProbe() *probe { return &probe{failAt: -1} }

func ident(i int) float32  { return float32(i) }
func plus1(i int) float32  { return float32(i + 1) }
func times4(i int) float32 { return float32(i * 4) }

// checkReleased fails if a source still has pictures out.
func checkReleased(t *testing.T, srcs ...*fakeSource) {
	t.Helper()
	for _, s := range srcs {
		if n := s.out.Load(); n != 0 {
			t.Errorf("%s: %d pictures not given back", s.info.Path, n)
		}
	}
}

func TestOrderAndAlignment(t *testing.T) {
	tests := []struct {
		name           string
		nRef, nDist    int
		cfg            Config
		wantNums       []int // pair numbers scored
		wantRefIdx     []int
		wantDistIdx    []int
		wantTruncated  bool
		wantWarn       string
		wantRefFrames  int
		wantDistFrames int
	}{
		{name: "all", nRef: 12, nDist: 12, cfg: Config{Threads: 4},
			wantNums: seq(0, 12, 1), wantRefIdx: seq(0, 12, 1), wantDistIdx: seq(0, 12, 1), wantRefFrames: 12, wantDistFrames: 12},
		{name: "skip", nRef: 12, nDist: 10, cfg: Config{Threads: 3, SkipRef: 2},
			wantNums: seq(0, 10, 1), wantRefIdx: seq(2, 12, 1), wantDistIdx: seq(0, 10, 1), wantRefFrames: 12, wantDistFrames: 10},
		{name: "subsample", nRef: 10, nDist: 10, cfg: Config{Threads: 2, Subsample: 3},
			wantNums: []int{0, 3, 6, 9}, wantRefIdx: []int{0, 3, 6, 9}, wantDistIdx: []int{0, 3, 6, 9}, wantWarn: "one frame pair in 3", wantRefFrames: 10, wantDistFrames: 10},
		{name: "frames", nRef: 10, nDist: 12, cfg: Config{Threads: 2, Frames: 5},
			wantNums: seq(0, 5, 1), wantRefIdx: seq(0, 5, 1), wantDistIdx: seq(0, 5, 1), wantRefFrames: -1, wantDistFrames: -1},
		{name: "frames beyond both, allowed", nRef: 6, nDist: 6, cfg: Config{Threads: 2, Frames: 9, AllowLengthMismatch: true},
			wantNums: seq(0, 6, 1), wantRefIdx: seq(0, 6, 1), wantDistIdx: seq(0, 6, 1), wantTruncated: true, wantWarn: "fewer than the 9 asked for", wantRefFrames: 6, wantDistFrames: 6},
		{name: "shortest", nRef: 10, nDist: 7, cfg: Config{Threads: 2, AllowLengthMismatch: true},
			wantNums: seq(0, 7, 1), wantRefIdx: seq(0, 7, 1), wantDistIdx: seq(0, 7, 1), wantTruncated: true, wantWarn: "ended after 7 frames", wantRefFrames: -1, wantDistFrames: 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref := newFake("ref.y4m", tc.nRef, 16, 8, 8, frame.Gray, ident)
			dist := newFake("dist.mp4", tc.nDist, 16, 8, 8, frame.Gray, plus1)
			tc.cfg.Metrics = []metrics.Metric{newProbe()}
			res, err := RunSources(context.Background(), ref, dist, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			checkReleased(t, ref, dist)
			if len(res.Frames) != len(tc.wantNums) {
				t.Fatalf("%d frames, want %d", len(res.Frames), len(tc.wantNums))
			}
			for i, f := range res.Frames {
				if f.Num != tc.wantNums[i] || f.RefIndex != tc.wantRefIdx[i] || f.DistIndex != tc.wantDistIdx[i] {
					t.Errorf("frame %d: num %d ref %d dist %d, want %d %d %d", i, f.Num, f.RefIndex, f.DistIndex, tc.wantNums[i], tc.wantRefIdx[i], tc.wantDistIdx[i])
				}
				// The values come from the pictures of those indices.
				if f.Values[0] != float64(f.RefIndex) || f.Values[1] != float64(f.DistIndex+1) {
					t.Errorf("frame %d: values %v, want [%d %d]", i, f.Values, f.RefIndex, f.DistIndex+1)
				}
			}
			a := res.Alignment
			if a.Truncated != tc.wantTruncated || a.RefFrames != tc.wantRefFrames || a.DistFrames != tc.wantDistFrames || a.Scored != len(tc.wantNums) {
				t.Errorf("alignment %+v", a)
			}
			if tc.wantWarn != "" && !strings.Contains(strings.Join(res.Warnings, "\n"), tc.wantWarn) {
				t.Errorf("warnings %q: want one containing %q", res.Warnings, tc.wantWarn)
			}
			if strings.Join(res.Outputs, ",") != "ref,dist" {
				t.Errorf("outputs %v", res.Outputs)
			}
		})
	}
}

func seq(from, to, step int) []int {
	var s []int
	for i := from; i < to; i += step {
		s = append(s, i)
	}
	return s
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name    string
		ref     func() *fakeSource
		dist    func() *fakeSource
		cfg     Config
		metric  *probe
		wantErr []string
	}{
		{name: "length mismatch",
			ref:     func() *fakeSource { return newFake("ref.y4m", 10, 16, 8, 8, frame.Gray, ident) },
			dist:    func() *fakeSource { return newFake("dist.mp4", 12, 16, 8, 8, frame.Gray, ident) },
			wantErr: []string{"frame counts differ", "ref.y4m has 10 frames", "dist.mp4 has 12"}},
		{name: "length mismatch other way",
			ref:     func() *fakeSource { return newFake("ref.y4m", 9, 16, 8, 8, frame.Gray, ident) },
			dist:    func() *fakeSource { return newFake("dist.mp4", 3, 16, 8, 8, frame.Gray, ident) },
			wantErr: []string{"ref.y4m has 9 frames", "dist.mp4 has 3"}},
		{name: "frames beyond both",
			ref:     func() *fakeSource { return newFake("ref.y4m", 4, 16, 8, 8, frame.Gray, ident) },
			dist:    func() *fakeSource { return newFake("dist.mp4", 4, 16, 8, 8, frame.Gray, ident) },
			cfg:     Config{Frames: 6},
			wantErr: []string{"--frames 6", "only 4 frame pairs"}},
		{name: "frames beyond one",
			ref:     func() *fakeSource { return newFake("ref.y4m", 4, 16, 8, 8, frame.Gray, ident) },
			dist:    func() *fakeSource { return newFake("dist.mp4", 8, 16, 8, 8, frame.Gray, ident) },
			cfg:     Config{Frames: 6},
			wantErr: []string{"--frames 6", "ref.y4m has 4 frames", "dist.mp4 has 8"}},
		{name: "skip everything",
			ref:     func() *fakeSource { return newFake("ref.y4m", 4, 16, 8, 8, frame.Gray, ident) },
			dist:    func() *fakeSource { return newFake("dist.mp4", 4, 16, 8, 8, frame.Gray, ident) },
			cfg:     Config{SkipDist: 5},
			wantErr: []string{"dist.mp4 has only 4 frames", "--skip-dist 5"}},
		{name: "size mismatch",
			ref:     func() *fakeSource { return newFake("ref.y4m", 4, 16, 8, 8, frame.Gray, ident) },
			dist:    func() *fakeSource { return newFake("dist.mp4", 4, 32, 8, 8, frame.Gray, ident) },
			wantErr: []string{"sizes differ", "16x8", "32x8", "--scale"}},
		{name: "kind mismatch",
			ref:     func() *fakeSource { return newFake("ref.y4m", 4, 16, 8, 8, frame.Gray, ident) },
			dist:    func() *fakeSource { return newFake("dist.mp4", 4, 16, 8, 8, frame.YUV, ident) },
			wantErr: []string{"kinds differ"}},
		{name: "metric refuses size",
			ref:     func() *fakeSource { return newFake("ref.y4m", 4, 16, 8, 8, frame.Gray, ident) },
			dist:    func() *fakeSource { return newFake("dist.mp4", 4, 16, 8, 8, frame.Gray, ident) },
			metric:  &probe{failAt: -1, minW: 161},
			wantErr: []string{"minimum is 161x1"}},
		{name: "metric fails",
			ref:     func() *fakeSource { return newFake("ref.y4m", 50, 16, 8, 8, frame.Gray, ident) },
			dist:    func() *fakeSource { return newFake("dist.mp4", 50, 16, 8, 8, frame.Gray, ident) },
			cfg:     Config{Threads: 4},
			metric:  &probe{failAt: 7},
			wantErr: []string{"frame 7", "probe: refused"}},
		{name: "decoder fails",
			ref: func() *fakeSource { return newFake("ref.y4m", 50, 16, 8, 8, frame.Gray, ident) },
			dist: func() *fakeSource {
				s := newFake("dist.mp4", 50, 16, 8, 8, frame.Gray, ident)
				s.failAt = 9
				return s
			},
			cfg:     Config{Threads: 3},
			wantErr: []string{"dist.mp4: frame 9: corrupt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref, dist := tc.ref(), tc.dist()
			m := tc.metric
			if m == nil {
				m = newProbe()
			}
			tc.cfg.Metrics = []metrics.Metric{m}
			res, err := RunSources(context.Background(), ref, dist, tc.cfg)
			if err == nil {
				t.Fatalf("no error; result %+v", res.Alignment)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			checkReleased(t, ref, dist)
		})
	}
}

func TestCancel(t *testing.T) {
	before := runtime.NumGoroutine()
	ref := newFake("ref.y4m", 1000, 16, 8, 8, frame.Gray, ident)
	dist := newFake("dist.mp4", 1000, 16, 8, 8, frame.Gray, ident)
	dist.block = make(chan struct{}) // the distorted decoder stalls after frame 0
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := RunSources(ctx, ref, dist, Config{Metrics: []metrics.Metric{newProbe()}, Threads: 2})
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	checkReleased(t, ref, dist)
	// Every goroutine of the run has ended.
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left running, %d before", n, before)
	}
}

// TestBoundedMemory checks that a long input never has more pictures out
// than its pool, i.e. that pictures go back right after scoring.
func TestBoundedMemory(t *testing.T) {
	ref := newFake("ref.y4m", 300, 16, 8, 8, frame.Gray, ident)
	dist := newFake("dist.mp4", 300, 16, 8, 8, frame.Gray, ident)
	res, err := RunSources(context.Background(), ref, dist, Config{Metrics: []metrics.Metric{newProbe()}, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Frames) != 300 {
		t.Fatalf("%d frames", len(res.Frames))
	}
	if m := max(ref.maxOut.Load(), dist.maxOut.Load()); m > int64(cap(ref.free)) {
		t.Errorf("%d pictures out at once, pool is %d", m, cap(ref.free))
	}
	checkReleased(t, ref, dist)
}

func TestBudgetShared(t *testing.T) {
	var running, peak atomic.Int64
	b := NewBudget(2)
	var wg sync.WaitGroup
	for r := 0; r < 3; r++ {
		wg.Go(func() {
			ref := newFake(fmt.Sprintf("ref%d.y4m", r), 40, 16, 8, 8, frame.Gray, ident)
			dist := newFake(fmt.Sprintf("dist%d.mp4", r), 40, 16, 8, 8, frame.Gray, ident)
			m := &probe{failAt: -1, running: &running, peak: &peak}
			if _, err := RunSources(context.Background(), ref, dist, Config{Metrics: []metrics.Metric{m}, Threads: 4, Budget: b}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if p := peak.Load(); p > 2 || p < 1 {
		t.Errorf("%d pairs scored at once with a budget of 2", p)
	}
}

// TestBitDepthShift compares an 8-bit reference with a 10-bit distorted
// input (down-shifted by floor(v/4)) and the other way round (up-shifted).
func TestBitDepthShift(t *testing.T) {
	tests := []struct {
		name              string
		refBits, distBits int
		refVal, distVal   func(int) float32
		wantDist          func(i int) float64
		wantPeak          float64
		wantWarn          string
	}{
		{"down", 8, 10, ident, func(i int) float32 { return float32(i*4 + 3) }, func(i int) float64 { return float64(i) }, 255, "divided (floor) by 4"},
		{"up", 10, 8, times4, ident, func(i int) float64 { return float64(i * 4) }, 1023, "multiplied by 4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref := newFake("ref.y4m", 5, 16, 8, tc.refBits, frame.YUV, tc.refVal)
			dist := newFake("dist.mp4", 5, 16, 8, tc.distBits, frame.YUV, tc.distVal)
			res, err := RunSources(context.Background(), ref, dist, Config{Metrics: []metrics.Metric{newProbe(), &psnr.Metric{}}, Threads: 2})
			if err != nil {
				t.Fatal(err)
			}
			if res.Alignment.Peak != tc.wantPeak || res.Alignment.Color != "luma" {
				t.Errorf("alignment %+v", res.Alignment)
			}
			if !strings.Contains(strings.Join(res.Warnings, "\n"), tc.wantWarn) {
				t.Errorf("warnings %q, want %q", res.Warnings, tc.wantWarn)
			}
			if got := strings.Join(res.Outputs, ","); got != "ref,dist,psnr,psnr_y,psnr_cb,psnr_cr" {
				t.Errorf("outputs %s", got)
			}
			for i, f := range res.Frames {
				if f.Values[1] != tc.wantDist(i) {
					t.Errorf("frame %d: distorted sample %v, want %v", i, f.Values[1], tc.wantDist(i))
				}
				// The shifted samples equal the reference: no error.
				capY := 10 * math.Log10(tc.wantPeak*tc.wantPeak*16*8/0.5)
				if f.Values[2] != 80 || math.Abs(f.Values[3]-capY) > 1e-9 {
					t.Errorf("frame %d: psnr %v psnr_y %v, want 80 and the finite cap", i, f.Values[2], f.Values[3])
				}
			}
			checkReleased(t, ref, dist)
		})
	}
}

// TestDropRefused checks that a metric refusing the size is left out with
// a warning when Config.DropRefused is set, and fails the run otherwise.
func TestDropRefused(t *testing.T) {
	for _, drop := range []bool{false, true} {
		ref := newFake("ref.y4m", 3, 16, 8, 8, frame.Gray, ident)
		dist := newFake("dist.mp4", 3, 16, 8, 8, frame.Gray, ident)
		ms := []metrics.Metric{&probe{failAt: -1, minW: 161}, &psnr.Metric{}}
		res, err := RunSources(context.Background(), ref, dist, Config{Metrics: ms, DropRefused: drop})
		checkReleased(t, ref, dist)
		if !drop {
			if err == nil || !strings.Contains(err.Error(), "minimum is 161x1") {
				t.Errorf("DropRefused false: err = %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(res.Outputs, ",") != "psnr" || len(res.Frames) != 3 || !strings.Contains(strings.Join(res.Warnings, "\n"), "probe left out") {
			t.Errorf("outputs %v, %d frames, warnings %q", res.Outputs, len(res.Frames), res.Warnings)
		}
	}
}

// BenchmarkPipeline measures the pipeline's own cost per frame pair (fake
// in-memory sources that only fill a plane, psnr as the metric). One op is
// a run of 20 frame pairs; it reports frames/s and the CPU time of the
// whole process per op.
func BenchmarkPipeline(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("impl=%s/res=1080p/workers=%d", simd.Level(), workers), func(b *testing.B) {
			const frames = 20
			b.SetBytes(1920 * 1080 * 4 * 2 * frames)
			b.ReportAllocs()
			cpu0 := goldentest.CPUTime()
			for b.Loop() {
				ref := newFake("ref", frames, 1920, 1080, 8, frame.Gray, ident)
				dist := newFake("dist", frames, 1920, 1080, 8, frame.Gray, plus1)
				if _, err := RunSources(context.Background(), ref, dist, Config{Metrics: []metrics.Metric{&psnr.Metric{}}, Threads: workers}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(frames*b.N)/b.Elapsed().Seconds(), "frames/s")
			b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}
