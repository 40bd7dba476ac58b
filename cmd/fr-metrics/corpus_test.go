package main

import (
	"bufio"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// manifestRow is one pair of testdata/corpus/manifest.csv.
type manifestRow struct {
	ref, dist, pixFmt, fps string
	width, height, frames  int
}

func readManifest(t testing.TB) []manifestRow {
	t.Helper()
	f, err := os.Open(corpus("manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var rows []manifestRow
	for _, r := range recs[1:] {
		w, _ := strconv.Atoi(r[col["width"]])
		h, _ := strconv.Atoi(r[col["height"]])
		n, _ := strconv.Atoi(r[col["frames"]])
		rows = append(rows, manifestRow{ref: r[col["ref"]], dist: r[col["dist"]], pixFmt: r[col["pix_fmt"]], fps: r[col["fps"]],
			width: w, height: h, frames: n})
	}
	return rows
}

// ffmpegPSNRY reads the psnr_y column of an FFmpeg psnr stats file.
func ffmpegPSNRY(t testing.TB, path string) []float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ys []float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		for _, kv := range strings.Fields(sc.Text()) {
			if v, ok := strings.CutPrefix(kv, "psnr_y:"); ok {
				y, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("%s: %q: %v", path, kv, err)
				}
				ys = append(ys, y)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return ys
}

// TestCorpusMatchesFFmpeg compares the per-frame luma PSNR of every pair of
// the corpus (containers, raw .yuv, Y4M, 10-bit) with FFmpeg 5.1's psnr
// filter, whose stats files testdata/corpus/ffmpeg_psnr/make.sh recorded.
// FFmpeg prints two decimals, so the values must agree within 0.01 dB.
func TestCorpusMatchesFFmpeg(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes the whole corpus")
	}
	worst := 0.0
	for _, row := range readManifest(t) {
		t.Run(filepath.Base(row.dist), func(t *testing.T) {
			args := []string{"compare", corpus(row.ref), corpus(row.dist), "-m", "psnr", "--format", "json", "-o", "-", "-q"}
			if strings.HasSuffix(row.dist, ".yuv") {
				args = append(args, "-s", strconv.Itoa(row.width)+"x"+strconv.Itoa(row.height), "--pix-fmt", row.pixFmt, "--fps", row.fps)
			}
			code, out, errOut := cli(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			r := parseReport(t, out)
			want := ffmpegPSNRY(t, corpus(filepath.Join("ffmpeg_psnr", filepath.Base(row.dist)+".psnr.log")))
			if len(r.Frames) != row.frames || len(want) != row.frames {
				t.Fatalf("%d frames scored, %d in FFmpeg's stats, %d in the manifest", len(r.Frames), len(want), row.frames)
			}
			for i, f := range r.Frames {
				got := f.Metrics["psnr_y"]
				if got == nil {
					t.Fatalf("frame %d: psnr_y is null", i)
				}
				d := math.Abs(*got - want[i])
				worst = max(worst, d)
				if d > 0.01 {
					t.Errorf("frame %d: psnr_y %.4f, FFmpeg %.2f (|diff| %.4f > 0.01)", i, *got, want[i], d)
				}
			}
			if bits := r.Inputs["reference"]["bit_depth"]; bits != float64(map[bool]int{true: 10, false: 8}[strings.Contains(row.pixFmt, "10")]) {
				t.Errorf("reference bit depth %v for %s", bits, row.pixFmt)
			}
		})
	}
	t.Logf("max |psnr_y − FFmpeg psnr_y| over the corpus: %.4f dB", worst)
}
