package vsi

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPowTable checks the table powers against math.Pow: relative error
// below 1e-13 over a dense grid of [0, 1], where the metric's arguments
// lie, and over random arguments spread over the whole float64 range;
// exact zero at zero; results that underflow below the normal range
// within 2^-1060 (subnormal results lose precision); math.Pow's value for the special
// arguments. It also checks that powers gives exactly what at gives.
func TestPowTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	xs := make([]float64, 2_000_001)
	for i := range xs {
		xs[i] = float64(i) / 2_000_000
	}
	for range 200_000 {
		xs = append(xs, math.Exp((rng.Float64()*2-1)*700))
	}
	xs = append(xs, 1.5, 1e-300, 7, 2, 1-1e-16, math.SmallestNonzeroFloat64, 0x1p-1022, math.MaxFloat64, math.Inf(1), math.NaN())
	for _, tc := range []struct {
		name string
		tab  *powTable
	}{{"lin", linTable}, {"root", rootTable}, {"alpha", alphaTable}, {"beta", betaTable}} {
		var worst float64
		ps := append([]float64(nil), xs...)
		tc.tab.powers(ps)
		for i, x := range xs {
			want := math.Pow(x, tc.tab.e)
			got := tc.tab.at(x)
			if ps[i] != got && !(math.IsNaN(got) && math.IsNaN(ps[i])) {
				t.Fatalf("%s: powers(%v) = %v, at = %v", tc.name, x, ps[i], got)
			}
			switch {
			case math.IsNaN(want) || math.IsInf(want, 0) || want == 0:
				if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
					t.Fatalf("%s: at(%v) = %v, want %v", tc.name, x, got, want)
				}
			case want < 0x1p-1022:
				if math.Abs(got-want) > 0x1p-1060 {
					t.Fatalf("%s: at(%v) = %v, want %v", tc.name, x, got, want)
				}
			default:
				worst = max(worst, math.Abs(got-want)/want)
			}
		}
		if !(worst <= 1e-13) {
			t.Errorf("%s: x^%v: worst relative error %.3g > 1e-13", tc.name, tc.tab.e, worst)
		}
		t.Logf("%s: x^%v: worst relative error %.3g", tc.name, tc.tab.e, worst)
	}
}
