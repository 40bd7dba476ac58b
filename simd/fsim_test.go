package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFSIMEnergy compares FSIMEnergy with its generic version at every
// level for lengths around the vector width, with a NaN guard after each
// output.
func TestFSIMEnergy(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	forEachLevel(t, func(t *testing.T, impl Impl) {
		for n := 0; n <= 19; n++ {
			var e [4][]complex128
			for s := range e {
				e[s] = make([]complex128, n)
				for k := range e[s] {
					e[s][k] = complex(rng.NormFloat64()*50, rng.NormFloat64()*50)
				}
			}
			if n > 2 {
				for s := range e { // a pixel with no response at all
					e[s][1] = 0
				}
			}
			en, an, sq := make([]float64, n+1), make([]float64, n+1), make([]float64, n+1)
			we, wa, ws := make([]float64, n), make([]float64, n), make([]float64, n)
			for k := range n {
				an[k] = float64(k)
				wa[k] = float64(k)
			}
			en[n], an[n], sq[n] = math.NaN(), math.NaN(), math.NaN()
			FSIMEnergy(en[:n], an[:n], sq[:n], e[0], e[1], e[2], e[3], 2.220446049250313e-16)
			fsimEnergyGeneric(we, wa, ws, e[0], e[1], e[2], e[3], 2.220446049250313e-16)
			for k := range n {
				for _, c := range []struct {
					name      string
					got, want float64
				}{{"en", en[k], we[k]}, {"an", an[k], wa[k]}, {"sq", sq[k], ws[k]}} {
					if d := math.Abs(c.got - c.want); !(d <= 1e-12*math.Abs(c.want)+1e-12) {
						t.Fatalf("n=%d: %s[%d] = %.17g, want %.17g", n, c.name, k, c.got, c.want)
					}
				}
			}
			if !math.IsNaN(en[n]) || !math.IsNaN(an[n]) || !math.IsNaN(sq[n]) {
				t.Fatalf("n=%d: wrote past the end", n)
			}
		}
	})
}
