package haar_test

import (
	"math"
	"testing"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/haar"
)

var registry = metrics.NewRegistry(haar.Descriptor)

// TestGolden checks every haarpsi row of golden.csv (gray, rgb and yuv
// inputs, every size, the refusals) at 1e-5, at every SIMD level this
// machine supports.
func TestGolden(t *testing.T) {
	goldentest.RunGoldenLevels(t, []string{"haarpsi"}, 1e-5, goldentest.Score(registry))
}

// TestIdentical checks that identical pictures score 1.
func TestIdentical(t *testing.T) {
	m, _ := registry.Parse("haarpsi")
	for _, file := range []string{"images/camera_512x384.rgb.png", "images/chelsea_321x257.rgb.png", "images/camera_512x384.gray.png", "images/astronaut_16x16.rgb.png"} {
		p := goldentest.LoadCached(t, file)
		_, v, err := metrics.ScoreOnce(m, p, p)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if math.Abs(v[0]-1) > 1e-7 {
			t.Errorf("%s: identical pictures give %.17g, want 1", file, v[0])
		}
	}
}

// TestTooSmall checks the refusal below 16×16 and its message.
func TestTooSmall(t *testing.T) {
	m, _ := registry.Parse("haarpsi")
	_, err := m.NewScorer(metrics.Shape{W: 16, H: 15, Channels: 1, Peak: 255})
	if _, ok := err.(*metrics.SizeError); !ok {
		t.Fatalf("16x15: got %v, want a SizeError", err)
	}
	if _, err := m.NewScorer(metrics.Shape{W: 16, H: 16, Channels: 3, Peak: 255}); err != nil {
		t.Errorf("16x16: %v", err)
	}
}

func BenchmarkHaarPSI(b *testing.B) { goldentest.BenchLevels(b, haar.Metric{}) }
