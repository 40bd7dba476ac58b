package evaluate

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// testdata is the shared test data of the repository.
const testdata = "../testdata/evaluate"

// vector is one NN_name.json of testdata/evaluate.
type vector struct {
	MSU struct {
		Error    map[string]string                 `json:"error"`
		PerGroup map[string]map[string]vectorGroup `json:"per_group"`
		Agg      map[string]map[string]*float64    `json:"aggregate"`
	} `json:"msu_code"`
	Variants map[string]map[string]map[string]*float64 `json:"variants"`
}

type vectorGroup struct {
	N     int      `json:"n"`
	SROCC *float64 `json:"srocc"`
	KROCC *float64 `json:"krocc"`
	PLCC  *float64 `json:"plcc"`
}

// loadVector reads NN_name.csv and .json: group keys, subjective scores,
// metric columns by name, and the expected outputs.
func loadVector(t *testing.T, csvPath string) (groups []string, subj []float64, metrics []string, cols map[string][]float64, v vector) {
	t.Helper()
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := ReadCSV(f, csvPath)
	if err != nil {
		t.Fatal(err)
	}
	tab.Parse = ParsePandas
	if groups, err = tab.Keys([]string{"group"}); err != nil {
		t.Fatal(err)
	}
	if subj, err = tab.Floats("subjective"); err != nil {
		t.Fatal(err)
	}
	cols = make(map[string][]float64)
	for _, h := range tab.Header[3:] {
		if cols[h], err = tab.Floats(h); err != nil {
			t.Fatal(err)
		}
		metrics = append(metrics, h)
	}
	b, err := os.ReadFile(strings.TrimSuffix(csvPath, ".csv") + ".json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return groups, subj, metrics, cols, v
}

func vectorFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(testdata, "[0-9][0-9]_*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no vectors in %s: %v", testdata, err)
	}
	sort.Strings(files)
	return files
}

// same compares a computed value with an expected one (nil = no result).
func same(got float64, ok bool, want *float64, tol float64) bool {
	if want == nil {
		return !ok
	}
	return ok && math.Abs(got-*want) <= tol
}

func show(p *float64) string {
	if p == nil {
		return "null"
	}
	return strconvG(*p)
}

const vectorTol = 1e-9

// TestVectorsPerGroup checks every per-group coefficient of the MSU code
// (pandas formulas, pandas' float parser) against msu_code.per_group, bit
// for bit: at |r| = 1 the last bit decides the pooled result.
func TestVectorsPerGroup(t *testing.T) {
	var worst float64
	cells, exact := 0, 0
	for _, file := range vectorFiles(t) {
		groups, subj, metrics, cols, v := loadVector(t, file)
		name := filepath.Base(file)
		for _, m := range metrics {
			res, err := Evaluate(groups, subj, cols[m], Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := v.MSU.PerGroup[m]
			if len(res.PerGroup) != len(want) {
				t.Errorf("%s %s: %d groups formed, want %d", name, m, len(res.PerGroup), len(want))
			}
			for _, gc := range res.PerGroup {
				w, ok := want[gc.Group]
				if !ok {
					t.Errorf("%s %s: group %q formed, the MSU code does not form it", name, m, gc.Group)
					continue
				}
				if gc.N != w.N {
					t.Errorf("%s %s %s: n = %d, want %d", name, m, gc.Group, gc.N, w.N)
				}
				for _, c := range []struct {
					name string
					got  float64
					want *float64
				}{{"srocc", gc.SROCC, w.SROCC}, {"krocc", gc.KROCC, w.KROCC}, {"plcc", gc.PLCC, w.PLCC}} {
					if !same(c.got, !math.IsNaN(c.got), c.want, 0) {
						t.Errorf("%s %s %s %s = %.17g, want %s", name, m, gc.Group, c.name, c.got, show(c.want))
					}
					cells++
					if c.want == nil && math.IsNaN(c.got) || c.want != nil && c.got == *c.want {
						exact++
					}
					if c.want != nil {
						worst = math.Max(worst, math.Abs(c.got-*c.want))
					}
				}
			}
		}
	}
	t.Logf("%d per-group coefficients, %d bit-exact, max abs error %.3g", cells, exact, worst)
}

// TestVectorsAggregate checks the pooled SROCC, KROCC, PLCC and Result
// of every metric of every vector, for the MSU code and for both
// variants, and that every missing result carries a reason.
func TestVectorsAggregate(t *testing.T) {
	cases := []struct {
		variant string // "" = msu_code.aggregate
		opt     Options
	}{
		{"", Options{}},
		{"strict_gt", Options{Rule: GT}},
		{"careful", Options{Policy: Careful}},
	}
	for _, tc := range cases {
		var worst float64
		for _, file := range vectorFiles(t) {
			groups, subj, metrics, cols, v := loadVector(t, file)
			name := filepath.Base(file)
			for _, m := range metrics {
				res, err := Evaluate(groups, subj, cols[m], tc.opt)
				if err != nil {
					t.Fatal(err)
				}
				var want map[string]*float64
				if tc.variant == "" {
					want = v.MSU.Agg[m]
				} else {
					want = v.Variants[tc.variant][m]
				}
				for _, c := range []struct {
					name string
					c    Coef
				}{{"SROCC", res.SROCC}, {"KROCC", res.KROCC}, {"PLCC", res.PLCC}, {"Result", res.Result}} {
					w := want[c.name]
					if !same(c.c.Value, c.c.OK, w, vectorTol) {
						t.Errorf("%q %s %s %s = %.17g (ok=%v, %s), want %s", tc.variant, name, m, c.name, c.c.Value, c.c.OK, c.c.Reason, show(w))
					}
					if c.c.OK && w != nil {
						worst = math.Max(worst, math.Abs(c.c.Value-*w))
					}
					if !c.c.OK && c.c.Reason == "" {
						t.Errorf("%s %s %s: no result and no reason", name, m, c.name)
					}
					if tc.variant == "" || c.name == "Result" {
						continue
					}
					if s := want[c.name+"_signed"]; !same(c.c.Signed, c.c.OK, s, vectorTol) {
						t.Errorf("%s %s %s %s signed = %.17g, want %s", tc.variant, name, m, c.name, c.c.Signed, show(s))
					}
					if u := want[c.name+"_groups_used"]; u != nil && int(*u) != c.c.GroupsUsed {
						t.Errorf("%s %s %s %s groups used = %d, want %v", tc.variant, name, m, c.name, c.c.GroupsUsed, *u)
					}
				}
			}
		}
		t.Logf("variant %q: max abs error %.3g", tc.variant, worst)
	}
}

func strconvG(v float64) string { return strconv.FormatFloat(v, 'g', 17, 64) }
