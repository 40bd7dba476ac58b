package srsim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
)

// TestGolden checks every srsim row of golden.csv (gray, rgb and yuv input,
// chromatic false and true, the 16×16 refusal) at absolute 1e-5.
func TestGolden(t *testing.T) {
	goldentest.RunGolden(t, []string{"srsim"}, 1e-5, goldentest.Score(metrics.NewRegistry(Descriptor)))
}

// TestIdenticalIsOne checks SR-SIM(x, x) = 1 for gray and RGB, with and
// without pooling.
func TestIdenticalIsOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		w, h, ch  int
		chromatic bool
	}{{40, 40, 1, false}, {97, 61, 1, false}, {400, 390, 1, false}, {130, 90, 3, true}, {520, 400, 3, true}} {
		p := goldentest.NoisePicture(rng, tc.w, tc.h, tc.ch)
		_, got, err := metrics.ScoreOnce(Metric{Chromatic: tc.chromatic}, p, p)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got[0]-1) > 1e-12 {
			t.Errorf("%+v: srsim(x, x) = %.17g, want 1", tc, got[0])
		}
	}
}

// TestRefusals checks the size and chroma refusals: the pooled picture
// must be at least 40×40, and chromatic needs RGB.
func TestRefusals(t *testing.T) {
	for _, tc := range []struct {
		w, h, ch  int
		chromatic bool
		ok        bool
	}{
		{39, 100, 1, false, false}, {100, 39, 1, false, false}, {40, 40, 1, false, true},
		{40, 40, 1, true, false}, {40, 40, 3, true, true},
		{1100, 150, 1, false, true}, // f = 1
		{1100, 384, 1, false, true}, // f = 2: 192 pooled rows
		{1100, 640, 1, false, true}, // f = 2 (2.5 rounds to even)
		{160, 1152, 1, false, true}, // f = 1 (160/256 rounds to 1)
	} {
		_, err := Metric{Chromatic: tc.chromatic}.NewScorer(metrics.Shape{W: tc.w, H: tc.h, Channels: tc.ch, Peak: 255})
		if (err == nil) != tc.ok {
			t.Errorf("%+v: err = %v", tc, err)
		}
	}
	for _, tc := range []struct{ w, h, f int }{{383, 1000, 1}, {384, 1000, 2}, {640, 640, 2}, {1080, 1920, 4}, {1152, 1152, 4}, {896, 900, 4}} {
		if got := planes.PoolFactor(tc.w, tc.h); got != tc.f {
			t.Errorf("planes.PoolFactor(%d, %d) = %d, want %d", tc.w, tc.h, got, tc.f)
		}
	}
}

func TestResizeSum(t *testing.T) {
	v := make([]float32, 40)
	for i := range v {
		v[i] = float32(i%7) + 0.1
	}
	var seq float32
	for _, x := range v[:16] {
		seq += x
	}
	if got := sumF32(v[:16]); got != seq {
		t.Errorf("sumF32 of 16 = %v, want sequential %v", got, seq)
	}
	var a, b float32
	for _, x := range v[:16] {
		a += x
	}
	for _, x := range v[16:18] {
		b += x
	}
	if got := sumF32(v[:18]); got != b+a {
		t.Errorf("sumF32 of 18 = %v, want %v", got, b+a)
	}
}

// TestNoAllocs checks that scoring a frame pair allocates nothing.
func TestNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	goldentest.CheckNoAllocs(t, Metric{Chromatic: true}, goldentest.NoisePicture(rng, 120, 100, 3), goldentest.NoisePicture(rng, 120, 100, 3))
}

// BenchmarkSRSIM scores the 1080p golden luma pair at every SIMD level
// (sub-benchmarks impl=<level>/res=1080p, with CPU time per frame).
func BenchmarkSRSIM(b *testing.B) { goldentest.BenchLevels(b, Metric{}) }

// naiveResize is imresize written directly from its definition: each
// output sample sums float32 products of mirrored input samples and
// weights with sumF32, rows first, then columns.
func naiveResize(src []float32, h, w, oh, ow int, sh, sw float64) []float32 {
	rr, rc := newResizer(h, oh, sh), newResizer(w, ow, sw)
	tmp := make([]float32, oh*w)
	prod := make([]float32, max(rr.taps, rc.taps))
	for i := range oh {
		for j := range w {
			for k := range rr.taps {
				prod[k] = float32(src[mirror(rr.base[i]+k, h)*w+j] * rr.w[i*rr.taps+k])
			}
			tmp[i*w+j] = sumF32(prod[:rr.taps])
		}
	}
	dst := make([]float32, oh*ow)
	for i := range oh {
		for j := range ow {
			for k := range rc.taps {
				prod[k] = float32(tmp[i*w+mirror(rc.base[j]+k, w)] * rc.w[j*rc.taps+k])
			}
			dst[i*ow+j] = sumF32(prod[:rc.taps])
		}
	}
	return dst
}

// TestResize checks the row-wise imresize against naiveResize, bit for
// bit, when shrinking by 4 (18 taps, two-level sums) and enlarging back
// (6 taps), and that the weights of every output sample sum to 1.
func TestResize(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, sz := range [][2]int{{40, 40}, {67, 121}, {270, 480}} {
		h, w := sz[0], sz[1]
		sh, sw := (h+3)/4, (w+3)/4
		src := make([]float32, h*w)
		for i := range src {
			src[i] = float32(rng.IntN(256))
		}
		for _, c := range []struct {
			h, w, oh, ow int
			sh, sw       float64
		}{{h, w, sh, sw, 0.25, 0.25}, {sh, sw, h, w, float64(h) / float64(sh), float64(w) / float64(sw)}} {
			in := src[:c.h*c.w]
			r := newResize2D(c.h, c.w, c.oh, c.ow, c.sh, c.sw)
			got := make([]float32, c.oh*c.ow)
			r.apply(got, in)
			want := naiveResize(in, c.h, c.w, c.oh, c.ow, c.sh, c.sw)
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%dx%d→%dx%d: [%d] = %v, want %v", c.h, c.w, c.oh, c.ow, i, got[i], want[i])
				}
			}
			for _, rs := range []*resizer{r.rows, r.cols} {
				for i := range rs.out {
					var s float64
					for _, v := range rs.w[i*rs.taps : (i+1)*rs.taps] {
						s += float64(v)
					}
					if math.Abs(s-1) > 1e-6 {
						t.Fatalf("weights of output %d sum to %v", i, s)
					}
				}
			}
		}
	}
}

// TestPool4 checks the 4×4 pooling (kernel inside, Go at the edges)
// against block means written directly from the definition, on
// non-integer samples and widths that are not multiples of 4.
func TestPool4(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, sz := range [][2]int{{1001, 903}, {1024, 1023}, {1920, 1080}, {902, 1101}} {
		W, H := sz[0], sz[1]
		sc, err := Metric{}.NewScorer(metrics.Shape{W: W, H: H, Channels: 1, Peak: 1023})
		if err != nil {
			t.Fatal(err)
		}
		s := sc.(*Scorer)
		if s.f != 4 {
			t.Fatalf("%dx%d: pooling factor %d, want 4", W, H, s.f)
		}
		p := goldentest.NoisePicture(rng, W, H, 1)
		pl := p.Planes[0]
		for i := range pl.Data {
			pl.Data[i] = 1023 * rng.Float32()
		}
		got := make([]float64, s.w*s.h)
		s.pool(got, pl)
		for r := range s.h {
			for c := range s.w {
				var sum float64
				for y := max(4*r-1, 0); y < min(4*r+3, H); y++ {
					for x := max(4*c-1, 0); x < min(4*c+3, W); x++ {
						sum += float64(pl.Row(y)[x])
					}
				}
				want := sum / 16 * 255 / 1023
				if g := got[r*s.w+c]; math.Abs(g-want) > 1e-12*want+1e-12 {
					t.Fatalf("%dx%d: block (%d, %d) = %v, want %v", W, H, r, c, g, want)
				}
			}
		}
	}
}
