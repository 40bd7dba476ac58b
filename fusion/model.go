package fusion

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
)

// Format identifies the model file format.
const Format = "fr-metrics-fusion/1"

// Kind is a model family.
type Kind string

// Model kinds.
const (
	// Ridge is linear least squares with an L2 penalty.
	Ridge Kind = "ridge"
	// SVR is a bagging ensemble of ε-SVRs with an RBF kernel.
	SVR Kind = "svr"
)

// ParseKind returns the Kind named s.
func ParseKind(s string) (Kind, error) {
	switch Kind(s) {
	case Ridge, SVR:
		return Kind(s), nil
	}
	return "", fmt.Errorf("fusion: unknown model %q (want ridge or svr)", s)
}

// Params are the hyper-parameters of one model. Features are standardised
// and the target is scaled to unit standard deviation before training, so
// the values mean the same on any data set.
type Params struct {
	Lambda  float64 `json:"lambda,omitempty"`  // ridge: L2 penalty per row
	C       float64 `json:"c,omitempty"`       // SVR: box constraint
	Gamma   float64 `json:"gamma,omitempty"`   // SVR: RBF kernel exp(−γ‖a−b‖²)
	Epsilon float64 `json:"epsilon,omitempty"` // SVR: half-width of the ε-tube
}

// String formats the parameters that kind uses.
func (p Params) String() string {
	if p.C == 0 && p.Gamma == 0 {
		return fmt.Sprintf("lambda=%g", p.Lambda)
	}
	return fmt.Sprintf("C=%g gamma=%.4g epsilon=%g", p.C, p.Gamma, p.Epsilon)
}

// Config says what to train.
type Config struct {
	Kind   Kind
	Target Target
	// Bags is the number of SVR members (default 10).
	Bags int
	// Subsample is the fraction of the training rows each SVR member is
	// trained on, drawn without replacement (default 0.5).
	Subsample float64
	// Seed fixes the members' subsamples and the folds.
	Seed uint64
	// Transform maps features before standardisation (default None).
	Transform Transform
}

// Transform is a fixed map applied to features before standardisation.
type Transform string

// Feature transforms.
const (
	// None keeps the features as they are.
	None Transform = "none"
	// Logit maps every feature whose training values all lie in [0, 1]
	// through log(v/(1−v)), with v clamped to [1e-6, 1−1e-6]. Bounded
	// similarity scores crowd near 1 and distortion scores near 0; the
	// logit spreads both ends, whatever the direction of the feature.
	Logit Transform = "logit"
)

// ParseTransform returns the Transform named s.
func ParseTransform(s string) (Transform, error) {
	switch Transform(s) {
	case None, Logit:
		return Transform(s), nil
	}
	return "", fmt.Errorf("fusion: unknown transform %q (want none or logit)", s)
}

const logitClamp = 1e-6

func logit(v float64) float64 {
	v = min(max(v, logitClamp), 1-logitClamp)
	return math.Log(v / (1 - v))
}

func (c Config) withDefaults() Config {
	if c.Target == "" {
		c.Target = Raw
	}
	if c.Transform == "" {
		c.Transform = None
	}
	if c.Bags <= 0 {
		c.Bags = 10
	}
	if c.Subsample <= 0 || c.Subsample > 1 {
		c.Subsample = 0.5
	}
	return c
}

func (c Config) check() error {
	if _, err := ParseKind(string(c.Kind)); err != nil {
		return err
	}
	if _, err := ParseTarget(string(c.Target)); err != nil {
		return err
	}
	if _, err := ParseTransform(string(c.Transform)); err != nil {
		return err
	}
	if c.Target == Pairwise && c.Kind != Ridge {
		return errors.New("fusion: the pairwise target needs a linear model: use --model ridge")
	}
	return nil
}

// Model is a trained fusion model. It is what the model file holds, as
// JSON.
type Model struct {
	Format   string   `json:"format"`
	Kind     Kind     `json:"kind"`
	Target   Target   `json:"target"`
	Features []string `json:"features"`
	// Transform is the feature transform; Logit says where it applies.
	Transform Transform `json:"transform"`
	// Logit marks the features mapped through the logit before
	// standardisation (Transform Logit); nil when none is.
	Logit []bool `json:"logit,omitempty"`
	// Scaler standardises the features with the training rows' statistics.
	Scaler Scaler `json:"standardise"`
	Params Params `json:"params"`
	// TargetMean and TargetScale map the model's unit-variance output back
	// to the target's scale: score = output·TargetScale + TargetMean.
	TargetMean  float64 `json:"target_mean"`
	TargetScale float64 `json:"target_scale"`

	Linear   *Linear   `json:"linear,omitempty"`
	Ensemble *Ensemble `json:"ensemble,omitempty"`

	// Training records how the model was made; it is not used to predict.
	Training *Training `json:"training,omitempty"`
}

// Linear is a linear model on standardised features.
type Linear struct {
	Weights   []float64 `json:"weights"`
	Intercept float64   `json:"intercept"`
}

// Ensemble is a bag of RBF-kernel expansions over shared support vectors
// (standardised training rows).
type Ensemble struct {
	Gamma   float64     `json:"gamma"`
	Vectors [][]float64 `json:"vectors"`
	Members []Member    `json:"members"`
}

// Member is one SVR of an Ensemble: Σ Coef[k]·K(Vectors[Index[k]], z) + Bias.
type Member struct {
	Bias  float64   `json:"bias"`
	Index []int     `json:"index"`
	Coef  []float64 `json:"coef"`
}

// Training describes the data and search behind a model.
type Training struct {
	Source     string   `json:"source,omitempty"`
	Rows       int      `json:"rows"`
	Subjective string   `json:"subjective,omitempty"`
	Group      []string `json:"group,omitempty"`
	FoldBy     []string `json:"fold_by,omitempty"`
	Bags       int      `json:"bags,omitempty"`
	Subsample  float64  `json:"subsample,omitempty"`
	Seed       uint64   `json:"seed"`
	// InnerFolds and SearchScore describe the hyper-parameter search: the
	// criterion of the chosen Params over an inner cross-validation.
	InnerFolds  int     `json:"inner_folds,omitempty"`
	Criterion   string  `json:"criterion,omitempty"`
	SearchScore float64 `json:"search_score,omitempty"`
}

// Fit trains one model with parameters p on the given rows of d (all rows
// when rows is nil).
func Fit(d *Data, rows []int, cfg Config, p Params) (*Model, error) {
	cfg = cfg.withDefaults()
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	if rows == nil {
		rows = make([]int, d.Len())
		for i := range rows {
			rows[i] = i
		}
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("fusion: %d training rows: need at least 2", len(rows))
	}
	m := &Model{
		Format:   Format,
		Kind:     cfg.Kind,
		Target:   cfg.Target,
		Features: append([]string(nil), d.Features...),
		Params:   p,
	}
	m.Transform = cfg.Transform
	if cfg.Transform == Logit {
		m.Logit = unitColumns(d.X, rows)
	}
	x := make([][]float64, len(rows))
	pos := make([]int, len(rows))
	for r, i := range rows {
		x[r] = m.transform(make([]float64, len(d.Features)), d.X[i])
		pos[r] = r
	}
	m.Scaler = fitScaler(x, pos)
	z := m.Scaler.matrix(x, pos)
	t := transformTarget(d.Y, d.Groups, rows, cfg.Target)
	m.TargetMean, m.TargetScale = meanStd(t)
	for r := range t {
		t[r] = (t[r] - m.TargetMean) / m.TargetScale
	}
	switch cfg.Kind {
	case Ridge:
		if p.Lambda < 0 {
			return nil, fmt.Errorf("fusion: negative lambda %g", p.Lambda)
		}
		zz, tt := z, t
		if cfg.Target == Pairwise {
			zz, tt = pairwiseRows(z, t, d.Groups, rows)
		}
		w, err := solveRidge(zz, tt, p.Lambda)
		if err != nil {
			return nil, err
		}
		m.Linear = &Linear{Weights: w}
	case SVR:
		if p.C <= 0 || p.Gamma <= 0 || p.Epsilon < 0 {
			return nil, fmt.Errorf("fusion: bad SVR parameters %v", p)
		}
		m.Ensemble = fitEnsemble(z, t, cfg, p)
	}
	return m, nil
}

// unitColumns reports for each feature whether all its values over rows
// lie in [0, 1].
func unitColumns(x [][]float64, rows []int) []bool {
	out := make([]bool, len(x[rows[0]]))
	for k := range out {
		out[k] = true
		for _, i := range rows {
			if v := x[i][k]; v < 0 || v > 1 {
				out[k] = false
				break
			}
		}
	}
	return out
}

// transform writes x, with the logit applied where m.Logit says, into dst
// and returns it.
func (m *Model) transform(dst, x []float64) []float64 {
	for k, v := range x {
		if m.Logit != nil && m.Logit[k] {
			v = logit(v)
		}
		dst[k] = v
	}
	return dst
}

// meanStd returns the mean and population standard deviation of v; a zero
// deviation is returned as 1.
func meanStd(v []float64) (mean, sd float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for _, x := range v {
		sd += (x - mean) * (x - mean)
	}
	sd = math.Sqrt(sd / float64(len(v)))
	if sd == 0 {
		sd = 1
	}
	return mean, sd
}

// pairwiseRows turns the pairwise least-squares problem
//
//	(1/P) Σ over pairs (a, b) in one group of ((z_a−z_b)·w − (t_a−t_b))²
//
// (P pairs in all) into an ordinary one over n rows with the same
// minimiser and the same loss: for a group of m rows, Σ over its pairs of
// (r_a−r_b)² = m Σ (r_i−r̄)², so each row is centred in its group and scaled
// by √(m·n/P).
func pairwiseRows(z [][]float64, t []float64, groups []string, rows []int) ([][]float64, []float64) {
	d := len(z[0])
	n := float64(len(rows))
	gi := groupIndex(groups, rows)
	var pairs float64
	for _, g := range gi {
		m := float64(len(g))
		pairs += m * (m - 1) / 2
	}
	oz := make([][]float64, len(z))
	ot := make([]float64, len(t))
	for _, g := range gi {
		m := float64(len(g))
		mz := make([]float64, d)
		var mt float64
		for _, r := range g {
			for k, v := range z[r] {
				mz[k] += v / m
			}
			mt += t[r] / m
		}
		s := 0.0
		if pairs > 0 {
			s = math.Sqrt(m * n / pairs)
		}
		for _, r := range g {
			oz[r] = make([]float64, d)
			for k, v := range z[r] {
				oz[r][k] = (v - mz[k]) * s
			}
			ot[r] = (t[r] - mt) * s
		}
	}
	return oz, ot
}

// fitEnsemble trains cfg.Bags SVRs, each on a subsample of the rows of z.
func fitEnsemble(z [][]float64, t []float64, cfg Config, p Params) *Ensemble {
	n := len(z)
	size := max(2, int(math.Round(cfg.Subsample*float64(n))))
	size = min(size, n)
	e := &Ensemble{Gamma: p.Gamma}
	full := rbfMatrix(z, p.Gamma) // computed once, shared by the members
	k := make([]float64, size*size)
	vec := map[int]int{} // training row -> index in e.Vectors
	for b := 0; b < cfg.Bags; b++ {
		rng := rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15^uint64(b)))
		sub := rng.Perm(n)[:size]
		sort.Ints(sub)
		ts := make([]float64, size)
		for r, i := range sub {
			ts[r] = t[i]
			for c, j := range sub {
				k[r*size+c] = full[i*n+j]
			}
		}
		sol := solveSVR(k, size, ts, p.C, p.Epsilon, 1e-3)
		mb := Member{Bias: sol.Bias}
		for r, beta := range sol.Beta {
			if beta == 0 {
				continue
			}
			i := sub[r]
			v, ok := vec[i]
			if !ok {
				v = len(e.Vectors)
				vec[i] = v
				e.Vectors = append(e.Vectors, z[i])
			}
			mb.Index = append(mb.Index, v)
			mb.Coef = append(mb.Coef, beta)
		}
		e.Members = append(e.Members, mb)
	}
	return e
}

// check validates a model read from a file.
func (m *Model) check() error {
	if m.Format != Format {
		return fmt.Errorf("fusion: model format %q, want %q", m.Format, Format)
	}
	d := len(m.Features)
	if d == 0 || len(m.Scaler.Mean) != d || len(m.Scaler.Scale) != d || (m.Logit != nil && len(m.Logit) != d) {
		return errors.New("fusion: model: feature names and standardisation disagree")
	}
	switch m.Kind {
	case Ridge:
		if m.Linear == nil || len(m.Linear.Weights) != d {
			return errors.New("fusion: ridge model without matching weights")
		}
	case SVR:
		e := m.Ensemble
		if e == nil || len(e.Members) == 0 {
			return errors.New("fusion: svr model without members")
		}
		for _, v := range e.Vectors {
			if len(v) != d {
				return errors.New("fusion: svr model: a support vector has the wrong length")
			}
		}
		for _, mb := range e.Members {
			if len(mb.Index) != len(mb.Coef) {
				return errors.New("fusion: svr model: member index and coef lengths differ")
			}
			for _, i := range mb.Index {
				if i < 0 || i >= len(e.Vectors) {
					return errors.New("fusion: svr model: support vector index out of range")
				}
			}
		}
	default:
		return fmt.Errorf("fusion: model kind %q", m.Kind)
	}
	if m.TargetScale == 0 {
		return errors.New("fusion: model: zero target scale")
	}
	return nil
}

// Predict returns the model's score for one row of raw features in the
// order of m.Features. A row with a non-finite feature gives NaN.
func (m *Model) Predict(x []float64) float64 {
	return m.newPredictor().predict(x)
}

// PredictRows returns the score of each row of x.
func (m *Model) PredictRows(x [][]float64) []float64 {
	p := m.newPredictor()
	out := make([]float64, len(x))
	for i, row := range x {
		out[i] = p.predict(row)
	}
	return out
}

// predictor holds the scratch of one prediction: the standardised row and,
// for an ensemble, the kernel value of every support vector (shared by the
// members, which draw on the same training rows).
type predictor struct {
	m *Model
	z []float64
	k []float64
}

func (m *Model) newPredictor() *predictor {
	p := &predictor{m: m, z: make([]float64, len(m.Features))}
	if m.Ensemble != nil {
		p.k = make([]float64, len(m.Ensemble.Vectors))
	}
	return p
}

func (p *predictor) predict(x []float64) float64 {
	m, z := p.m, p.z
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return math.NaN()
		}
	}
	m.Scaler.apply(z, m.transform(z, x))
	var out float64
	switch m.Kind {
	case Ridge:
		out = m.Linear.Intercept
		for k, w := range m.Linear.Weights {
			out += w * z[k]
		}
	case SVR:
		e := m.Ensemble
		for v, sv := range e.Vectors {
			p.k[v] = rbf(sv, z, e.Gamma)
		}
		for _, mb := range e.Members {
			s := mb.Bias
			for k, i := range mb.Index {
				s += mb.Coef[k] * p.k[i]
			}
			out += s
		}
		out /= float64(len(e.Members))
	}
	return out*m.TargetScale + m.TargetMean
}

// PredictTable returns the score of every row of t. It fails, naming them,
// if t lacks any of the model's features.
func (m *Model) PredictTable(t *Table) ([]float64, error) {
	x, err := t.Matrix(m.Features)
	if err != nil {
		return nil, fmt.Errorf("%w (the model was trained on %d features)", err, len(m.Features))
	}
	return m.PredictRows(x), nil
}

// Write writes the model as indented JSON.
func (m *Model) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(m)
}

// ReadModel reads and validates a model file.
func ReadModel(r io.Reader) (*Model, error) {
	var m Model
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("fusion: reading model: %w", err)
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	return &m, nil
}
