package dss

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
)

// TestGolden checks every dss row of golden.csv (gray, rgb and yuv input,
// the 16×16 NaN case) at absolute 1e-5.
func TestGolden(t *testing.T) {
	goldentest.RunGolden(t, []string{"dss"}, 1e-5, goldentest.Score(metrics.NewRegistry(Descriptor)))
}

func TestIdenticalIsOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][2]int{{64, 64}, {75, 41}, {200, 96}} {
		p := goldentest.NoisePicture(rng, sz[0], sz[1], 1)
		_, got, err := metrics.ScoreOnce(Metric{}, p, p)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got[0]-1) > 1e-12 {
			t.Errorf("%v: dss(x, x) = %.17g, want 1", sz, got[0])
		}
	}
}

func TestSizes(t *testing.T) {
	for _, tc := range []struct {
		w, h    int
		refuse  bool
		wantNaN bool
	}{
		{7, 64, true, false}, {64, 7, true, false}, {8, 8, false, true}, {16, 16, false, true},
		{24, 16, false, true}, {32, 24, false, false}, {17, 70, false, false},
	} {
		sc, err := Metric{}.NewScorer(metrics.Shape{W: tc.w, H: tc.h, Channels: 1, Peak: 255})
		if tc.refuse {
			if _, ok := err.(*metrics.SizeError); !ok {
				t.Errorf("%dx%d: err = %v, want *SizeError", tc.w, tc.h, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%dx%d: %v", tc.w, tc.h, err)
		}
		rng := rand.New(rand.NewPCG(1, 1))
		ws := metrics.NewWorkspace()
		a, b := goldentest.NoisePicture(rng, tc.w, tc.h, 1), goldentest.NoisePicture(rng, tc.w, tc.h, 1)
		ws.Set(a, b, a, b, 255)
		out := []float64{0}
		if err := sc.Score(ws, out); err != nil {
			t.Fatal(err)
		}
		if math.IsNaN(out[0]) != tc.wantNaN {
			t.Errorf("%dx%d: dss = %v, NaN wanted: %v", tc.w, tc.h, out[0], tc.wantNaN)
		}
	}
}

// TestMeanSmallest compares the worst-k pooling with a full sort, on
// small and large arrays (which take the sampled-pivot path), with many
// ties and with sorted inputs that defeat the sample.
func TestMeanSmallest(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	scratch := make([]float64, sampleSize)
	for _, n := range []int{1, 2, 3, 10, 101, 1000, 2047, 2048, 5000, 32400} {
		for _, k := range []int{1, n / 20, n / 2, n} {
			for _, kind := range []string{"ties", "uniform", "ascending", "descending", "constant", "constant below"} {
				if k == 0 {
					continue
				}
				a := make([]float64, n)
				for i := range a {
					switch kind {
					case "ties":
						a[i] = float64(rng.IntN(20))
					case "uniform":
						a[i] = rng.Float64()
					case "ascending":
						a[i] = float64(i)
					case "descending":
						a[i] = float64(n - i)
					case "constant":
						a[i] = 0.75
					case "constant below": // a few smaller values, then ties
						a[i] = 1
						if i%97 == 0 {
							a[i] = rng.Float64()
						}
					}
				}
				s := slices.Clone(a)
				slices.Sort(s)
				var want float64
				for _, v := range s[:k] {
					want += v
				}
				want /= float64(k)
				if got := meanSmallest(a, k, make([]float64, n), scratch); math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
					t.Errorf("n=%d k=%d %s: %v, want %v", n, k, kind, got, want)
				}
			}
		}
	}
}

// TestNoAllocs checks that scoring a frame pair allocates nothing.
func TestNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	goldentest.CheckNoAllocs(t, Metric{}, goldentest.NoisePicture(rng, 96, 64, 1), goldentest.NoisePicture(rng, 96, 64, 1))
}

// BenchmarkDSS scores the 1080p golden luma pair at every SIMD level
// (sub-benchmarks impl=<level>/res=1080p, with CPU time per frame).
func BenchmarkDSS(b *testing.B) { goldentest.BenchLevels(b, Metric{}) }
