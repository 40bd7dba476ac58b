package vsi

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
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
		var src, got [2][]float64
		for k := range 2 {
			src[k] = make([]float64, salN*salN)
			for i := range src[k] {
				src[k][i] = rng.Float64() * rng.Float64()
			}
			got[k] = make([]float64, sc.pw*sc.ph)
		}
		mn, d := sc.poolSaliency(got, src)
		for k := range 2 {
			for i, v := range got[k] {
				got[k][i] = (v - mn[k]) / d[k]
			}
		}
		for k := range 2 {
			want := bruteSaliency(src[k], w, h, sc.f)
			for i := range want {
				if d := math.Abs(got[k][i] - want[i]); d > 1e-12 {
					t.Fatalf("%dx%d (f=%d): map %d: pooled[%d] = %.17g, want %.17g", w, h, sc.f, k, i, got[k][i], want[i])
				}
			}
		}
	}
}

// TestToLabGray checks the gray conversion of two pictures, packed as
// x + i·y, against the general RGB one with R = G = B, over the whole byte
// range and densely around the dark segment of the sRGB curve (v ≤ 10.3)
// and the linear segment of CIELAB's companding (v ≈ 23), and the
// extremes of a and b it returns.
func TestToLabGray(t *testing.T) {
	var vx []float64
	for i := range 25501 {
		vx = append(vx, float64(i)/100)
	}
	for i := range 20001 {
		vx = append(vx, 22+float64(i)/10000)
	}
	n := len(vx)
	vy := make([]float64, n)
	for i, v := range vx {
		vy[n-1-i] = v * 0.9
	}
	var z [3][]complex128
	for c := range z {
		z[c] = make([]complex128, n)
	}
	r := toLabGray(z, vx, vy, make([]float64, n), make([]float64, n))
	for p, v := range [][]float64{vx, vy} {
		var want [3][]float64
		for c := range want {
			want[c] = make([]float64, n)
		}
		toLab(want, v, v, v)
		for c := range 3 {
			for i := range v {
				got := real(z[c][i])
				if p == 1 {
					got = imag(z[c][i])
				}
				if d := math.Abs(got - want[c][i]); d > 1e-12 {
					t.Fatalf("picture %d, v=%v: channel %d = %.17g, want %.17g", p, v[i], c, got, want[c][i])
				}
			}
		}
		amin, amax := f64.MinMax(want[1])
		bmin, bmax := f64.MinMax(want[2])
		for _, d := range []float64{r[p].amin - amin, r[p].amax - amax, r[p].bmin - bmin, r[p].bmax - bmax} {
			if math.Abs(d) > 1e-12 {
				t.Fatalf("picture %d: extremes %+v, want a in [%v, %v], b in [%v, %v]", p, r[p], amin, amax, bmin, bmax)
			}
		}
	}
}
