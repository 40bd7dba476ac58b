package fusion

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// observeFit, when set (by tests), is called before every fit made by a
// search or a cross-validation with the rows it trains on and the rows it
// then predicts.
var observeFit func(train, test []int)

// Criterion scores predictions against subjective scores over rows with
// comparison groups; higher is better. It is what the search maximises.
type Criterion func(groups []string, subjective, pred []float64) float64

// GroupedSpearman is the default Criterion: the mean Spearman correlation
// inside groups of at least 3 rows, weighted by group size.
func GroupedSpearman(groups []string, subjective, pred []float64) float64 {
	rows := make([]int, len(groups))
	for i := range rows {
		rows[i] = i
	}
	var sum, w float64
	for _, g := range groupIndex(groups, rows) {
		if len(g) < 3 {
			continue
		}
		a := make([]float64, len(g))
		b := make([]float64, len(g))
		for k, r := range g {
			a[k], b[k] = subjective[r], pred[r]
		}
		r := pearson(averageRanks(a), averageRanks(b))
		if math.IsNaN(r) {
			r = 0
		}
		sum += float64(len(g)) * r
		w += float64(len(g))
	}
	if w == 0 {
		return math.NaN()
	}
	return sum / w
}

func pearson(a, b []float64) float64 {
	ma, _ := meanStd(a)
	mb, _ := meanStd(b)
	var sab, saa, sbb float64
	for i := range a {
		da, db := a[i]-ma, b[i]-mb
		sab += da * db
		saa += da * da
		sbb += db * db
	}
	return sab / math.Sqrt(saa*sbb)
}

// The default search values. Features are standardised and the target
// has unit standard deviation, so they suit most data.
var (
	DefaultLambdas  = []float64{1e-4, 1e-3, 0.01, 0.1, 1, 10} // ridge λ
	DefaultC        = []float64{0.1, 1, 10}                   // SVR C
	DefaultGammas   = []float64{0.01, 0.05, 0.25}             // SVR γ, in units of 1/features
	DefaultEpsilons = []float64{0.1, 0.25}                    // SVR ε
)

// Grid returns the search grid of kind over d features: every λ for
// ridge; every combination of C, γ/d and ε for SVR.
func Grid(kind Kind, d int, lambdas, cs, gammas, epsilons []float64) []Params {
	var g []Params
	switch kind {
	case Ridge:
		for _, l := range lambdas {
			g = append(g, Params{Lambda: l})
		}
	case SVR:
		for _, c := range cs {
			for _, gm := range gammas {
				for _, e := range epsilons {
					g = append(g, Params{C: c, Gamma: gm / float64(d), Epsilon: e})
				}
			}
		}
	}
	return g
}

// DefaultGrid returns the grid of the default values for kind over d
// features.
func DefaultGrid(kind Kind, d int) []Params {
	return Grid(kind, d, DefaultLambdas, DefaultC, DefaultGammas, DefaultEpsilons)
}

// SearchOptions configure the hyper-parameter search.
type SearchOptions struct {
	// Grid lists the hyper-parameters to try; with one candidate in all
	// there is no search.
	Grid []Params
	// Targets and Transforms, when set, are searched too: every
	// combination with every Grid point (the pairwise target only with
	// ridge). Empty means the Config's own.
	Targets    []Target
	Transforms []Transform
	// InnerFolds is the number of folds of the inner cross-validation
	// (default 3), split by Data.FoldKeys.
	InnerFolds int
	// Criterion ranks candidates by their inner out-of-fold predictions
	// (default GroupedSpearman). It must be safe for concurrent use.
	Criterion Criterion
	// Threads is the number of concurrent fits (default GOMAXPROCS).
	Threads int
	// Progress, if set, is called after each fit with the number done and
	// the total. Calls are serialised.
	Progress func(done, total int)
}

func (o SearchOptions) withDefaults() SearchOptions {
	if o.InnerFolds == 0 {
		o.InnerFolds = 3
	}
	if o.Criterion == nil {
		o.Criterion = GroupedSpearman
	}
	if o.Threads <= 0 {
		o.Threads = runtime.GOMAXPROCS(0)
	}
	return o
}

// Candidate is one point of a search: a target handling, a transform and
// hyper-parameters.
type Candidate struct {
	Target    Target
	Transform Transform
	Params    Params
}

// String formats the candidate, e.g. "pairwise/logit lambda=0.1".
func (c Candidate) String() string {
	return fmt.Sprintf("%s/%s %s", c.Target, c.Transform, c.Params)
}

// candidates lists the search points of cfg and opt, targets outermost.
func candidates(cfg Config, opt SearchOptions) []Candidate {
	targets, transforms := opt.Targets, opt.Transforms
	if len(targets) == 0 {
		targets = []Target{cfg.Target}
	}
	if len(transforms) == 0 {
		transforms = []Transform{cfg.Transform}
	}
	var out []Candidate
	for _, tg := range targets {
		if tg == Pairwise && cfg.Kind != Ridge {
			continue
		}
		for _, tr := range transforms {
			for _, p := range opt.Grid {
				out = append(out, Candidate{tg, tr, p})
			}
		}
	}
	return out
}

// with returns cfg set to the candidate's target and transform.
func (c Candidate) with(cfg Config) Config {
	cfg.Target, cfg.Transform = c.Target, c.Transform
	return cfg
}

// SearchResult is the outcome of a search.
type SearchResult struct {
	Best       Candidate
	Score      float64     // the criterion of Best
	Candidates []Candidate // every candidate tried
	Scores     []float64   // the criterion of every candidate
}

// search holds the jobs and the inner predictions of one search.
type search struct {
	d      *Data
	rows   []int
	fold   []int       // inner fold per position of rows
	pred   [][]float64 // pred[c][r]: candidate c's inner out-of-fold prediction
	cands  []Candidate
	crit   Criterion
	jobs   []func() error
	single bool
}

// newSearch prepares the inner cross-validation of every candidate over
// rows; the jobs fill s.pred.
func newSearch(d *Data, rows []int, cfg Config, opt SearchOptions, seed uint64) (*search, error) {
	cands := candidates(cfg, opt)
	if len(cands) == 0 {
		return nil, errors.New("fusion: nothing to search: an empty grid, or only the pairwise target with a model other than ridge")
	}
	for _, c := range cands {
		if err := c.with(cfg).check(); err != nil {
			return nil, err
		}
	}
	s := &search{d: d, rows: rows, cands: cands, crit: opt.Criterion}
	if len(cands) == 1 {
		s.single = true
		return s, nil
	}
	fold, err := Folds(d.FoldKeys, rows, opt.InnerFolds, seed)
	if err != nil {
		return nil, fmt.Errorf("fusion: inner cross-validation: %w", err)
	}
	s.fold = fold
	s.pred = make([][]float64, len(cands))
	for c := range cands {
		s.pred[c] = make([]float64, len(rows))
		for f := 0; f < opt.InnerFolds; f++ {
			c, f := c, f
			s.jobs = append(s.jobs, func() error {
				var train, test []int
				var pos []int
				for r, i := range rows {
					if fold[r] == f {
						test = append(test, i)
						pos = append(pos, r)
					} else {
						train = append(train, i)
					}
				}
				if observeFit != nil {
					observeFit(train, test)
				}
				m, err := Fit(d, train, cands[c].with(cfg), cands[c].Params)
				if err != nil {
					return err
				}
				pr := m.newPredictor()
				for k, i := range test {
					s.pred[c][pos[k]] = pr.predict(d.X[i])
				}
				return nil
			})
		}
	}
	return s, nil
}

// result picks the best candidate once the jobs have run; the first of
// equal scores wins.
func (s *search) result() SearchResult {
	if s.single {
		return SearchResult{Best: s.cands[0], Score: math.NaN(), Candidates: s.cands, Scores: []float64{math.NaN()}}
	}
	groups := make([]string, len(s.rows))
	subj := make([]float64, len(s.rows))
	for r, i := range s.rows {
		groups[r] = s.d.Groups[i]
		subj[r] = s.d.Y[i]
	}
	res := SearchResult{Score: math.Inf(-1), Candidates: s.cands, Scores: make([]float64, len(s.cands))}
	best := -1
	for c := range s.cands {
		v := s.crit(groups, subj, s.pred[c])
		res.Scores[c] = v
		if !math.IsNaN(v) && (best < 0 || v > res.Score) {
			best, res.Score = c, v
		}
	}
	if best < 0 {
		best, res.Score = 0, math.NaN()
	}
	res.Best = s.cands[best]
	return res
}

// runJobs runs jobs on up to threads goroutines and returns the first
// error.
func runJobs(jobs []func() error, threads int, done *atomic.Int64, total int, progress func(done, total int)) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		next     atomic.Int64
	)
	for range min(threads, len(jobs)) {
		wg.Go(func() {
			for {
				j := int(next.Add(1)) - 1
				if j >= len(jobs) {
					return
				}
				err := jobs[j]()
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				n := int(done.Add(1))
				if progress != nil {
					progress(n, total)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return firstErr
}

// Train searches opt.Grid by inner cross-validation over all rows of d and
// fits the best candidate on all of them.
func Train(d *Data, cfg Config, opt SearchOptions) (*Model, SearchResult, error) {
	cfg = cfg.withDefaults()
	opt = opt.withDefaults()
	if err := cfg.check(); err != nil {
		return nil, SearchResult{}, err
	}
	if err := d.check(); err != nil {
		return nil, SearchResult{}, err
	}
	rows := make([]int, d.Len())
	for i := range rows {
		rows[i] = i
	}
	s, err := newSearch(d, rows, cfg, opt, cfg.Seed)
	if err != nil {
		return nil, SearchResult{}, err
	}
	var done atomic.Int64
	total := len(s.jobs) + 1
	if err := runJobs(s.jobs, opt.Threads, &done, total, opt.Progress); err != nil {
		return nil, SearchResult{}, err
	}
	res := s.result()
	m, err := Fit(d, rows, res.Best.with(cfg), res.Best.Params)
	if err != nil {
		return nil, res, err
	}
	if opt.Progress != nil {
		opt.Progress(total, total)
	}
	return m, res, nil
}

// CVOptions configure CrossValidate.
type CVOptions struct {
	// Folds is the number of outer folds (default 6), split by
	// Data.FoldKeys.
	Folds int
	SearchOptions
}

// CVResult holds the out-of-fold predictions of a cross-validation.
type CVResult struct {
	// Pred is the prediction for each row of the data by the model
	// trained on the other folds.
	Pred []float64
	// Fold is the outer fold of each row.
	Fold []int
	// Searches holds the search of each outer fold, made on its
	// training rows only.
	Searches []SearchResult
}

// CrossValidate runs nested K-fold cross-validation: for each outer fold,
// the hyper-parameters are searched by an inner cross-validation over the
// other folds' rows, a model with the best of them is fitted on those rows,
// and it predicts the held-out fold. Folds are split by Data.FoldKeys, so no
// key is ever in both the training and the test rows. The result depends
// only on the data, cfg (including its Seed) and opt, never on Threads.
func CrossValidate(d *Data, cfg Config, opt CVOptions) (*CVResult, error) {
	cfg = cfg.withDefaults()
	opt.SearchOptions = opt.SearchOptions.withDefaults()
	if opt.Folds == 0 {
		opt.Folds = 6
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	fold, err := Folds(d.FoldKeys, nil, opt.Folds, cfg.Seed)
	if err != nil {
		return nil, err
	}
	res := &CVResult{Pred: make([]float64, d.Len()), Fold: fold, Searches: make([]SearchResult, opt.Folds)}
	train := make([][]int, opt.Folds)
	test := make([][]int, opt.Folds)
	for i, f := range fold {
		test[f] = append(test[f], i)
		for g := range opt.Folds {
			if g != f {
				train[g] = append(train[g], i)
			}
		}
	}
	searches := make([]*search, opt.Folds)
	var jobs []func() error
	for f := range opt.Folds {
		s, err := newSearch(d, train[f], cfg, opt.SearchOptions, cfg.Seed+uint64(f)+1)
		if err != nil {
			return nil, fmt.Errorf("fusion: outer fold %d: %w", f, err)
		}
		searches[f] = s
		jobs = append(jobs, s.jobs...)
	}
	var done atomic.Int64
	total := len(jobs) + opt.Folds
	if err := runJobs(jobs, opt.Threads, &done, total, opt.Progress); err != nil {
		return nil, err
	}
	var outer []func() error
	for f := range opt.Folds {
		f := f
		res.Searches[f] = searches[f].result()
		outer = append(outer, func() error {
			if observeFit != nil {
				observeFit(train[f], test[f])
			}
			b := res.Searches[f].Best
			m, err := Fit(d, train[f], b.with(cfg), b.Params)
			if err != nil {
				return err
			}
			pr := m.newPredictor()
			for _, i := range test[f] {
				res.Pred[i] = pr.predict(d.X[i])
			}
			return nil
		})
	}
	if err := runJobs(outer, opt.Threads, &done, total, opt.Progress); err != nil {
		return nil, err
	}
	return res, nil
}
