package goldentest

import (
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// ScoreFunc computes the engine's value for a golden row: the metric's
// first output, or an error where the engine refuses the pictures. It may
// fail or skip t, which is the row's subtest.
type ScoreFunc func(t *testing.T, r Row) (float64, error)

// Score returns the usual ScoreFunc: it parses the row's spec with reg and
// scores the row's pictures (through LoadCached) with metrics.ScoreOnce.
func Score(reg *metrics.Registry) ScoreFunc {
	return func(t *testing.T, r Row) (float64, error) {
		m, err := reg.Parse(r.Spec)
		if err != nil {
			t.Fatal(err)
		}
		ref, dist := r.PicturesCached(t)
		_, v, err := metrics.ScoreOnce(m, ref, dist)
		if err != nil {
			return math.NaN(), err
		}
		return v[0], nil
	}
}

// RunGolden checks every row of golden.csv whose PIQ name is one of
// piqNames, each in a subtest named by Row.Name: score computes the value
// and Row.Check compares it with the golden one at absolute tolerance
// tol. It logs the largest absolute error per input kind and spec (for
// example "rgb fsim:chromatic=false"), the worst row, and how many rows
// were checked and skipped, and returns the largest error.
func RunGolden(t *testing.T, piqNames []string, tol float64, score ScoreFunc) float64 {
	t.Helper()
	maxErr := map[string]float64{}
	var worst float64
	var worstRow string
	checked, skipped := 0, 0
	for _, r := range Rows(t, piqNames...) {
		key := r.Input + " " + r.Spec
		if _, ok := maxErr[key]; !ok {
			maxErr[key] = 0
		}
		ran := false
		t.Run(r.Name(), func(t *testing.T) {
			defer func() {
				if t.Skipped() {
					skipped++
				}
			}()
			v, err := score(t, r)
			d := r.Check(t, v, err, tol)
			maxErr[key] = max(maxErr[key], d)
			if d > worst || worstRow == "" {
				worst, worstRow = d, r.Name()
			}
			ran = true
		})
		if ran {
			checked++
		}
	}
	name := strings.Join(piqNames, ", ")
	for _, k := range slices.Sorted(maps.Keys(maxErr)) {
		t.Logf("%s max abs error vs golden (%s): %.3g", name, k, maxErr[k])
	}
	t.Logf("%s: %d golden rows checked, %d skipped, max abs error %.3g (%s)", name, checked, skipped, worst, worstRow)
	return worst
}

// RunGoldenLevels runs RunGolden at every SIMD level this build and
// machine support, as subtests "impl=<level>".
func RunGoldenLevels(t *testing.T, piqNames []string, tol float64, score ScoreFunc) {
	t.Helper()
	for l := simd.Generic; l <= simd.Best(); l++ {
		t.Run("impl="+l.String(), func(t *testing.T) {
			defer simd.SetLevel(l)()
			RunGolden(t, piqNames, tol, score)
		})
	}
}

// SkipSlowGeneric skips t when the pure-Go SIMD level is selected while
// assembly is compiled in and p has more than 2^20 pixels: such rows are
// slow at that level and are checked by the -tags noasm run instead.
func SkipSlowGeneric(t testing.TB, p *frame.Picture) {
	t.Helper()
	if simd.Level() == simd.Generic && simd.Best() > simd.Generic && p.Width()*p.Height() > 1<<20 {
		t.Skipf("%dx%d at the generic level: left to the noasm run", p.Width(), p.Height())
	}
}
