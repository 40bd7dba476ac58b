package fsim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
	"github.com/fr-metrics/fr-metrics/simd"
)

// TestGolden checks every fsim row of testdata/golden/golden.csv at
// absolute 1e-5 and logs the largest error per input kind.
func TestGolden(t *testing.T) {
	goldentest.RunGolden(t, []string{"fsim"}, 1e-5, goldentest.Score(metrics.NewRegistry(Descriptor)))
}

// TestIdentical checks that identical pictures give 1.
func TestIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		w, h, c   int
		chromatic bool
	}{{64, 48, 1, false}, {33, 17, 3, true}, {400, 390, 3, false}, {2, 2, 1, true}} {
		p := goldentest.SmoothPicture(rng, tc.w, tc.h, tc.c)
		_, v, err := metrics.ScoreOnce(&Metric{Chromatic: tc.chromatic}, p, p)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(v[0]-1) > 1e-12 {
			t.Errorf("%dx%dx%d: fsim of identical pictures = %.17g, want 1", tc.w, tc.h, tc.c, v[0])
		}
	}
}

// TestScorerReuse scores a sequence of frame pairs with one scorer, whose
// median windows carry over from frame to frame, and checks every score
// against a fresh scorer's: the medians are exact either way.
func TestScorerReuse(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const w, h = 600, 400 // pooled to 300×200
	ref, dist := goldentest.SmoothPicture(rng, w, h, 1), goldentest.SmoothPicture(rng, w, h, 1)
	other := goldentest.SmoothPicture(rng, w, h, 1)
	brighter := goldentest.SmoothPicture(rng, w, h, 1)
	for i, v := range ref.Planes[0].Data {
		brighter.Planes[0].Data[i] = min(v*1.03, 255)
	}
	m := &Metric{}
	sc, err := m.NewScorer(metrics.ShapeOf(ref, dist))
	if err != nil {
		t.Fatal(err)
	}
	ws := metrics.NewWorkspace()
	out := make([]float64, 1)
	for f, pair := range [][2]*frame.Picture{{ref, dist}, {ref, dist}, {brighter, dist}, {other, ref}, {ref, dist}} {
		ws.Set(pair[0], pair[1], pair[0], pair[1], 255)
		if err := sc.Score(ws, out); err != nil {
			t.Fatal(err)
		}
		_, want, err := metrics.ScoreOnce(m, pair[0], pair[1])
		if err != nil {
			t.Fatal(err)
		}
		if out[0] != want[0] {
			t.Errorf("frame %d: reused scorer gives %.17g, a fresh one %.17g", f, out[0], want[0])
		}
	}
}

// TestMedianWindowTies runs the windowed median over frames whose median
// is a value shared by many pixels (0, as on flat pictures), which keeps
// narrowing the window, then over frames whose median moves, and checks
// that the window catches it again after one miss.
func TestMedianWindowTies(t *testing.T) {
	rng := rand.New(rand.NewPCG(37, 38))
	const n = 20001
	st := newPCState(newBank(2, 2))
	st.sel, st.cand = make([]float64, n), make([]float64, n)
	k := (n - 1) / 2
	for f := range 40 {
		scale := 0.0 // the first 30 frames: more than half zeros
		if f >= 30 {
			scale = 1
		}
		for i := range st.sel {
			st.sel[i] = 0
			if i%3 == 0 || scale > 0 {
				st.sel[i] = (1 + rng.Float64()) * max(scale, 1)
			}
		}
		st.cur, st.below, st.nCand = &st.win[1][2], 0, 0
		gathered := st.cur.ok
		if gathered {
			st.gather(st.sel)
		}
		hit := gathered && st.below <= k && k < st.below+st.nCand
		s := slices.Clone(st.sel)
		slices.Sort(s)
		if got := st.median(); got != s[k] {
			t.Fatalf("frame %d: median = %v, want %v", f, got, s[k])
		}
		if f > 31 && !hit {
			t.Errorf("frame %d: the window (delta %v) missed a median that barely moves", f, st.cur.delta)
		}
	}
}

// TestRefusal checks that a picture below 2×2 is refused with a SizeError.
func TestRefusal(t *testing.T) {
	_, err := (&Metric{}).NewScorer(metrics.Shape{W: 1, H: 40, Channels: 1, Peak: 255})
	if _, ok := err.(*metrics.SizeError); !ok {
		t.Fatalf("1x40: got %v, want a *metrics.SizeError", err)
	}
}

// TestLowerMedian checks the selection and the lower median against a
// sort.
func TestLowerMedian(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 1; n < 200; n++ {
		a := make([]float64, n)
		for i := range a {
			a[i] = float64(rng.IntN(20)) // many ties
		}
		s := slices.Clone(a)
		slices.Sort(s)
		for _, k := range []int{0, (n - 1) / 2, n - 1} {
			if got, want := f64.Select(slices.Clone(a), k), s[k]; got != want {
				t.Fatalf("n=%d: f64.Select(%d) = %v, want %v", n, k, got, want)
			}
		}
		// The histogram selection, on values spread over many binades.
		for i := range a {
			a[i] = math.Ldexp(rng.Float64(), rng.IntN(40)-20) * float64(rng.IntN(3))
		}
		s = slices.Clone(a)
		slices.Sort(s)
		st := newPCState(newBank(2, 2))
		st.cand = make([]float64, n)
		if got, want := st.lowerMedian(a), s[(n-1)/2]; got != want {
			t.Fatalf("n=%d: histogram lowerMedian = %v, want %v", n, got, want)
		}
	}
}

// TestLowerMedianClustered checks the histogram selection on values that
// all fall into one first-level bucket, with ties.
func TestLowerMedianClustered(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, n := range []int{1, 2, 5000, 5001} {
		a := make([]float64, n)
		for i := range a {
			a[i] = 1 + math.Round(rng.Float64()*1e6)*1e-9
		}
		s := slices.Clone(a)
		slices.Sort(s)
		st := newPCState(newBank(2, 2))
		st.cand = make([]float64, n)
		if got, want := st.lowerMedian(a), s[(n-1)/2]; got != want {
			t.Fatalf("n=%d: lowerMedian = %v, want %v", n, got, want)
		}
	}
}

// TestNoAlloc checks that scoring a frame allocates nothing.
func TestNoAlloc(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	goldentest.CheckNoAllocs(t, &Metric{Chromatic: true}, goldentest.SmoothPicture(rng, 40, 30, 3), goldentest.SmoothPicture(rng, 40, 30, 3))
}

// BenchmarkFSIM scores one gray (luma) frame pair per iteration.
func BenchmarkFSIM(b *testing.B) {
	for _, impl := range []simd.Impl{simd.Generic, simd.AVX2, simd.AVX512} {
		if impl > simd.Best() {
			continue
		}
		for _, res := range []struct {
			name string
			w, h int
		}{{"360p", 640, 360}, {"1080p", 1920, 1080}} {
			b.Run(fmt.Sprintf("impl=%s/res=%s", impl, res.name), func(b *testing.B) {
				defer simd.SetLevel(impl)()
				rng := rand.New(rand.NewPCG(1, 2))
				ref, dist := goldentest.SmoothPicture(rng, res.w, res.h, 1), goldentest.SmoothPicture(rng, res.w, res.h, 1)
				s := metrics.ShapeOf(ref, ref)
				sc, err := (&Metric{}).NewScorer(s)
				if err != nil {
					b.Fatal(err)
				}
				ws := metrics.NewWorkspace()
				ws.Set(ref, dist, ref, dist, 255)
				out := make([]float64, 1)
				b.SetBytes(int64(2 * res.w * res.h))
				b.ReportAllocs()
				cpu0 := goldentest.CPUTime()
				for b.Loop() {
					if err := sc.Score(ws, out); err != nil {
						b.Fatal(err)
					}
				}
				// On a shared machine the CPU time of the process is a
				// steadier measure than the wall time.
				b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// TestLowerMedianLarge checks the histogram selection against a sort on
// longer inputs: spread and clustered values, many ties, and NaN.
func TestLowerMedianLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	const n = 20001
	inputs := map[string]func(i int) float64{
		"exponential": func(int) float64 { return rng.ExpFloat64() * 1e3 },
		"ties":        func(int) float64 { return float64(rng.IntN(5)) },
		"clustered":   func(int) float64 { return 1 + math.Round(rng.Float64()*1e6)*1e-9 },
		"nan": func(i int) float64 {
			if i%7 == 0 {
				return math.NaN()
			}
			return rng.Float64()
		},
	}
	for name, gen := range inputs {
		for _, m := range []int{8192, n} {
			a := make([]float64, m)
			for i := range a {
				a[i] = gen(i)
			}
			orig := slices.Clone(a)
			s := slices.Clone(a)
			slices.SortFunc(s, cmpBits) // NaN last, as their bit patterns
			st := newPCState(newBank(2, 2))
			st.cand = make([]float64, m)
			got, want := st.lowerMedian(a), s[(m-1)/2]
			if math.Float64bits(got) != math.Float64bits(want) && !(got != got && want != want) {
				t.Errorf("%s n=%d: lowerMedian = %v, want %v", name, m, got, want)
			}
			if !slices.EqualFunc(a, orig, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }) {
				t.Errorf("%s n=%d: lowerMedian reordered its input", name, m)
			}
		}
	}
}

// TestMedianWindow runs the windowed median over a sequence of "frames"
// whose values drift slowly, jump up and down and repeat, and checks each
// median against a sort, and that the windows catch the median of frames
// that change little.
func TestMedianWindow(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	const n = 30001
	base := make([]float64, n)
	for i := range base {
		base[i] = rng.ExpFloat64() * 1e4
	}
	st := newPCState(newBank(2, 2))
	st.sel, st.cand = make([]float64, n), make([]float64, n)
	for f, c := range []struct {
		scale float64
		hit   bool // the window should hold the median
	}{{1, false}, {1, true}, {1.01, true}, {1.02, true}, {5, false}, {5, true}, {0.1, false}, {0.1, true}, {0.1, true}, {0.1, true}} {
		for i := range st.sel {
			st.sel[i] = base[i] * c.scale * (1 + 0.001*rng.NormFloat64())
		}
		st.cur, st.below, st.nCand = &st.win[0][1], 0, 0
		gathered := st.cur.ok
		for lo := 0; lo < n; lo += 4000 { // panel by panel
			if st.cur.ok {
				st.gather(st.sel[lo:min(lo+4000, n)])
			}
		}
		k := (n - 1) / 2
		hit := gathered && st.below <= k && k < st.below+st.nCand
		s := slices.Clone(st.sel)
		slices.Sort(s)
		if got := st.median(); got != s[k] {
			t.Fatalf("frame %d: median = %v, want %v", f, got, s[k])
		}
		if hit != c.hit {
			t.Errorf("frame %d (scale %v): window hit = %v, want %v (delta %v)", f, c.scale, hit, c.hit, st.cur.delta)
		}
	}
}

func cmpBits(x, y float64) int {
	bx, by := math.Float64bits(x), math.Float64bits(y)
	switch {
	case bx < by:
		return -1
	case bx > by:
		return 1
	}
	return 0
}

// BenchmarkLowerMedian selects the lower median of a 480×270 map of
// squared filter responses.
func BenchmarkLowerMedian(b *testing.B) {
	rng := rand.New(rand.NewPCG(17, 18))
	a := make([]float64, 480*270)
	for i := range a {
		x, y := rng.NormFloat64(), rng.NormFloat64()
		a[i] = (x*x + y*y) * 1e4
	}
	st := newPCState(newBank(2, 2))
	st.cand = make([]float64, len(a))
	b.SetBytes(int64(8 * len(a)))
	b.ReportAllocs()
	cpu0 := goldentest.CPUTime()
	for b.Loop() {
		st.lowerMedian(a)
	}
	b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkSpectra computes the spectra of two 480×270 pictures.
func BenchmarkSpectra(b *testing.B) {
	rng := rand.New(rand.NewPCG(19, 20))
	const w, h = 480, 270
	y0, y1 := make([]float64, w*h), make([]float64, w*h)
	for i := range y0 {
		y0[i], y1[i] = rng.Float64()*255, rng.Float64()*255
	}
	st := newPCState(newBank(h, w))
	b.ReportAllocs()
	cpu0 := goldentest.CPUTime()
	for b.Loop() {
		st.spectra(y0, y1)
	}
	b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkGather gathers the median candidates of one 270×16 panel.
func BenchmarkGather(b *testing.B) {
	rng := rand.New(rand.NewPCG(29, 30))
	a := make([]float64, 270*16)
	for i := range a {
		x, y := rng.NormFloat64(), rng.NormFloat64()
		a[i] = x*x + y*y
	}
	st := newPCState(newBank(2, 2))
	st.cand = make([]float64, len(a))
	st.cur = &st.win[0][0]
	st.cur.ok, st.cur.lo, st.cur.hi = true, 1.3, 1.5
	b.SetBytes(int64(8 * len(a)))
	cpu0 := goldentest.CPUTime()
	for b.Loop() {
		st.below, st.nCand = 0, 0
		st.gather(a)
	}
	b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
}
