package evaluate

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

const msuData = testdata + "/msu-data"

// readMSU reads a CSV of msu-data the way the MSU notebook does.
func readMSU(t testing.TB, name string) *Table {
	t.Helper()
	f, err := os.Open(filepath.Join(msuData, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := ReadCSV(f, name)
	if err != nil {
		t.Fatal(err)
	}
	tab.Parse = ParsePandas
	return tab
}

// filterSequences keeps the rows whose sequence is in list.
func filterSequences(t testing.TB, tab *Table, list []string) *Table {
	c, err := tab.Column("sequence")
	if err != nil {
		t.Fatal(err)
	}
	in := make(map[string]bool)
	for _, s := range list {
		in[s] = true
	}
	out := *tab
	out.Rows, out.Lines = nil, nil
	for i, r := range tab.Rows {
		if in[r[c]] {
			out.Rows = append(out.Rows, r)
			out.Lines = append(out.Lines, tab.Lines[i])
		}
	}
	return &out
}

// TestPublishedSpearman reproduces the MSU notebook's saved table
// (published_spearman_full_dataset.csv: mean SROCC and its 95% interval
// for 67 metrics, to 6 decimals) from Metric_scores_example.csv, using
// the notebook's own "FULL DATASET" sequence list from
// video_categories.json.
func TestPublishedSpearman(t *testing.T) {
	var cats map[string][]string
	b, err := os.ReadFile(filepath.Join(msuData, "video_categories.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &cats); err != nil {
		t.Fatal(err)
	}
	list := cats["FULL DATASET"]
	if len(list) == 0 {
		t.Fatal("video_categories.json has no FULL DATASET list")
	}
	scores := filterSequences(t, readMSU(t, "Metric_scores_example.csv"), list)
	groups, err := scores.Keys([]string{"sequence", "preset"})
	if err != nil {
		t.Fatal(err)
	}
	subj, err := scores.Floats("subjective_score")
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGrouping(groups)
	if err != nil {
		t.Fatal(err)
	}
	pub := readMSU(t, "published_spearman_full_dataset.csv")
	want := map[string][]float64{}
	for _, col := range []string{"ci_lower", "mean_srocc", "ci_upper"} {
		v, err := pub.Floats(col)
		if err != nil {
			t.Fatal(err)
		}
		for i := range v {
			name := pub.Rows[i][1]
			want[name] = append(want[name], v[i])
		}
	}
	if len(want) != 67 {
		t.Fatalf("published table has %d metrics, want 67", len(want))
	}
	round6 := func(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }
	var worst float64
	for name, w := range want {
		m, err := scores.Floats(name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := g.Evaluate(subj, m, Options{})
		if err != nil {
			t.Fatal(err)
		}
		c := res.SROCC
		if !c.OK {
			t.Errorf("%s: no SROCC: %s", name, c.Reason)
			continue
		}
		got := []float64{c.CI[0], c.Value, c.CI[1]}
		for i := range got {
			if round6(got[i]) != round6(w[i]) {
				t.Errorf("%s: %v = %.9f, published %.6f", name, []string{"ci_lower", "mean_srocc", "ci_upper"}[i], got[i], w[i])
			}
			worst = math.Max(worst, math.Abs(got[i]-w[i]))
		}
	}
	t.Logf("67 metrics, max |computed − published| = %.2g (published to 6 decimals)", worst)
}
