package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/psnr"
)

func TestParseManifest(t *testing.T) {
	good := "ref,dist,group,width,height,pix_fmt,fps\n" +
		"r/a.y4m,d/a1.mp4,a,,,,\n" +
		"\n" +
		"/abs/b.yuv,d/b1.yuv,b,64,48,yuv420p10le,29.97\n"
	m, err := ParseManifest(strings.NewReader(good), "base", "m.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Rows) != 2 {
		t.Fatalf("%d rows, want 2", len(m.Rows))
	}
	r0, r1 := m.Rows[0], m.Rows[1]
	if r0.ID != "d/a1.mp4" || r0.Ref != filepath.Join("base", "r/a.y4m") || r0.Dist != filepath.Join("base", "d/a1.mp4") || r0.Line != 2 {
		t.Errorf("row 0 = %+v", r0)
	}
	if r1.Ref != "/abs/b.yuv" || r1.Index != 1 || r1.Line != 4 {
		t.Errorf("row 1 = %+v", r1)
	}
	if want := (RawGeometry{Width: 64, Height: 48, PixFmt: "yuv420p10le", FPS: 29.97}); r1.Raw != want {
		t.Errorf("raw geometry %+v, want %+v", r1.Raw, want)
	}
	if !slices.Equal(r1.Cells, []string{"/abs/b.yuv", "d/b1.yuv", "b", "64", "48", "yuv420p10le", "29.97"}) {
		t.Errorf("cells %q", r1.Cells)
	}

	withID, err := ParseManifest(strings.NewReader("id,ref,dist\nx,r,d\ny,r,d\n"), "", "m.csv")
	if err != nil {
		t.Fatal(err)
	}
	if withID.Rows[1].ID != "y" {
		t.Errorf("id %q, want y", withID.Rows[1].ID)
	}

	for _, c := range []struct{ name, in, want string }{
		{"empty", "", "empty manifest"},
		{"no dist", "ref,x\na,b\n", `no "dist" column`},
		{"dup column", "ref,dist,ref\na,b,c\n", "appears twice"},
		{"ragged", "ref,dist\na,b\nc\n", "line 3: 1 cells"},
		{"empty ref", "ref,dist\n,b\n", "line 2: empty ref"},
		{"dup id", "ref,dist\na,b\nc,b\n", `line 3: id "b" already on line 2`},
		{"empty id", "id,ref,dist\n,a,b\n", "line 2: empty id"},
		{"bad width", "ref,dist,width\na,b,wide\n", "width"},
		{"bad fps", "ref,dist,fps\na,b,-1\n", "fps"},
		{"line break", "ref,dist,note\na,b,\"x\ny\"\n", "line break"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseManifest(strings.NewReader(c.in), "", "m.csv")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestShard(t *testing.T) {
	var m Manifest
	for i := range 10 {
		m.Rows = append(m.Rows, ManifestRow{Index: i, ID: fmt.Sprint(i)})
	}
	seen := map[string]int{}
	for k := 1; k <= 3; k++ {
		s, err := ParseShard(fmt.Sprintf("%d/3", k))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range m.ShardRows(s) {
			seen[r.ID]++
			if r.Index%3 != k-1 {
				t.Errorf("shard %v has row %d", s, r.Index)
			}
		}
	}
	for _, r := range m.Rows {
		if seen[r.ID] != 1 {
			t.Errorf("row %s is in %d shards, want 1", r.ID, seen[r.ID])
		}
	}
	if n := len(m.ShardRows(Shard{})); n != 10 {
		t.Errorf("no shard: %d rows, want 10", n)
	}
	for _, bad := range []string{"0/3", "4/3", "1/0", "x/2", "3", "1/-1"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) succeeded", bad)
		}
	}
}

func TestFeatureTable(t *testing.T) {
	ms := []metrics.Metric{&psnr.Metric{}}
	tab, err := NewFeatureTable([]string{"ref", "dist", "group"}, ms, Luma, []string{"mean", "p50"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"id", "ref", "dist", "group",
		"psnr", "psnr_p50", "psnr_y", "psnr_y_p50", "psnr_cb", "psnr_cb_p50", "psnr_cr", "psnr_cr_p50",
		"scored_frames", "status", "error", "warnings"}
	if h := tab.Header(); !slices.Equal(h, want) {
		t.Fatalf("header\n %q\nwant\n %q", h, want)
	}
	if tab.IDColumn() != 0 || tab.Header()[tab.StatusColumn()] != "status" {
		t.Errorf("id column %d, status column %d", tab.IDColumn(), tab.StatusColumn())
	}
	row := ManifestRow{ID: "d.mp4", Cells: []string{"r.y4m", "d.mp4", "g"}}
	// A gray picture has psnr only: the other outputs are empty cells.
	res := &Result{Outputs: []string{"psnr"}, Frames: []Frame{{Values: []float64{30}}, {Values: []float64{math.Inf(1)}}, {Values: []float64{31}}},
		Warnings: []string{"two\nlines"}}
	res.Alignment.Scored = 3
	rec, err := tab.Row(row, res, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantRec := []string{"d.mp4", "r.y4m", "d.mp4", "g", "30.5", "30.5", "", "", "", "", "", "", "3", "ok", "", "two lines"}
	if !slices.Equal(rec, wantRec) {
		t.Errorf("row\n %q\nwant\n %q", rec, wantRec)
	}
	rec, _ = tab.Row(row, nil, errors.New("cannot open\nd.mp4"))
	if rec[13] != StatusFailed || rec[14] != "cannot open d.mp4" || rec[4] != "" || rec[12] != "0" {
		t.Errorf("failed row %q", rec)
	}

	if _, err := NewFeatureTable([]string{"ref", "dist", "psnr"}, ms, Luma, nil); err == nil || !strings.Contains(err.Error(), `"psnr" appears twice`) {
		t.Errorf("a manifest column named like an output: error %v", err)
	}
	if _, err := NewFeatureTable([]string{"ref", "dist"}, ms, Luma, []string{"mode"}); err == nil {
		t.Error("unknown pooling accepted")
	}
}

func TestBatchOutputResume(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	tab, err := NewFeatureTable([]string{"ref", "dist"}, []metrics.Metric{&psnr.Metric{}}, Luma, nil)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"a", "b", "c"}
	row := func(id, status string) []string {
		rec := make([]string, len(tab.Header()))
		rec[0], rec[1], rec[2], rec[tab.StatusColumn()] = id, "r,"+id, id, status
		return rec
	}
	settings := []byte(`{"metrics":["psnr"]}`)
	o, err := OpenBatchOutput(path, tab, ids, settings)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenBatchOutput(path, tab, ids, settings); err == nil || !strings.Contains(err.Error(), "another batch run") {
		t.Errorf("a second writer: %v", err)
	}
	// Finished in the order c, a(failed); b never finished.
	for _, r := range [][]string{row("c", StatusOK), row("a", StatusFailed)} {
		if err := o.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Finish(ids); err == nil {
		t.Error("Finish with a pair missing succeeded")
	}
	o.Close()
	// A run killed in the middle of a line.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("b,\"r,b\",b,40")
	f.Close()

	o, err = OpenBatchOutput(path, tab, ids, settings)
	if err != nil {
		t.Fatal(err)
	}
	if o.Done("a") || o.Done("b") || !o.Done("c") {
		t.Errorf("done a=%v b=%v c=%v, want false false true", o.Done("a"), o.Done("b"), o.Done("c"))
	}
	if miss := o.Missing(ids); !slices.Equal(miss, []string{"b"}) {
		t.Errorf("missing %q, want [b]", miss)
	}
	data, _ := os.ReadFile(path)
	if bytes.Contains(data, []byte(",40")) || !bytes.HasSuffix(data, []byte("\n")) {
		t.Errorf("torn line kept:\n%s", data)
	}
	o.Append(row("b", StatusOK))
	o.Append(row("a", StatusOK)) // the retry of a failed pair
	if err := o.Finish(ids); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	WriteFeatureTable(&want, tab.Header(), [][]string{row("a", StatusOK), row("b", StatusOK), row("c", StatusOK)})
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("finished file\n%s\nwant\n%s", got, want.Bytes())
	}
	h, rows, err := ReadFeatureTable(bytes.NewReader(want.Bytes()), "x")
	if err != nil || !slices.Equal(h, tab.Header()) || len(rows) != 3 || rows[0][1] != "r,a" {
		t.Errorf("ReadFeatureTable: %v %q %q", err, h, rows)
	}

	// Refusals: other settings, another header, a row of another
	// manifest, a file batch did not write.
	if _, err := OpenBatchOutput(path, tab, ids, []byte(`{"metrics":["ssim"]}`)); err == nil || !strings.Contains(err.Error(), `metrics: file ["psnr"], command ["ssim"]`) {
		t.Errorf("other settings: %v", err)
	}
	tab2, _ := NewFeatureTable([]string{"ref", "dist"}, []metrics.Metric{&psnr.Metric{}}, Luma, []string{"min"})
	if _, err := OpenBatchOutput(path, tab2, ids, settings); err == nil || !strings.Contains(err.Error(), "another header") {
		t.Errorf("other header: %v", err)
	}
	if _, err := OpenBatchOutput(path, tab, []string{"a", "b"}, settings); err == nil || !strings.Contains(err.Error(), `pair "c" is not in this manifest`) {
		t.Errorf("other manifest: %v", err)
	}
	foreign := filepath.Join(dir, "foreign.csv")
	os.WriteFile(foreign, want.Bytes(), 0o644)
	if _, err := OpenBatchOutput(foreign, tab, ids, settings); err == nil || !strings.Contains(err.Error(), "not written by batch") {
		t.Errorf("foreign file: %v", err)
	}
}

// writeY4M writes a gray-ramp 4:2:0 Y4M of n frames whose luma is
// (x+y+i*k+bias) mod 256.
func writeY4M(t testing.TB, path string, w, h, n, k, bias int) {
	t.Helper()
	var b bytes.Buffer
	fmt.Fprintf(&b, "YUV4MPEG2 W%d H%d F25:1 Ip A1:1 C420jpeg\n", w, h)
	for i := range n {
		b.WriteString("FRAME\n")
		for y := range h {
			for x := range w {
				b.WriteByte(byte((x + y + i*k + bias) % 256))
			}
		}
		b.Write(bytes.Repeat([]byte{128}, 2*(w/2)*(h/2)))
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRunBatch(t *testing.T) {
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref.y4m")
	writeY4M(t, ref, 48, 32, 6, 3, 0)
	var jobs []BatchJob
	for i := range 6 {
		d := filepath.Join(dir, fmt.Sprintf("d%d.y4m", i))
		writeY4M(t, d, 48, 32, 6, 3, i+1)
		if i == 4 {
			d = filepath.Join(dir, "missing.y4m")
		}
		jobs = append(jobs, BatchJob{Index: i, ID: fmt.Sprint(i), Pair: Pair{Ref: Input{Path: ref}, Dist: Input{Path: d}}})
	}
	var frames atomic.Int64
	cfg := BatchConfig{Config: Config{Metrics: []metrics.Metric{&psnr.Metric{}}, Threads: 2}, Pairs: 3, OnFrame: func() { frames.Add(1) }}
	got := map[int]BatchResult{}
	err := RunBatch(context.Background(), jobs, cfg, func(r BatchResult) error {
		if _, dup := got[r.Job.Index]; dup {
			t.Errorf("job %d reported twice", r.Job.Index)
		}
		got[r.Job.Index] = r
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(jobs) {
		t.Fatalf("%d results, want %d", len(got), len(jobs))
	}
	for i, r := range got {
		if i == 4 {
			if r.Err == nil {
				t.Errorf("job 4 (missing file) has no error")
			}
			continue
		}
		if r.Err != nil {
			t.Errorf("job %d: %v", i, r.Err)
			continue
		}
		// psnr_y of frame 0 grows with the bias: each job scored its own pair.
		want := 10 * math.Log10(255*255/float64((i+1)*(i+1)))
		if v := r.Result.Frames[0].Values[1]; len(r.Result.Frames) != 6 || math.Abs(v-want) > 1e-9 {
			t.Errorf("job %d: %d frames, psnr_y %v, want 6 frames, %v", i, len(r.Result.Frames), v, want)
		}
	}
	if frames.Load() != 5*6 {
		t.Errorf("OnFrame called %d times, want 30", frames.Load())
	}

	// An error from done stops the batch and is returned.
	stop := errors.New("disk full")
	n := 0
	err = RunBatch(context.Background(), jobs, cfg, func(BatchResult) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d calls, want %v after 1", err, n, stop)
	}
	// A cancelled context: no job reported as failed because of it.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = RunBatch(ctx, jobs, cfg, func(r BatchResult) error {
		t.Errorf("job %d reported after cancel: %v", r.Job.Index, r.Err)
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err %v", err)
	}
}

func TestBatchPlan(t *testing.T) {
	for _, c := range []struct{ pairsFlag, jobs, threads, pairs, workers int }{
		{0, 100, 2, 3, 2},
		{0, 1, 8, 1, 8},
		{0, 100, 32, 16, 4},
		{2, 100, 8, 2, 8},
		{0, 2, 4, 2, 4},
	} {
		bc := BatchConfig{Pairs: c.pairsFlag}
		p, w := bc.plan(c.jobs, c.threads)
		if p != c.pairs || w != c.workers {
			t.Errorf("plan(pairs=%d, jobs=%d, threads=%d) = %d pairs × %d workers, want %d × %d",
				c.pairsFlag, c.jobs, c.threads, p, w, c.pairs, c.workers)
		}
	}
}
