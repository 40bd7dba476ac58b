package dss

import "slices"

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
	selectSmallest(a[:m], k)
	var sum float64
	for _, v := range a[:k] {
		sum += v
	}
	return sum / float64(k)
}

// selectSmallest reorders a so that its k smallest values come first (in
// no particular order), by quickselect with a median-of-three pivot.
func selectSmallest(a []float64, k int) {
	lo, hi := 0, len(a)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		// Median of three into a[mid].
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		p := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		// Now a[lo..j] ≤ p ≤ a[i..hi], and a[j+1..i-1] == p.
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}
