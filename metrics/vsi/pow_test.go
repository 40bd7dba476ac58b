package vsi

import (
	"math"
	"testing"
)

// TestPowTable checks the interpolated powers against math.Pow over a
// dense grid, inside and outside the tabulated range, and that powers
// gives exactly what at gives.
func TestPowTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		tab  *powTable
	}{{"lin", linTable}, {"root", rootTable}, {"alpha", alphaTable}, {"beta", betaTable}} {
		var worst float64
		xs := make([]float64, 2_000_001)
		for i := range xs {
			xs[i] = float64(i) / 2_000_000
		}
		xs = append(xs, 1.5, 1e-300, 7)
		ps := append([]float64(nil), xs...)
		tc.tab.powers(ps)
		for i, x := range xs {
			want := math.Pow(x, tc.tab.e)
			got := tc.tab.at(x)
			if ps[i] != got {
				t.Fatalf("%s: powers(%v) = %v, at = %v", tc.name, x, ps[i], got)
			}
			if x == 0 {
				if got != 0 {
					t.Fatalf("%s: at(0) = %v", tc.name, got)
				}
				continue
			}
			worst = max(worst, math.Abs(got-want)/want)
		}
		if worst > 1e-13 {
			t.Errorf("%s: x^%v: worst relative error %.3g > 1e-13", tc.name, tc.tab.e, worst)
		}
		t.Logf("%s: x^%v: worst relative error %.3g", tc.name, tc.tab.e, worst)
	}
}
