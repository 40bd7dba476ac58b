package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/fr-metrics/fr-metrics/evaluate"
	"github.com/fr-metrics/fr-metrics/fusion"
)

// Defaults: ridge scored above the SVR ensemble in nested,
// reference-disjoint cross-validation on the CVQAD open data
// (docs/fusion.md); the target handling and the transform are left to the
// inner search.
const (
	fusionDefaultModel     = "ridge"
	fusionDefaultTarget    = "auto"
	fusionDefaultTransform = "auto"
)

// fusionAuto parses a target and a transform, either of which may be
// "auto": searched by the inner cross-validation among all of them.
func fusionAuto(target, transform string) (fusion.Target, []fusion.Target, fusion.Transform, []fusion.Transform, error) {
	var tg fusion.Target
	var tgs []fusion.Target
	if target == "auto" {
		tgs = fusion.Targets
	} else {
		t, err := fusion.ParseTarget(target)
		if err != nil {
			return "", nil, "", nil, usageErrorf("%v (or auto)", err)
		}
		tg = t
	}
	var tr fusion.Transform
	var trs []fusion.Transform
	if transform == "auto" {
		trs = []fusion.Transform{fusion.None, fusion.Logit}
	} else {
		t, err := fusion.ParseTransform(transform)
		if err != nil {
			return "", nil, "", nil, usageErrorf("%v (or auto)", err)
		}
		tr = t
	}
	return tg, tgs, tr, trs, nil
}

// fusionDataFlags select the training data of `fit` and `cv`.
type fusionDataFlags struct {
	subjective string
	group      []string
	foldBy     []string
	features   []string
	join       string
	on         []string
}

func (f *fusionDataFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.subjective, "subjective", "", "subjective-score column, higher is better (default: subjective, subjective_score or mos, whichever exists)")
	fl.StringSliceVar(&f.group, "group", []string{"sequence", "preset"}, "columns forming the comparison group: scores are comparable only inside one")
	fl.StringSliceVar(&f.foldBy, "fold-by", []string{"sequence"}, "columns that cross-validation never splits: rows sharing them stay in one fold")
	fl.StringSliceVar(&f.features, "features", nil, "feature columns, names or patterns such as 'FR *' (required)")
	fl.StringVar(&f.join, "join", "", "CSV file of subjective scores to join with FEATURES.csv")
	fl.StringSliceVar(&f.on, "on", nil, "columns matching rows of FEATURES.csv and the --join file")
}

// fusionModelFlags configure the model and its search.
type fusionModelFlags struct {
	model      string
	target     string
	transform  string
	bags       int
	subsample  float64
	seed       uint64
	innerFolds int
	threads    int
	lambda     []float64
	c          []float64
	gamma      []float64
	epsilon    []float64
	quiet      bool
}

func (f *fusionModelFlags) register(cmd *cobra.Command, multi bool) {
	fl := cmd.Flags()
	if multi {
		fl.StringVar(&f.model, "models", "ridge,svr", "model kinds to cross-validate, comma-separated: ridge, svr")
		fl.StringVar(&f.target, "targets", fusionDefaultTarget, "target handlings to cross-validate, comma-separated: raw, zscore, rank, pairwise (ridge only), auto (chosen by the inner search), or all (each of the four)")
		fl.StringVar(&f.transform, "transforms", fusionDefaultTransform, "feature transforms to cross-validate, comma-separated: none, logit, auto (chosen by the inner search), or all (each of the two)")
	} else {
		fl.StringVar(&f.model, "model", fusionDefaultModel, "model kind: ridge or svr (bagged ε-SVR, RBF kernel)")
		fl.StringVar(&f.target, "target", fusionDefaultTarget, "target handling: raw, zscore (within group), rank (within group), pairwise (within-group differences; ridge only), or auto: chosen by the inner cross-validation")
		fl.StringVar(&f.transform, "transform", fusionDefaultTransform, "feature transform: none, logit (log(v/(1-v)) for every feature whose values lie in [0, 1]), or auto: chosen by the inner cross-validation")
	}
	fl.IntVar(&f.bags, "bags", 10, "svr: ensemble members")
	fl.Float64Var(&f.subsample, "subsample", 0.5, "svr: fraction of the training rows each member sees")
	fl.Uint64Var(&f.seed, "seed", 1, "seed of the folds and the svr subsamples")
	fl.IntVar(&f.innerFolds, "inner-folds", 3, "folds of the inner cross-validation that tunes the hyper-parameters")
	fl.IntVar(&f.threads, "threads", 0, "concurrent fits in the search (default: all cores)")
	fl.Float64SliceVar(&f.lambda, "lambda", fusion.DefaultLambdas, "ridge: penalties to search")
	fl.Float64SliceVar(&f.c, "c", fusion.DefaultC, "svr: C values to search")
	fl.Float64SliceVar(&f.gamma, "gamma", fusion.DefaultGammas, "svr: RBF gamma values to search, in units of 1/features")
	fl.Float64SliceVar(&f.epsilon, "epsilon", fusion.DefaultEpsilons, "svr: tube half-widths to search, in target standard deviations")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress line")
}

// grid returns the search grid for kind over d features.
func (f *fusionModelFlags) grid(kind fusion.Kind, d int) []fusion.Params {
	return fusion.Grid(kind, d, f.lambda, f.c, f.gamma, f.epsilon)
}

func (f *fusionModelFlags) check() error {
	if f.bags < 1 {
		return usageErrorf("--bags %d: need at least 1", f.bags)
	}
	if f.subsample <= 0 || f.subsample > 1 {
		return usageErrorf("--subsample %g: want a fraction in (0, 1]", f.subsample)
	}
	if f.innerFolds < 2 {
		return usageErrorf("--inner-folds %d: need at least 2", f.innerFolds)
	}
	if len(f.lambda) == 0 || len(f.c) == 0 || len(f.gamma) == 0 || len(f.epsilon) == 0 {
		return usageErrorf("--lambda, --c, --gamma and --epsilon need at least one value")
	}
	for _, v := range slices.Concat(f.lambda, f.c, f.gamma, f.epsilon) {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return usageErrorf("search values must be finite and not negative, got %g", v)
		}
	}
	return nil
}

// fusionCriterion ranks search candidates by the mean of the signed
// pooled SROCC, KROCC and PLCC of the MSU protocol (evaluate/): the Result,
// but without the absolute value, so that a model ordering videos
// backwards never wins.
func fusionCriterion(groups []string, subjective, pred []float64) float64 {
	r, err := evaluate.Evaluate(groups, subjective, pred, evaluate.Options{})
	if err != nil || !r.Result.OK {
		return math.NaN()
	}
	return (r.SROCC.Signed + r.KROCC.Signed + r.PLCC.Signed) / 3
}

const fusionCriterionName = "signed Result of the MSU protocol (evaluate/)"

// fusionLoad reads FEATURES.csv, joins the subjective scores if asked,
// and builds the training data.
func fusionLoad(path string, f *fusionDataFlags, stderr io.Writer) (*fusion.Data, error) {
	t, err := fusionReadTable(path, f.join, f.on)
	if err != nil {
		return nil, err
	}
	if len(f.features) == 0 {
		return nil, usageErrorf("--features is required (column names or patterns such as 'FR *')")
	}
	feats, err := t.Match(f.features)
	if err != nil {
		return nil, usageErrorf("%s: %v", path, err)
	}
	subj := f.subjective
	if subj == "" {
		for _, c := range []string{"subjective", "subjective_score", "mos"} {
			if t.Has(c) {
				subj = c
				break
			}
		}
		if subj == "" {
			return nil, usageErrorf("%s: no subjective, subjective_score or mos column: name it with --subjective", path)
		}
		f.subjective = subj
	}
	feats = slices.DeleteFunc(feats, func(s string) bool {
		return s == subj || slices.Contains(f.group, s) || slices.Contains(f.foldBy, s)
	})
	if len(feats) == 0 {
		return nil, usageErrorf("--features selects no column besides the subjective, group and fold-by columns")
	}
	for _, c := range slices.Concat([]string{subj}, f.group, f.foldBy) {
		if !t.Has(c) {
			return nil, usageErrorf("%s: no column %q", path, c)
		}
	}
	d, dropped, err := fusion.TableData(t, feats, subj, f.group, f.foldBy)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(dropped) > 0 {
		fmt.Fprintf(stderr, "fr-metrics: %s: %d row(s) with a missing feature or score left out\n", path, len(dropped))
	}
	return d, nil
}

// fusionReadTable reads a CSV file, joined with a second one on the given
// columns when join is set.
func fusionReadTable(path, join string, on []string) (*fusion.Table, error) {
	if join != "" && len(on) == 0 {
		return nil, usageErrorf("--join needs --on: the columns that match rows of both files")
	}
	read := func(p string) (*evaluate.Table, error) {
		fh, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer fh.Close()
		return evaluate.ReadCSV(fh, p)
	}
	t, err := read(path)
	if err != nil {
		return nil, err
	}
	if join != "" {
		b, err := read(join)
		if err != nil {
			return nil, err
		}
		if t, err = t.Join(b, on); err != nil {
			return nil, err
		}
	}
	return fusion.NewTable(t.Header, t.Rows)
}

// fusionProgress shows the number of fits done on a terminal's stderr.
type fusionProgress struct {
	w     io.Writer
	on    bool
	what  string
	mu    sync.Mutex
	start time.Time
	last  time.Time
	shown bool
}

func newFusionProgress(stderr io.Writer, quiet bool, what string) *fusionProgress {
	p := &fusionProgress{w: stderr, what: what, start: time.Now()}
	if fh, ok := stderr.(*os.File); ok && !quiet {
		p.on = term.IsTerminal(int(fh.Fd()))
	}
	return p
}

func (p *fusionProgress) update(done, total int) {
	if !p.on {
		return
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.last) < 200*time.Millisecond && done < total {
		return
	}
	p.last = now
	el := now.Sub(p.start)
	eta := ""
	if done > 0 && done < total {
		eta = fmt.Sprintf(", about %s left", (time.Duration(float64(el) / float64(done) * float64(total-done))).Round(time.Second))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s: %d/%d fits, %s%s", p.what, done, total, el.Round(100*time.Millisecond), eta)
	p.shown = true
}

func (p *fusionProgress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// fusionWriteFile writes path through a temporary file renamed into place,
// so that an interrupted run leaves no half-written file; "-" is stdout.
func fusionWriteFile(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func newFitCmd() *cobra.Command {
	var df fusionDataFlags
	var mf fusionModelFlags
	var output string
	cmd := &cobra.Command{
		Use:   "fit FEATURES.csv -o MODEL.json",
		Short: "Train a fusion model that maps many metric scores to one quality score",
		Long: `Fit trains a fusion model on per-video features and subjective scores and
writes it as JSON: ridge regression, or a bagging ensemble of ε-SVRs with an
RBF kernel (the "Test IQA" recipe). The hyper-parameters are chosen by an
inner cross-validation split by --fold-by (no reference is in the training
and the validation part of the same split), scored by the MSU protocol of
` + "`fr-metrics evaluate`" + `. The model file records the feature names and their
standardisation; predict refuses a file that lacks any of them.

Scores are comparable only inside a group (--group), so the target can be
handled per group: raw, zscore or rank within the group, or pairwise: the
model fits the differences between videos of the same group. --transform
logit spreads features bounded in [0, 1] before standardisation. By default
the model is ridge and the target handling and the transform are searched
too (auto), all by the same inner cross-validation.`,
		Example: `  fr-metrics fit msu-data/Metric_scores_example.csv --features 'FR DSS,FR FSIM,FR GMSD' -o fusion.json
  fr-metrics fit features.csv --join mos.csv --on video_id --subjective mos --group reference --fold-by reference --features '*.mean' --model svr -o model.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFit(cmd.OutOrStdout(), cmd.ErrOrStderr(), args[0], output, &df, &mf)
		},
	}
	df.register(cmd)
	mf.register(cmd, false)
	cmd.Flags().StringVarP(&output, "output", "o", "", "model file to write (required), - for standard output")
	return cmd
}

func runFit(stdout, stderr io.Writer, path, output string, df *fusionDataFlags, mf *fusionModelFlags) error {
	if output == "" {
		return usageErrorf("-o MODEL.json is required")
	}
	kind, err := fusion.ParseKind(mf.model)
	if err != nil {
		return usageErrorf("%v", err)
	}
	target, targets, transform, transforms, err := fusionAuto(mf.target, mf.transform)
	if err != nil {
		return err
	}
	if err := mf.check(); err != nil {
		return err
	}
	d, err := fusionLoad(path, df, stderr)
	if err != nil {
		return err
	}
	cfg := fusion.Config{Kind: kind, Target: target, Transform: transform, Bags: mf.bags, Subsample: mf.subsample, Seed: mf.seed}
	if target == fusion.Pairwise && kind != fusion.Ridge {
		return usageErrorf("--target pairwise needs --model ridge")
	}
	prog := newFusionProgress(stderr, mf.quiet, "fit")
	start := time.Now()
	m, res, err := fusion.Train(d, cfg, fusion.SearchOptions{
		Grid:       mf.grid(kind, len(d.Features)),
		Targets:    targets,
		Transforms: transforms,
		InnerFolds: mf.innerFolds,
		Criterion:  fusionCriterion,
		Threads:    mf.threads,
		Progress:   prog.update,
	})
	prog.done()
	if err != nil {
		return err
	}
	m.Training = &fusion.Training{
		Source:     filepath.Base(path),
		Rows:       d.Len(),
		Subjective: df.subjective,
		Group:      df.group,
		FoldBy:     df.foldBy,
		Seed:       mf.seed,
		InnerFolds: mf.innerFolds,
		Criterion:  fusionCriterionName,
	}
	if kind == fusion.SVR {
		m.Training.Bags, m.Training.Subsample = mf.bags, mf.subsample
	}
	if !math.IsNaN(res.Score) {
		m.Training.SearchScore = res.Score
	}
	if err := fusionWriteFile(stdout, output, m.Write); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "fit: %s on %d rows x %d features: chose %s (inner CV %.4f), %s\n",
		kind, d.Len(), len(d.Features), res.Best, res.Score, time.Since(start).Round(time.Millisecond))
	return nil
}

func newPredictCmd() *cobra.Command {
	var output, name string
	cmd := &cobra.Command{
		Use:   "predict MODEL.json FEATURES.csv",
		Short: "Score videos with a fusion model made by fit",
		Long: `Predict applies a fusion model to every row of FEATURES.csv (for example the
output of batch) and writes the rows back with one more column, the fused
score (higher is better). The file must have every feature the model was
trained on, by name; a row with a missing feature gets an empty score.`,
		Example: `  fr-metrics predict fusion.json features.csv -o scores.csv`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPredict(cmd.OutOrStdout(), args[0], args[1], output, name)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "-", "CSV file to write, - for standard output")
	cmd.Flags().StringVar(&name, "name", "fusion", "name of the score column")
	return cmd
}

func runPredict(stdout io.Writer, modelPath, path, output, name string) error {
	mh, err := os.Open(modelPath)
	if err != nil {
		return err
	}
	m, err := fusion.ReadModel(mh)
	mh.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", modelPath, err)
	}
	t, err := fusionReadTable(path, "", nil)
	if err != nil {
		return err
	}
	if t.Has(name) {
		return usageErrorf("%s already has a column %q: choose another with --name", path, name)
	}
	pred, err := m.PredictTable(t)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return fusionWriteFile(stdout, output, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write(append(slices.Clip(t.Header), name))
		for i, row := range t.Rows {
			v := ""
			if !math.IsNaN(pred[i]) {
				v = strconv.FormatFloat(pred[i], 'g', 17, 64)
			}
			cw.Write(append(slices.Clip(row), v))
		}
		cw.Flush()
		return cw.Error()
	})
}

func newCVCmd() *cobra.Command {
	var df fusionDataFlags
	var mf fusionModelFlags
	var output, format, predictions string
	var folds int
	var perFold bool
	cmd := &cobra.Command{
		Use:   "cv FEATURES.csv",
		Short: "Cross-validate fusion models on unseen references, next to every single feature",
		Long: `Cv runs nested K-fold cross-validation split by --fold-by (default: the
reference sequence), so that no reference is ever in the training and the
test part of the same split. For each outer fold, the hyper-parameters are
searched by an inner cross-validation on the training folds only, a model is
fitted on them, and it scores the held-out fold. The out-of-fold scores of
every model are evaluated with the MSU protocol of ` + "`fr-metrics evaluate`" + `
(grouped SROCC, KROCC, PLCC and Result), side by side with every single
input feature on the same rows. The folds depend only on --seed.`,
		Example: `  fr-metrics cv msu-data/Metric_scores_example.csv --features 'FR DSS,FR FSIM,FR GMSD' --folds 6 --seed 1
  fr-metrics cv features.csv --models ridge --targets all --format markdown`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCV(cmd.OutOrStdout(), cmd.ErrOrStderr(), args[0], output, format, predictions, folds, perFold, &df, &mf)
		},
	}
	df.register(cmd)
	mf.register(cmd, true)
	fl := cmd.Flags()
	fl.IntVar(&folds, "folds", 6, "outer folds")
	fl.StringVarP(&output, "output", "o", "-", "table file to write, - for standard output")
	fl.StringVar(&format, "format", "text", "table format: text, markdown or csv")
	fl.BoolVar(&perFold, "per-fold", false, "add each outer fold's Result, and for each model the number of folds where it beats every single feature")
	fl.StringVar(&predictions, "predictions", "", "also write the out-of-fold scores of every model, with the fold of each row, to this CSV file")
	return cmd
}

// fusionRow is one line of the cv table.
type fusionRow struct {
	name   string
	fusion bool
	res    evaluate.Result
	detail string
	scores []float64         // the scores evaluated, one per row of the data
	folds  []evaluate.Result // per outer fold, with --per-fold
	wins   int               // folds where a fusion row beats every feature
}

func runCV(stdout, stderr io.Writer, path, output, format, predictions string, folds int, perFold bool, df *fusionDataFlags, mf *fusionModelFlags) error {
	if !slices.Contains([]string{"text", "markdown", "csv"}, format) {
		return usageErrorf("--format %q: want text, markdown or csv", format)
	}
	if folds < 2 {
		return usageErrorf("--folds %d: need at least 2", folds)
	}
	if err := mf.check(); err != nil {
		return err
	}
	var kinds []fusion.Kind
	for _, s := range strings.Split(mf.model, ",") {
		k, err := fusion.ParseKind(strings.TrimSpace(s))
		if err != nil {
			return usageErrorf("%v", err)
		}
		kinds = append(kinds, k)
	}
	expand := func(list string, all []string) []string {
		var out []string
		for _, v := range strings.Split(list, ",") {
			v = strings.TrimSpace(v)
			if v == "all" {
				out = append(out, all...)
			} else {
				out = append(out, v)
			}
		}
		return out
	}
	type run struct {
		cfg  fusion.Config
		opt  fusion.SearchOptions
		name string
	}
	var runs []run
	for _, k := range kinds {
		for _, tgName := range expand(mf.target, []string{"raw", "zscore", "rank", "pairwise"}) {
			for _, trName := range expand(mf.transform, []string{"none", "logit"}) {
				tg, tgs, tr, trs, err := fusionAuto(tgName, trName)
				if err != nil {
					return err
				}
				if tg == fusion.Pairwise && k != fusion.Ridge {
					continue
				}
				cfg := fusion.Config{Kind: k, Target: tg, Transform: tr, Bags: mf.bags, Subsample: mf.subsample, Seed: mf.seed}
				opt := fusion.SearchOptions{Targets: tgs, Transforms: trs, InnerFolds: mf.innerFolds, Criterion: fusionCriterion, Threads: mf.threads}
				runs = append(runs, run{cfg, opt, fmt.Sprintf("fusion %s/%s/%s", k, tgName, trName)})
			}
		}
	}
	if len(runs) == 0 {
		return usageErrorf("no model to cross-validate: the pairwise target needs ridge")
	}
	d, err := fusionLoad(path, df, stderr)
	if err != nil {
		return err
	}
	var rows []fusionRow
	var preds [][]float64
	var fold []int
	start := time.Now()
	for _, r := range runs {
		prog := newFusionProgress(stderr, mf.quiet, "cv "+r.name)
		t0 := time.Now()
		opt := r.opt
		opt.Grid = mf.grid(r.cfg.Kind, len(d.Features))
		opt.Progress = prog.update
		res, err := fusion.CrossValidate(d, r.cfg, fusion.CVOptions{Folds: folds, SearchOptions: opt})
		prog.done()
		if err != nil {
			return err
		}
		ev, err := evaluate.Evaluate(d.Groups, d.Y, res.Pred, evaluate.Options{})
		if err != nil {
			return err
		}
		var chosen []string
		for _, s := range res.Searches {
			chosen = append(chosen, s.Best.String())
		}
		rows = append(rows, fusionRow{name: r.name, fusion: true, res: ev, detail: fusionSummarise(chosen), scores: res.Pred})
		preds = append(preds, res.Pred)
		fold = res.Fold
		fmt.Fprintf(stderr, "cv: %s: Result %s in %s\n", r.name, fusionNum(ev.Result), time.Since(t0).Round(time.Millisecond))
	}
	for k, name := range d.Features {
		col := make([]float64, d.Len())
		for i := range col {
			col[i] = d.X[i][k]
		}
		ev, err := evaluate.Evaluate(d.Groups, d.Y, col, evaluate.Options{})
		if err != nil {
			return err
		}
		rows = append(rows, fusionRow{name: name, res: ev, scores: col})
	}
	if perFold {
		if err := fusionPerFold(d, fold, folds, rows); err != nil {
			return err
		}
	}
	slices.SortStableFunc(rows, func(a, b fusionRow) int {
		va, vb := a.res.Result.Value, b.res.Result.Value
		switch {
		case math.IsNaN(va) && math.IsNaN(vb):
			return 0
		case math.IsNaN(va):
			return 1
		case math.IsNaN(vb):
			return -1
		case va > vb:
			return -1
		case va < vb:
			return 1
		}
		return 0
	})
	if predictions != "" {
		err := fusionWriteFile(stdout, predictions, func(w io.Writer) error {
			cw := csv.NewWriter(w)
			head := []string{"row", "group", "fold_key", "fold", "subjective"}
			for _, r := range runs {
				head = append(head, r.name)
			}
			cw.Write(head)
			for i := range d.Y {
				rec := []string{strconv.Itoa(i), d.Groups[i], d.FoldKeys[i], strconv.Itoa(fold[i]), strconv.FormatFloat(d.Y[i], 'g', 17, 64)}
				for _, p := range preds {
					rec = append(rec, strconv.FormatFloat(p[i], 'g', 17, 64))
				}
				cw.Write(rec)
			}
			cw.Flush()
			return cw.Error()
		})
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "cv: %d rows, %d features, %d groups, %d folds by %s (seed %d), %d model(s): %s\n",
		d.Len(), len(d.Features), fusionCount(d.Groups), folds, strings.Join(df.foldBy, ","), mf.seed, len(runs), time.Since(start).Round(time.Millisecond))
	return fusionWriteFile(stdout, output, func(w io.Writer) error { return fusionWriteTable(w, format, rows, perFold) })
}

// fusionPerFold evaluates every row of the table on each outer fold alone
// and counts, for the fusion rows, the folds where their Result is above
// every single feature's.
func fusionPerFold(d *fusion.Data, fold []int, folds int, rows []fusionRow) error {
	for f := range folds {
		var idx []int
		for i, g := range fold {
			if g == f {
				idx = append(idx, i)
			}
		}
		groups := make([]string, len(idx))
		subj := make([]float64, len(idx))
		for k, i := range idx {
			groups[k], subj[k] = d.Groups[i], d.Y[i]
		}
		best := math.Inf(-1)
		for r := range rows {
			sc := make([]float64, len(idx))
			for k, i := range idx {
				sc[k] = rows[r].scores[i]
			}
			ev, err := evaluate.Evaluate(groups, subj, sc, evaluate.Options{})
			if err != nil {
				return err
			}
			rows[r].folds = append(rows[r].folds, ev)
			if !rows[r].fusion && ev.Result.OK {
				best = max(best, ev.Result.Value)
			}
		}
		for r := range rows {
			if res := rows[r].folds[f].Result; rows[r].fusion && res.OK && res.Value > best {
				rows[r].wins++
			}
		}
	}
	return nil
}

func fusionCount(keys []string) int {
	seen := map[string]bool{}
	for _, k := range keys {
		seen[k] = true
	}
	return len(seen)
}

// fusionSummarise counts the parameters chosen per fold: "lambda=1 ×4,
// lambda=10 ×2".
func fusionSummarise(chosen []string) string {
	var order []string
	count := map[string]int{}
	for _, c := range chosen {
		if count[c] == 0 {
			order = append(order, c)
		}
		count[c]++
	}
	parts := make([]string, len(order))
	for i, c := range order {
		parts[i] = fmt.Sprintf("%s ×%d", c, count[c])
	}
	return strings.Join(parts, "; ")
}

func fusionNum(c evaluate.Coef) string {
	if !c.OK {
		return "n/a"
	}
	return strconv.FormatFloat(c.Value, 'f', 4, 64)
}

func fusionWriteTable(w io.Writer, format string, rows []fusionRow, perFold bool) error {
	kind := func(r fusionRow) string {
		if r.fusion {
			return "fusion"
		}
		return "feature"
	}
	nf := 0
	if perFold && len(rows) > 0 {
		nf = len(rows[0].folds)
	}
	foldCells := func(r fusionRow) []string {
		var out []string
		for _, ev := range r.folds {
			out = append(out, fusionNum(ev.Result))
		}
		if nf > 0 {
			wins := ""
			if r.fusion {
				wins = fmt.Sprintf("%d/%d", r.wins, nf)
			}
			out = append(out, wins)
		}
		return out
	}
	var foldHead []string
	for f := range nf {
		foldHead = append(foldHead, fmt.Sprintf("fold %d", f))
	}
	if nf > 0 {
		foldHead = append(foldHead, "folds above every feature")
	}
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		head := []string{"name", "kind", "result", "srocc", "krocc", "plcc", "chosen_params"}
		for _, h := range foldHead {
			head = append(head, strings.ReplaceAll(h, " ", "_"))
		}
		cw.Write(head)
		for _, r := range rows {
			cw.Write(append([]string{r.name, kind(r), fusionNum(r.res.Result), fusionNum(r.res.SROCC), fusionNum(r.res.KROCC), fusionNum(r.res.PLCC), r.detail}, foldCells(r)...))
		}
		cw.Flush()
		return cw.Error()
	case "markdown":
		head := append([]string{"model / feature", "Result", "SROCC", "KROCC", "PLCC"}, foldHead...)
		fmt.Fprintln(w, "| "+strings.Join(head, " | ")+" |")
		fmt.Fprintln(w, strings.Repeat("| --- ", len(head))+"|")
		for _, r := range rows {
			name := r.name
			if r.fusion {
				name = "**" + name + "**"
			}
			cells := append([]string{name, fusionNum(r.res.Result), fusionNum(r.res.SROCC), fusionNum(r.res.KROCC), fusionNum(r.res.PLCC)}, foldCells(r)...)
			fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := append([]string{"model / feature", "Result", "SROCC", "KROCC", "PLCC"}, foldHead...)
	fmt.Fprintln(tw, strings.Join(append(head, "chosen per fold"), "\t"))
	for _, r := range rows {
		cells := append([]string{r.name, fusionNum(r.res.Result), fusionNum(r.res.SROCC), fusionNum(r.res.KROCC), fusionNum(r.res.PLCC)}, foldCells(r)...)
		fmt.Fprintln(tw, strings.Join(append(cells, r.detail), "\t"))
	}
	return tw.Flush()
}
