package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestBenchJSON runs bench in-process on tiny generated content and checks
// the structure of its JSON.
func TestBenchJSON(t *testing.T) {
	code, out, errOut := cli(t, "bench", "-m", "psnr,ssim", "--size", "64x64", "--frames", "2",
		"--threads-list", "1", "--reps", "1", "--warmup", "0", "--min-time", "0", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Machine struct {
			CPUs       int    `json:"cpus"`
			GOMAXPROCS int    `json:"gomaxprocs"`
			GoVersion  string `json:"go_version"`
			SIMDBest   string `json:"simd_best"`
		} `json:"machine"`
		Input struct {
			Generated bool   `json:"generated"`
			Width     int    `json:"width"`
			Height    int    `json:"height"`
			BitDepth  int    `json:"bit_depth"`
			PixFmt    string `json:"pix_fmt"`
			Seen      string `json:"seen"`
		} `json:"input"`
		Settings struct {
			FramesPerRun int      `json:"frames_per_run"`
			Threads      []int    `json:"threads"`
			Reps         int      `json:"reps"`
			Warmup       int      `json:"warmup"`
			SIMD         []string `json:"simd"`
		} `json:"settings"`
		Decode  *json.RawMessage `json:"decode"`
		Metrics []struct {
			Metric      string   `json:"metric"`
			Outputs     []string `json:"outputs"`
			SIMD        string   `json:"simd"`
			MsPerFrame1 *float64 `json:"ms_per_frame_1_thread"`
			Threads     []struct {
				Threads int `json:"threads"`
				Frames  int `json:"frames"`
				FPS     struct {
					Median  *float64  `json:"median"`
					Min     *float64  `json:"min"`
					Max     *float64  `json:"max"`
					Spread  *float64  `json:"spread_pct"`
					Samples []float64 `json:"samples"`
				} `json:"fps"`
				MsPerFrame    *float64 `json:"ms_per_frame"`
				CPUMsPerFrame *float64 `json:"cpu_ms_per_frame"`
				Speedup       *float64 `json:"speedup"`
				Efficiency    *float64 `json:"efficiency"`
				CPUSpeedup    *float64 `json:"cpu_speedup"`
			} `json:"threads"`
		} `json:"metrics"`
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%.500s", err, out)
	}
	for _, k := range []string{"machine", "input", "settings", "decode", "metrics"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q in the JSON", k)
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Machine.CPUs < 1 || r.Machine.GOMAXPROCS < 1 || r.Machine.GoVersion == "" || r.Machine.SIMDBest == "" {
		t.Errorf("machine %+v", r.Machine)
	}
	if in := r.Input; !in.Generated || in.Width != 64 || in.Height != 64 || in.BitDepth != 8 || in.PixFmt != "yuv420p" || in.Seen != "luma" {
		t.Errorf("input %+v", in)
	}
	if s := r.Settings; s.FramesPerRun != 2 || len(s.Threads) != 1 || s.Threads[0] != 1 || s.Reps != 1 || s.Warmup != 0 || len(s.SIMD) != 1 {
		t.Errorf("settings %+v", s)
	}
	if r.Decode != nil && string(*r.Decode) != "null" {
		t.Errorf("decode of generated content: %s", *r.Decode)
	}
	if len(r.Metrics) != 2 || r.Metrics[0].Metric != "psnr" || r.Metrics[1].Metric != "ssim" {
		t.Fatalf("metrics: %+v", r.Metrics)
	}
	positive := func(what string, v *float64) {
		if v == nil || !(*v > 0) {
			t.Errorf("%s: %v, want a positive number", what, v)
		}
	}
	for _, m := range r.Metrics {
		if len(m.Outputs) == 0 || m.SIMD != r.Settings.SIMD[0] || len(m.Threads) != 1 {
			t.Errorf("%s: outputs %v, simd %s, %d thread results", m.Metric, m.Outputs, m.SIMD, len(m.Threads))
			continue
		}
		positive(m.Metric+" ms_per_frame_1_thread", m.MsPerFrame1)
		th := m.Threads[0]
		if th.Threads != 1 || th.Frames != 2 || len(th.FPS.Samples) != 1 {
			t.Errorf("%s: threads %d, frames %d, %d samples", m.Metric, th.Threads, th.Frames, len(th.FPS.Samples))
		}
		for what, v := range map[string]*float64{"fps.median": th.FPS.Median, "fps.min": th.FPS.Min, "fps.max": th.FPS.Max,
			"ms_per_frame": th.MsPerFrame, "speedup": th.Speedup, "efficiency": th.Efficiency} {
			positive(m.Metric+" "+what, v)
		}
		if th.FPS.Spread == nil || th.CPUMsPerFrame == nil || th.CPUSpeedup == nil {
			t.Errorf("%s: spread_pct, cpu_ms_per_frame or cpu_speedup missing", m.Metric)
		}
		if th.Speedup != nil && *th.Speedup != 1 {
			t.Errorf("%s: speed-up at 1 thread = %v", m.Metric, *th.Speedup)
		}
	}
}

func TestBenchTable(t *testing.T) {
	code, out, errOut := cli(t, "bench", "-m", "psnr", "--size", "32x32", "--frames", "2", "--threads-list", "2",
		"--reps", "1", "--min-time", "0", "--simd", "all")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"fr-metrics bench", "generated, 32x32 yuv420p", "psnr", "generic", "efficiency"} {
		if !strings.Contains(out, want) {
			t.Errorf("table has no %q:\n%s", want, out)
		}
	}
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "--bits", "12"},
		{"bench", "--size", "64"},
		{"bench", "--simd", "sse9"},
		{"bench", "--format", "xml"},
		{"bench", "--compare", "vmaf"},
		{"bench", "--threads-list", "1,x"},
		{"bench", "--reps", "0"},
		{"bench", "-m", "nosuchmetric"},
		{"bench", "-r", "a.y4m"},
		{"bench", "a.y4m", "b.y4m", "--bits", "10"},
		{"bench", "--pix-fmt", "yuv420p"},
	} {
		if code, _, errOut := cli(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, errOut)
		}
	}
}
