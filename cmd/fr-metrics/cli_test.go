package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// testdata returns the path of a file under the module's testdata folder.
func testdata(parts ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "..", "testdata"}, parts...)...)
}

// cli runs the command line in-process and returns its exit code and
// output streams.
func cli(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// jsonReport is the part of the JSON report the tests read.
type jsonReport struct {
	Version string  `json:"version"`
	FPS     float64 `json:"fps"`
	Frames  []struct {
		FrameNum int                 `json:"frameNum"`
		Metrics  map[string]*float64 `json:"metrics"`
	} `json:"frames"`
	Pooled    map[string]map[string]*float64 `json:"pooled_metrics"`
	Warnings  []string                       `json:"warnings"`
	Alignment map[string]any                 `json:"alignment"`
	Inputs    map[string]map[string]any      `json:"inputs"`
}

func parseReport(t testing.TB, out string) jsonReport {
	t.Helper()
	var r jsonReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%.500s", err, out)
	}
	return r
}

func corpus(p string) string { return testdata("corpus", p) }

func TestCompareJSON(t *testing.T) {
	ref, dist := corpus("ref/boats_360p.y4m"), corpus("dist/boats_360p__x264_fast_200k.mp4")
	code, out, errOut := cli(t, "compare", ref, dist, "-m", "psnr", "--format", "json", "-o", "-", "--pool", "median,p5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	r := parseReport(t, out)
	if len(r.Frames) != 10 {
		t.Fatalf("%d frames, want 10", len(r.Frames))
	}
	for i, f := range r.Frames {
		if f.FrameNum != i {
			t.Errorf("frame %d has frameNum %d", i, f.FrameNum)
		}
		for _, k := range []string{"psnr", "psnr_y", "psnr_cb", "psnr_cr"} {
			if v := f.Metrics[k]; v == nil || *v < 10 || *v > 60 {
				t.Errorf("frame %d %s = %v", i, k, v)
			}
		}
	}
	for _, p := range []string{"min", "max", "mean", "harmonic_mean", "median", "p5"} {
		if r.Pooled["psnr_y"][p] == nil {
			t.Errorf("pooled psnr_y lacks %s: %v", p, r.Pooled["psnr_y"])
		}
	}
	if r.Inputs["reference"]["bit_depth"] != 8.0 || r.Inputs["distorted"]["codec"] != "h264" {
		t.Errorf("inputs %v", r.Inputs)
	}
	if r.Alignment["scored_frames"] != 10.0 || r.Alignment["length_policy"] != "equal" {
		t.Errorf("alignment %v", r.Alignment)
	}
}

func TestCompareOutputs(t *testing.T) {
	ref, dist := corpus("ref/boats_360p.y4m"), corpus("dist/boats_360p__vp9_fast_400k.webm")
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		file   string
		checks func(t *testing.T, data, stdout string)
	}{
		{"summary", nil, "", func(t *testing.T, _, stdout string) {
			for _, w := range []string{"metric", "mean", "psnr_y", "10"} {
				if !strings.Contains(stdout, w) {
					t.Errorf("summary lacks %q:\n%s", w, stdout)
				}
			}
		}},
		{"csv by extension", []string{"-o", filepath.Join(dir, "s.csv")}, "s.csv", func(t *testing.T, data, _ string) {
			lines := strings.Split(strings.TrimSpace(data), "\n")
			if len(lines) != 11 || lines[0] != "frame,psnr,psnr_y,psnr_cb,psnr_cr" {
				t.Errorf("csv:\n%s", data)
			}
		}},
		{"jsonl", []string{"--format", "jsonl", "-o", filepath.Join(dir, "s.out")}, "s.out", func(t *testing.T, data, _ string) {
			lines := strings.Split(strings.TrimSpace(data), "\n")
			if len(lines) != 11 || !strings.Contains(lines[10], "pooled_metrics") {
				t.Errorf("jsonl has %d lines", len(lines))
			}
		}},
		{"json file", []string{"-o", filepath.Join(dir, "s.json")}, "s.json", func(t *testing.T, data, _ string) {
			if r := parseReport(t, data); len(r.Frames) != 10 {
				t.Errorf("%d frames", len(r.Frames))
			}
		}},
		{"flags for inputs", []string{"--frames", "4", "--skip-ref", "1", "--skip-dist", "1", "--subsample", "2", "-o", "-"}, "", func(t *testing.T, _, stdout string) {
			r := parseReport(t, stdout)
			if len(r.Frames) != 2 || r.Frames[1].FrameNum != 2 {
				t.Errorf("frames %+v", r.Frames)
			}
			if r.Alignment["skip_ref"] != 1.0 || r.Alignment["subsample"] != 2.0 || r.Alignment["length_policy"] != "first_n" {
				t.Errorf("alignment %v", r.Alignment)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"compare", ref, dist, "-m", "psnr", "-q"}, tc.args...)
			code, out, errOut := cli(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			data := ""
			if tc.file != "" {
				b, err := os.ReadFile(filepath.Join(dir, tc.file))
				if err != nil {
					t.Fatal(err)
				}
				data = string(b)
			}
			tc.checks(t, data, out)
		})
	}
	// No temporary file is left next to the outputs.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left", e.Name())
		}
	}
}

func TestReferenceFlags(t *testing.T) {
	ref, dist := corpus("ref/boats_360p.y4m"), corpus("dist/boats_360p__x264_fast_200k.mp4")
	_, a, _ := cli(t, "compare", ref, dist, "-m", "psnr", "-o", "-")
	code, b, errOut := cli(t, "compare", "-r", ref, "-d", dist, "-m", "psnr", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ra, rb := parseReport(t, a), parseReport(t, b)
	if *ra.Pooled["psnr"]["mean"] != *rb.Pooled["psnr"]["mean"] {
		t.Errorf("-r/-d gives %v, positional %v", *rb.Pooled["psnr"]["mean"], *ra.Pooled["psnr"]["mean"])
	}
}

// TestThreadsIdentical checks that the scores do not depend on the number
// of workers.
func TestThreadsIdentical(t *testing.T) {
	ref, dist := corpus("ref/forest10_360p.mkv"), corpus("dist/forest10_360p__vp9_fast_500k.webm")
	_, a, _ := cli(t, "compare", ref, dist, "-m", "psnr", "--threads", "1", "--format", "csv", "-o", "-")
	_, b, _ := cli(t, "compare", ref, dist, "-m", "psnr", "--threads", "3", "--format", "csv", "-o", "-")
	if a == "" || a != b {
		t.Errorf("--threads 1 and 3 differ:\n%s\n%s", a, b)
	}
}

func TestMetricsAndVersion(t *testing.T) {
	code, out, _ := cli(t, "metrics")
	if code != 0 || !strings.Contains(out, "psnr") || !strings.Contains(out, "psnr:grayscale") {
		t.Errorf("metrics: exit %d\n%s", code, out)
	}
	code, out, _ = cli(t, "metrics", "--format", "json")
	var list struct {
		Metrics []struct {
			Name           string   `json:"name"`
			Outputs        []string `json:"outputs"`
			HigherIsBetter bool     `json:"higher_is_better"`
		} `json:"metrics"`
	}
	err := json.Unmarshal([]byte(out), &list)
	found := false
	for _, m := range list.Metrics {
		found = found || (m.Name == "psnr" && m.HigherIsBetter && strings.Join(m.Outputs, ",") == "psnr,psnr_y,psnr_cb,psnr_cr")
	}
	if code != 0 || err != nil || !found {
		t.Errorf("metrics --format json: exit %d, %v, psnr listed %v\n%s", code, err, found, out)
	}
	code, out, _ = cli(t, "version")
	if code != 0 || !strings.Contains(out, "fr-metrics") || !strings.Contains(out, "simd: ") {
		t.Errorf("version: exit %d\n%s", code, out)
	}
}

func TestSIMDFlag(t *testing.T) {
	ref, dist := corpus("ref/boats_360p.y4m"), corpus("dist/boats_360p__x264_fast_200k.mp4")
	code, out, errOut := cli(t, "compare", ref, dist, "-m", "psnr", "--simd", "generic", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"simd": "generic"`) {
		t.Errorf("report does not record the generic level")
	}
	if code, _, _ := cli(t, "compare", ref, dist, "--simd", "neon"); code != exitUsage {
		t.Errorf("--simd neon: exit %d, want %d", code, exitUsage)
	}
}

// TestCancelled checks that an interrupted run (Ctrl-C cancels the
// context) fails and leaves no output file.
func TestCancelled(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s.json")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e bytes.Buffer
	code := run(ctx, []string{"compare", corpus("ref/boats_360p.y4m"), corpus("dist/boats_360p__x264_fast_200k.mp4"), "-m", "psnr", "-o", out}, &o, &e)
	if code != exitRuntime || !strings.Contains(e.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q", code, e.String())
	}
	if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) != 0 {
		t.Errorf("%d files written", len(ents))
	}
}
