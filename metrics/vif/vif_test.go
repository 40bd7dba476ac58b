package vif

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
)

// TestGolden checks every vif_p row of golden.csv (both argument orders,
// gray, rgb and yuv input, refusals below 41×41) at absolute 1e-5.
func TestGolden(t *testing.T) {
	goldentest.RunGolden(t, []string{"vif_p"}, 1e-5, goldentest.Score(metrics.NewRegistry(Descriptor)))
}

// randomPicture returns a w×h gray picture of uniform random 8-bit values.
func randomPicture(rng *rand.Rand, w, h int) *frame.Picture {
	return goldentest.NoisePicture(rng, w, h, 1)
}

// TestIdentical checks VIF-p(x, x): just below 1 because of the 1e-8 floor
// on σv², as in PIQ.
func TestIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][2]int{{41, 41}, {64, 50}, {130, 97}} {
		p := randomPicture(rng, sz[0], sz[1])
		_, got, err := metrics.ScoreOnce(Metric{}, p, p)
		if err != nil {
			t.Fatal(err)
		}
		if got[0] > 1 || got[0] < 1-1e-7 {
			t.Errorf("%v: vifp(x, x) = %.17g, want in [1-1e-7, 1]", sz, got[0])
		}
	}
}

func TestSizes(t *testing.T) {
	for _, tc := range []struct {
		w, h   int
		refuse bool
	}{{40, 41, true}, {41, 40, true}, {41, 41, false}, {42, 90, false}} {
		_, err := Metric{}.NewScorer(metrics.Shape{W: tc.w, H: tc.h, Channels: 1, Peak: 255})
		_, isSize := err.(*metrics.SizeError)
		if tc.refuse != isSize || (!tc.refuse && err != nil) {
			t.Errorf("%dx%d: err = %v, refusal wanted: %v", tc.w, tc.h, err, tc.refuse)
		}
	}
}

// TestNoAllocs checks that scoring a frame pair allocates nothing.
func TestNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	goldentest.CheckNoAllocs(t, Metric{}, randomPicture(rng, 96, 64), randomPicture(rng, 96, 64))
}

// BenchmarkVIFP scores the 1080p golden luma pair at every SIMD level
// (sub-benchmarks impl=<level>/res=1080p, with CPU time per frame).
func BenchmarkVIFP(b *testing.B) { goldentest.BenchLevels(b, Metric{}) }

// TestLogSum compares the chunked logarithm sum with a plain sum of logs,
// including factors large enough to overflow a chunk's product.
func TestLogSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{0, 1, 63, 64, 65, 200, 1000} {
		for _, hi := range []float64{2, 8000, 1e30, 1e100} {
			f := make([]float64, n)
			var want float64
			for i := range f {
				f[i] = 1 + (hi-1)*rng.Float64()
				want += math.Log10(f[i])
			}
			if got := logSum(f); math.Abs(got-want) > 1e-12*math.Max(1, want) {
				t.Errorf("n=%d hi=%g: logSum = %.17g, want %.17g", n, hi, got, want)
			}
		}
	}
}
