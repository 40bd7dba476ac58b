package evaluate

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Named is the evaluation of one named metric.
type Named struct {
	Metric string
	Result
}

// Rank sorts results best first: by Result, then by SROCC; metrics
// without a Result follow those with one, and ties keep their order.
func Rank(rs []Named) {
	key := func(c Coef) float64 {
		if c.OK {
			return c.Value
		}
		return math.Inf(-1)
	}
	slices.SortStableFunc(rs, func(a, b Named) int {
		if c := cmp.Compare(key(b.Result.Result), key(a.Result.Result)); c != 0 {
			return c
		}
		return cmp.Compare(key(b.SROCC), key(a.SROCC))
	})
}

// coefs returns the four pooled coefficients with their names.
func (n *Named) coefs() []struct {
	Name string
	C    *Coef
} {
	return []struct {
		Name string
		C    *Coef
	}{{"SROCC", &n.SROCC}, {"KROCC", &n.KROCC}, {"PLCC", &n.PLCC}, {"Result", &n.Result.Result}}
}

// Report is what the writers print: ranked results and the options that
// produced them.
type Report struct {
	Options  Options
	Results  []Named
	PerGroup bool // include per-group coefficients
}

// WriteText writes an aligned table for terminals, followed by the
// reasons for every missing result.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "#\tmetric\tSROCC\tKROCC\tPLCC\tResult\tSROCC 95% CI\tgroups S/K/P\t")
	for i, n := range r.Results {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d/%d/%d\t\n", i+1, n.Metric,
			fmtCoef(n.SROCC), fmtCoef(n.KROCC), fmtCoef(n.PLCC), fmtCoef(n.Result.Result),
			fmtCI(n.SROCC), n.SROCC.GroupsUsed, n.KROCC.GroupsUsed, n.PLCC.GroupsUsed)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := writeNotes(w, r.Results, ""); err != nil {
		return err
	}
	if r.PerGroup {
		for _, n := range r.Results {
			fmt.Fprintf(w, "\n%s, per group (signed; n as counted by the %s policy):\n", n.Metric, r.Options.Policy)
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "group\tn\tSROCC\tKROCC\tPLCC\t")
			for _, g := range n.PerGroup {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t\n", g.Group, g.N, fmtSigned(g.SROCC), fmtSigned(g.KROCC), fmtSigned(g.PLCC))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteMarkdown writes a GitHub-flavoured Markdown table and notes.
func (r *Report) WriteMarkdown(w io.Writer) error {
	fmt.Fprintln(w, "| # | metric | SROCC | KROCC | PLCC | Result | SROCC 95% CI | groups S/K/P |")
	fmt.Fprintln(w, "|--:|:--|--:|--:|--:|--:|:--:|:--:|")
	for i, n := range r.Results {
		fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %s | %d/%d/%d |\n", i+1, mdEscape(n.Metric),
			fmtCoef(n.SROCC), fmtCoef(n.KROCC), fmtCoef(n.PLCC), fmtCoef(n.Result.Result),
			fmtCI(n.SROCC), n.SROCC.GroupsUsed, n.KROCC.GroupsUsed, n.PLCC.GroupsUsed)
	}
	if err := writeNotes(w, r.Results, "- "); err != nil {
		return err
	}
	if r.PerGroup {
		for _, n := range r.Results {
			fmt.Fprintf(w, "\n**%s**, per group (signed):\n\n| group | n | SROCC | KROCC | PLCC |\n|:--|--:|--:|--:|--:|\n", mdEscape(n.Metric))
			for _, g := range n.PerGroup {
				fmt.Fprintf(w, "| %s | %d | %s | %s | %s |\n", mdEscape(g.Group), g.N, fmtSigned(g.SROCC), fmtSigned(g.KROCC), fmtSigned(g.PLCC))
			}
		}
	}
	return nil
}

// WriteCSV writes one row per metric (or, with PerGroup, one row per
// metric and group after the pooled rows, marked by a non-empty group
// column). Missing values are empty cells.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"rank", "metric", "group", "n"}
	for _, c := range []string{"SROCC", "KROCC", "PLCC"} {
		head = append(head, c, c+"_ci_lower", c+"_ci_upper", c+"_groups_used")
	}
	head = append(head, "Result", "reason")
	cw.Write(head)
	for i, n := range r.Results {
		row := []string{strconv.Itoa(i + 1), n.Metric, "", ""}
		var reasons []string
		for _, c := range n.coefs()[:3] {
			row = append(row, csvFloat(c.C.Value, c.C.OK), csvFloat(c.C.CI[0], c.C.OK), csvFloat(c.C.CI[1], c.C.OK), strconv.Itoa(c.C.GroupsUsed))
			if !c.C.OK {
				reasons = append(reasons, c.Name+": "+c.C.Reason)
			}
		}
		row = append(row, csvFloat(n.Result.Result.Value, n.Result.Result.OK), strings.Join(reasons, "; "))
		cw.Write(row)
	}
	if r.PerGroup {
		for _, n := range r.Results {
			for _, g := range n.PerGroup {
				row := []string{"", n.Metric, g.Group, strconv.Itoa(g.N)}
				for _, v := range []float64{g.SROCC, g.KROCC, g.PLCC} {
					row = append(row, csvFloat(v, !math.IsNaN(v)), "", "", "")
				}
				row = append(row, "", "")
				cw.Write(row)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes an object whose "aggregate" member has, per metric,
// SROCC, KROCC, PLCC and Result (null where there is no result) as the
// MSU vectors' msu_code.aggregate, with X_signed, X_groups_used, X_ci and
// X_reason beside them; "ranking" lists the metrics best first; with
// PerGroup, "per_group" has per metric and group {n, srocc, krocc, plcc}
// as msu_code.per_group.
func (r *Report) WriteJSON(w io.Writer) error {
	agg := make(map[string]map[string]any, len(r.Results))
	ranking := make([]string, 0, len(r.Results))
	for _, n := range r.Results {
		m := make(map[string]any)
		for _, c := range n.coefs() {
			m[c.Name] = jsonFloat(c.C.Value, c.C.OK)
			if c.Name == "Result" {
				if !c.C.OK {
					m["Result_reason"] = c.C.Reason
				}
				continue
			}
			m[c.Name+"_signed"] = jsonFloat(c.C.Signed, c.C.OK)
			m[c.Name+"_groups_used"] = c.C.GroupsUsed
			if c.C.OK {
				m[c.Name+"_ci"] = [2]float64{c.C.CI[0], c.C.CI[1]}
			} else {
				m[c.Name+"_ci"] = nil
				m[c.Name+"_reason"] = c.C.Reason
			}
		}
		agg[n.Metric] = m
		ranking = append(ranking, n.Metric)
	}
	out := map[string]any{
		"options": map[string]string{
			"threshold_rule": r.Options.Rule.String(),
			"policy":         r.Options.Policy.String(),
			"formula":        r.Options.formula().String(),
		},
		"thresholds": map[string]int{"min_group_rows": MinGroupRows, "SROCC": ThresholdSROCC, "KROCC": ThresholdKROCC, "PLCC": ThresholdPLCC},
		"aggregate":  agg,
		"ranking":    ranking,
	}
	if r.PerGroup {
		pg := make(map[string]map[string]any, len(r.Results))
		for _, n := range r.Results {
			m := make(map[string]any, len(n.PerGroup))
			for _, g := range n.PerGroup {
				m[g.Group] = map[string]any{
					"n":     g.N,
					"srocc": jsonFloat(g.SROCC, !math.IsNaN(g.SROCC)),
					"krocc": jsonFloat(g.KROCC, !math.IsNaN(g.KROCC)),
					"plcc":  jsonFloat(g.PLCC, !math.IsNaN(g.PLCC)),
				}
			}
			pg[n.Metric] = m
		}
		out["per_group"] = pg
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeNotes(w io.Writer, rs []Named, bullet string) error {
	var notes []string
	for _, n := range rs {
		for _, c := range n.coefs()[:3] {
			if !c.C.OK {
				notes = append(notes, fmt.Sprintf("%s%s: no %s: %s", bullet, n.Metric, c.Name, c.C.Reason))
			}
		}
	}
	if len(notes) == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "\nNo result (—):\n%s\n", strings.Join(notes, "\n"))
	return err
}

func fmtCoef(c Coef) string {
	if !c.OK {
		return "—"
	}
	return strconv.FormatFloat(c.Value, 'f', 5, 64)
}

func fmtCI(c Coef) string {
	if !c.OK || math.IsNaN(c.CI[0]) {
		return "—"
	}
	return fmt.Sprintf("[%.5f, %.5f]", c.CI[0], c.CI[1])
}

// fmtSigned prints a per-group coefficient to 5 decimals, or in full
// when it lies within 1e-5 of ±1 without being ±1 exactly: there the
// last bit decides the pooled result.
func fmtSigned(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case v != 1 && v != -1 && math.Abs(math.Abs(v)-1) < 1e-5:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', 5, 64)
}

func csvFloat(v float64, ok bool) string {
	if !ok || math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func jsonFloat(v float64, ok bool) *float64 {
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
