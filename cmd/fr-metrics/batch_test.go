package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// batchY4M writes a 4:2:0 Y4M of n frames whose luma is a ramp
// (x+2y+3i+bias) mod 256 with flat chroma.
func batchY4M(t testing.TB, path string, w, h, n, bias int) {
	t.Helper()
	var b bytes.Buffer
	fmt.Fprintf(&b, "YUV4MPEG2 W%d H%d F25:1 Ip A1:1 C420jpeg\n", w, h)
	for i := range n {
		b.WriteString("FRAME\n")
		for y := range h {
			for x := range w {
				b.WriteByte(byte((x + 2*y + 3*i + bias*((x*y)%5)) % 256))
			}
		}
		b.Write(bytes.Repeat([]byte{128}, 2*(w/2)*(h/2)))
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeManifest writes a manifest CSV from a header and rows.
func writeManifest(t testing.TB, path string, rows ...[]string) {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readCSV reads a features file into a header and rows keyed by id.
func readCSV(t testing.TB, path string) (header []string, rows [][]string, byID map[string]map[string]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	header, rows = recs[0], recs[1:]
	byID = map[string]map[string]string{}
	for _, r := range rows {
		m := map[string]string{}
		for i, h := range header {
			m[h] = r[i]
		}
		byID[m["id"]] = m
	}
	return header, rows, byID
}

// syntheticManifest writes n small pairs (64x48, 6 frames) and their
// manifest into dir and returns the manifest's path.
func syntheticManifest(t testing.TB, dir string, n int) string {
	t.Helper()
	batchY4M(t, filepath.Join(dir, "ref.y4m"), 64, 48, 6, 0)
	rows := [][]string{{"ref", "dist", "group", "level"}}
	for i := range n {
		name := fmt.Sprintf("d%02d.y4m", i)
		batchY4M(t, filepath.Join(dir, name), 64, 48, 6, i+1)
		rows = append(rows, []string{"ref.y4m", name, fmt.Sprintf("g%d", i%2), strconv.Itoa(i)})
	}
	m := filepath.Join(dir, "manifest.csv")
	writeManifest(t, m, rows...)
	return m
}

// TestBatchBadPairs runs a manifest mixing good pairs with each kind of bad
// pair: every good pair is scored (and its per-frame file written), every
// bad one has status failed with its reason in the file and on stderr, and
// the exit code is 4.
func TestBatchBadPairs(t *testing.T) {
	dir := t.TempDir()
	batchY4M(t, filepath.Join(dir, "ref.y4m"), 64, 48, 6, 0)
	batchY4M(t, filepath.Join(dir, "good1.y4m"), 64, 48, 6, 1)
	batchY4M(t, filepath.Join(dir, "good2.y4m"), 64, 48, 6, 2)
	batchY4M(t, filepath.Join(dir, "small.y4m"), 32, 32, 6, 1)
	batchY4M(t, filepath.Join(dir, "short.y4m"), 64, 48, 5, 1)
	os.WriteFile(filepath.Join(dir, "text.mp4"), []byte("this is a text file, not a video\n"), 0o644)
	man := filepath.Join(dir, "m.csv")
	writeManifest(t, man,
		[]string{"id", "ref", "dist", "kind"},
		[]string{"good1", "ref.y4m", "good1.y4m", "good"},
		[]string{"missing", "ref.y4m", "nowhere.y4m", "missing file"},
		[]string{"corrupt", "ref.y4m", "text.mp4", "corrupt stream"},
		[]string{"good2", "ref.y4m", "good2.y4m", "good"},
		[]string{"size", "ref.y4m", "small.y4m", "size mismatch"},
		[]string{"length", "ref.y4m", "short.y4m", "length mismatch"},
	)
	out := filepath.Join(dir, "out.csv")
	frames := filepath.Join(dir, "frames")
	code, _, stderr := cli(t, "batch", man, "-m", "psnr,ssim", "-o", out, "--per-frame", frames, "--threads", "2", "-q")
	if code != exitPartial {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitPartial, stderr)
	}
	header, rows, byID := readCSV(t, out)
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6", len(rows))
	}
	for i, want := range []string{"good1", "missing", "corrupt", "good2", "size", "length"} {
		if rows[i][0] != want {
			t.Errorf("row %d is %s, want %s (manifest order)", i, rows[i][0], want)
		}
	}
	for _, col := range []string{"id", "ref", "dist", "kind", "psnr", "psnr_y", "ssim", "scored_frames", "status", "error", "warnings"} {
		if !slices.Contains(header, col) {
			t.Errorf("no column %s in %q", col, header)
		}
	}
	for _, id := range []string{"good1", "good2"} {
		r := byID[id]
		v, err := strconv.ParseFloat(r["ssim"], 64)
		if r["status"] != "ok" || err != nil || !(v > 0 && v < 1) || r["scored_frames"] != "6" || r["error"] != "" {
			t.Errorf("%s: %v", id, r)
		}
		if _, pf, _ := readCSV(t, filepath.Join(frames, id+".csv")); len(pf) != 6 {
			t.Errorf("%s: per-frame file has %d rows, want 6", id, len(pf))
		}
	}
	for id, reason := range map[string]string{
		"missing": "nowhere.y4m", "corrupt": "text.mp4", "size": "sizes differ", "length": "frame counts differ",
	} {
		r := byID[id]
		if r["status"] != "failed" || !strings.Contains(r["error"], reason) || r["ssim"] != "" || r["scored_frames"] != "0" {
			t.Errorf("%s: status %q error %q ssim %q, want failed with %q", id, r["status"], r["error"], r["ssim"], reason)
		}
		if !strings.Contains(stderr, "pair "+id+" failed") {
			t.Errorf("stderr does not report pair %s:\n%s", id, stderr)
		}
		if _, err := os.Stat(filepath.Join(frames, id+".csv")); err == nil {
			t.Errorf("%s: a per-frame file was written for a failed pair", id)
		}
	}
	if !strings.Contains(stderr, "4 of 6 pairs failed") {
		t.Errorf("stderr lacks the summary:\n%s", stderr)
	}

	// A rerun retries the failed pairs only; once the missing file exists
	// it is scored.
	batchY4M(t, filepath.Join(dir, "nowhere.y4m"), 64, 48, 6, 3)
	code, _, stderr = cli(t, "batch", man, "-m", "psnr,ssim", "-o", out, "--per-frame", frames, "--threads", "2", "-q")
	if code != exitPartial || !strings.Contains(stderr, "3 of 6 pairs failed") {
		t.Errorf("rerun: exit %d, stderr:\n%s", code, stderr)
	}
	if _, rows2, byID2 := readCSV(t, out); len(rows2) != 6 || byID2["missing"]["status"] != "ok" || byID2["good1"]["ssim"] != byID["good1"]["ssim"] {
		t.Errorf("rerun: rows %q", rows2)
	}

	// Settings that differ from the file's are refused.
	code, _, stderr = cli(t, "batch", man, "-m", "psnr,ssim:downsample=false", "-o", out, "-q")
	if code != exitRuntime || !strings.Contains(stderr, "other settings") {
		t.Errorf("other settings: exit %d, stderr:\n%s", code, stderr)
	}
	// Command-line errors.
	for _, args := range [][]string{
		{"batch", man, "-m", "psnr"},
		{"batch", man, "-m", "psnr", "-o", "-"},
		{"batch", man, "-m", "psnr", "-o", out, "--shard", "4/3"},
		{"batch", man, "-m", "psnr", "-o", out, "--pool", "mode"},
		{"batch", man, "-m", "nosuch", "-o", out},
	} {
		if code, _, _ := cli(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// testBuildTags are the build tags of this test binary, passed on to the
// binaries the tests build so that both run the same kernels.
var testBuildTags = ""

// buildBinary builds the command into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(dir, "fr-metrics")
	cmd := exec.Command("go", "build", "-tags", testBuildTags, "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// countRows returns the number of complete rows in a features file.
func countRows(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	return max(bytes.Count(data, []byte("\n"))-1, 0)
}

// TestBatchKillResume kills a batch with SIGKILL after its 1st, 3rd and
// 5th rows appear, starts it again each time, and checks that the final
// file is byte for byte the file of an uninterrupted run.
func TestBatchKillResume(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	// The 360p pairs of the corpus (Y4M, raw, AV1, VP9, HEVC; 8 and 10 bit).
	src, err := os.ReadFile(testdata("corpus", "manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(src)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]string{recs[0]}
	for _, r := range recs[1:] {
		if strings.Contains(r[0], "360p") {
			r[0], r[1] = corpus(r[0]), corpus(r[1])
			rows = append(rows, r)
		}
	}
	total := len(rows) - 1
	man := filepath.Join(dir, "m.csv")
	writeManifest(t, man, rows...)
	args := func(out string) []string {
		return []string{"batch", man, "-m", "ssim,psnr", "--frames", "6", "--threads", "1", "--pairs", "1", "-q", "-o", out}
	}

	whole := filepath.Join(dir, "whole.csv")
	if out, err := exec.Command(bin, args(whole)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	want, _ := os.ReadFile(whole)
	if n := countRows(whole); n != total {
		t.Fatalf("uninterrupted run: %d rows, want %d", n, total)
	}

	resumed := filepath.Join(dir, "resumed.csv")
	for _, after := range []int{1, 3, 5} {
		cmd := exec.Command(bin, args(resumed)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(2 * time.Minute)
		for countRows(resumed) < after && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		n := countRows(resumed)
		t.Logf("killed after row %d: %d of %d rows on disk (%v)", after, n, total, err)
		if n < after {
			t.Fatalf("only %d rows before the kill, want %d", n, after)
		}
		if n == total {
			t.Logf("the run finished before the kill after row %d", after)
		}
	}
	if out, err := exec.Command(bin, args(resumed)...).CombinedOutput(); err != nil {
		t.Fatalf("resumed run: %v\n%s", err, out)
	}
	got, _ := os.ReadFile(resumed)
	if !bytes.Equal(got, want) {
		t.Errorf("resumed file differs from the uninterrupted one:\n%s\nwant\n%s", got, want)
	}
}

// TestBatchShardsMerge runs shards 1/3, 2/3 and 3/3 as three processes at
// once, merges them, and checks the result is byte for byte the unsharded
// output; merge refuses overlaps and reports missing pairs.
func TestBatchShardsMerge(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	man := syntheticManifest(t, dir, 8)
	args := func(out string, extra ...string) []string {
		return append([]string{"batch", man, "-m", "psnr,ssim", "--pool", "mean,min,p10", "--threads", "1", "-q", "-o", out}, extra...)
	}
	whole := filepath.Join(dir, "whole.csv")
	if out, err := exec.Command(bin, args(whole)...).CombinedOutput(); err != nil {
		t.Fatalf("unsharded: %v\n%s", err, out)
	}
	var (
		cmds   []*exec.Cmd
		errs   []*bytes.Buffer
		shards []string
	)
	for k := 1; k <= 3; k++ {
		out := filepath.Join(dir, fmt.Sprintf("shard%d.csv", k))
		shards = append(shards, out)
		c := exec.Command(bin, args(out, "--shard", fmt.Sprintf("%d/3", k))...)
		e := new(bytes.Buffer)
		c.Stderr = e
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, errs = append(cmds, c), append(errs, e)
	}
	for k, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("shard %d/3: %v\n%s", k+1, err, errs[k])
		}
	}
	for k, s := range shards {
		if n, want := countRows(s), []int{3, 3, 2}[k]; n != want {
			t.Errorf("shard %d/3: %d rows, want %d", k+1, n, want)
		}
	}
	merged := filepath.Join(dir, "merged.csv")
	// Shards given in any order.
	code, _, stderr := cli(t, "merge", "--manifest", man, shards[2], shards[0], shards[1], "-o", merged)
	if code != 0 {
		t.Fatalf("merge: exit %d\n%s", code, stderr)
	}
	got, _ := os.ReadFile(merged)
	want, _ := os.ReadFile(whole)
	if !bytes.Equal(got, want) {
		t.Errorf("merged shards differ from the unsharded output:\n%s\nwant\n%s", got, want)
	}

	// More shards than rows: an empty shard writes the header only, and
	// merging it changes nothing.
	empty := filepath.Join(dir, "empty.csv")
	if code, _, stderr := cli(t, args(empty, "--shard", "9/9")...); code != 0 || countRows(empty) != 0 {
		t.Errorf("empty shard: exit %d, %d rows\n%s", code, countRows(empty), stderr)
	}
	code, _, stderr = cli(t, "merge", "--manifest", man, shards[0], shards[1], empty, shards[2], "-o", merged)
	if got, _ := os.ReadFile(merged); code != 0 || !bytes.Equal(got, want) {
		t.Errorf("merge with an empty shard: exit %d, equal %v\n%s", code, bytes.Equal(got, want), stderr)
	}

	code, _, stderr = cli(t, "merge", "--manifest", man, shards[0], whole, "-o", filepath.Join(dir, "overlap.csv"))
	if code != exitRuntime || !strings.Contains(stderr, "overlap") {
		t.Errorf("overlap: exit %d, stderr %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "overlap.csv")); err == nil {
		t.Error("an overlapping merge wrote its output")
	}
	part := filepath.Join(dir, "part.csv")
	code, _, stderr = cli(t, "merge", "--manifest", man, shards[0], shards[1], "-o", part)
	if code != exitPartial || !strings.Contains(stderr, "2 pairs of "+man+" are in none of the files: d02.y4m, d05.y4m") {
		t.Errorf("missing shard: exit %d, stderr %s", code, stderr)
	}
	if n := countRows(part); n != 6 {
		t.Errorf("partial merge: %d rows, want 6", n)
	}
	other := filepath.Join(dir, "other.csv")
	if code, _, stderr := cli(t, "batch", man, "-m", "psnr", "--threads", "1", "-q", "-o", other); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := cli(t, "merge", shards[0], other, "-o", filepath.Join(dir, "x.csv")); code != exitRuntime || !strings.Contains(stderr, "other columns") {
		t.Errorf("different columns: exit %d, stderr %s", code, stderr)
	}
}

// TestBatchTestIQA scores a pair with the Test-IQA preset on RGB and checks
// that every feature's column equals the pooled mean compare reports for
// the same pair, to the last digit.
func TestBatchTestIQA(t *testing.T) {
	dir := t.TempDir()
	ref, dist := corpus("ref/boats_360p.y4m"), corpus("dist/boats_360p__vp9_fast_400k.webm")
	man := filepath.Join(dir, "m.csv")
	writeManifest(t, man, []string{"ref", "dist"}, []string{ref, dist})
	out := filepath.Join(dir, "out.csv")
	code, _, stderr := cli(t, "batch", man, "-m", "testiqa", "--color", "rgb", "--frames", "2", "-q", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, _, byID := readCSV(t, out)
	row := byID[dist]
	code, js, stderr := cli(t, "compare", ref, dist, "-m", "testiqa", "--color", "rgb", "--frames", "2", "-o", "-", "-q")
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	rep := parseReport(t, js)
	for _, name := range presets["testiqa"] {
		p := rep.Pooled[name]["mean"]
		if p == nil {
			t.Errorf("compare has no mean for %s", name)
			continue
		}
		if want := strconv.FormatFloat(*p, 'g', -1, 64); row[name] != want {
			t.Errorf("%s: batch %q, compare %q", name, row[name], want)
		}
	}
	if row["status"] != "ok" || row["scored_frames"] != "2" {
		t.Errorf("row %v", row)
	}
}

// TestBatchProgress checks the progress output when stderr is not a
// terminal: plain periodic lines and a summary, nothing with -q.
func TestBatchProgress(t *testing.T) {
	dir := t.TempDir()
	man := syntheticManifest(t, dir, 4)
	out := filepath.Join(dir, "out.csv")
	code, stdout, stderr := cli(t, "batch", man, "-m", "ssim", "--threads", "1", "--pairs", "1", "--progress-interval", "1ms", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	if !strings.Contains(stderr, "/4 pairs (0 failed), ") || !strings.Contains(stderr, "ETA") {
		t.Errorf("no progress line in stderr:\n%s", stderr)
	}
	if !strings.Contains(stderr, "fr-metrics: 4 pairs scored, 0 failed, 0 already done; 24 frames in") {
		t.Errorf("no summary in stderr:\n%s", stderr)
	}
	// Resumed with everything done: nothing to score, the same file.
	before, _ := os.ReadFile(out)
	code, _, stderr = cli(t, "batch", man, "-m", "ssim", "--threads", "2", "-o", out)
	if after, _ := os.ReadFile(out); code != 0 || !bytes.Equal(before, after) || !strings.Contains(stderr, "resuming: 4 of 4 pairs already done") {
		t.Errorf("rerun: exit %d, same file %v, stderr:\n%s", code, bytes.Equal(before, after), stderr)
	}
	if code, _, stderr := cli(t, "batch", man, "-m", "ssim", "-q", "-o", out); code != 0 || stderr != "" {
		t.Errorf("-q: exit %d, stderr %q", code, stderr)
	}
}
