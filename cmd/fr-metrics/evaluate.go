package main

import (
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/fr-metrics/fr-metrics/evaluate"
	"github.com/fr-metrics/fr-metrics/evaluate/evalplot"
)

// evaluateFlags are the options of `fr-metrics evaluate`.
type evaluateFlags struct {
	subjective string
	group      []string
	metrics    []string
	exclude    []string
	id         string
	join       string
	on         []string
	rule       string
	policy     string
	formula    string
	parser     string
	format     string
	output     string
	perGroup   bool
	plotDir    string
}

func newEvaluateCmd() *cobra.Command {
	var f evaluateFlags
	cmd := &cobra.Command{
		Use:   "evaluate SCORES.csv",
		Short: "Correlate metric scores with subjective scores, group by group (MSU / AIM 2024 protocol)",
		Long: `Evaluate reads per-video metric scores and subjective scores and reports, per
metric, SROCC, KROCC (tau-b) and PLCC computed inside each group (e.g. each
reference sequence and preset), pooled by Fisher's z weighted by group size,
exactly as the MSU video quality metrics benchmark computes them, and their
mean, the AIM 2024 challenge score. Where the MSU code has no answer (NaN or a
crash), the coefficient is reported as "no result" with the reason.

Groups of fewer than 3 rows are not formed; a group counts for SROCC when it
has at least 15 rows and for KROCC and PLCC when it has at least 6
(--threshold-rule gt: more than 15 and 6, as the AIM paper words it).`,
		Example: `  fr-metrics evaluate scores.csv --subjective mos --group sequence,preset
  fr-metrics evaluate features.csv --join mos.csv --on video_id --group reference --format json -o -
  fr-metrics evaluate scores.csv --group sequence,preset --per-group --plot plots/`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvaluate(cmd.OutOrStdout(), args[0], &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.subjective, "subjective", "", "subjective-score column, higher is better (default: subjective, subjective_score or mos, whichever exists)")
	fl.StringSliceVar(&f.group, "group", nil, "columns forming the group key, e.g. sequence,preset (default: group)")
	fl.StringSliceVar(&f.metrics, "metrics", nil, "metric columns (default: every numeric column that is not an id, group, join or subjective column)")
	fl.StringSliceVar(&f.exclude, "exclude", nil, "columns never taken as metrics (e.g. crf,bitrate)")
	fl.StringVar(&f.id, "id", "", "column that must identify each row once (default: video_id if present)")
	fl.StringVar(&f.join, "join", "", "CSV file of subjective scores to join with SCORES.csv")
	fl.StringSliceVar(&f.on, "on", nil, "columns matching rows of SCORES.csv and the --join file")
	fl.StringVar(&f.rule, "threshold-rule", "ge", "group-size rule: ge (n >= threshold, the published code) or gt (n > threshold, the paper's wording)")
	fl.StringVar(&f.policy, "policy", "msu", "msu (the benchmark code; no result where it has NaN) or careful (never NaN from one bad group)")
	fl.StringVar(&f.formula, "formula", "auto", "per-group formulas: pandas (the MSU code), scipy (scipy.stats), or auto: pandas for the MSU code itself (ge, msu), scipy otherwise")
	fl.StringVar(&f.parser, "float-parser", "pandas", "number parsing: pandas (bit-exact with pandas.read_csv, as the MSU code reads) or exact (correctly rounded)")
	fl.StringVar(&f.format, "format", "", "output format: text, csv, json or markdown (default: text, or by the -o file extension)")
	fl.StringVarP(&f.output, "output", "o", "-", "output file, - for standard output")
	fl.BoolVar(&f.perGroup, "per-group", false, "add the per-group coefficients")
	fl.StringVar(&f.plotDir, "plot", "", "write per-metric scatter (faceted by group) and coefficient bar charts, PNG and SVG, into this directory")
	return cmd
}

func runEvaluate(stdout io.Writer, path string, f *evaluateFlags) error {
	opt, parse, err := f.options()
	if err != nil {
		return err
	}
	format, err := f.outputFormat()
	if err != nil {
		return err
	}
	if (f.join == "") != (len(f.on) == 0) {
		return usageErrorf("evaluate: --join and --on go together")
	}
	t, err := evalReadTable(path, parse)
	if err != nil {
		return err
	}
	if f.join != "" {
		j, err := evalReadTable(f.join, parse)
		if err != nil {
			return err
		}
		if t, err = t.Join(j, f.on); err != nil {
			return err
		}
	}
	spec, err := f.spec(t)
	if err != nil {
		return err
	}
	ev, err := evaluate.EvaluateTable(t, spec, opt)
	if err != nil {
		return err
	}
	rep := &evaluate.Report{Options: opt, Results: ev.Results, PerGroup: f.perGroup}
	w, closeOut, err := evalOpenOutput(stdout, f.output)
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		err = rep.WriteCSV(w)
	case "json":
		err = rep.WriteJSON(w)
	case "markdown":
		err = rep.WriteMarkdown(w)
	default:
		err = rep.WriteText(w)
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if f.plotDir != "" {
		if err := evalplot.WriteAll(f.plotDir, ev); err != nil {
			return err
		}
	}
	return nil
}

func (f *evaluateFlags) options() (evaluate.Options, func(string) (float64, error), error) {
	var opt evaluate.Options
	switch f.rule {
	case "ge":
		opt.Rule = evaluate.GE
	case "gt":
		opt.Rule = evaluate.GT
	default:
		return opt, nil, usageErrorf("evaluate: --threshold-rule %q: want ge or gt", f.rule)
	}
	switch f.policy {
	case "msu":
		opt.Policy = evaluate.MSU
	case "careful":
		opt.Policy = evaluate.Careful
	default:
		return opt, nil, usageErrorf("evaluate: --policy %q: want msu or careful", f.policy)
	}
	switch f.formula {
	case "auto":
		opt.Formula = evaluate.FormulaAuto
	case "pandas":
		opt.Formula = evaluate.FormulaPandas
	case "scipy":
		opt.Formula = evaluate.FormulaSciPy
	default:
		return opt, nil, usageErrorf("evaluate: --formula %q: want auto, pandas or scipy", f.formula)
	}
	var parse func(string) (float64, error)
	switch f.parser {
	case "pandas":
		parse = evaluate.ParsePandas
	case "exact":
		parse = evaluate.ParseValue
	default:
		return opt, nil, usageErrorf("evaluate: --float-parser %q: want pandas or exact", f.parser)
	}
	return opt, parse, nil
}

func (f *evaluateFlags) outputFormat() (string, error) {
	format := f.format
	if format == "" {
		switch {
		case strings.HasSuffix(f.output, ".csv"):
			format = "csv"
		case strings.HasSuffix(f.output, ".json"):
			format = "json"
		case strings.HasSuffix(f.output, ".md"):
			format = "markdown"
		default:
			format = "text"
		}
	}
	switch format {
	case "text", "csv", "json", "markdown":
		return format, nil
	}
	return "", usageErrorf("evaluate: --format %q: want text, csv, json or markdown", format)
}

// spec resolves the column flags against the table's header.
func (f *evaluateFlags) spec(t *evaluate.Table) (evaluate.Spec, error) {
	s := evaluate.Spec{Subjective: f.subjective, Group: f.group, Metrics: f.metrics, ID: f.id}
	if s.Subjective == "" {
		for _, c := range []string{"subjective", "subjective_score", "mos", "MOS"} {
			if t.Has(c) {
				s.Subjective = c
				break
			}
		}
		if s.Subjective == "" {
			return s, usageErrorf("evaluate: %s: no column subjective, subjective_score or mos; name the subjective-score column with --subjective", t.Name)
		}
	}
	if len(s.Group) == 0 {
		if !t.Has("group") {
			return s, usageErrorf("evaluate: %s: no column group; name the group columns with --group (e.g. --group sequence,preset)", t.Name)
		}
		s.Group = []string{"group"}
	}
	if s.ID == "" && t.Has("video_id") {
		s.ID = "video_id"
	}
	s.Exclude = append(append([]string(nil), f.exclude...), f.on...)
	for _, c := range append(append([]string{s.Subjective, s.ID}, s.Group...), s.Metrics...) {
		if c == "" {
			continue
		}
		if _, err := t.Column(c); err != nil {
			return s, err
		}
	}
	return s, nil
}

func evalReadTable(path string, parse func(string) (float64, error)) (*evaluate.Table, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	t, err := evaluate.ReadCSV(fh, path)
	if err != nil {
		return nil, err
	}
	t.Parse = parse
	return t, nil
}

// evalOpenOutput returns the writer for -o (standard output for "-") and a
// function that closes it.
func evalOpenOutput(stdout io.Writer, path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return stdout, func() error { return nil }, nil
	}
	fh, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return fh, fh.Close, nil
}
