package fusion

import (
	"fmt"
	"math"
	"sort"
)

// Target says how subjective scores are turned into the training target.
type Target string

// Target handling modes.
const (
	// Raw trains on the subjective scores as they are.
	Raw Target = "raw"
	// ZScore trains on scores standardised inside each group (mean 0,
	// standard deviation 1), so groups with different scales weigh alike.
	ZScore Target = "zscore"
	// Rank trains on the average rank of each score inside its group,
	// mapped to [-0.5, 0.5].
	Rank Target = "rank"
	// Pairwise fits the differences between videos of the same group:
	// least squares over every within-group pair, (f(a)-f(b)) against
	// (y(a)-y(b)). For a linear model this equals least squares on
	// features and scores centred inside each group. Ridge only.
	Pairwise Target = "pairwise"
)

// Targets lists every target mode.
var Targets = []Target{Raw, ZScore, Rank, Pairwise}

// ParseTarget returns the Target named s.
func ParseTarget(s string) (Target, error) {
	for _, t := range Targets {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("fusion: unknown target %q (want raw, zscore, rank or pairwise)", s)
}

// groupIndex maps each distinct group of rows to the positions (into rows)
// of its members, in order of first appearance.
func groupIndex(groups []string, rows []int) [][]int {
	pos := map[string]int{}
	var out [][]int
	for r, i := range rows {
		g, ok := pos[groups[i]]
		if !ok {
			g = len(out)
			pos[groups[i]] = g
			out = append(out, nil)
		}
		out[g] = append(out[g], r)
	}
	return out
}

// transformTarget returns the target for the given rows (t[r] for row
// rows[r]) under mode. Pairwise returns scores centred inside each group.
func transformTarget(y []float64, groups []string, rows []int, mode Target) []float64 {
	t := make([]float64, len(rows))
	for r, i := range rows {
		t[r] = y[i]
	}
	switch mode {
	case Raw:
		return t
	case ZScore, Pairwise:
		for _, g := range groupIndex(groups, rows) {
			var m float64
			for _, r := range g {
				m += t[r]
			}
			m /= float64(len(g))
			var ss float64
			for _, r := range g {
				ss += (t[r] - m) * (t[r] - m)
			}
			sd := math.Sqrt(ss / float64(len(g)))
			if mode == Pairwise || sd == 0 {
				sd = 1
			}
			for _, r := range g {
				t[r] = (t[r] - m) / sd
			}
		}
		return t
	case Rank:
		for _, g := range groupIndex(groups, rows) {
			v := make([]float64, len(g))
			for k, r := range g {
				v[k] = t[r]
			}
			rk := averageRanks(v)
			n := float64(len(g))
			for k, r := range g {
				if len(g) == 1 {
					t[r] = 0
					continue
				}
				t[r] = (rk[k]-1)/(n-1) - 0.5
			}
		}
		return t
	}
	panic("fusion: unknown target " + string(mode))
}

// averageRanks returns the 1-based ranks of v, ties sharing their mean
// rank.
func averageRanks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	rk := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		r := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			rk[idx[k]] = r
		}
		i = j + 1
	}
	return rk
}
