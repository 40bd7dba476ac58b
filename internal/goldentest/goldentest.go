// Package goldentest reads the golden reference values of
// testdata/golden/golden.csv (PIQ 0.8.0, float64) and turns each row into
// the engine's metric spec and a pair of pictures, so that every metric
// package checks itself against the same file the conformance test uses.
//
// It also holds what the metric packages' tests share: RunGolden and
// RunGoldenLevels (the golden-file check of a metric, with its largest
// errors logged), the synthetic pictures NoisePicture and SmoothPicture,
// CheckNoAllocs, and BenchLevels with CPUTime for benchmarks.
package goldentest

import (
	"encoding/csv"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
)

// Row is one line of golden.csv, with the engine's view of it.
type Row struct {
	PairID   string
	RefFile  string // path relative to Dir()
	DistFile string
	Input    string // "gray", "rgb" or "yuv"
	PIQName  string // PIQ function name, e.g. "multi_scale_ssim"
	Params   string

	// Spec is the engine metric spec from the conformance contract, e.g.
	// "ssim:downsample=false".
	Spec string
	// Engine is the engine's metric name, e.g. "ms_ssim".
	Engine string
	// Swap is true for rows whose params say order=x_ref,y_dist: the
	// engine's reference argument is then dist_file and its distorted
	// argument ref_file.
	Swap bool

	Value  float64 // the expected value (NaN for nan rows)
	IsNaN  bool
	Error  string // non-empty for refusal rows: PIQ's message
	Line   int    // 1-based line number in golden.csv
	Digits string // the value as written
}

// Name returns a subtest name for the row.
func (r Row) Name() string {
	return fmt.Sprintf("L%d_%s_%s_%s", r.Line, r.PairID, r.Input, strings.ReplaceAll(r.Spec, ":", "_"))
}

// Dir returns the directory holding golden.csv (testdata/golden at the
// module root).
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "golden")
}

var engineNames = map[string]string{
	"psnr":             "psnr",
	"ssim":             "ssim",
	"multi_scale_ssim": "ms_ssim",
	"haarpsi":          "haarpsi",
	"gmsd":             "gmsd",
	"multi_scale_gmsd": "ms_gmsd",
	"vsi":              "vsi",
	"fsim":             "fsim",
	"srsim":            "srsim",
	"dss":              "dss",
	"mdsi":             "mdsi",
	"vif_p":            "vifp",
}

// Rows reads golden.csv and returns the rows whose PIQ metric name is one
// of piqNames (all rows when none is given).
func Rows(t testing.TB, piqNames ...string) []Row {
	t.Helper()
	f, err := os.Open(filepath.Join(Dir(), "golden.csv"))
	if err != nil {
		t.Fatalf("golden: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("golden.csv: %v", err)
	}
	want := map[string]bool{}
	for _, n := range piqNames {
		want[n] = true
	}
	var rows []Row
	for i, rec := range recs[1:] {
		if len(rec) != 7 {
			t.Fatalf("golden.csv line %d: %d fields", i+2, len(rec))
		}
		r := Row{PairID: rec[0], RefFile: rec[1], DistFile: rec[2], Input: rec[3], PIQName: rec[4], Params: rec[5], Line: i + 2, Digits: rec[6]}
		if len(want) > 0 && !want[r.PIQName] {
			continue
		}
		eng, ok := engineNames[r.PIQName]
		if !ok {
			t.Fatalf("golden.csv line %d: unknown metric %q", r.Line, r.PIQName)
		}
		r.Engine = eng
		r.Spec = eng
		params := map[string]string{}
		for _, kv := range strings.Split(r.Params, ";") {
			k, v, _ := strings.Cut(kv, "=")
			params[k] = v
		}
		switch {
		case eng == "psnr" && params["convert_to_greyscale"] == "True":
			r.Spec += ":grayscale=true"
		case eng == "ssim" && params["downsample"] == "False":
			r.Spec += ":downsample=false"
		case eng == "ms_gmsd" && params["chromatic"] == "True":
			r.Spec += ":chromatic=true"
		case eng == "fsim" && params["chromatic"] == "False" && r.Input == "rgb":
			r.Spec += ":chromatic=false"
		case eng == "srsim" && params["chromatic"] == "True":
			r.Spec += ":chromatic=true"
		}
		r.Swap = params["order"] == "x_ref,y_dist"
		switch v := rec[6]; {
		case strings.HasPrefix(v, "ERROR"):
			r.Error = strings.TrimSpace(strings.TrimPrefix(v, "ERROR:"))
			r.Value = math.NaN()
		case v == "nan":
			r.IsNaN = true
			r.Value = math.NaN()
		default:
			r.Value, err = strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("golden.csv line %d: value %q: %v", r.Line, v, err)
			}
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		t.Fatalf("golden.csv: no rows for %v", piqNames)
	}
	return rows
}

// Pictures loads the row's pictures in the engine's argument order
// (reference first). PNG rows load as Gray or RGB 8-bit pictures; yuv rows
// load the Y4M's Y plane as a Gray picture (which is what every metric sees
// of YUV video). It uses only the standard library, so metric packages can
// test themselves without the decoder.
func (r Row) Pictures(t testing.TB) (ref, dist *frame.Picture) {
	t.Helper()
	a, b := r.RefFile, r.DistFile
	if r.Swap {
		a, b = b, a
	}
	return Load(t, a), Load(t, b)
}

// Load reads one golden image (path relative to Dir()).
func Load(t testing.TB, rel string) *frame.Picture {
	t.Helper()
	path := filepath.Join(Dir(), rel)
	if strings.HasSuffix(rel, ".y4m") {
		p, err := loadY4MLuma(path)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		return p
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return FromImage(img)
}

// FromImage converts a decoded 8-bit image to a Gray or RGB picture.
func FromImage(img image.Image) *frame.Picture {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if g, ok := img.(*image.Gray); ok {
		p := frame.NewPlane(w, h)
		for y := 0; y < h; y++ {
			row := p.Row(y)
			for x := 0; x < w; x++ {
				row[x] = float32(g.GrayAt(b.Min.X+x, b.Min.Y+y).Y)
			}
		}
		return &frame.Picture{Kind: frame.Gray, Planes: []frame.Plane{p}, BitDepth: 8, PixFmt: "gray"}
	}
	planes := []frame.Plane{frame.NewPlane(w, h), frame.NewPlane(w, h), frame.NewPlane(w, h)}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			cr, cg, cb, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			planes[0].Data[y*planes[0].Stride+x] = float32(cr >> 8)
			planes[1].Data[y*planes[1].Stride+x] = float32(cg >> 8)
			planes[2].Data[y*planes[2].Stride+x] = float32(cb >> 8)
		}
	}
	return &frame.Picture{Kind: frame.RGB, Planes: planes, BitDepth: 8, PixFmt: "rgb24"}
}

// loadY4MLuma reads the Y plane of the first frame of an 8-bit 4:2:0 Y4M.
func loadY4MLuma(path string) (*frame.Picture, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nl := strings.IndexByte(string(data[:min(len(data), 512)]), '\n')
	if nl < 0 || !strings.HasPrefix(string(data), "YUV4MPEG2 ") {
		return nil, fmt.Errorf("not a Y4M file")
	}
	var w, h int
	for _, tok := range strings.Fields(string(data[:nl])) {
		switch tok[0] {
		case 'W':
			w, _ = strconv.Atoi(tok[1:])
		case 'H':
			h, _ = strconv.Atoi(tok[1:])
		}
	}
	rest := data[nl+1:]
	fnl := strings.IndexByte(string(rest[:min(len(rest), 256)]), '\n')
	if fnl < 0 || !strings.HasPrefix(string(rest), "FRAME") {
		return nil, fmt.Errorf("no FRAME header")
	}
	y := rest[fnl+1:]
	if len(y) < w*h {
		return nil, fmt.Errorf("short frame")
	}
	p := frame.NewPlane(w, h)
	for r := 0; r < h; r++ {
		row := p.Row(r)
		for c := 0; c < w; c++ {
			row[c] = float32(y[r*w+c])
		}
	}
	return &frame.Picture{Kind: frame.Gray, Planes: []frame.Plane{p}, BitDepth: 8, PixFmt: "gray", ColorMatrix: "bt709", ColorRange: "tv"}, nil
}

// Check compares got (or gotErr) with the row's expectation at absolute
// tolerance tol, and returns the absolute error (0 for refusal and NaN
// rows that behaved).
func (r Row) Check(t testing.TB, got float64, gotErr error, tol float64) float64 {
	t.Helper()
	switch {
	case r.Error != "":
		if gotErr == nil {
			t.Errorf("line %d %s %s: want refusal %q, got %v", r.Line, r.Input, r.Spec, r.Error, got)
		}
		return 0
	case gotErr != nil:
		t.Errorf("line %d %s %s: unexpected error: %v", r.Line, r.Input, r.Spec, gotErr)
		return math.Inf(1)
	case r.IsNaN:
		if !math.IsNaN(got) {
			t.Errorf("line %d %s %s: want NaN, got %v", r.Line, r.Input, r.Spec, got)
		}
		return 0
	}
	d := math.Abs(got - r.Value)
	if !(d <= tol) {
		t.Errorf("line %d %s %s: got %.17g want %.17g (|diff| %.3g > %g)", r.Line, r.Input, r.Spec, got, r.Value, d, tol)
	}
	return d
}
