package mdsi_test

import (
	"testing"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/mdsi"
)

var registry = metrics.NewRegistry(mdsi.Descriptor)

// TestGolden checks every mdsi row of golden.csv (gray, rgb and yuv
// inputs, every size, both argument orders) at 1e-5, at every SIMD level
// this machine supports.
func TestGolden(t *testing.T) {
	goldentest.RunGoldenLevels(t, []string{"mdsi"}, 1e-5, goldentest.Score(registry))
}

// TestGoldenSwapped checks that golden.csv has mdsi rows with the
// arguments swapped (order=x_ref,y_dist), which TestGolden then covers.
func TestGoldenSwapped(t *testing.T) {
	for _, r := range goldentest.Rows(t, "mdsi") {
		if r.Swap {
			return
		}
	}
	t.Error("no mdsi row with order=x_ref,y_dist")
}

// TestIdentical checks that identical pictures score 0.
func TestIdentical(t *testing.T) {
	m, _ := registry.Parse("mdsi")
	for _, file := range []string{"images/camera_512x384.rgb.png", "images/chelsea_321x257.rgb.png", "images/camera_512x384.gray.png", "images/astronaut_16x16.rgb.png"} {
		p := goldentest.LoadCached(t, file)
		_, v, err := metrics.ScoreOnce(m, p, p)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if v[0] != 0 {
			t.Errorf("%s: identical pictures give %g, want 0", file, v[0])
		}
	}
}

// TestAsymmetric checks that swapping the arguments changes the score
// (MDSI is asymmetric), so the argument order is really exercised.
func TestAsymmetric(t *testing.T) {
	m, _ := registry.Parse("mdsi")
	a := goldentest.LoadCached(t, "images/camera_512x384.gray.png")
	b := goldentest.LoadCached(t, "images/p08_blur_1.5.gray.png")
	_, v1, err1 := metrics.ScoreOnce(m, a, b)
	_, v2, err2 := metrics.ScoreOnce(m, b, a)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if v1[0] == v2[0] {
		t.Errorf("mdsi(a, b) = mdsi(b, a) = %g", v1[0])
	}
}

func BenchmarkMDSI(b *testing.B) { goldentest.BenchLevels(b, mdsi.Metric{}) }
