package dss

import (
	"math"

	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
	"github.com/fr-metrics/fr-metrics/simd"
)

// sampleSize is the largest number of values meanSmallest samples to
// bracket the k-th smallest value of an array.
const sampleSize = 256

// minFilter is the length below which meanSmallest selects directly.
const minFilter = 512

// meanSmallest returns the mean of the k smallest values of a (0 < k ≤
// len(a)), reordering a. buf holds len(a) values and scratch sampleSize.
//
// While the candidates are many, a sample of them brackets the k-th
// smallest value between two of its order statistics (3.5 standard
// deviations of the sample quantile apart, so that the bracket almost
// never misses), and one vector pass (simd.RangeFilterF64) sums the
// values below the bracket and keeps those inside it as the new
// candidates. The few left are selected with quickselect. A bracket of
// one value (ties, such as the constant map of identical pictures) ends
// the search at once: the values kept are all equal. A bracket that
// misses (adversarial order) only ends the filtering early.
func meanSmallest(a []float64, k int, buf, scratch []float64) float64 {
	cur, other := a, buf[:len(a)]
	need := k
	var total float64
	for need > 0 && need < len(cur) && len(cur) >= minFilter {
		ns := min(sampleSize, len(cur)/8)
		s := scratch[:ns]
		step := len(cur) / ns
		for i := range s {
			s[i] = cur[i*step]
		}
		p := float64(need) / float64(len(cur))
		margin := int(3.5*math.Sqrt(float64(ns)*p*(1-p))) + 2
		q := int(p * float64(ns))
		ql, qh := q-margin, q+margin
		lo, hi := math.Inf(-1), math.Inf(1)
		if qh < ns {
			hi = f64.Select(s, qh)
			s = s[:qh+1]
		}
		if ql >= 0 {
			lo = f64.Select(s, ql)
		}
		if ql < 0 && qh >= ns {
			break
		}
		kept, below, sum := simd.RangeFilterF64(other, cur, lo, hi)
		if below > need || below+kept < need {
			break // cur is intact: select in it
		}
		if lo == hi { // the kept values all equal lo (ties, such as a constant map)
			total += sum + float64(need-below)*lo
			need = 0
			break
		}
		if kept == len(cur) {
			break
		}
		total += sum
		need -= below
		cur, other = other[:kept], cur
	}
	if need > 0 {
		f64.Select(cur, need-1) // the need smallest come first
		for _, v := range cur[:need] {
			total += v
		}
	}
	return total / float64(k)
}
