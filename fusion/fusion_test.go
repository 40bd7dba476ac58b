package fusion

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// synthetic returns data of refs references with presets groups each of
// size videos: the score is a smooth function of a hidden quality plus a
// per-group offset, and each of the 4 features sees the quality through a
// different monotone map and noise.
func synthetic(refs, presets, videos int, seed uint64) *Data {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := &Data{Features: []string{"a", "b", "c", "d"}}
	for r := range refs {
		for p := range presets {
			off := rng.NormFloat64()
			for range videos {
				q := rng.Float64()
				d.X = append(d.X, []float64{
					q + 0.1*rng.NormFloat64(),
					math.Exp(2*q) + 0.3*rng.NormFloat64(),
					-q*q + 0.1*rng.NormFloat64(),
					rng.NormFloat64(), // pure noise
				})
				d.Y = append(d.Y, 3*q+off+0.05*rng.NormFloat64())
				d.Groups = append(d.Groups, fmt.Sprintf("ref%d|p%d", r, p))
				d.FoldKeys = append(d.FoldKeys, fmt.Sprintf("ref%d", r))
			}
		}
	}
	return d
}

func TestReadTable(t *testing.T) {
	const in = "\ufeffid,seq,FR A,FR B,score\nv1,s1,0.5,1,3\nv2,s1,,2,4\nv3,s2,nan,inf,5\n"
	tab, err := ReadTable(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if tab.Header[0] != "id" || len(tab.Rows) != 3 {
		t.Fatalf("header %q, %d rows", tab.Header, len(tab.Rows))
	}
	got, err := tab.Match([]string{"FR *", "score", "FR A"})
	if err != nil || !slices.Equal(got, []string{"FR A", "FR B", "score"}) {
		t.Errorf("Match = %q, %v", got, err)
	}
	if _, err := tab.Match([]string{"VMAF*"}); err == nil {
		t.Error("Match of a pattern with no column: no error")
	}
	x, err := tab.Matrix([]string{"FR B", "FR A"})
	if err != nil {
		t.Fatal(err)
	}
	if x[0][0] != 1 || x[0][1] != 0.5 || !math.IsNaN(x[1][1]) || !math.IsInf(x[2][0], 1) {
		t.Errorf("Matrix = %v", x)
	}
	_, err = tab.Matrix([]string{"FR A", "FR C", "FR D"})
	if err == nil || !strings.Contains(err.Error(), `"FR C", "FR D"`) {
		t.Errorf("Matrix with missing columns: %v, want both named", err)
	}
	d, dropped, err := TableData(tab, []string{"FR A", "FR B"}, "score", []string{"seq"}, []string{"seq"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 1 || !slices.Equal(dropped, []int{1, 2}) {
		t.Errorf("TableData kept %d rows, dropped %v; want 1 and [1 2]", d.Len(), dropped)
	}
}

func TestTransformTarget(t *testing.T) {
	y := []float64{1, 2, 3, 10, 10, 40, 7}
	groups := []string{"a", "a", "a", "b", "b", "b", "c"}
	rows := []int{0, 1, 2, 3, 4, 5, 6}
	s := math.Sqrt(2.0 / 3)
	tests := []struct {
		mode Target
		want []float64
	}{
		{Raw, []float64{1, 2, 3, 10, 10, 40, 7}},
		{ZScore, []float64{-1 / s, 0, 1 / s, -10 / math.Sqrt(200), -10 / math.Sqrt(200), 20 / math.Sqrt(200), 0}},
		{Rank, []float64{-0.5, 0, 0.5, -0.25, -0.25, 0.5, 0}},
		{Pairwise, []float64{-1, 0, 1, -10, -10, 20, 0}},
	}
	for _, tc := range tests {
		got := transformTarget(y, groups, rows, tc.mode)
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-12 {
				t.Errorf("%s: got %v, want %v", tc.mode, got, tc.want)
				break
			}
		}
	}
}

// TestPairwiseRows checks that the row form of the pairwise objective has
// the minimiser of the explicit one, built from every within-group pair.
func TestPairwiseRows(t *testing.T) {
	d := synthetic(3, 2, 7, 5)
	d.Groups[0] = "lonely" // a group of one row has no pair
	rows := []int{}
	for i := 0; i < d.Len(); i += 2 {
		rows = append(rows, i)
	}
	rows = append(rows, 0)
	slices.Sort(rows)
	rows = slices.Compact(rows)
	sc := fitScaler(d.X, rows)
	z := sc.matrix(d.X, rows)
	tt := make([]float64, len(rows))
	for r, i := range rows {
		tt[r] = d.Y[i]
	}
	var pz [][]float64
	var pt []float64
	for a := range rows {
		for b := a + 1; b < len(rows); b++ {
			if d.Groups[rows[a]] != d.Groups[rows[b]] {
				continue
			}
			diff := make([]float64, len(z[a]))
			for k := range diff {
				diff[k] = z[a][k] - z[b][k]
			}
			pz = append(pz, diff)
			pt = append(pt, tt[a]-tt[b])
		}
	}
	for _, lambda := range []float64{0, 0.01, 1} {
		want, err := solveRidge(pz, pt, lambda)
		if err != nil {
			t.Fatal(err)
		}
		rz, rt := pairwiseRows(z, tt, d.Groups, rows)
		got, err := solveRidge(rz, rt, lambda)
		if err != nil {
			t.Fatal(err)
		}
		for k := range want {
			if math.Abs(got[k]-want[k]) > 1e-9 {
				t.Errorf("lambda %g: weights %v, want %v", lambda, got, want)
				break
			}
		}
	}
}

// TestRidge checks exact recovery of noise-free linear data and the 1-D
// closed form w = cov(z,t) / (var(z) + λ).
func TestRidge(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	d := &Data{Features: []string{"u", "v"}}
	for i := range 50 {
		u, v := rng.NormFloat64(), rng.NormFloat64()*5+2
		d.X = append(d.X, []float64{u, v})
		d.Y = append(d.Y, 2*u-0.5*v+3)
		d.Groups = append(d.Groups, "g")
		d.FoldKeys = append(d.FoldKeys, strconv.Itoa(i))
	}
	m, err := Fit(d, nil, Config{Kind: Ridge}, Params{Lambda: 0})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range m.PredictRows(d.X) {
		if math.Abs(p-d.Y[i]) > 1e-9 {
			t.Fatalf("row %d: predicted %v, want %v", i, p, d.Y[i])
		}
	}
	// z = (−1, 0, 1, 2) and t = (−1, 1, 0, 4), centred: var(z) = 1.25 and
	// cov(z, t) = (3 + 0 − 0.5 + 4.5)/4 = 1.75.
	for _, lambda := range []float64{0, 0.5, 3} {
		zc := [][]float64{{-1.5}, {-0.5}, {0.5}, {1.5}}
		tc := []float64{-2, 0, -1, 3}
		w, err := solveRidge(zc, tc, lambda)
		if err != nil {
			t.Fatal(err)
		}
		if want := 1.75 / (1.25 + lambda); math.Abs(w[0]-want) > 1e-12 {
			t.Errorf("lambda %g: w = %v, want %v", lambda, w[0], want)
		}
	}
}

func TestFolds(t *testing.T) {
	var keys []string
	for r := range 36 {
		for range 10 + r%7 {
			keys = append(keys, fmt.Sprintf("seq%02d", r))
		}
	}
	for _, k := range []int{2, 3, 6, 36} {
		for _, seed := range []uint64{1, 2} {
			fold, err := Folds(keys, nil, k, seed)
			if err != nil {
				t.Fatal(err)
			}
			where := map[string]int{}
			size := make([]int, k)
			for i, f := range fold {
				if g, ok := where[keys[i]]; ok && g != f {
					t.Fatalf("k=%d: key %s in folds %d and %d", k, keys[i], g, f)
				}
				where[keys[i]] = f
				size[f]++
			}
			if slices.Min(size) == 0 {
				t.Errorf("k=%d: an empty fold: sizes %v", k, size)
			}
			if k == 6 && slices.Max(size)-slices.Min(size) > 16 {
				t.Errorf("k=6: unbalanced fold sizes %v", size)
			}
			again, _ := Folds(keys, nil, k, seed)
			if !slices.Equal(fold, again) {
				t.Errorf("k=%d seed=%d: not deterministic", k, seed)
			}
		}
	}
	a, _ := Folds(keys, nil, 6, 1)
	b, _ := Folds(keys, nil, 6, 2)
	if slices.Equal(a, b) {
		t.Error("seeds 1 and 2 give the same folds")
	}
	if _, err := Folds(keys, nil, 37, 1); err == nil {
		t.Error("37 folds of 36 keys: no error")
	}
}

// TestCrossValidateNoLeak watches every fit that a nested
// cross-validation makes: no fold key (reference) is ever both in the rows
// a model trains on and the rows it predicts, and the outer test sets
// partition the data.
func TestCrossValidateNoLeak(t *testing.T) {
	d := synthetic(12, 2, 8, 1)
	for _, kind := range []Kind{Ridge, SVR} {
		t.Run(string(kind), func(t *testing.T) {
			var mu sync.Mutex
			fits := 0
			predicted := make([]int, d.Len())
			observeFit = func(train, test []int) {
				mu.Lock()
				defer mu.Unlock()
				fits++
				in := map[string]bool{}
				for _, i := range train {
					in[d.FoldKeys[i]] = true
				}
				for _, i := range test {
					if in[d.FoldKeys[i]] {
						t.Errorf("key %s is in a training set and its test set", d.FoldKeys[i])
						return
					}
				}
				if len(train)+len(test) == d.Len() { // an outer fold
					for _, i := range test {
						predicted[i]++
					}
				}
			}
			defer func() { observeFit = nil }()
			grid := DefaultGrid(kind, 4)[:2]
			res, err := CrossValidate(d, Config{Kind: kind, Seed: 7, Bags: 2}, CVOptions{Folds: 4, SearchOptions: SearchOptions{Grid: grid, InnerFolds: 3}})
			if err != nil {
				t.Fatal(err)
			}
			if want := 4*len(grid)*3 + 4; fits != want {
				t.Errorf("%d fits, want %d", fits, want)
			}
			for i, n := range predicted {
				if n != 1 {
					t.Fatalf("row %d predicted by %d outer folds, want 1", i, n)
				}
			}
			for f, s := range res.Searches {
				if !slices.Contains(grid, s.Best.Params) {
					t.Errorf("fold %d chose %v, not in the grid", f, s.Best)
				}
			}
		})
	}
}

// TestCrossValidateDeterministic checks that the seed alone fixes the
// result, whatever the number of threads.
func TestCrossValidateDeterministic(t *testing.T) {
	d := synthetic(8, 2, 10, 2)
	cfg := Config{Kind: SVR, Target: ZScore, Seed: 11, Bags: 3}
	opt := CVOptions{Folds: 4, SearchOptions: SearchOptions{Grid: DefaultGrid(SVR, 4)[:4]}}
	var preds [][]float64
	for _, threads := range []int{1, 2, 3} {
		opt.Threads = threads
		res, err := CrossValidate(d, cfg, opt)
		if err != nil {
			t.Fatal(err)
		}
		preds = append(preds, res.Pred)
	}
	for k := 1; k < len(preds); k++ {
		if !slices.Equal(preds[0], preds[k]) {
			t.Fatalf("threads change the predictions")
		}
	}
	cfg.Seed = 12
	other, err := CrossValidate(d, cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(preds[0], other.Pred) {
		t.Error("seeds 11 and 12 give identical predictions")
	}
}

// TestFusionLearns checks on synthetic data that cross-validated fusion
// ranks videos inside groups better than the best single feature.
func TestFusionLearns(t *testing.T) {
	d := synthetic(10, 2, 12, 3)
	best := math.Inf(-1)
	for k := range d.Features {
		col := make([]float64, d.Len())
		for i := range col {
			col[i] = d.X[i][k]
		}
		best = max(best, math.Abs(GroupedSpearman(d.Groups, d.Y, col)))
	}
	for _, cfg := range []Config{{Kind: Ridge, Target: Pairwise}, {Kind: SVR, Target: ZScore, Bags: 4}} {
		res, err := CrossValidate(d, cfg, CVOptions{Folds: 5, SearchOptions: SearchOptions{Grid: DefaultGrid(cfg.Kind, 4)}})
		if err != nil {
			t.Fatal(err)
		}
		got := GroupedSpearman(d.Groups, d.Y, res.Pred)
		t.Logf("%s/%s: grouped SROCC %.4f, best single feature %.4f", cfg.Kind, cfg.Target, got, best)
		if got <= best {
			t.Errorf("%s/%s: grouped SROCC %.4f, not above the best feature's %.4f", cfg.Kind, cfg.Target, got, best)
		}
	}
}

// TestModelRoundTrip saves and reloads models and checks that the
// predictions are bit-identical, that a table with extra and reordered
// columns is read by name, and that a table lacking a feature is refused.
func TestModelRoundTrip(t *testing.T) {
	d := synthetic(4, 2, 10, 4)
	for _, cfg := range []Config{{Kind: Ridge, Target: Rank}, {Kind: SVR, Target: Raw, Bags: 3}} {
		t.Run(string(cfg.Kind), func(t *testing.T) {
			m, err := Fit(d, nil, cfg, DefaultGrid(cfg.Kind, 4)[1])
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := m.Write(&buf); err != nil {
				t.Fatal(err)
			}
			m2, err := ReadModel(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			want := m.PredictRows(d.X)
			if got := m2.PredictRows(d.X); !slices.Equal(got, want) {
				t.Fatalf("reloaded model predicts differently")
			}
			// The same rows as CSV, columns reversed, one extra column.
			var csv strings.Builder
			csv.WriteString("extra,d,c,b,a\n")
			for _, row := range d.X {
				fmt.Fprintf(&csv, "x,%s,%s,%s,%s\n", f64(row[3]), f64(row[2]), f64(row[1]), f64(row[0]))
			}
			tab, err := ReadTable(strings.NewReader(csv.String()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := m2.PredictTable(tab)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("PredictTable differs from PredictRows")
			}
			short, _ := ReadTable(strings.NewReader("a,b,d\n1,2,3\n"))
			if _, err := m2.PredictTable(short); err == nil || !strings.Contains(err.Error(), `"c"`) {
				t.Errorf("table without feature c: %v, want an error naming it", err)
			}
			if p := m2.Predict([]float64{1, math.NaN(), 0, 0}); !math.IsNaN(p) {
				t.Errorf("a NaN feature predicts %v, want NaN", p)
			}
		})
	}
	if _, err := ReadModel(strings.NewReader(`{"format":"other"}`)); err == nil {
		t.Error("a model of another format: no error")
	}
}

func f64(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// TestTrainSearchesTargets lets the search choose the target handling and
// the transform too, and checks that the model is fitted with the choice.
func TestTrainSearchesTargets(t *testing.T) {
	d := synthetic(6, 2, 10, 8)
	for _, kind := range []Kind{Ridge, SVR} {
		opt := SearchOptions{Grid: DefaultGrid(kind, 4)[:1], Targets: Targets, Transforms: []Transform{None, Logit}}
		m, res, err := Train(d, Config{Kind: kind, Bags: 2}, opt)
		if err != nil {
			t.Fatal(err)
		}
		want := 8
		if kind == SVR {
			want = 6 // no pairwise
		}
		if len(res.Candidates) != want || len(res.Scores) != want {
			t.Errorf("%s: %d candidates, %d scores; want %d", kind, len(res.Candidates), len(res.Scores), want)
		}
		for c, v := range res.Scores {
			if v > res.Score {
				t.Errorf("%s: candidate %v scores %v above the best %v", kind, res.Candidates[c], v, res.Score)
			}
		}
		if m.Target != res.Best.Target || m.Transform != res.Best.Transform {
			t.Errorf("%s: model %s/%s, search chose %s", kind, m.Target, m.Transform, res.Best)
		}
		t.Logf("%s: chose %s (%.4f)", kind, res.Best, res.Score)
	}
}

func TestConfigCheck(t *testing.T) {
	d := synthetic(2, 1, 5, 1)
	if _, err := Fit(d, nil, Config{Kind: SVR, Target: Pairwise}, Params{C: 1, Gamma: 1, Epsilon: 0.1}); err == nil {
		t.Error("svr with the pairwise target: no error")
	}
	if _, err := Fit(d, nil, Config{Kind: "tree"}, Params{}); err == nil {
		t.Error("unknown kind: no error")
	}
	if _, err := ParseTarget("ordinal"); err == nil {
		t.Error("unknown target: no error")
	}
}
