package gmsd_test

import (
	"math"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/gmsd"
)

var registry = metrics.NewRegistry(gmsd.Descriptor, gmsd.MSDescriptor)

// TestGolden checks every gmsd and multi_scale_gmsd row of golden.csv
// (gray, rgb and yuv inputs, every size, the refusals) at 1e-5, at every
// SIMD level this machine supports.
func TestGolden(t *testing.T) {
	goldentest.RunGoldenLevels(t, []string{"gmsd", "multi_scale_gmsd"}, 1e-5, goldentest.Score(registry))
}

// TestIdentical checks that identical pictures score exactly 0.
func TestIdentical(t *testing.T) {
	for _, spec := range []string{"gmsd", "ms_gmsd", "ms_gmsd:chromatic=true"} {
		for _, file := range []string{"images/camera_512x384.rgb.png", "images/chelsea_321x257.rgb.png", "images/camera_512x384.gray.png"} {
			m, err := registry.Parse(spec)
			if err != nil {
				t.Fatal(err)
			}
			p := goldentest.Load(t, file)
			_, v, err := metrics.ScoreOnce(m, p, p)
			if spec == "ms_gmsd:chromatic=true" && len(p.Planes) == 1 {
				if err == nil {
					t.Errorf("%s on gray %s: no error", spec, file)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s %s: %v", spec, file, err)
			}
			if v[0] != 0 {
				t.Errorf("%s %s: identical pictures give %g, want 0", spec, file, v[0])
			}
		}
	}
}

// TestBitDepth checks that a 10-bit picture scores like the 8-bit one it
// was scaled from (the metric works on v·255/Peak).
func TestBitDepth(t *testing.T) {
	ref := goldentest.Load(t, "images/camera_512x384.gray.png")
	dist := goldentest.Load(t, "images/p08_blur_1.5.gray.png")
	for _, spec := range []string{"gmsd", "ms_gmsd"} {
		m, _ := registry.Parse(spec)
		_, v8, err := metrics.ScoreOnce(m, ref, dist)
		if err != nil {
			t.Fatal(err)
		}
		_, v10, err := metrics.ScoreOnce(m, to10(ref), to10(dist))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(v8[0]-v10[0]) > 1e-6 {
			t.Errorf("%s: 8-bit %g, 10-bit %g", spec, v8[0], v10[0])
		}
	}
}

func to10(p *frame.Picture) *frame.Picture {
	q := *p
	q.BitDepth = 10
	q.Planes = make([]frame.Plane, len(p.Planes))
	for i, s := range p.Planes {
		d := frame.NewPlane(s.W, s.H)
		for y := range s.H {
			for x, v := range s.Row(y) {
				d.Row(y)[x] = v * 1023 / 255
			}
		}
		q.Planes[i] = d
	}
	return &q
}

func BenchmarkGMSD(b *testing.B) { goldentest.BenchLevels(b, gmsd.Metric{}) }

func BenchmarkMSGMSD(b *testing.B) { goldentest.BenchLevels(b, gmsd.MSMetric{}) }
