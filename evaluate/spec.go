package evaluate

import (
	"fmt"
	"math"
	"strings"
)

// Spec names the columns of a table to evaluate.
type Spec struct {
	// Subjective is the subjective-score column (higher is better).
	Subjective string
	// Group lists the columns whose values, joined by "|", form the group
	// key, e.g. sequence and preset.
	Group []string
	// Metrics lists the metric columns. Empty means every column whose
	// first non-missing cell is a number, other than ID, Group,
	// Subjective and Exclude.
	Metrics []string
	// ID, when set, is a column that must identify each row once.
	ID string
	// Exclude lists columns never taken as metrics.
	Exclude []string
}

// Evaluation holds the columns read from a table and the ranked results.
type Evaluation struct {
	Groups     []string             // group key per row
	Subjective []float64            // per row
	Metrics    map[string][]float64 // per metric, per row
	Results    []Named              // ranked best first
}

// EvaluateTable evaluates the metric columns of t against its
// subjective column, group by group, and ranks the results.
func EvaluateTable(t *Table, spec Spec, opt Options) (*Evaluation, error) {
	if spec.Subjective == "" {
		return nil, fmt.Errorf("%s: no subjective column given", t.Name)
	}
	if len(spec.Group) == 0 {
		return nil, fmt.Errorf("%s: no group columns given", t.Name)
	}
	if spec.ID != "" {
		if err := t.Unique([]string{spec.ID}); err != nil {
			return nil, err
		}
	}
	groups, err := t.Keys(spec.Group)
	if err != nil {
		return nil, err
	}
	subj, err := t.Floats(spec.Subjective)
	if err != nil {
		return nil, err
	}
	names := spec.Metrics
	if len(names) == 0 {
		names = t.metricColumns(spec)
		if len(names) == 0 {
			return nil, fmt.Errorf("%s: no numeric metric columns besides %s", t.Name, strings.Join(spec.nonMetric(), ", "))
		}
	}
	g, err := NewGrouping(groups)
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{Groups: groups, Subjective: subj, Metrics: make(map[string][]float64, len(names))}
	for _, name := range names {
		if _, dup := ev.Metrics[name]; dup {
			return nil, fmt.Errorf("metric column %q named twice", name)
		}
		m, err := t.Floats(name)
		if err != nil {
			return nil, err
		}
		res, err := g.Evaluate(subj, m, opt)
		if err != nil {
			return nil, err
		}
		ev.Metrics[name] = m
		ev.Results = append(ev.Results, Named{Metric: name, Result: res})
	}
	Rank(ev.Results)
	return ev, nil
}

func (s Spec) nonMetric() []string {
	out := []string{s.Subjective}
	out = append(out, s.Group...)
	if s.ID != "" {
		out = append(out, s.ID)
	}
	return append(out, s.Exclude...)
}

// metricColumns lists the columns whose first non-missing cell is a
// number, other than the spec's non-metric columns.
func (t *Table) metricColumns(spec Spec) []string {
	skip := make(map[string]bool)
	for _, c := range spec.nonMetric() {
		skip[c] = true
	}
	var out []string
	for c, h := range t.Header {
		if skip[h] {
			continue
		}
		for _, row := range t.Rows {
			v, err := ParseValue(row[c])
			if err != nil {
				break
			}
			if !math.IsNaN(v) {
				out = append(out, h)
				break
			}
		}
	}
	return out
}
