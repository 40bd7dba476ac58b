package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// firstFrames writes a copy of the Y4M file src holding only its first n
// frames.
func firstFrames(t *testing.T, src, dst string, n int) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	marker := []byte("FRAME")
	cut := 0
	for i := 0; i <= n; i++ {
		k := bytes.Index(data[cut+1:], marker)
		if k < 0 {
			cut = len(data)
			break
		}
		cut += 1 + k
	}
	if err := os.WriteFile(dst, data[:cut], 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBadInput runs compare on broken inputs and wrong command lines. Each
// must fail with the expected exit code and exactly one error line naming
// the problem, without a panic and without creating the output file.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	ref := corpus("ref/boats_360p.y4m")
	dist := corpus("dist/boats_360p__x264_fast_200k.mp4")
	raw := corpus("dist/boats_360p__x265_fast_300k.decoded_640x360_yuv420p_25fps.yuv")
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	text := write("notes.mp4", []byte("this is a text file, not a video\n"))
	orig, err := os.ReadFile(corpus("dist/forest10_360p__svtav1_fast_300k.ivf"))
	if err != nil {
		t.Fatal(err)
	}
	truncIVF := write("truncated.ivf", orig[:len(orig)/3])
	mp4, err := os.ReadFile(dist)
	if err != nil {
		t.Fatal(err)
	}
	truncMP4 := write("truncated.mp4", mp4[:len(mp4)/2])
	headerOnly := filepath.Join(dir, "header_only.y4m")
	firstFrames(t, ref, headerOnly, 0)
	five := filepath.Join(dir, "five.y4m")
	firstFrames(t, ref, five, 5)
	small := write("small.yuv", make([]byte, 641*361*3/2*2))
	gray := testdata("golden", "images", "camera_512x384.gray.png")
	rgb := testdata("golden", "images", "camera_512x384.rgb.png")

	tests := []struct {
		name string
		args []string
		code int
		want []string // substrings of the error line
	}{
		{"missing file", []string{"compare", filepath.Join(dir, "nope.mp4"), dist}, 1, []string{"nope.mp4"}},
		{"directory", []string{"compare", ref, dir}, 1, []string{dir}},
		{"text file named mp4", []string{"compare", ref, text}, 1, []string{"notes.mp4"}},
		{"truncated mp4", []string{"compare", ref, truncMP4}, 1, []string{"truncated.mp4"}},
		{"truncated ivf", []string{"compare", corpus("ref/forest10_360p.mkv"), truncIVF}, 1, []string{"truncated.ivf"}},
		{"zero frames", []string{"compare", headerOnly, ref}, 1, []string{"header_only.y4m"}},
		{"unknown pix-fmt", []string{"compare", ref, raw, "-s", "640x360", "--pix-fmt", "yuv999p"}, 1, []string{"yuv999p"}},
		{"odd 4:2:0 raw size", []string{"compare", small, small, "-s", "641x361", "--pix-fmt", "yuv420p"}, 1, []string{"small.yuv", "641x361"}},
		{"raw without size", []string{"compare", ref, write("plain.yuv", make([]byte, 100))}, 1, []string{"plain.yuv"}},
		{"sizes differ", []string{"compare", ref, corpus("dist/forest_1080p__x264_fast_2000k.mp4")}, 1, []string{"sizes differ", "640x360", "1920x1080", "--scale"}},
		{"lengths differ", []string{"compare", ref, five}, 1, []string{"frame counts differ", "has 10 frames", "five.y4m has 5"}},
		{"frames beyond input", []string{"compare", ref, five, "--frames", "8"}, 1, []string{"--frames 8", "five.y4m has 5"}},
		{"kinds differ", []string{"compare", gray, rgb}, 1, []string{"kinds differ", "gray", "rgb"}},
		{"no inputs", []string{"compare"}, 2, []string{"reference and a distorted"}},
		{"three inputs", []string{"compare", ref, dist, dist}, 2, []string{"reference and a distorted"}},
		{"unknown metric", []string{"compare", ref, dist, "-m", "psnr,nosuch"}, 2, []string{`"nosuch"`}},
		{"unknown option", []string{"compare", ref, dist, "-m", "psnr:foo=1"}, 2, []string{`"foo"`}},
		{"unknown pool", []string{"compare", ref, dist, "--pool", "avg"}, 2, []string{`"avg"`}},
		{"unknown format", []string{"compare", ref, dist, "--format", "xml"}, 2, []string{"xml"}},
		{"bad size", []string{"compare", ref, raw, "-s", "640by360"}, 2, []string{"640by360"}},
		{"bad color", []string{"compare", ref, dist, "--color", "lab"}, 2, []string{"lab"}},
		{"negative skip", []string{"compare", ref, dist, "--skip-ref", "-1"}, 2, []string{"--skip-ref"}},
		{"unknown flag", []string{"compare", ref, dist, "--bogus"}, 2, []string{"bogus"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
			args := append(append([]string{}, tc.args...), "-o", out)
			code, stdout, stderr := cli(t, args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "fr-metrics: ") {
				t.Errorf("stderr is not one error line:\n%s", stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("error %q does not mention %q", strings.TrimSpace(stderr), w)
				}
			}
			if stdout != "" {
				t.Errorf("stdout: %q", stdout)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("output file %s was created", out)
			}
			t.Logf("%s", strings.TrimSpace(stderr))
		})
	}
	// A mistyped command is a usage error (cobra adds a suggestion).
	if code, _, stderr := cli(t, "comapre", ref, dist); code != exitUsage || !strings.Contains(stderr, "comapre") {
		t.Errorf("unknown command: exit %d, stderr %q", code, stderr)
	}
	// Nothing but the inputs made above is left in dir.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left", e.Name())
		}
	}
}

func TestScaleAndLengthPolicy(t *testing.T) {
	ref := corpus("ref/boats_360p.y4m")
	dir := t.TempDir()
	five := filepath.Join(dir, "five.y4m")
	firstFrames(t, ref, five, 5)

	code, out, errOut := cli(t, "compare", ref, five, "-m", "psnr", "--allow-length-mismatch", "-o", "-")
	if code != 0 {
		t.Fatalf("--allow-length-mismatch: exit %d: %s", code, errOut)
	}
	r := parseReport(t, out)
	if len(r.Frames) != 5 || r.Alignment["truncated"] != true || r.Alignment["length_policy"] != "shortest" {
		t.Errorf("%d frames, alignment %v", len(r.Frames), r.Alignment)
	}
	if !strings.Contains(strings.Join(r.Warnings, "\n"), "ended after 5 frames") || !strings.Contains(errOut, "warning") {
		t.Errorf("warnings %q, stderr %q", r.Warnings, errOut)
	}
	// Identical first frames: psnr is PIQ's 80 dB, psnr_y finite.
	if v := r.Frames[0].Metrics["psnr"]; v == nil || *v != 80 {
		t.Errorf("identical frame psnr = %v, want 80", v)
	}
	if v := r.Frames[0].Metrics["psnr_y"]; v == nil {
		t.Errorf("identical frame psnr_y is null, want the finite cap")
	}

	// --scale: a 512x384 image against a 1920x1080 one.
	big := testdata("golden", "images", "garden_1920x1080_yuv.gray.png")
	small := testdata("golden", "images", "camera_512x384.gray.png")
	code, out, errOut = cli(t, "compare", small, big, "-m", "psnr", "--scale", "-o", "-")
	if code != 0 {
		t.Fatalf("--scale: exit %d: %s", code, errOut)
	}
	r = parseReport(t, out)
	if r.Alignment["scaled"] != true || r.Alignment["scaled_from"] != "1920x1080" || r.Alignment["scaled_to"] != "512x384" || r.Alignment["scale_algo"] != "bicubic" {
		t.Errorf("alignment %v", r.Alignment)
	}
	code, out, _ = cli(t, "compare", small, big, "-m", "psnr", "--scale=lanczos", "-o", "-")
	if r = parseReport(t, out); code != 0 || r.Alignment["scale_algo"] != "lanczos" {
		t.Errorf("--scale=lanczos: exit %d, alignment %v", code, r.Alignment)
	}
}

// TestColorRGB checks --color rgb: metrics see an RGB picture converted
// from the YUV frame, so psnr on the golden Y4M pair differs from its luma
// value.
func TestColorRGB(t *testing.T) {
	ref := testdata("golden", "images", "garden_1920x1080_yuv.y4m")
	dist := testdata("golden", "images", "p01_x264_crf40.y4m")
	code, out, errOut := cli(t, "compare", ref, dist, "-m", "psnr", "--color", "rgb", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	r := parseReport(t, out)
	_, lumaOut, _ := cli(t, "compare", ref, dist, "-m", "psnr", "-o", "-")
	l := parseReport(t, lumaOut)
	if r.Alignment["color"] != "rgb" || l.Alignment["color"] != "luma" {
		t.Errorf("color %v / %v", r.Alignment["color"], l.Alignment["color"])
	}
	rgbV, lumaV := *r.Pooled["psnr"]["mean"], *l.Pooled["psnr"]["mean"]
	if rgbV == lumaV || rgbV < 20 || rgbV > 60 {
		t.Errorf("psnr rgb %v, luma %v", rgbV, lumaV)
	}
	// psnr_y is computed on the decoded Y plane either way.
	if *r.Pooled["psnr_y"]["mean"] != *l.Pooled["psnr_y"]["mean"] {
		t.Errorf("psnr_y differs: %v vs %v", *r.Pooled["psnr_y"]["mean"], *l.Pooled["psnr_y"]["mean"])
	}
}
