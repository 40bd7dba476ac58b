package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testDoc(t *testing.T, extra ...string) *Doc {
	t.Helper()
	d := &Doc{
		Version: "test", FPS: 12.5,
		Tool:    Tool{Name: "fr-metrics", SIMD: "avx2"},
		Metrics: []string{"psnr", "probe"},
		Outputs: []string{"psnr", "odd"},
		Frames: []Frame{
			{Num: 0, Values: []float64{30.123456789012345, 0.1}},
			{Num: 1, Values: []float64{40, math.NaN()}},
			{Num: 2, Values: []float64{1e-300, math.Inf(1)}},
			{Num: 3, Values: []float64{50, 0.3}},
		},
	}
	if err := d.Pool(extra); err != nil {
		t.Fatal(err)
	}
	return d
}

type jsonDoc struct {
	Version string
	FPS     float64
	Frames  []struct {
		FrameNum int                 `json:"frameNum"`
		Metrics  map[string]*float64 `json:"metrics"`
	}
	Pooled   map[string]map[string]*float64 `json:"pooled_metrics"`
	Warnings []string
	Tool     Tool
	Metrics  []string
}

func TestJSON(t *testing.T) {
	d := testDoc(t, "median", "p95", "mean")
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	var got jsonDoc
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, buf.String())
	}
	if len(got.Frames) != 4 || got.Version != "test" || got.FPS != 12.5 || got.Tool.SIMD != "avx2" || len(got.Metrics) != 2 {
		t.Fatalf("decoded %+v", got)
	}
	// Full precision: the values read back bit for bit.
	for i, f := range d.Frames {
		for o, name := range d.Outputs {
			v := got.Frames[i].Metrics[name]
			want := f.Values[o]
			switch {
			case math.IsNaN(want) || math.IsInf(want, 0):
				if v != nil {
					t.Errorf("frame %d %s = %v, want null", i, name, *v)
				}
			case v == nil || *v != want:
				t.Errorf("frame %d %s = %v, want %v", i, name, v, want)
			}
		}
	}
	// Pools: the defaults, then the extra ones, the duplicate dropped.
	if strings.Join(d.Pools, ",") != "min,max,mean,harmonic_mean,median,p95" {
		t.Errorf("pools %v", d.Pools)
	}
	if m := got.Pooled["odd"]["mean"]; m == nil || math.Abs(*m-0.2) > 1e-15 {
		t.Errorf("odd mean over finite frames = %v, want 0.2", m)
	}
	if m := got.Pooled["psnr"]["max"]; m == nil || *m != 50 {
		t.Errorf("psnr max = %v", m)
	}
	if len(got.Pooled["psnr"]) != 6 {
		t.Errorf("pooled psnr %v", got.Pooled["psnr"])
	}
	// One warning for the output with non-finite values, naming its frames.
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "odd") || !strings.Contains(got.Warnings[0], "frames 1, 2") {
		t.Errorf("warnings %q", got.Warnings)
	}
}

func TestAllNaNPooledIsNull(t *testing.T) {
	d := &Doc{Outputs: []string{"dss"}, Frames: []Frame{{Num: 0, Values: []float64{math.NaN()}}}}
	if err := d.Pool(nil); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	var got jsonDoc
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if v, ok := got.Pooled["dss"]["mean"]; !ok || v != nil {
		t.Errorf("pooled mean = %v (present %v), want null", v, ok)
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "frame 0") {
		t.Errorf("warnings %q", got.Warnings)
	}
}

func TestUnknownPool(t *testing.T) {
	d := &Doc{Outputs: []string{"x"}, Frames: []Frame{{Values: []float64{1}}}}
	if err := d.Pool([]string{"avg"}); err == nil || !strings.Contains(err.Error(), `"avg"`) {
		t.Errorf("err = %v", err)
	}
}

func TestJSONL(t *testing.T) {
	d := testDoc(t)
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, d); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(d.Frames)+1 {
		t.Fatalf("%d lines, want %d", len(lines), len(d.Frames)+1)
	}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, l)
		}
		_, isFrame := m["frameNum"]
		_, isSummary := m["pooled_metrics"]
		if want := i < len(d.Frames); isFrame != want || isSummary == want {
			t.Errorf("line %d: frame %v summary %v", i+1, isFrame, isSummary)
		}
	}
}

func TestCSV(t *testing.T) {
	d := testDoc(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, d); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"frame", "psnr", "odd"},
		{"0", "30.123456789012344", "0.1"},
		{"1", "40", ""},
		{"2", "1e-300", ""},
		{"3", "50", "0.3"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records", len(recs))
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %v, want %v", i, recs[i], want[i])
		}
	}
}

func TestSummary(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSummary(&buf, testDoc(t)); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, w := range []string{"metric", "mean", "psnr", "50.000000", "odd", "0.200000"} {
		if !strings.Contains(s, w) {
			t.Errorf("summary lacks %q:\n%s", w, s)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := WriteFile(path, nil, func(w io.Writer) error { _, err := io.WriteString(w, "first"); return err }); err != nil {
		t.Fatal(err)
	}
	// A failing writer leaves the previous file and no temporary file.
	boom := errors.New("boom")
	err := WriteFile(path, nil, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("file = %q, want the previous content", b)
	}
	// A failing first write leaves nothing at all.
	path2 := filepath.Join(dir, "new.csv")
	WriteFile(path2, nil, func(io.Writer) error { return boom })
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only out.json", names)
	}
	// "-" writes to the given stdout.
	var buf bytes.Buffer
	if err := WriteFile("-", &buf, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil || buf.String() != "x" {
		t.Errorf("stdout = %q, %v", buf.String(), err)
	}
	// An unwritable directory is an error naming the path.
	if err := WriteFile(filepath.Join(dir, "missing", "x.json"), nil, func(io.Writer) error { return nil }); err == nil || !strings.Contains(err.Error(), "x.json") {
		t.Errorf("err = %v", err)
	}
}
