package vsi

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// TestGolden checks every vsi row of testdata/golden/golden.csv at
// absolute 1e-5 and logs the largest error per input kind.
func TestGolden(t *testing.T) {
	goldentest.RunGolden(t, []string{"vsi"}, 1e-5, goldentest.Score(metrics.NewRegistry(Descriptor)))
}

// TestIdentical checks that identical pictures give 1.
func TestIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct{ w, h, c int }{{64, 48, 1}, {33, 17, 3}, {400, 390, 3}, {1, 1, 1}, {1100, 700, 1}} {
		p := goldentest.SmoothPicture(rng, tc.w, tc.h, tc.c)
		_, v, err := metrics.ScoreOnce(&Metric{}, p, p)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(v[0]-1) > 1e-12 {
			t.Errorf("%dx%dx%d: vsi of identical pictures = %.17g, want 1", tc.w, tc.h, tc.c, v[0])
		}
	}
}

// TestNoAlloc checks that scoring a frame allocates nothing, without
// pooling (f = 1) and with the pooling factors 2 and 4.
func TestNoAlloc(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, tc := range []struct{ w, h, c int }{{40, 30, 3}, {600, 520, 1}, {1100, 1030, 1}} {
		goldentest.CheckNoAllocs(t, &Metric{}, goldentest.SmoothPicture(rng, tc.w, tc.h, tc.c), goldentest.SmoothPicture(rng, tc.w, tc.h, tc.c))
	}
}

// BenchmarkVSI scores one gray (luma) frame pair per iteration at every
// SIMD level (see goldentest.BenchPair).
func BenchmarkVSI(b *testing.B) {
	for l := simd.Generic; l <= simd.Best(); l++ {
		for _, res := range []struct {
			name string
			w, h int
		}{{"360p", 640, 360}, {"1080p", 1920, 1080}} {
			b.Run(fmt.Sprintf("impl=%s/res=%s", l, res.name), func(b *testing.B) {
				defer simd.SetLevel(l)()
				rng := rand.New(rand.NewPCG(1, 2))
				ref, dist := goldentest.SmoothPicture(rng, res.w, res.h, 1), goldentest.SmoothPicture(rng, res.w, res.h, 1)
				goldentest.BenchPair(b, &Metric{}, ref, dist)
			})
		}
	}
}
