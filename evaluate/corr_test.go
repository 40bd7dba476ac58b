package evaluate

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"
)

func TestAverageRanks(t *testing.T) {
	cases := []struct {
		in, want []float64
	}{
		{[]float64{3, 1, 2}, []float64{3, 1, 2}},
		{[]float64{5, 5, 5}, []float64{2, 2, 2}},
		{[]float64{1, 2, 2, 3}, []float64{1, 2.5, 2.5, 4}},
		{[]float64{0.3, -1, 0.3, 0.3, 7}, []float64{3, 1, 3, 3, 5}},
		{[]float64{2, 1, 1, 2}, []float64{3.5, 1.5, 1.5, 3.5}},
	}
	for _, c := range cases {
		got := make([]float64, len(c.in))
		averageRanks(c.in, got, make([]int, len(c.in)))
		if !slices.Equal(got, c.want) {
			t.Errorf("averageRanks(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// kendallNaive counts concordant and discordant pairs one by one.
func kendallNaive(x, y []float64) float64 {
	var cd, xtie, ytie int64
	n := len(x)
	for i := range n {
		for j := i + 1; j < n; j++ {
			sx, sy := sign(x[j]-x[i]), sign(y[j]-y[i])
			if sx == 0 {
				xtie++
			}
			if sy == 0 {
				ytie++
			}
			cd += int64(sx * sy)
		}
	}
	tot := int64(n) * int64(n-1) / 2
	if xtie == tot || ytie == tot {
		return math.NaN()
	}
	return float64(cd) / math.Sqrt(float64(tot-xtie)) / math.Sqrt(float64(tot-ytie))
}

func TestKendallTauB(t *testing.T) {
	cases := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"perfect", []float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}, 1},
		{"reversed", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1},
		// C=4, D=0, one pair tied in x, one in y: 4/sqrt(5)/sqrt(5).
		{"ties both sides", []float64{1, 2, 2, 3}, []float64{1, 3, 2, 3}, 4 / math.Sqrt(5) / math.Sqrt(5)},
		{"constant x", []float64{1, 1, 1}, []float64{1, 2, 3}, math.NaN()},
		{"constant y", []float64{1, 2, 3}, []float64{2, 2, 2}, math.NaN()},
		// scipy's formula for a perfect group of 12 without ties.
		{"n=12 rounding", seq(12), seq(12), 66 / math.Sqrt(66) / math.Sqrt(66)},
	}
	for _, c := range cases {
		got := kendallTauB(c.x, c.y)
		if !(got == c.want || math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("%s: tau-b = %.17g, want %.17g", c.name, got, c.want)
		}
	}
	if r := kendallTauB(seq(12), seq(12)); r == 1 {
		t.Errorf("perfect n=12 gives exactly 1; scipy's formula gives 0.9999999999999998")
	}
	// Against the pair-by-pair count, with heavy ties, and against gonum's
	// tau-a where there are no ties (then tau-a = tau-b).
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n := 3 + rng.IntN(60)
		x, y := make([]float64, n), make([]float64, n)
		levels := 2 + rng.IntN(8)
		for i := range x {
			x[i] = float64(rng.IntN(levels))
			y[i] = float64(rng.IntN(levels)) + 0.5*x[i]
		}
		got, want := kendallTauB(x, y), kendallNaive(x, y)
		if !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("trial %d: tau-b = %.17g, pair count gives %.17g (x=%v y=%v)", trial, got, want, x, y)
		}
		for i := range x {
			x[i], y[i] = rng.Float64(), rng.Float64()
		}
		if got, want := kendallTauB(x, y), stat.Kendall(x, y, nil); math.Abs(got-want) > 1e-12 {
			t.Fatalf("trial %d: tau-b = %.17g, gonum tau-a %.17g without ties", trial, got, want)
		}
	}
}

func seq(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(i + 1)
	}
	return s
}

// TestCorrelationsAgainstGonum checks the pandas and scipy formulas
// against gonum's two-pass Pearson (on values and on average ranks).
func TestCorrelationsAgainstGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 200 {
		n := 3 + rng.IntN(100)
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = math.Round(rng.Float64()*20) / 4
			y[i] = x[i]*rng.NormFloat64() + 3*rng.Float64()
		}
		if constant(x) || constant(y) {
			continue
		}
		rx, ry := make([]float64, n), make([]float64, n)
		averageRanks(x, rx, make([]int, n))
		averageRanks(y, ry, make([]int, n))
		want := stat.Correlation(x, y, nil)
		wantS := stat.Correlation(rx, ry, nil)
		for _, c := range []struct {
			name      string
			got, want float64
		}{
			{"pearsonPandas", pearsonPandas(x, y), want},
			{"pearsonSciPy", pearsonSciPy(x, y), want},
			{"spearmanPandas", spearmanPandas(rx, ry), wantS},
			{"spearmanSciPy", spearmanSciPy(rx, ry), wantS},
		} {
			if math.Abs(c.got-c.want) > 1e-12 {
				t.Fatalf("trial %d: %s = %.17g, gonum %.17g", trial, c.name, c.got, c.want)
			}
		}
	}
	for _, f := range []func(x, y []float64) float64{pearsonPandas, pearsonSciPy} {
		if r := f([]float64{1, 2, 3}, []float64{4, 4, 4}); !math.IsNaN(r) {
			t.Errorf("Pearson with a constant side = %v, want NaN", r)
		}
	}
	// scipy's pearsonr answers two pairs by the signs of the differences.
	if r := pearsonSciPy([]float64{4.1829171735895327, 2.8755113278242281}, []float64{1, 2}); r != -1 {
		t.Errorf("pearsonSciPy of two pairs = %.17g, want -1", r)
	}
}

func TestParsePandas(t *testing.T) {
	cases := []struct {
		in   string
		want float64
	}{
		{"0.1", 0.1},
		{"-3.5e2", -350},
		{"7", 7},
		{"inf", math.Inf(1)},
		{"-inf", math.Inf(-1)},
		// pandas' parser lands one unit in the last place above the
		// correctly rounded 2.8755113278242277.
		{"2.8755113278242277", math.Nextafter(2.8755113278242277, 3)},
	}
	for _, c := range cases {
		got, err := ParsePandas(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParsePandas(%q) = %.17g, %v; want %.17g", c.in, got, err, c.want)
		}
	}
	for _, s := range []string{"", " ", "NaN", "nan", "NA"} {
		if v, err := ParsePandas(s); err != nil || !math.IsNaN(v) {
			t.Errorf("ParsePandas(%q) = %v, %v; want NaN (missing)", s, v, err)
		}
	}
	for _, s := range []string{"abc", "1.2.3", "0x"} {
		if _, err := ParsePandas(s); err == nil {
			t.Errorf("ParsePandas(%q): no error", s)
		}
	}
	// A sanity check over many %.17g strings: the parse stays close to
	// the correctly rounded value. pandas keeps only 17 digits, leading
	// zeros included, so 0.000282742… loses its last four digits. Its exact
	// deviations are checked by the vectors, whose per-group values
	// match bit for bit.
	rng := rand.New(rand.NewPCG(7, 8))
	for range 10000 {
		v := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(20)-10))
		s := strconvG(v)
		got, _ := ParsePandas(s)
		if math.Abs(got-v) > 1e-12*math.Abs(v) {
			t.Fatalf("ParsePandas(%s) = %.17g, too far from %.17g", s, got, v)
		}
	}
}

// TestPooling checks the thresholds, the weights, the ±1 substitution,
// the absolute value, the 0.99 → 1 rule and the reasons.
func TestPooling(t *testing.T) {
	// build makes groups of the given sizes, each perfectly (sign +1)
	// or inversely (sign -1) ranked, or noisy (sign 0).
	build := func(sizes []int, signs []int) (groups []string, subj, metric []float64) {
		rng := rand.New(rand.NewPCG(9, 10))
		for g, n := range sizes {
			for i := range n {
				groups = append(groups, string(rune('a'+g)))
				s := float64(i)
				subj = append(subj, s)
				switch signs[g] {
				case 1:
					metric = append(metric, 2*s)
				case -1:
					metric = append(metric, -2*s)
				default:
					metric = append(metric, s+rng.NormFloat64()*3)
				}
			}
		}
		return
	}
	cases := []struct {
		name    string
		sizes   []int
		signs   []int
		opt     Options
		used    [3]int // SROCC, KROCC, PLCC groups used
		formed  int
		value   [3]float64 // NaN = no result, -2 = do not check
		reasons [3]string  // substrings
	}{
		{"ge admits 15 and 6", []int{15, 6, 2}, []int{1, 1, 1}, Options{}, [3]int{1, 2, 2}, 2, [3]float64{1, -2, -2}, [3]string{}},
		{"gt refuses 15", []int{15, 6, 2}, []int{1, 1, 1}, Options{Rule: GT}, [3]int{0, 1, 1}, 2,
			[3]float64{math.NaN(), -2, -2}, [3]string{"n > 15 (largest n=15)", "", ""}},
		{"gt refuses 6", []int{6, 5}, []int{1, 1}, Options{Rule: GT}, [3]int{0, 0, 0}, 2,
			[3]float64{math.NaN(), math.NaN(), math.NaN()}, [3]string{"n > 15 (largest n=6)", "n > 6 (largest n=6)", "n > 6"}},
		{"negated scores 1", []int{20}, []int{-1}, Options{}, [3]int{1, 1, 1}, 1, [3]float64{1, 1, 1}, [3]string{}},
		{"opposite signs cancel", []int{20, 20}, []int{1, -1}, Options{}, [3]int{2, 2, 2}, 2, [3]float64{0, 0, 0}, [3]string{}},
		// Spearman of a perfect group is exactly ±1 (integer ranks), so
		// both z are capped: (30·z − 15·z) / 45.
		{"weights are n", []int{30, 15}, []int{1, -1}, Options{}, [3]int{2, 2, 2}, 2,
			[3]float64{math.Tanh(math.Atanh(0.99) / 3), -2, -2}, [3]string{}},
		{"no group of 3", []int{2, 1}, []int{1, 1}, Options{}, [3]int{0, 0, 0}, 0,
			[3]float64{math.NaN(), math.NaN(), math.NaN()}, [3]string{"KeyError", "KeyError", "KeyError"}},
	}
	for _, c := range cases {
		groups, subj, metric := build(c.sizes, c.signs)
		res, err := Evaluate(groups, subj, metric, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.PerGroup) != c.formed {
			t.Errorf("%s: %d groups formed, want %d", c.name, len(res.PerGroup), c.formed)
		}
		for i, co := range []Coef{res.SROCC, res.KROCC, res.PLCC} {
			if co.GroupsUsed != c.used[i] {
				t.Errorf("%s: coefficient %d uses %d groups, want %d", c.name, i, co.GroupsUsed, c.used[i])
			}
			switch w := c.value[i]; {
			case w == -2:
			case math.IsNaN(w):
				if co.OK || !math.IsNaN(co.Value) {
					t.Errorf("%s: coefficient %d = %v, want no result", c.name, i, co.Value)
				}
			case math.Abs(co.Value-w) > 1e-12 || !co.OK:
				t.Errorf("%s: coefficient %d = %.17g (%s), want %.17g", c.name, i, co.Value, co.Reason, w)
			}
			if !strings.Contains(co.Reason, c.reasons[i]) || (co.OK && co.Reason != "") {
				t.Errorf("%s: coefficient %d reason %q, want it to mention %q", c.name, i, co.Reason, c.reasons[i])
			}
		}
	}
	// Exactly 0.99 becomes 1, anything else stays.
	groups, subj, metric := build([]int{20}, []int{1})
	res, _ := Evaluate(groups, subj, metric, Options{})
	if res.SROCC.Signed != 0.99 || res.SROCC.Value != 1 {
		t.Errorf("perfect group: signed %v value %v, want 0.99 and 1", res.SROCC.Signed, res.SROCC.Value)
	}
	if _, err := Evaluate([]string{"a"}, []float64{1, 2}, []float64{1}, Options{}); err == nil {
		t.Error("Evaluate with slices of different lengths: no error")
	}
}

// TestCarefulPolicy checks that the careful policy turns the MSU code's
// NaN cases into results: a constant prediction counts as r = 0 and a
// group with constant subjective scores is skipped.
func TestCarefulPolicy(t *testing.T) {
	var groups []string
	var subj, metric []float64
	for i := range 8 {
		groups = append(groups, "const-metric")
		subj = append(subj, float64(i))
		metric = append(metric, 5)
	}
	for i := range 8 {
		groups = append(groups, "const-subjective")
		subj = append(subj, 3)
		metric = append(metric, float64(i))
	}
	for i, m := range []float64{0, 1, 2, 4, 3, 5, 6, 7} {
		groups = append(groups, "good")
		subj = append(subj, float64(i))
		metric = append(metric, m)
	}
	msu, _ := Evaluate(groups, subj, metric, Options{})
	if msu.KROCC.OK || !strings.Contains(msu.KROCC.Reason, "const-metric (n=8): metric constant") ||
		!strings.Contains(msu.KROCC.Reason, "const-subjective (n=8): subjective scores constant") {
		t.Errorf("msu KROCC: ok=%v reason %q", msu.KROCC.OK, msu.KROCC.Reason)
	}
	careful, _ := Evaluate(groups, subj, metric, Options{Policy: Careful})
	// Pooled z: (8·0 + 8·atanh(tau)) / 16 over the constant-metric and
	// good groups; one swapped pair of 28 gives tau = 26/28.
	want := math.Tanh(math.Atanh(26.0/28) / 2)
	if !careful.KROCC.OK || careful.KROCC.GroupsUsed != 2 || math.Abs(careful.KROCC.Value-want) > 1e-12 {
		t.Errorf("careful KROCC = %v over %d groups (%s), want %v over 2", careful.KROCC.Value, careful.KROCC.GroupsUsed, careful.KROCC.Reason, want)
	}
	// Only the constant-subjective group: nothing left to pool, and the
	// reason says so.
	only, _ := Evaluate(groups[8:16], subj[8:16], metric[8:16], Options{Policy: Careful})
	if only.KROCC.OK || !strings.Contains(only.KROCC.Reason, "subjective scores are constant in every group with n >= 6 (1 group skipped)") {
		t.Errorf("careful, constant subjective only: ok=%v reason %q", only.KROCC.OK, only.KROCC.Reason)
	}
}
