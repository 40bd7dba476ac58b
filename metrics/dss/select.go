package dss

import (
	"slices"

	"github.com/fr-metrics/fr-metrics/metrics/internal/f64"
)

// sampleSize is the number of values meanSmallest samples to pick a pivot
// near the k-th smallest value of a large array.
const sampleSize = 256

// meanSmallest returns the mean of the k smallest values of a (0 < k ≤
// len(a)), reordering a. scratch holds sampleSize values.
//
// On large arrays one pass first moves every value below a pivot taken
// from a sorted sample (a little above the sample's k/len(a) quantile) to
// the front; the k smallest are then selected among those few. When the
// pivot falls short, the whole array is selected instead.
func meanSmallest(a []float64, k int, scratch []float64) float64 {
	m := len(a)
	if len(a) >= 8*sampleSize && k < len(a)/4 {
		s := scratch[:sampleSize]
		step := len(a) / sampleSize
		for i := range s {
			s[i] = a[i*step]
		}
		slices.Sort(s)
		q := k*sampleSize/len(a) + 12 // about 3 standard deviations of margin
		if q < sampleSize {
			p := s[q]
			m = 0
			for i, v := range a {
				if v < p {
					a[i], a[m] = a[m], v
					m++
				}
			}
			if m < k {
				m = len(a)
			}
		}
	}
	f64.Select(a[:m], k-1) // the k smallest come first
	var sum float64
	for _, v := range a[:k] {
		sum += v
	}
	return sum / float64(k)
}
