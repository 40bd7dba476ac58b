package evaluate

import (
	"cmp"
	"math"
	"math/big"
	"slices"
)

// The coefficient functions below take the finite pairs of one group
// (x = subjective, y = metric) and return the signed coefficient, or NaN
// when it is undefined. Each follows the floating-point formula of the
// library it reproduces, because near |r| = 1 the last bit decides the
// pooled result (see doc.go). Explicit float64 conversions keep the
// compiler from fusing a multiply and an add into one rounding.

// pearsonPandas is pandas' DataFrame.corr("pearson") (libalgos.nancorr):
// a Welford one-pass update whose result is not clipped to [-1, 1].
func pearsonPandas(x, y []float64) float64 {
	var nobs, mx, my, sxx, syy, sxy float64
	for i := range x {
		vx, vy := x[i], y[i]
		nobs++
		dx := vx - mx
		dy := vy - my
		inv := 1 / nobs // pandas: meanx += 1. / nobs * dx
		mx += float64(inv * dx)
		my += float64(inv * dy)
		sxx += float64((vx - mx) * dx)
		syy += float64((vy - my) * dy)
		sxy += float64((vx - mx) * dy)
	}
	if nobs < 1 {
		return math.NaN()
	}
	d := math.Sqrt(float64(sxx * syy))
	if d == 0 {
		return math.NaN()
	}
	return sxy / d
}

// spearmanPandas is pandas' DataFrame.corr("spearman")
// (libalgos.nancorr_spearman): average ranks minus (k+1)/2, then
// sum(a*b) / sqrt(sum(a*a) * sum(b*b)).
func spearmanPandas(rx, ry []float64) float64 {
	k := len(rx)
	if k < 1 {
		return math.NaN()
	}
	mean := float64(k+1) / 2
	var sab, saa, sbb float64
	for i := range rx {
		a := rx[i] - mean
		b := ry[i] - mean
		sab += float64(a * b)
		saa += float64(a * a)
		sbb += float64(b * b)
	}
	d := math.Sqrt(float64(saa * sbb))
	if d == 0 {
		return math.NaN()
	}
	return sab / d
}

// spearmanSciPy is scipy.stats.spearmanr: np.corrcoef of the average
// ranks, that is cov/(n-1) divided by each standard deviation in turn,
// clipped to [-1, 1].
func spearmanSciPy(rx, ry []float64) float64 {
	k := len(rx)
	if k < 2 {
		return math.NaN()
	}
	mean := float64(k+1) / 2
	var sab, saa, sbb float64
	for i := range rx {
		a := rx[i] - mean
		b := ry[i] - mean
		sab += float64(a * b)
		saa += float64(a * a)
		sbb += float64(b * b)
	}
	f := 1 / float64(k-1)
	cab, caa, cbb := float64(sab*f), float64(saa*f), float64(sbb*f)
	r := cab / math.Sqrt(caa) / math.Sqrt(cbb)
	return clip1(r)
}

// pearsonSciPy is scipy.stats.pearsonr (scipy 1.10): for two pairs the
// product of the signs of the differences; otherwise deviations from the
// mean, each divided by its norm, then their dot product, clipped to
// [-1, 1]; NaN when either side is constant. scipy takes the norm with
// BLAS dnrm2 (OpenBLAS computes it in x87 extended precision) and the
// dot product with BLAS ddot; both are emulated here.
func pearsonSciPy(x, y []float64) float64 {
	k := len(x)
	if k < 2 || constant(x) || constant(y) {
		return math.NaN()
	}
	if k == 2 {
		return float64(sign(x[1]-x[0]) * sign(y[1]-y[0]))
	}
	mx, my := pairwiseSum(x)/float64(k), pairwiseSum(y)/float64(k)
	xm := make([]float64, k)
	ym := make([]float64, k)
	for i := range x {
		xm[i] = x[i] - mx
		ym[i] = y[i] - my
	}
	nx, ny := nrm2(xm), nrm2(ym)
	for i := range xm {
		xm[i] /= nx
		ym[i] /= ny
	}
	return clip1(ddot(xm, ym))
}

// nrm2 is OpenBLAS's x87 dnrm2: squares summed in 64-bit-mantissa
// extended precision into four accumulators (element i into i mod 4 in
// blocks of eight, the tail into the first), combined as
// ((a2 + a0) + a1) + a3, square root in extended precision, then
// rounded to float64.
func nrm2(a []float64) float64 {
	const prec = 64
	var acc [4]*big.Float
	for i := range acc {
		acc[i] = new(big.Float).SetPrec(prec)
	}
	sq := new(big.Float).SetPrec(prec)
	v := new(big.Float).SetPrec(prec)
	n8 := len(a) &^ 7
	for i, x := range a {
		v.SetFloat64(x)
		sq.Mul(v, v)
		j := i % 4
		if i >= n8 {
			j = 0
		}
		acc[j].Add(acc[j], sq)
	}
	s := new(big.Float).SetPrec(prec).Add(acc[2], acc[0])
	s.Add(s, acc[1])
	s.Add(s, acc[3])
	s.Sqrt(s)
	f, _ := s.Float64()
	return f
}

// ddot is the dot product as a plain sequential sum of rounded
// products, which reproduces scipy's BLAS ddot on the test vectors.
func ddot(x, y []float64) float64 {
	var dot float64
	for i := range x {
		dot += float64(x[i] * y[i])
	}
	return dot
}

// pairwiseSum adds like numpy's pairwise summation for the short arrays
// seen here: a plain loop below 8 elements, eight running sums below 128.
func pairwiseSum(a []float64) float64 {
	n := len(a)
	switch {
	case n < 8:
		var s float64
		for _, v := range a {
			s += v
		}
		return s
	case n <= 128:
		var r [8]float64
		copy(r[:], a[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for j := range 8 {
				r[j] += a[i+j]
			}
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += a[i]
		}
		return s
	default:
		h := n / 2
		h -= h % 8
		return pairwiseSum(a[:h]) + pairwiseSum(a[h:])
	}
}

// kendallTauB is scipy.stats.kendalltau's tau-b, corrected for ties, in
// scipy's own formula (C-D) / sqrt(n0-n1) / sqrt(n0-n2) with two separate
// square roots. All counts are exact integers found in O(n log n) as
// scipy does (Knight's algorithm: sort by x then y, count inversions of
// y by merge sort); only the last line rounds. NaN when either side is
// constant.
func kendallTauB(x, y []float64) float64 {
	n := len(x)
	if n < 2 {
		return math.NaN()
	}
	p := make([]pair, n)
	for i := range p {
		p[i] = pair{x[i], y[i]}
	}
	slices.SortFunc(p, func(a, b pair) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return cmp.Compare(a.y, b.y)
	})
	var xtie, ntie int64 // pairs tied in x; tied in both
	for i := 0; i < n; {
		j, k := i+1, i+1
		for j < n && p[j].x == p[i].x {
			j++
		}
		xtie += ties(j - i)
		for k = i; k < j; {
			l := k + 1
			for l < j && p[l].y == p[k].y {
				l++
			}
			ntie += ties(l - k)
			k = l
		}
		i = j
	}
	ys := make([]float64, n)
	for i := range p {
		ys[i] = p[i].y
	}
	dis := inversions(ys, make([]float64, n))
	// ys is now sorted: count pairs tied in y.
	var ytie int64
	for i := 0; i < n; {
		j := i + 1
		for j < n && ys[j] == ys[i] {
			j++
		}
		ytie += ties(j - i)
		i = j
	}
	tot := int64(n) * int64(n-1) / 2
	if xtie == tot || ytie == tot {
		return math.NaN()
	}
	cd := tot - xtie - ytie + ntie - 2*dis
	tau := float64(cd) / math.Sqrt(float64(tot-xtie)) / math.Sqrt(float64(tot-ytie))
	return clip1(tau)
}

type pair struct{ x, y float64 }

func ties(t int) int64 { return int64(t) * int64(t-1) / 2 }

// inversions sorts a (using buf as scratch) and returns the number of
// pairs i < j with a[i] > a[j].
func inversions(a, buf []float64) int64 {
	n := len(a)
	if n < 2 {
		return 0
	}
	h := n / 2
	c := inversions(a[:h], buf[:h]) + inversions(a[h:], buf[h:])
	i, j, k := 0, h, 0
	for i < h && j < n {
		if a[j] < a[i] {
			buf[k] = a[j]
			c += int64(h - i)
			j++
		} else {
			buf[k] = a[i]
			i++
		}
		k++
	}
	k += copy(buf[k:], a[i:h])
	copy(buf[k:], a[j:])
	copy(a, buf[:n])
	return c
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

func clip1(r float64) float64 {
	return math.Max(-1, math.Min(1, r))
}

func constant(a []float64) bool {
	for _, v := range a {
		if v != a[0] {
			return false
		}
	}
	return true
}

// averageRanks writes into rank the 1-based ranks of a, ties sharing
// the mean of their ranks (scipy rankdata "average", pandas rank). idx is
// scratch of len(a).
func averageRanks(a, rank []float64, idx []int) {
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return cmp.Compare(a[i], a[j]) })
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && a[idx[j]] == a[idx[i]] {
			j++
		}
		// ranks i+1 .. j share their mean; (i+1+j)/2 is exact in float64.
		r := float64(i+1+j) / 2
		for k := i; k < j; k++ {
			rank[idx[k]] = r
		}
		i = j
	}
}
