package vsi

import (
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
)

// TestPoolPlane checks the f×f pooling of a full-size plane, edge
// replicated, against the sample-by-sample sum (column sums first, in
// the same order), for every pooling factor up to 5 and sizes that do
// and do not divide by it. The sums must agree exactly.
func TestPoolPlane(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, sz := range [][2]int{{7, 5}, {640, 360}, {512, 384}, {515, 385}, {800, 700}, {1100, 1030}, {1921, 1083}, {1283, 1281}} {
		w, h := sz[0], sz[1]
		m, err := (&Metric{}).NewScorer(metrics.Shape{W: w, H: h, Channels: 1, Peak: 255})
		if err != nil {
			t.Fatal(err)
		}
		sc := m.(*scorer)
		p := frame.NewPlane(w, h)
		for y := range h {
			for x, row := 0, p.Row(y); x < w; x++ {
				row[x] = float32(rng.Float64() * 255)
			}
		}
		const scale = 0.75
		got := make([]float64, sc.pw*sc.ph)
		sc.poolPlane(got, p, scale)
		f := sc.f
		for i := range sc.ph {
			for j := range sc.pw {
				var s float64
				for b := range f {
					x := min(max(f*j-f/2+b, 0), w-1)
					var cs float64
					for a := range f {
						cs += float64(p.Row(min(max(f*i-f/2+a, 0), h-1))[x])
					}
					s += cs
				}
				want := s * (scale / float64(f*f))
				if g := got[i*sc.pw+j]; g != want {
					t.Fatalf("%dx%d (f=%d): pooled (%d, %d) = %.17g, want %.17g", w, h, f, j, i, g, want)
				}
			}
		}
	}
}
