package goldentest

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
)

// NoisePicture returns a w×h 8-bit picture of channels planes (1: Gray,
// 3: RGB) of uniform random code values 0…255, drawn from rng plane by
// plane, row by row.
func NoisePicture(rng *rand.Rand, w, h, channels int) *frame.Picture {
	return newPicture(w, h, channels, func(pl frame.Plane) {
		for y := range h {
			for x, row := 0, pl.Row(y); x < w; x++ {
				row[x] = float32(rng.IntN(256))
			}
		}
	})
}

// SmoothPicture returns a w×h 8-bit picture of channels planes (1: Gray,
// 3: RGB), each a random plane wave 128 + 80·sin(fx·x + fy·y) plus
// Gaussian noise of deviation 20, rounded and clipped to 0…255: content
// with structure at several scales, unlike NoisePicture.
func SmoothPicture(rng *rand.Rand, w, h, channels int) *frame.Picture {
	return newPicture(w, h, channels, func(pl frame.Plane) {
		fx, fy := rng.Float64()*0.2, rng.Float64()*0.2
		for y := range h {
			for x, row := 0, pl.Row(y); x < w; x++ {
				v := 128 + 80*math.Sin(fx*float64(x)+fy*float64(y)) + 20*rng.NormFloat64()
				row[x] = float32(math.Round(min(255, max(0, v))))
			}
		}
	})
}

// newPicture returns an 8-bit Gray (channels 1) or RGB (3) picture of
// w×h planes, each filled by fill in turn.
func newPicture(w, h, channels int, fill func(frame.Plane)) *frame.Picture {
	p := &frame.Picture{Kind: frame.Gray, BitDepth: 8}
	if channels == 3 {
		p.Kind = frame.RGB
	}
	for range channels {
		pl := frame.NewPlane(w, h)
		fill(pl)
		p.Planes = append(p.Planes, pl)
	}
	return p
}

// CheckNoAllocs fails t when scoring the pair (ref, dist) with m allocates
// after the scorer and the workspace are made: a scorer must hold every
// buffer it needs.
func CheckNoAllocs(t testing.TB, m metrics.Metric, ref, dist *frame.Picture) {
	t.Helper()
	sc, err := m.NewScorer(metrics.ShapeOf(ref, ref))
	if err != nil {
		t.Fatal(err)
	}
	ws := metrics.NewWorkspace()
	ws.Set(ref, dist, ref, dist, ref.Peak())
	out := make([]float64, len(m.Outputs(metrics.ShapeOf(ref, ref))))
	if n := testing.AllocsPerRun(5, func() { _ = sc.Score(ws, out) }); n != 0 {
		t.Errorf("%s: Score allocates %v times per frame pair", m.Name(), n)
	}
}
