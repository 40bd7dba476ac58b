package vsi

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/metrics"
)

// bruteSaliency resizes the 256² map src to w×h (bilinear, aligned
// corners), normalises it by its extremes, pads it by edge replication and
// pools it by f, sample by sample as PIQ does.
func bruteSaliency(src []float64, w, h, f int) []float64 {
	full := make([]float64, w*h)
	uy, ux := upWeights(h), upWeights(w)
	mn, mx := math.Inf(1), math.Inf(-1)
	for y := range h {
		for x := range w {
			r0, r1 := src[uy.i0[y]*salN:], src[uy.i1[y]*salN:]
			a, b := ux.i0[x], ux.i1[x]
			v := uy.l0[y]*(ux.l0[x]*r0[a]+ux.l1[x]*r0[b]) + uy.l1[y]*(ux.l0[x]*r1[a]+ux.l1[x]*r1[b])
			full[y*w+x] = v
			mn, mx = min(mn, v), max(mx, v)
		}
	}
	for i, v := range full {
		full[i] = (v - mn) / (mx - mn + eps)
	}
	pw, ph := (w+f-1)/f, (h+f-1)/f
	out := make([]float64, pw*ph)
	for i := range ph {
		for j := range pw {
			var s float64
			for a := range f {
				for b := range f {
					y := min(max(f*i-f/2+a, 0), h-1)
					x := min(max(f*j-f/2+b, 0), w-1)
					s += full[y*w+x]
				}
			}
			out[i*pw+j] = s / float64(f*f)
		}
	}
	return out
}

// TestPoolSaliency checks the pooled saliency map computed through the
// sparse resize-and-pool weights and the candidate extremes against the
// sample-by-sample computation.
func TestPoolSaliency(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, sz := range [][2]int{{16, 16}, {48, 40}, {321, 257}, {512, 384}, {1100, 700}, {1920, 1080}, {300, 1}} {
		w, h := sz[0], sz[1]
		m, err := (&Metric{}).NewScorer(metrics.Shape{W: w, H: h, Channels: 1, Peak: 255})
		if err != nil {
			t.Fatal(err)
		}
		sc := m.(*scorer)
		src := make([]float64, salN*salN)
		for i := range src {
			src[i] = rng.Float64() * rng.Float64()
		}
		got := make([]float64, sc.pw*sc.ph)
		sc.poolSaliency(got, src)
		want := bruteSaliency(src, w, h, sc.f)
		for i := range want {
			if d := math.Abs(got[i] - want[i]); d > 1e-12 {
				t.Fatalf("%dx%d (f=%d): pooled[%d] = %.17g, want %.17g", w, h, sc.f, i, got[i], want[i])
			}
		}
	}
}
