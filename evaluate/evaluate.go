package evaluate

import (
	"fmt"
	"math"
	"strings"
)

// ThresholdRule says how a group's size is compared with a coefficient's
// threshold.
type ThresholdRule int

const (
	// GE admits a group when n >= threshold, as the published MSU code does.
	GE ThresholdRule = iota
	// GT admits a group when n > threshold, as the AIM 2024 paper words it.
	GT
)

// String returns "ge" or "gt".
func (r ThresholdRule) String() string {
	if r == GT {
		return "gt"
	}
	return "ge"
}

// Policy says what happens where the MSU code has no answer.
type Policy int

const (
	// MSU reproduces the MSU benchmark code: n is the group's row count,
	// and any undefined coefficient in an eligible group (a constant side,
	// or a Pearson r that rounds beyond ±1) leaves the pooled coefficient
	// without a result. Where the MSU code yields NaN or crashes, the
	// Coef has OK false and a Reason.
	MSU Policy = iota
	// Careful never yields NaN from one bad group: n is the number of
	// finite pairs, a group whose subjective scores are constant is
	// skipped, a constant prediction counts as r = 0, and coefficients
	// are computed the way scipy.stats does (clipped to [-1, 1]). A
	// coefficient without any eligible group still has no result.
	Careful
)

// String returns "msu" or "careful".
func (p Policy) String() string {
	if p == Careful {
		return "careful"
	}
	return "msu"
}

// Formula selects the floating-point formulas of the per-group
// coefficients. Near |r| = 1 they decide the pooled result (see doc.go).
type Formula int

const (
	// FormulaAuto uses FormulaPandas for the MSU code itself (rule GE,
	// policy MSU) and FormulaSciPy for any departure from it (rule GT or
	// policy Careful), where reproducing pandas' rounding beyond ±1
	// serves no purpose.
	FormulaAuto Formula = iota
	// FormulaPandas is what the MSU code runs: pandas DataFrame.corr for
	// Spearman and Pearson (not clipped), scipy's tau-b for Kendall.
	FormulaPandas
	// FormulaSciPy is scipy.stats spearmanr, kendalltau and pearsonr,
	// each clipped to [-1, 1].
	FormulaSciPy
)

// String returns "auto", "pandas" or "scipy".
func (f Formula) String() string {
	switch f {
	case FormulaPandas:
		return "pandas"
	case FormulaSciPy:
		return "scipy"
	}
	return "auto"
}

// The protocol's group-size thresholds.
const (
	MinGroupRows   = 3  // groups with fewer rows are never formed
	ThresholdSROCC = 15 // a group counts for SROCC when n >= 15
	ThresholdKROCC = 6  // a group counts for KROCC when n >= 6
	ThresholdPLCC  = 6  // a group counts for PLCC when n >= 6
)

// Options configures Evaluate. The zero value is the MSU benchmark code.
type Options struct {
	Rule    ThresholdRule
	Policy  Policy
	Formula Formula
}

func (o Options) formula() Formula {
	if o.Formula != FormulaAuto {
		return o.Formula
	}
	if o.Policy == Careful || o.Rule == GT {
		return FormulaSciPy
	}
	return FormulaPandas
}

// eligible reports whether a group of size n counts against threshold t.
func (o Options) eligible(n, t int) bool {
	if o.Rule == GT {
		return n > t
	}
	return n >= t
}

// Coef is one pooled coefficient.
type Coef struct {
	// Value is |tanh(mean z)| with the protocol's 0.99 → 1 rule; NaN
	// when OK is false.
	Value float64
	// OK is false when there is no result; Reason then says why.
	OK bool
	// Signed is tanh(mean z) before the absolute value and the 0.99 → 1
	// rule.
	Signed float64
	// CI is the 95% interval the MSU code prints:
	// |tanh(mean z ± 1.96·SE)|, lower bound first (see doc.go).
	CI [2]float64
	// GroupsUsed is the number of eligible groups pooled.
	GroupsUsed int
	// Reason says why there is no result; empty when OK.
	Reason string
}

// GroupCoef holds the signed per-group coefficients; NaN where a
// coefficient is undefined.
type GroupCoef struct {
	Group string
	// N is the group's size as the policy counts it: rows (MSU) or finite
	// pairs (Careful). It is the threshold's n and the pooling weight.
	N int
	// Pairs is the number of rows where both values are finite.
	Pairs int
	// SubjectiveConstant and MetricConstant report a constant side among
	// the finite pairs.
	SubjectiveConstant, MetricConstant bool

	SROCC, KROCC, PLCC float64
}

// Result is the evaluation of one metric.
type Result struct {
	SROCC, KROCC, PLCC Coef
	// Result is (SROCC + KROCC + PLCC) / 3 of the absolute values, the
	// AIM 2024 score. Its CI is NaN and GroupsUsed is that of SROCC.
	Result Coef
	// PerGroup lists every group formed (at least MinGroupRows rows), in
	// order of first appearance.
	PerGroup []GroupCoef
}

// Evaluate scores one metric against subjective scores, group by group,
// and pools the per-group coefficients by the protocol of the MSU video
// quality metrics benchmark. groups holds each row's group key;
// subjective and metric its values, where NaN and ±Inf mean missing. A
// higher subjective score means better quality.
//
// Evaluate returns an error only for malformed input (slices of
// different lengths). A coefficient with no result has OK false and a
// Reason.
func Evaluate(groups []string, subjective, metric []float64, opt Options) (Result, error) {
	g, err := NewGrouping(groups)
	if err != nil {
		return Result{}, err
	}
	return g.Evaluate(subjective, metric, opt)
}

// Grouping is the partition of rows into groups, computed once and
// reused for many metrics.
type Grouping struct {
	keys []string // in order of first appearance
	rows [][]int  // row indices per group
	n    int      // total rows
	max  int      // largest group
}

// NewGrouping partitions rows by their group key.
func NewGrouping(groups []string) (*Grouping, error) {
	g := &Grouping{n: len(groups)}
	index := make(map[string]int)
	for i, k := range groups {
		j, ok := index[k]
		if !ok {
			j = len(g.keys)
			index[k] = j
			g.keys = append(g.keys, k)
			g.rows = append(g.rows, nil)
		}
		g.rows[j] = append(g.rows[j], i)
	}
	for _, r := range g.rows {
		g.max = max(g.max, len(r))
	}
	return g, nil
}

// Groups returns the group keys in order of first appearance.
func (g *Grouping) Groups() []string { return g.keys }

// Evaluate is Evaluate over a precomputed Grouping.
func (g *Grouping) Evaluate(subjective, metric []float64, opt Options) (Result, error) {
	if len(subjective) != g.n || len(metric) != g.n {
		return Result{}, fmt.Errorf("evaluate: %d group keys, %d subjective scores, %d metric values: lengths differ",
			g.n, len(subjective), len(metric))
	}
	f := opt.formula()
	var res Result
	x := make([]float64, 0, g.max)
	y := make([]float64, 0, g.max)
	rx := make([]float64, g.max)
	ry := make([]float64, g.max)
	idx := make([]int, g.max)
	for j, rows := range g.rows {
		if len(rows) < MinGroupRows {
			continue
		}
		x, y = x[:0], y[:0]
		for _, i := range rows {
			a, b := subjective[i], metric[i]
			if isFinite(a) && isFinite(b) {
				x = append(x, a)
				y = append(y, b)
			}
		}
		gc := GroupCoef{Group: g.keys[j], N: len(rows), Pairs: len(x)}
		if opt.Policy == Careful {
			gc.N = len(x)
			if gc.N < MinGroupRows {
				continue
			}
		}
		gc.SubjectiveConstant = constant(x)
		gc.MetricConstant = constant(y)
		k := len(x)
		averageRanks(x, rx[:k], idx[:k])
		averageRanks(y, ry[:k], idx[:k])
		switch {
		case opt.Policy == Careful && gc.SubjectiveConstant:
			gc.SROCC, gc.KROCC, gc.PLCC = math.NaN(), math.NaN(), math.NaN()
		case opt.Policy == Careful && gc.MetricConstant:
			// A constant prediction carries no ranking: r = 0.
		case f == FormulaSciPy:
			gc.SROCC = spearmanSciPy(rx[:k], ry[:k])
			gc.KROCC = kendallTauB(y, x)
			gc.PLCC = pearsonSciPy(x, y)
		default:
			// DataFrame.corr over the columns (metric, subjective):
			// Kendall is called as kendalltau(metric, subjective), while
			// the Pearson loop's first variable is the subjective score.
			// With ties, or near |r| = 1, the order changes the last bit.
			gc.SROCC = spearmanPandas(rx[:k], ry[:k])
			gc.KROCC = kendallTauB(y, x)
			gc.PLCC = pearsonPandas(x, y)
		}
		res.PerGroup = append(res.PerGroup, gc)
	}
	res.SROCC = pool(res.PerGroup, ThresholdSROCC, func(c *GroupCoef) float64 { return c.SROCC }, opt, len(g.keys))
	res.KROCC = pool(res.PerGroup, ThresholdKROCC, func(c *GroupCoef) float64 { return c.KROCC }, opt, len(g.keys))
	res.PLCC = pool(res.PerGroup, ThresholdPLCC, func(c *GroupCoef) float64 { return c.PLCC }, opt, len(g.keys))
	res.Result = combine(res.SROCC, res.KROCC, res.PLCC)
	return res, nil
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// zCap is the protocol's substitute for r = ±1 before atanh.
var zCap = math.Atanh(0.99)

// pool pools one coefficient over the eligible groups: Fisher z with
// r = ±1 replaced by ±0.99, weighted by n, tanh, absolute value, and
// 0.99 → 1.
func pool(pg []GroupCoef, threshold int, get func(*GroupCoef) float64, opt Options, keys int) Coef {
	c := Coef{Value: math.NaN(), Signed: math.NaN(), CI: [2]float64{math.NaN(), math.NaN()}}
	var bad []string
	var sw, swz float64
	z := make([]float64, 0, len(pg))
	w := make([]float64, 0, len(pg))
	largest, skipped := 0, 0
	for i := range pg {
		gc := &pg[i]
		largest = max(largest, gc.N)
		if !opt.eligible(gc.N, threshold) {
			continue
		}
		r := get(gc)
		if opt.Policy == Careful && gc.SubjectiveConstant {
			skipped++ // no ranking to agree with
			continue
		}
		c.GroupsUsed++
		var zi float64
		switch {
		case r == 1:
			zi = zCap
		case r == -1:
			zi = -zCap
		default:
			zi = math.Atanh(r)
		}
		if math.IsNaN(zi) {
			bad = append(bad, fmt.Sprintf("%s (n=%d): %s", gc.Group, gc.N, whyNaN(gc, r)))
		}
		sw += float64(gc.N)
		swz += float64(float64(gc.N) * zi)
		z = append(z, zi)
		w = append(w, float64(gc.N))
	}
	cmp := ">="
	if opt.Rule == GT {
		cmp = ">"
	}
	switch {
	case len(pg) == 0 && keys > 0:
		c.Reason = fmt.Sprintf("no group has %d or more rows", MinGroupRows)
		if opt.Policy == MSU {
			c.Reason += " (the MSU code crashes here: KeyError 'corr')"
		}
		return c
	case len(pg) == 0:
		c.Reason = "no rows"
		return c
	case c.GroupsUsed == 0 && skipped > 0:
		c.Reason = fmt.Sprintf("no eligible group: the subjective scores are constant in every group with n %s %d (%s skipped)",
			cmp, threshold, plural(skipped, "group"))
		return c
	case c.GroupsUsed == 0:
		c.Reason = fmt.Sprintf("no eligible group: none has n %s %d (largest n=%d)", cmp, threshold, largest)
		return c
	case len(bad) > 0:
		c.Reason = "undefined in " + plural(len(bad), "eligible group") + ": " + strings.Join(bad, "; ")
		return c
	}
	mean := swz / sw
	c.Signed = math.Tanh(mean)
	c.Value = math.Abs(c.Signed)
	if c.Value == 0.99 {
		c.Value = 1
	}
	c.OK = true
	c.CI = interval(z, w, mean, sw)
	return c
}

// interval is the 95% interval of the MSU notebook: DescrStatsW's
// mean ± 1.96·std_mean in z, back through tanh, as absolute values in
// increasing order.
func interval(z, w []float64, mean, sw float64) [2]float64 {
	var ss float64
	for i := range z {
		d := z[i] - mean
		ss += float64(d*d) * w[i]
	}
	se := math.Sqrt(ss/sw) / math.Sqrt(sw-1)
	lo := math.Abs(math.Tanh(mean - 1.96*se))
	hi := math.Abs(math.Tanh(mean + 1.96*se))
	if lo > hi {
		lo, hi = hi, lo
	}
	return [2]float64{lo, hi}
}

func whyNaN(gc *GroupCoef, r float64) string {
	switch {
	case gc.Pairs < 2:
		return fmt.Sprintf("only %d finite pairs", gc.Pairs)
	case gc.SubjectiveConstant && gc.MetricConstant:
		return "both subjective and metric constant"
	case gc.SubjectiveConstant:
		return "subjective scores constant"
	case gc.MetricConstant:
		return "metric constant"
	case math.Abs(r) > 1:
		return fmt.Sprintf("r = %.17g rounds beyond ±1, atanh undefined", r)
	}
	return "coefficient undefined"
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return fmt.Sprintf("%d %ss", n, s)
}

// combine is the AIM 2024 score: the mean of the three absolute values.
func combine(s, k, p Coef) Coef {
	c := Coef{Value: math.NaN(), Signed: math.NaN(), CI: [2]float64{math.NaN(), math.NaN()}, GroupsUsed: s.GroupsUsed}
	var missing []string
	for _, x := range []struct {
		name string
		c    Coef
	}{{"SROCC", s}, {"KROCC", k}, {"PLCC", p}} {
		if !x.c.OK {
			missing = append(missing, x.name)
		}
	}
	if len(missing) > 0 {
		c.Reason = "no " + strings.Join(missing, ", ")
		return c
	}
	c.Value = (s.Value + k.Value + p.Value) / 3
	c.Signed = c.Value
	c.OK = true
	return c
}
