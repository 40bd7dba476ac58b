package vsi

import (
	"math"
	"testing"
)

// TestPowTable checks the interpolated powers against math.Pow over a
// dense grid, inside and outside the tabulated range.
func TestPowTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		tab  *powTable
	}{{"lin", linTable}, {"root", rootTable}, {"alpha", alphaTable}, {"beta", betaTable}} {
		var worst float64
		for i := 0; i <= 2_000_000; i++ {
			x := float64(i) / 2_000_000
			want := math.Pow(x, tc.tab.e)
			got := tc.tab.at(x)
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
