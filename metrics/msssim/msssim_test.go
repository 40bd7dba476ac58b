package msssim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

var registry = metrics.NewRegistry(Descriptor)

// TestGolden checks every multi_scale_ssim row of golden.csv (PIQ 0.8.0,
// float64), refusals included, at absolute 1e-5 at every SIMD level, and
// logs the largest error.
func TestGolden(t *testing.T) {
	rows := goldentest.Rows(t, "multi_scale_ssim")
	type pair struct{ ref, dist *frame.Picture }
	pics := make([]pair, len(rows))
	for i, r := range rows {
		pics[i].ref, pics[i].dist = r.Pictures(t)
	}
	for l := simd.Generic; l <= simd.Best(); l++ {
		t.Run("impl="+l.String(), func(t *testing.T) {
			defer simd.SetLevel(l)()
			var worst float64
			var worstRow string
			skipped := 0
			for i, r := range rows {
				// The pure-Go level is slow at 1080p: with assembly
				// compiled in, it checks the smaller pictures only; the
				// -tags noasm run checks every row at that level.
				if l == simd.Generic && simd.Best() > simd.Generic && pics[i].ref.Width()*pics[i].ref.Height() > 1<<20 {
					skipped++
					continue
				}
				m, err := registry.Parse(r.Spec)
				if err != nil {
					t.Fatal(err)
				}
				_, got, err := metrics.ScoreOnce(m, pics[i].ref, pics[i].dist)
				var v float64
				if err == nil {
					v = got[0]
				} else if !strings.Contains(err.Error(), "161x161") {
					t.Errorf("line %d: refusal %q does not name the minimum 161x161", r.Line, err)
				}
				if d := r.Check(t, v, err, 1e-5); d > worst {
					worst, worstRow = d, r.Name()
				}
			}
			t.Logf("ms_ssim: %d golden rows (%d large ones left to the noasm run), max abs error %.3g (%s)", len(rows)-skipped, skipped, worst, worstRow)
		})
	}
}

func TestNext(t *testing.T) {
	w, h := 1920, 1080
	var got [][2]int
	for l := 1; l < Scales; l++ {
		w, h = Next(w, h)
		got = append(got, [2]int{w, h})
	}
	want := [][2]int{{960, 540}, {480, 270}, {240, 135}, {120, 68}}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("scales of 1920x1080: %v, want %v", got, want)
		}
	}
}

func TestDownsamplePadding(t *testing.T) {
	// A 3×3 plane with distinct values: padded to 4×4 by replicating the
	// first row and column, then 2×2 means.
	src := frame.NewPlane(3, 3)
	for i, v := range []float32{1, 2, 3, 4, 5, 6, 7, 8, 9} {
		src.Data[(i/3)*src.Stride+i%3] = v
	}
	dst := frame.NewPlane(2, 2)
	Downsample(dst, src)
	// padded rows: [1 1 2 3] [1 1 2 3] [4 4 5 6] [7 7 8 9]
	want := []float32{1, 2.5, 5.5, 7}
	for i, v := range want {
		if got := dst.At(i%2, i/2); got != v {
			t.Errorf("dst(%d,%d) = %v, want %v", i%2, i/2, got, v)
		}
	}
}

func TestTooSmall(t *testing.T) {
	for _, sz := range [][2]int{{160, 400}, {400, 160}, {16, 16}} {
		_, err := Metric{}.NewScorer(metrics.Shape{W: sz[0], H: sz[1], Channels: 1, Peak: 255})
		var se *metrics.SizeError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "161x161") {
			t.Errorf("%dx%d: err = %v, want a SizeError naming 161x161", sz[0], sz[1], err)
		}
	}
	if _, err := (Metric{}).NewScorer(metrics.Shape{W: 161, H: 161, Channels: 1, Peak: 255}); err != nil {
		t.Errorf("161x161: %v", err)
	}
}

func noise(w, h, bits int, seed uint32, flat bool) *frame.Picture {
	p := frame.NewPlane(w, h)
	peak := uint32(1)<<bits - 1
	s := seed
	for y := 0; y < h; y++ {
		row := p.Row(y)
		for x := range row {
			s = s*1664525 + 1013904223
			row[x] = float32((s >> 8) % (peak + 1))
			if flat {
				row[x] = float32(seed % (peak + 1))
			}
		}
	}
	return &frame.Picture{Kind: frame.Gray, Planes: []frame.Plane{p}, BitDepth: bits}
}

func TestProperties(t *testing.T) {
	for _, bits := range []int{8, 10} {
		a, b := noise(333, 201, bits, 1, false), noise(333, 201, bits, 2, false)
		flat1, flat2 := noise(333, 201, bits, 7, true), noise(333, 201, bits, 9, true)
		score := func(x, y *frame.Picture) float64 {
			_, v, err := metrics.ScoreOnce(Metric{}, x, y)
			if err != nil {
				t.Fatal(err)
			}
			return v[0]
		}
		if v := score(a, a); math.Abs(v-1) > 1e-6 {
			t.Errorf("%d-bit: identical = %v, want 1", bits, v)
		}
		if v := score(flat1, flat1); math.Abs(v-1) > 1e-6 {
			t.Errorf("%d-bit: identical flat = %v, want 1", bits, v)
		}
		if v := score(flat1, flat2); math.IsNaN(v) || v <= 0 || v >= 1 {
			t.Errorf("%d-bit: two flat pictures = %v, want in (0, 1)", bits, v)
		}
		if ab, ba := score(a, b), score(b, a); math.Abs(ab-ba) > 1e-7 {
			t.Errorf("%d-bit: not symmetric: %v vs %v", bits, ab, ba)
		}
	}
}

func TestNoAllocs(t *testing.T) {
	a, b := noise(641, 363, 8, 1, false), noise(641, 363, 8, 2, false)
	s := metrics.ShapeOf(a, a)
	sc, err := Metric{}.NewScorer(s)
	if err != nil {
		t.Fatal(err)
	}
	ws := metrics.NewWorkspace()
	ws.Set(a, b, a, b, s.Peak)
	out := make([]float64, 1)
	if n := testing.AllocsPerRun(3, func() { sc.Score(ws, out) }); n != 0 {
		t.Errorf("%v allocations per frame, want 0", n)
	}
}
