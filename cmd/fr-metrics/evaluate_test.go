package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const evalData = "../../testdata/evaluate"

// evalRun runs fr-metrics with args in-process and returns its standard
// output.
func evalRun(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

// evalJSON is the shape of `evaluate --format json`.
type evalJSON struct {
	Aggregate map[string]map[string]any                 `json:"aggregate"`
	PerGroup  map[string]map[string]map[string]*float64 `json:"per_group"`
	Ranking   []string                                  `json:"ranking"`
}

func evalNum(v any) (float64, bool) {
	f, ok := v.(float64)
	return f, ok
}

// evalCVQADCommand is the command docs/evaluate.md shows for the whole CVQAD
// open data (all 36 sequences), run from the repository root.
var evalCVQADCommand = []string{"evaluate", "testdata/evaluate/msu-data/Metric_scores_example.csv",
	"--join", "testdata/evaluate/msu-data/Subjective_scores.csv", "--on", "codec,preset,sequence,crf",
	"--subjective", "subjective_score", "--group", "sequence,preset",
	"--metrics", "FR Y-MS-SSIM,FR YUV-PSNR,FR YUV-SSIM,FR YUV-VMAF (v061),NR MDTVSFA,FR AHIQ"}

// TestEvaluateCVQAD runs the documented command on the whole CVQAD open
// data and checks its JSON against msu_code.aggregate of 13_cvqad_open.json
// and msu_code_all_36_sequences of cvqad_open_check.json (within 1e-9),
// and that the documented command line is the one in docs/evaluate.md.
func TestEvaluateCVQAD(t *testing.T) {
	args := append([]string(nil), evalCVQADCommand...)
	for i, a := range args {
		if strings.HasPrefix(a, "testdata/") {
			args[i] = filepath.Join("../..", a)
		}
	}
	out, err := evalRun(t, append(args, "--format", "json", "-o", "-")...)
	if err != nil {
		t.Fatal(err)
	}
	var got evalJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var vec struct {
		MSU struct {
			Agg map[string]map[string]*float64 `json:"aggregate"`
		} `json:"msu_code"`
	}
	evalReadJSON(t, filepath.Join(evalData, "13_cvqad_open.json"), &vec)
	var check struct {
		Metrics map[string]map[string]map[string]*float64 `json:"metrics"`
	}
	evalReadJSON(t, filepath.Join(evalData, "msu-data", "cvqad_open_check.json"), &check)
	for metric, want := range vec.MSU.Agg {
		for _, c := range []string{"SROCC", "KROCC", "PLCC", "Result"} {
			evalCompare(t, "13_cvqad_open "+metric+" "+c, got.Aggregate[metric][c], want[c])
			evalCompare(t, "cvqad_open_check "+metric+" "+c, got.Aggregate[metric][c], check.Metrics[metric]["msu_code_all_36_sequences"][c])
		}
	}
	doc, err := os.ReadFile("../../docs/evaluate.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), evalShellLine(evalCVQADCommand)) {
		t.Errorf("docs/evaluate.md does not show the command\n%s", evalShellLine(evalCVQADCommand))
	}
}

// evalShellLine quotes args for a POSIX shell the way docs/evaluate.md does.
func evalShellLine(args []string) string {
	var b strings.Builder
	b.WriteString("fr-metrics")
	for _, a := range args {
		b.WriteByte(' ')
		if strings.ContainsAny(a, " ()") {
			a = "'" + a + "'"
		}
		b.WriteString(a)
	}
	return b.String()
}

func evalCompare(t *testing.T, what string, got any, want *float64) {
	t.Helper()
	g, ok := evalNum(got)
	switch {
	case want == nil && got != nil:
		t.Errorf("%s = %v, want null", what, got)
	case want != nil && !ok:
		t.Errorf("%s = %v, want %.17g", what, got, *want)
	case want != nil && math.Abs(g-*want) > 1e-9:
		t.Errorf("%s = %.17g, want %.17g", what, g, *want)
	}
}

func evalReadJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestEvaluateVectors runs the command on every vector and checks the
// JSON aggregate against msu_code.aggregate (default flags),
// variants.strict_gt (--threshold-rule gt) and variants.careful
// (--policy careful), and per_group against msu_code.per_group.
func TestEvaluateVectors(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(evalData, "[0-9][0-9]_*.csv"))
	if len(files) == 0 {
		t.Fatal("no vectors")
	}
	for _, file := range files {
		var vec struct {
			MSU struct {
				PerGroup map[string]map[string]map[string]*float64 `json:"per_group"`
				Agg      map[string]map[string]*float64            `json:"aggregate"`
			} `json:"msu_code"`
			Variants map[string]map[string]map[string]*float64 `json:"variants"`
		}
		evalReadJSON(t, strings.TrimSuffix(file, ".csv")+".json", &vec)
		for _, tc := range []struct {
			variant string
			flags   []string
		}{
			{"", nil},
			{"strict_gt", []string{"--threshold-rule", "gt"}},
			{"careful", []string{"--policy", "careful"}},
		} {
			args := append([]string{"evaluate", file, "--format", "json", "--per-group"}, tc.flags...)
			out, err := evalRun(t, args...)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			var got evalJSON
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			want := vec.MSU.Agg
			if tc.variant != "" {
				want = vec.Variants[tc.variant]
			}
			name := filepath.Base(file) + " " + tc.variant
			for metric, w := range want {
				for _, c := range []string{"SROCC", "KROCC", "PLCC", "Result"} {
					evalCompare(t, name+" "+metric+" "+c, got.Aggregate[metric][c], w[c])
				}
			}
			if tc.variant != "" {
				continue
			}
			for metric, groups := range vec.MSU.PerGroup {
				if len(got.PerGroup[metric]) != len(groups) {
					t.Errorf("%s %s: %d groups, want %d", name, metric, len(got.PerGroup[metric]), len(groups))
				}
				for g, w := range groups {
					for _, c := range []string{"n", "srocc", "krocc", "plcc"} {
						var gv any
						if p := got.PerGroup[metric][g][c]; p != nil {
							gv = *p
						}
						evalCompare(t, name+" "+metric+" "+g+" "+c, gv, w[c])
					}
				}
			}
		}
	}
}

// TestEvaluateBadInput checks that bad files give an error naming the
// file, the line and the column, and bad flags a usage error.
func TestEvaluateBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := "video_id,group,subjective,m\nv1,a,1,2\nv2,a,2,3\nv3,a,3,5\n"
	cases := []struct {
		name  string
		file  string
		flags []string
		want  []string // substrings of the error
		usage bool
	}{
		{"empty", write("empty.csv", ""), nil, []string{"empty.csv", "empty file"}, false},
		{"header only", write("header.csv", "video_id,group,subjective,m\n"), nil, []string{"header.csv", "no data rows"}, false},
		{"non-numeric", write("nonnum.csv", "video_id,group,subjective,m\nv1,a,1,2\nv2,a,two,3\n"), nil,
			[]string{"nonnum.csv", "line 3", `"subjective"`, `"two"`}, false},
		{"non-numeric metric", write("nonnum2.csv", "video_id,group,subjective,m\nv1,a,1,2\nv2,a,2,x3\n"), []string{"--metrics", "m"},
			[]string{"nonnum2.csv", "line 3", `"m"`, `"x3"`}, false},
		{"duplicate id", write("dup.csv", "video_id,group,subjective,m\nv1,a,1,2\nv2,a,2,3\nv1,a,3,4\n"), nil,
			[]string{"dup.csv", "line 4", "video_id", `"v1"`, "line 2"}, false},
		{"missing column", write("good.csv", good), []string{"--subjective", "mos"}, []string{"good.csv", `"mos"`}, false},
		{"missing metric", write("good2.csv", good), []string{"--metrics", "ssim"}, []string{"good2.csv", `"ssim"`}, false},
		{"missing group", write("nogroup.csv", "id,mos,m\n1,2,3\n"), nil, []string{"nogroup.csv", "--group"}, true},
		{"ragged row", write("ragged.csv", "video_id,group,subjective,m\nv1,a,1\n"), nil, []string{"ragged.csv", "line 2"}, false},
		{"join unmatched", write("left.csv", good), []string{"--join", write("right.csv", "video_id,mos\nv1,1\nv2,2\n"), "--on", "video_id"},
			[]string{"left.csv", "line 4", `"v3"`, "right.csv"}, false},
		{"join duplicate", write("left2.csv", good), []string{"--join", write("right2.csv", "video_id,mos\nv1,1\nv1,2\n"), "--on", "video_id"},
			[]string{"right2.csv", "line 3", "duplicate"}, false},
		{"bad rule", write("good3.csv", good), []string{"--threshold-rule", "gte"}, []string{"--threshold-rule"}, true},
		{"bad format", write("good4.csv", good), []string{"--format", "xml"}, []string{"--format"}, true},
		{"join without on", write("good5.csv", good), []string{"--join", "x.csv"}, []string{"--join and --on"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := evalRun(t, append([]string{"evaluate", tc.file}, tc.flags...)...)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
			var ee *exitError
			if isUsage := errors.As(err, &ee) && ee.code == exitUsage; isUsage != tc.usage {
				t.Errorf("usage error = %v, want %v (%v)", isUsage, tc.usage, err)
			}
		})
	}
}

// TestEvaluateFormats checks that every output format names every metric
// and shows a missing result as such with its reason.
func TestEvaluateFormats(t *testing.T) {
	file := filepath.Join(evalData, "04_constant_prediction.csv")
	for _, format := range []string{"text", "markdown", "csv", "json"} {
		out, err := evalRun(t, "evaluate", file, "--format", format, "--per-group")
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"m0", "m1", "g00", "metric constant"} {
			if !strings.Contains(out, w) {
				t.Errorf("%s output lacks %q:\n%s", format, w, out)
			}
		}
		if strings.Contains(out, "NaN") && format == "json" {
			t.Errorf("json output holds NaN:\n%s", out)
		}
	}
}

// TestEvaluatePlots checks that --plot writes non-empty PNG and SVG
// files for each metric and the ranking.
func TestEvaluatePlots(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(evalData, "06_missing_values.csv")
	if _, err := evalRun(t, "evaluate", file, "--plot", dir, "-o", filepath.Join(dir, "out.md")); err != nil {
		t.Fatal(err)
	}
	for _, stem := range []string{"m0.scatter", "m0.coefficients", "m_inf.scatter", "m2.coefficients", "ranking"} {
		for _, ext := range []string{".png", ".svg"} {
			st, err := os.Stat(filepath.Join(dir, stem+ext))
			if err != nil {
				t.Error(err)
				continue
			}
			if st.Size() < 1000 {
				t.Errorf("%s%s: only %d bytes", stem, ext, st.Size())
			}
		}
	}
	md, err := os.ReadFile(filepath.Join(dir, "out.md"))
	if err != nil || !strings.HasPrefix(string(md), "| # | metric |") {
		t.Errorf("-o out.md did not write Markdown: %v\n%s", err, md)
	}
}
