package gmsd

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/simd"
)

// TestSimMapDeviation compares simMap.deviation with a direct float64
// evaluation of the definition (Prewitt magnitudes with zero padding, the
// masked similarity map, its population standard deviation over the whole
// map) on random planes of small, odd and vector-sized widths, integer
// and fractional samples, at every SIMD level.
func TestSimMapDeviation(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, l := range []simd.Impl{simd.Generic, simd.AVX2, simd.AVX512} {
		if l > simd.Best() {
			continue
		}
		restore := simd.SetLevel(l)
		m := newSimMap(70)
		for _, sz := range [][2]int{{1, 1}, {2, 1}, {1, 3}, {2, 2}, {3, 3}, {5, 4}, {17, 9}, {18, 2}, {35, 20}, {70, 3}} {
			for _, frac := range []bool{false, true} {
				w, h := sz[0], sz[1]
				pic := func() frame.Plane {
					p := frame.NewPlane(w, h)
					for y := range h {
						for x := range p.Row(y) {
							v := float32(r.IntN(256))
							if frac {
								v *= 255.0 / 1023
							}
							p.Row(y)[x] = v
						}
					}
					return p
				}
				a, b := pic(), pic()
				for _, alpha := range []float32{0, Alpha} {
					got := m.deviation(a, b, alpha)
					want := directDeviation(a, b, float64(alpha))
					if math.Abs(got-want) > 1e-7 {
						t.Errorf("%v %dx%d frac=%v alpha=%v: %.12g, direct %.12g", l, w, h, frac, alpha, got, want)
					}
					if same := m.deviation(a, a, alpha); same != 0 {
						t.Errorf("%v %dx%d alpha=%v: identical planes give %g", l, w, h, alpha, same)
					}
				}
			}
		}
		restore()
	}
}

// directDeviation is the definition in float64 with the Prewitt weights.
func directDeviation(a, b frame.Plane, alpha float64) float64 {
	mag := func(p frame.Plane, y, x int) float64 {
		s := func(y, x int) float64 {
			if y < 0 || y >= p.H || x < 0 || x >= p.W {
				return 0
			}
			return float64(p.Data[y*p.Stride+x])
		}
		var gx, gy float64
		for k := -1; k <= 1; k++ {
			gx += (s(y+k, x+1) - s(y+k, x-1)) / 3
			gy += (s(y+1, x+k) - s(y-1, x+k)) / 3
		}
		return math.Sqrt(gx*gx + gy*gy)
	}
	var vals []float64
	for y := range a.H {
		for x := range a.W {
			p, q := mag(a, y, x), mag(b, y, x)
			vals = append(vals, ((2-alpha)*p*q+T)/(p*p+q*q-alpha*p*q+T))
		}
	}
	var s float64
	for _, v := range vals {
		s += v
	}
	mean := s / float64(len(vals))
	var d float64
	for _, v := range vals {
		d += (v - mean) * (v - mean)
	}
	return math.Sqrt(d / float64(len(vals)))
}
