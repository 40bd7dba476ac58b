package metrics

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// DefaultPools are the pooled values every report carries for each output,
// as libvmaf's pooled_metrics does.
var DefaultPools = []string{"min", "max", "mean", "harmonic_mean"}

// PoolNames lists the pooling methods Pool knows, besides pN percentiles.
var PoolNames = []string{"min", "max", "mean", "harmonic_mean", "median", "stddev", "variance"}

// CheckPool reports whether name is a pooling method Pool knows: one of
// PoolNames or a percentile "pN" with 0 ≤ N ≤ 100 ("p5", "p95", "p2.5").
func CheckPool(name string) error {
	if slices.Contains(PoolNames, name) {
		return nil
	}
	if _, ok := percentile(name); ok {
		return nil
	}
	return fmt.Errorf("unknown pooling method %q (known: %s, pN for a percentile such as p5)", name, strings.Join(PoolNames, ", "))
}

func percentile(name string) (float64, bool) {
	if !strings.HasPrefix(name, "p") {
		return 0, false
	}
	q, err := strconv.ParseFloat(name[1:], 64)
	if err != nil || !(q >= 0 && q <= 100) {
		return 0, false
	}
	return q, true
}

// Pool reduces per-frame values to one value by the named method. Non-finite
// values (NaN, ±Inf) are left out; if none is left the result is NaN.
//
//   - mean: the arithmetic mean (the default video score).
//   - harmonic_mean: libvmaf's shifted form 1/mean(1/(v+1)) − 1, which stays
//     defined when a value is 0.
//   - min, max, median.
//   - stddev, variance: population (divided by n, not n−1).
//   - pN: the N-th percentile with linear interpolation between the closest
//     ranks (NumPy's default), so p50 equals the median.
//
// Sums are taken in float64 in frame order, so the result does not depend
// on how many workers scored the frames.
func Pool(name string, vals []float64) (float64, error) {
	if err := CheckPool(name); err != nil {
		return math.NaN(), err
	}
	finite := make([]float64, 0, len(vals))
	for _, v := range vals {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			finite = append(finite, v)
		}
	}
	if len(finite) == 0 {
		return math.NaN(), nil
	}
	n := float64(len(finite))
	switch name {
	case "mean":
		return mean(finite), nil
	case "harmonic_mean":
		var s float64
		for _, v := range finite {
			s += 1 / (v + 1)
		}
		return n/s - 1, nil
	case "min":
		return slices.Min(finite), nil
	case "max":
		return slices.Max(finite), nil
	case "stddev", "variance":
		m := mean(finite)
		var s float64
		for _, v := range finite {
			s += (v - m) * (v - m)
		}
		if name == "variance" {
			return s / n, nil
		}
		return math.Sqrt(s / n), nil
	}
	q := 50.0
	if name != "median" {
		q, _ = percentile(name)
	}
	slices.Sort(finite)
	pos := q / 100 * (n - 1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(finite)-1)
	frac := pos - float64(lo)
	return finite[lo] + (finite[hi]-finite[lo])*frac, nil
}

func mean(vs []float64) float64 {
	var s float64
	for _, v := range vs {
		s += v
	}
	return s / float64(len(vs))
}
