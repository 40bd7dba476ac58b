package main

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fr-metrics/fr-metrics/fusion"
)

// fusionFeatures are the CVQAD open data's full-reference features.
const fusionFeatures = "FR DSS,FR FSIM,FR GMSD,FR MDSI,FR MS-GMSD,FR SRSIM,FR VIFp,FR VSI,FR HAAR PSI,FR Y-MS-SSIM,FR YUV-SSIM,FR YUV-PSNR"

func msuScores() string { return testdata("evaluate", "msu-data", "Metric_scores_example.csv") }

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestFitPredictRoundTrip trains on the CVQAD open data, writes the model
// file, scores the same file with predict, and checks that the scores are
// exactly those of the model read back in-process, one per row.
func TestFitPredictRoundTrip(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model.json")
	scores := filepath.Join(dir, "scores.csv")
	for _, args := range [][]string{
		{"--model", "ridge", "--target", "pairwise"},
		{"--model", "svr", "--target", "zscore", "--bags", "2", "--c", "1", "--gamma", "0.05", "--epsilon", "0.1"},
	} {
		t.Run(args[1], func(t *testing.T) {
			code, _, errOut := cli(t, append([]string{"fit", msuScores(), "--features", fusionFeatures, "-o", model, "-q"}, args...)...)
			if code != 0 {
				t.Fatalf("fit: exit %d: %s", code, errOut)
			}
			code, _, errOut = cli(t, "predict", model, msuScores(), "-o", scores, "--name", "fused")
			if code != 0 {
				t.Fatalf("predict: exit %d: %s", code, errOut)
			}
			recs := readCSVFile(t, scores)
			if len(recs) != 1023 || recs[0][len(recs[0])-1] != "fused" {
				t.Fatalf("%d lines, last column %q; want 1023 and fused", len(recs), recs[0][len(recs[0])-1])
			}
			fh, err := os.Open(model)
			if err != nil {
				t.Fatal(err)
			}
			m, err := fusion.ReadModel(fh)
			fh.Close()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(m.Features, strings.Split(fusionFeatures, ",")) {
				t.Errorf("model features %q", m.Features)
			}
			in, _ := os.Open(msuScores())
			tab, err := fusion.ReadTable(in)
			in.Close()
			if err != nil {
				t.Fatal(err)
			}
			want, err := m.PredictTable(tab)
			if err != nil {
				t.Fatal(err)
			}
			for i, rec := range recs[1:] {
				got, err := strconv.ParseFloat(rec[len(rec)-1], 64)
				if err != nil || got != want[i] || math.IsNaN(got) {
					t.Fatalf("row %d: predict wrote %q, the model gives %v", i, rec[len(rec)-1], want[i])
				}
			}
		})
	}
}

// TestPredictRefusesMissingFeature checks that predict names the features
// a file lacks and exits with a runtime error.
func TestPredictRefusesMissingFeature(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model.json")
	if code, _, errOut := cli(t, "fit", msuScores(), "--features", "FR DSS,FR VSI", "--model", "ridge", "-o", model, "-q"); code != 0 {
		t.Fatalf("fit: exit %d: %s", code, errOut)
	}
	short := filepath.Join(dir, "short.csv")
	if err := os.WriteFile(short, []byte("video,FR DSS\nv1,0.9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, "predict", model, short)
	if code != exitRuntime || !strings.Contains(errOut, `"FR VSI"`) {
		t.Errorf("exit %d, stderr %q; want %d naming FR VSI", code, errOut, exitRuntime)
	}
}

// TestCVCommand runs a reference-disjoint cross-validation through the
// command line: every single feature and the model are in the table, the
// same seed gives the same table, and no reference (fold key) appears in
// two folds of the out-of-fold predictions.
func TestCVCommand(t *testing.T) {
	dir := t.TempDir()
	preds := filepath.Join(dir, "oof.csv")
	args := []string{"cv", msuScores(), "--features", fusionFeatures, "--models", "ridge", "--targets", "pairwise,raw", "--folds", "6", "--seed", "3", "--format", "csv", "-q"}
	code, out, errOut := cli(t, append(args, "--predictions", preds)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range recs[1:] {
		names[r[0]] = true
		for _, c := range r[2:6] {
			v, err := strconv.ParseFloat(c, 64)
			if err != nil || v <= 0.5 || v > 1 {
				t.Errorf("%s: coefficient %q out of (0.5, 1]", r[0], c)
			}
		}
	}
	for _, n := range append(strings.Split(fusionFeatures, ","), "fusion ridge/pairwise/auto", "fusion ridge/raw/auto") {
		if !names[n] {
			t.Errorf("table lacks %q", n)
		}
	}
	_, again, _ := cli(t, args...)
	if again != out {
		t.Errorf("same seed, different table:\n%s\n%s", out, again)
	}
	fold := map[string]string{}
	oof := readCSVFile(t, preds)
	for _, r := range oof[1:] {
		if f, ok := fold[r[2]]; ok && f != r[3] {
			t.Fatalf("reference %s is in folds %s and %s", r[2], f, r[3])
		}
		fold[r[2]] = r[3]
	}
	if len(fold) != 36 || len(oof) != 1023 {
		t.Errorf("%d references, %d lines; want 36 and 1023", len(fold), len(oof))
	}

	// --per-fold adds each fold's Result and the folds a model wins.
	code, out, errOut = cli(t, append(args, "--per-fold")...)
	if code != 0 {
		t.Fatalf("--per-fold: exit %d: %s", code, errOut)
	}
	recs, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(recs[0]); n != 7+6+1 || recs[0][7] != "fold_0" || recs[0][n-1] != "folds_above_every_feature" {
		t.Fatalf("--per-fold header %q", recs[0])
	}
	for _, r := range recs[1:] {
		for _, c := range r[7:13] {
			if v, err := strconv.ParseFloat(c, 64); err != nil || v <= 0 || v > 1 {
				t.Errorf("%s: fold Result %q", r[0], c)
			}
		}
		wins := r[13]
		if (r[1] == "fusion") != strings.HasSuffix(wins, "/6") {
			t.Errorf("%s (%s): folds won %q", r[0], r[1], wins)
		}
	}
}

func TestFusionUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"fit", msuScores(), "-o", filepath.Join(dir, "m.json")}, "--features"},
		{[]string{"fit", msuScores(), "--features", "FR DSS", "--model", "svr", "--target", "pairwise", "-o", filepath.Join(dir, "m.json")}, "pairwise"},
		{[]string{"fit", msuScores(), "--features", "NOPE*", "-o", filepath.Join(dir, "m.json")}, "NOPE"},
		{[]string{"cv", msuScores(), "--features", "FR DSS", "--format", "xml"}, "xml"},
		{[]string{"cv", msuScores(), "--features", "FR DSS", "--folds", "37", "--models", "ridge"}, "37 folds"},
	} {
		code, _, errOut := cli(t, tc.args...)
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want an error naming %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestFitJoin trains on a features file without subjective scores, joined
// with the subjective-score file, and checks that the model predicts as
// one trained on the file that has both.
func TestFitJoin(t *testing.T) {
	dir := t.TempDir()
	recs := readCSVFile(t, msuScores())
	drop := slices.Index(recs[0], "subjective_score")
	stripped := filepath.Join(dir, "features.csv")
	fh, err := os.Create(stripped)
	if err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(fh)
	for _, r := range recs {
		cw.Write(slices.Delete(slices.Clone(r), drop, drop+1))
	}
	cw.Flush()
	fh.Close()
	feats := "FR Y-MS-SSIM,FR YUV-PSNR,FR VSI"
	joined, direct := filepath.Join(dir, "joined.json"), filepath.Join(dir, "direct.json")
	if code, _, errOut := cli(t, "fit", stripped, "--features", feats, "-o", joined, "-q"); code != exitUsage || !strings.Contains(errOut, "--subjective") {
		t.Errorf("no subjective column: exit %d, %q", code, errOut)
	}
	subj := testdata("evaluate", "msu-data", "Subjective_scores.csv")
	if code, _, errOut := cli(t, "fit", stripped, "--join", subj, "--on", "codec,preset,sequence,crf", "--features", feats, "-o", joined, "-q"); code != 0 {
		t.Fatalf("fit --join: exit %d: %s", code, errOut)
	}
	if code, _, errOut := cli(t, "fit", msuScores(), "--features", feats, "-o", direct, "-q"); code != 0 {
		t.Fatalf("fit: exit %d: %s", code, errOut)
	}
	var preds [][]float64
	for _, p := range []string{joined, direct} {
		mh, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		m, err := fusion.ReadModel(mh)
		mh.Close()
		if err != nil {
			t.Fatal(err)
		}
		in, _ := os.Open(msuScores())
		tab, err := fusion.ReadTable(in)
		in.Close()
		if err != nil {
			t.Fatal(err)
		}
		pr, err := m.PredictTable(tab)
		if err != nil {
			t.Fatal(err)
		}
		preds = append(preds, pr)
	}
	if !slices.Equal(preds[0], preds[1]) {
		t.Error("the joined and the direct model predict differently")
	}
}
