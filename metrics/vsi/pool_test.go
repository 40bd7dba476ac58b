package vsi

import (
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
)

// TestPoolPlane checks the f×f pooling of a full-size plane, edge
// replicated, against the sample-by-sample sum (column sums first, in
// the same order), for every pooling factor up to 5 and sizes that do
// and do not divide by it, and the 256² resize made in the same pass
// against the bilinear formula. Both must agree exactly.
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
		small := make([]float64, salN*salN)
		sc.poolPlane(got, nil, small, p, scale)
		// The 256² resize made in the same pass, sample by sample.
		wy, wx := downWeights(h), downWeights(w)
		for y := range salN {
			r0, r1 := p.Row(wy.i0[y]), p.Row(wy.i1[y])
			for x := range salN {
				a, b := wx.i0[x], wx.i1[x]
				want := wy.l0[y]*(wx.l0[x]*float64(r0[a])*scale+wx.l1[x]*float64(r0[b])*scale) +
					wy.l1[y]*(wx.l0[x]*float64(r1[a])*scale+wx.l1[x]*float64(r1[b])*scale)
				if g := small[y*salN+x]; g != want {
					t.Fatalf("%dx%d: resized (%d, %d) = %.17g, want %.17g", w, h, x, y, g, want)
				}
			}
		}
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

// TestGradRow checks the row-by-row Scharr magnitudes against
// f64.Scharr on whole planes, bit for bit, for planes of one to many
// rows and columns (every level's simd.ScharrRowF64 gives the same bits).
func TestGradRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, sz := range [][2]int{{1, 1}, {2, 1}, {1, 5}, {2, 2}, {3, 3}, {7, 5}, {17, 2}, {480, 270}, {641, 37}} {
		w, h := sz[0], sz[1]
		l := make([]float64, w*h)
		for i := range l {
			l[i] = rng.Float64() * 250
		}
		want := make([]float64, w*h)
		f64.Scharr(want, l, w, h)
		sc := &scorer{pw: w, ph: h, zero: make([]float64, w)}
		got := make([]float64, w)
		for r := range h {
			sc.gradRow(got, l, r)
			for c, v := range got {
				if v != want[r*w+c] {
					t.Fatalf("%dx%d: (%d, %d) = %.17g, want %.17g", w, h, c, r, v, want[r*w+c])
				}
			}
		}
	}
}
