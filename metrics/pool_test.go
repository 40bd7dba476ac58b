package metrics

import (
	"math"
	"testing"
)

func TestPool(t *testing.T) {
	nan := math.NaN()
	vals := []float64{4, 1, 3, 2, 5}
	tests := []struct {
		name string
		in   []float64
		want float64
	}{
		{"mean", vals, 3},
		{"min", vals, 1},
		{"max", vals, 5},
		{"median", vals, 3},
		{"median", []float64{1, 2, 3, 10}, 2.5},
		{"p0", vals, 1},
		{"p100", vals, 5},
		{"p25", vals, 2},
		{"p5", vals, 1.2},     // pos 0.2 between 1 and 2
		{"p95", vals, 4.8},    // pos 3.8 between 4 and 5
		{"p2.5", vals, 1.1},   // pos 0.1
		{"variance", vals, 2}, // population
		{"stddev", vals, math.Sqrt(2)},
		// libvmaf: 1/mean(1/(v+1)) − 1; with 0 and 1: 1/((1+0.5)/2) − 1.
		{"harmonic_mean", []float64{0, 1}, 1/0.75 - 1},
		// Non-finite values are left out.
		{"mean", []float64{1, nan, 3, math.Inf(1)}, 2},
		{"max", []float64{nan, 7}, 7},
		{"mean", []float64{nan, nan}, nan},
		{"mean", nil, nan},
	}
	for _, tc := range tests {
		got, err := Pool(tc.name, tc.in)
		if err != nil {
			t.Errorf("Pool(%s, %v): %v", tc.name, tc.in, err)
			continue
		}
		if math.IsNaN(tc.want) != math.IsNaN(got) || math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Pool(%s, %v) = %v, want %v", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestCheckPool(t *testing.T) {
	for _, ok := range []string{"mean", "harmonic_mean", "p5", "p95", "p0", "p100", "p12.5", "median", "stddev"} {
		if err := CheckPool(ok); err != nil {
			t.Errorf("CheckPool(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "avg", "p", "p101", "p-1", "pfoo", "Mean"} {
		if err := CheckPool(bad); err == nil {
			t.Errorf("CheckPool(%q) = nil, want error", bad)
		}
		if _, err := Pool(bad, []float64{1}); err == nil {
			t.Errorf("Pool(%q) = nil error", bad)
		}
	}
}

// TestPoolOrderIndependent checks that pooling does not depend on the
// order of values (apart from float rounding of the sums).
func TestPoolOrderIndependent(t *testing.T) {
	a := []float64{0.91, 0.5, 0.77, 0.33, 0.99, 0.12}
	b := []float64{0.12, 0.99, 0.33, 0.77, 0.5, 0.91}
	for _, n := range append(PoolNames, "p5", "p95") {
		x, _ := Pool(n, a)
		y, _ := Pool(n, b)
		if math.Abs(x-y) > 1e-15 {
			t.Errorf("%s: %v vs %v", n, x, y)
		}
	}
}
