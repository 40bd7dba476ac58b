package fsim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

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
