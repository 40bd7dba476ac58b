package msssim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
)

var registry = metrics.NewRegistry(Descriptor)

// TestGolden checks every multi_scale_ssim row of golden.csv (PIQ 0.8.0,
// float64), refusals included, at absolute 1e-5 at every SIMD level, and
// logs the largest error. A refusal must name the minimum size.
func TestGolden(t *testing.T) {
	score := goldentest.Score(registry)
	goldentest.RunGoldenLevels(t, []string{"multi_scale_ssim"}, 1e-5, func(t *testing.T, r goldentest.Row) (float64, error) {
		ref, _ := r.PicturesCached(t)
		goldentest.SkipSlowGeneric(t, ref)
		v, err := score(t, r)
		if err != nil && !strings.Contains(err.Error(), "161x161") {
			t.Errorf("line %d: refusal %q does not name the minimum 161x161", r.Line, err)
		}
		return v, err
	})
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

// downsample computes the whole next scale of src into dst, row by row
// with downsampleRow.
func downsample(dst, src frame.Plane) {
	for i := 0; i < dst.H; i++ {
		downsampleRow(dst, src, i)
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
	downsample(dst, src)
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

// TestScalesPooled checks that the scales pooled strip by strip during
// the filter (scorer.poolRows) are exactly what downsample makes of the
// whole previous scale, for sizes whose scales are odd and even.
func TestScalesPooled(t *testing.T) {
	for _, sz := range [][2]int{{161, 161}, {200, 176}, {333, 250}, {640, 360}} {
		a, b := noise(sz[0], sz[1], 8, 1, false), noise(sz[0], sz[1], 8, 2, false)
		s := metrics.ShapeOf(a, a)
		m, err := Metric{}.NewScorer(s)
		if err != nil {
			t.Fatal(err)
		}
		sc := m.(*scorer)
		ws := metrics.NewWorkspace()
		ws.Set(a, b, a, b, s.Peak)
		if err := sc.Score(ws, make([]float64, 1)); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			in     frame.Plane
			scales [Scales]frame.Plane
		}{{a.Planes[0], sc.x}, {b.Planes[0], sc.y}} {
			prev := c.in
			for l := 1; l < Scales; l++ {
				got := c.scales[l]
				want := frame.NewPlane(got.W, got.H)
				downsample(want, prev)
				for i := 0; i < got.H; i++ {
					for j, v := range want.Row(i) {
						if g := got.Row(i)[j]; g != v {
							t.Fatalf("%dx%d scale %d (%d,%d) = %v, want %v", sz[0], sz[1], l, j, i, g, v)
						}
					}
				}
				prev = got
			}
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
