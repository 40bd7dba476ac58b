package ssim

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

// TestGolden checks every ssim row of golden.csv (PIQ 0.8.0, float64) at
// absolute 1e-5, at every SIMD level, and logs the largest error.
func TestGolden(t *testing.T) {
	score := goldentest.Score(registry)
	goldentest.RunGoldenLevels(t, []string{"ssim"}, 1e-5, func(t *testing.T, r goldentest.Row) (float64, error) {
		ref, _ := r.PicturesCached(t)
		goldentest.SkipSlowGeneric(t, ref)
		return score(t, r)
	})
}

// TestPoolFactor checks the factor by which SSIM pools an h×w picture:
// max(1, round(min(h, w)/256)), halves rounded to even.
func TestPoolFactor(t *testing.T) {
	m, _ := registry.Parse("ssim")
	for _, c := range []struct{ h, w, f int }{
		{16, 16, 1}, {257, 321, 1}, {384, 512, 2}, {640, 900, 2}, {896, 1000, 4},
		{1080, 1920, 4}, {1152, 2000, 4}, {2160, 3840, 8}, {127, 5000, 1}, {128, 128, 1},
	} {
		sc, err := m.NewScorer(metrics.Shape{W: c.w, H: c.h, Channels: 1, Peak: 255})
		if err != nil {
			t.Fatalf("%dx%d: %v", c.w, c.h, err)
		}
		if f := sc.(*scorer).f; f != c.f {
			t.Errorf("%dx%d: pooled by %d, want %d", c.w, c.h, f, c.f)
		}
	}
}

func TestTooSmall(t *testing.T) {
	for _, c := range []struct {
		spec string
		w, h int
	}{{"ssim", 10, 40}, {"ssim:downsample=false", 40, 10}} {
		m, _ := registry.Parse(c.spec)
		_, err := m.NewScorer(metrics.Shape{W: c.w, H: c.h, Channels: 1, Peak: 255})
		var se *metrics.SizeError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "11x11") {
			t.Errorf("%s %dx%d: err = %v, want a SizeError naming 11x11", c.spec, c.w, c.h, err)
		}
	}
}

// noise returns a w×h gray picture of pseudo-random code values in
// [0, peak], reproducibly from seed; flat = true gives a constant picture.
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
	for _, spec := range []string{"ssim", "ssim:downsample=false"} {
		m, _ := registry.Parse(spec)
		for _, bits := range []int{8, 10} {
			a := noise(300, 200, bits, 1, false)
			b := noise(300, 200, bits, 2, false)
			flat1 := noise(300, 200, bits, 7, true)
			flat2 := noise(300, 200, bits, 9, true)
			score := func(x, y *frame.Picture) float64 {
				_, v, err := metrics.ScoreOnce(m, x, y)
				if err != nil {
					t.Fatal(err)
				}
				return v[0]
			}
			if v := score(a, a); math.Abs(v-1) > 1e-6 {
				t.Errorf("%s %d-bit: identical = %v, want 1", spec, bits, v)
			}
			if v := score(flat1, flat1); math.Abs(v-1) > 1e-6 {
				t.Errorf("%s %d-bit: identical flat = %v, want 1", spec, bits, v)
			}
			if v := score(flat1, flat2); math.IsNaN(v) || v <= 0 || v >= 1 {
				t.Errorf("%s %d-bit: two flat pictures = %v, want in (0, 1)", spec, bits, v)
			}
			if ab, ba := score(a, b), score(b, a); math.Abs(ab-ba) > 1e-7 {
				t.Errorf("%s %d-bit: not symmetric: %v vs %v", spec, bits, ab, ba)
			}
		}
	}
}

// TestNoAllocs checks that scoring a frame allocates nothing in steady state.
func TestNoAllocs(t *testing.T) {
	for _, spec := range []string{"ssim", "ssim:downsample=false"} {
		m, _ := registry.Parse(spec)
		a, b := noise(1100, 600, 8, 1, false), noise(1100, 600, 8, 2, false)
		s := metrics.ShapeOf(a, a)
		sc, err := m.NewScorer(s)
		if err != nil {
			t.Fatal(err)
		}
		ws := metrics.NewWorkspace()
		ws.Set(a, b, a, b, s.Peak)
		out := make([]float64, 1)
		if n := testing.AllocsPerRun(3, func() { sc.Score(ws, out) }); n != 0 {
			t.Errorf("%s: %v allocations per frame, want 0", spec, n)
		}
	}
}

func TestPool(t *testing.T) {
	// Pool by f of an integer plane equals the plain block mean, for the
	// 2×2 kernel, the row-by-row powers of two f = 4, 8 and 16, the
	// two-pass f = 6, and the generic odd f.
	for _, f := range []int{1, 2, 3, 4, 5, 6, 8, 16} {
		src := noise(67, 45, 8, uint32(f), false).Planes[0]
		dst := frame.NewPlane(67/f, 45/f)
		tmp := poolScratch(67, 45, f)
		Pool(dst, src, tmp, f)
		for r := 0; r < dst.H; r++ {
			for c := 0; c < dst.W; c++ {
				var s float64
				for a := 0; a < f; a++ {
					for b := 0; b < f; b++ {
						s += float64(src.At(c*f+b, r*f+a))
					}
				}
				if want := float32(s / float64(f*f)); dst.At(c, r) != want {
					t.Fatalf("f=%d: (%d,%d) = %v, want %v", f, c, r, dst.At(c, r), want)
				}
			}
		}
	}
}

// TestPeakScaling checks that the constants follow the picture's peak:
// a 10-bit picture whose code values are the 8-bit ones times 1023/255
// has the same SSIM as the 8-bit picture.
func TestPeakScaling(t *testing.T) {
	rows := goldentest.Rows(t, "ssim")
	ref8, dist8 := rows[len(rows)-1].Pictures(t) // a small pair
	scale := func(p *frame.Picture) *frame.Picture {
		q := *p
		q.BitDepth = 10
		q.Planes = nil
		for _, pl := range p.Planes {
			n := frame.NewPlane(pl.W, pl.H)
			for i, v := range pl.Data {
				n.Data[i] = v * 1023 / 255
			}
			q.Planes = append(q.Planes, n)
		}
		return &q
	}
	for _, spec := range []string{"ssim", "ssim:downsample=false"} {
		m, _ := registry.Parse(spec)
		_, a, err := metrics.ScoreOnce(m, ref8, dist8)
		if err != nil {
			t.Fatal(err)
		}
		_, b, err := metrics.ScoreOnce(m, scale(ref8), scale(dist8))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(a[0]-b[0]) > 1e-6 {
			t.Errorf("%s: 8-bit %v, same picture as 10-bit %v", spec, a[0], b[0])
		}
	}
}

// TestWindowFloat64 compares Window (float32, shifted moments) with a
// direct float64 evaluation of the definition on pictures made to stress
// float32 variances: flat areas near 0 and near the peak next to texture
// inside one tile (so no single shift suits the whole tile), a ramp, and
// sizes that leave partial tiles and strips. This is close to the worst
// case for float32 moments: the error here is several times that of
// natural pictures, and the test holds it to the conformance tolerance
// (1e-5) and logs it.
func TestWindowFloat64(t *testing.T) {
	for _, bits := range []int{8, 10} {
		peak := float32(int(1)<<bits - 1)
		w, h := 300, 77
		x, y := frame.NewPlane(w, h), frame.NewPlane(w, h)
		n := noise(w, h, bits, 5, false).Planes[0]
		for r := 0; r < h; r++ {
			for c := 0; c < w; c++ {
				var a float32
				switch {
				case c < 60:
					a = peak // flat, bright
				case c < 120:
					a = 1 // flat, dark
				case c < 200:
					a = peak * float32(c-120) / 80 // ramp
				default:
					a = n.At(c, r) // texture
				}
				x.Data[r*x.Stride+c] = a
				d := a + float32((c*7+r*3)%5) - 2
				y.Data[r*y.Stride+c] = min(peak, max(0, d))
			}
		}
		c1 := float64(0.01*peak) * float64(0.01*peak)
		c2 := float64(0.03*peak) * float64(0.03*peak)
		ws, wc := ref64(x, y, 11, 1.5, c1, c2)
		for l := simd.Generic; l <= simd.Best(); l++ {
			restore := simd.SetLevel(l)
			win := NewWindow(w, 11, 1.5)
			gs := win.SSIMMean(x, y, c1, c2)
			gc := win.CSMeanEach(x, y, c2, nil)
			restore()
			if math.Abs(gs-ws) > 1e-5 || math.Abs(gc-wc) > 1e-5 {
				t.Errorf("%d-bit %s: SSIMMean, CSMeanEach = (%.9f, %.9f), float64 definition (%.9f, %.9f)", bits, l, gs, gc, ws, wc)
			}
			t.Logf("%d-bit %s: |error| ssim %.2g, cs %.2g", bits, l, math.Abs(gs-ws), math.Abs(gc-wc))
		}
	}
}
