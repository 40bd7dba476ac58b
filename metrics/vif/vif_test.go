package vif

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// TestGolden checks every vif_p row of golden.csv (both argument orders,
// gray, rgb and yuv input, refusals below 41×41) at absolute 1e-5.
func TestGolden(t *testing.T) {
	goldentest.RunGolden(t, []string{"vif_p"}, 1e-5, goldentest.Score(metrics.NewRegistry(Descriptor)))
}

// randomPicture returns a w×h gray picture of uniform random 8-bit values.
func randomPicture(rng *rand.Rand, w, h int) *frame.Picture {
	return goldentest.NoisePicture(rng, w, h, 1)
}

// TestIdentical checks VIF-p(x, x): just below 1 because of the 1e-8 floor
// on σv², as in PIQ.
func TestIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][2]int{{41, 41}, {64, 50}, {130, 97}} {
		p := randomPicture(rng, sz[0], sz[1])
		_, got, err := metrics.ScoreOnce(Metric{}, p, p)
		if err != nil {
			t.Fatal(err)
		}
		if got[0] > 1 || got[0] < 1-1e-7 {
			t.Errorf("%v: vifp(x, x) = %.17g, want in [1-1e-7, 1]", sz, got[0])
		}
	}
}

func TestSizes(t *testing.T) {
	for _, tc := range []struct {
		w, h   int
		refuse bool
	}{{40, 41, true}, {41, 40, true}, {41, 41, false}, {42, 90, false}} {
		_, err := Metric{}.NewScorer(metrics.Shape{W: tc.w, H: tc.h, Channels: 1, Peak: 255})
		_, isSize := err.(*metrics.SizeError)
		if tc.refuse != isSize || (!tc.refuse && err != nil) {
			t.Errorf("%dx%d: err = %v, refusal wanted: %v", tc.w, tc.h, err, tc.refuse)
		}
	}
}

// TestNoAllocs checks that scoring a frame pair allocates nothing.
func TestNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	goldentest.CheckNoAllocs(t, Metric{}, randomPicture(rng, 96, 64), randomPicture(rng, 96, 64))
}

// BenchmarkVIFP scores the 1080p golden luma pair at every SIMD level
// (sub-benchmarks impl=<level>/res=1080p, with CPU time per frame).
func BenchmarkVIFP(b *testing.B) { goldentest.BenchLevels(b, Metric{}) }

// plainVIF is VIF-p computed the straightforward way: every scale stored
// whole, one output row at a time, one logarithm per factor. It uses the
// same filter kernels, so it checks the streaming and row grouping of
// Score; its factors follow PIQ's steps literally (piqFactors).
func plainVIF(ref, dist *frame.Picture) float64 {
	k := 255 / ref.Peak()
	w, h := ref.Planes[0].W, ref.Planes[0].H
	x, y := make([]float64, w*h), make([]float64, w*h)
	for r := range h {
		simd.ScaleF32ToF64(x[r*w:(r+1)*w], dist.Planes[0].Row(r), k)
		simd.ScaleF32ToF64(y[r*w:(r+1)*w], ref.Planes[0].Row(r), k)
	}
	var num, den float64
	for i := range scales {
		kw := 1<<(4-i) + 1
		g := gauss(kw, float64(kw)/5)
		if i > 0 {
			// Filter "valid" and keep even rows and columns.
			nw, nh := (w-kw+2)/2, (h-kw+2)/2
			nx, ny := make([]float64, nw*nh), make([]float64, nw*nh)
			vx, vy := make([]float64, w), make([]float64, w)
			hx, hy := make([]float64, w-kw+1), make([]float64, w-kw+1)
			for q := range nh {
				simd.MeansVF64(vx, vy, x[2*q*w:], y[2*q*w:], w, g)
				simd.ConvRowValidF64(hx, vx, g)
				simd.ConvRowValidF64(hy, vy, g)
				for c := range nw {
					nx[q*nw+c], ny[q*nw+c] = hx[2*c], hy[2*c]
				}
			}
			x, y, w, h = nx, ny, nw, nh
		}
		ow := w - kw + 1
		var v, m [5][]float64
		for j := range v {
			v[j], m[j] = make([]float64, w), make([]float64, ow)
		}
		fn, fd := make([]float64, ow), make([]float64, ow)
		for r := range h - kw + 1 {
			simd.MomentsVF64(v[0], v[1], v[2], v[3], v[4], x[r*w:], y[r*w:], w, g)
			for j := range v {
				simd.ConvRowValidF64(m[j], v[j], g)
			}
			piqFactors(fn, fd, m[0], m[1], m[2], m[3], m[4])
			for c := range fn {
				num += math.Log10(fn[c])
				den += math.Log10(fd[c])
			}
		}
	}
	return (num + eps) / (den + eps)
}

// piqFactors computes VIF-p's per-pixel factors from the window means and
// raw second moments with PIQ's steps, in the order METRICS.md lists them.
func piqFactors(fn, fd, mx, my, exx, eyy, exy []float64) {
	for i := range fn {
		a, b := mx[i], my[i]
		sx, sy := max(exx[i]-a*a, 0), max(eyy[i]-b*b, 0)
		sxy := exy[i] - a*b
		g := sxy / (sy + eps)
		sv := sx - g*sxy
		if sy < eps {
			g, sv, sy = 0, sx, 0
		}
		if sx < eps {
			g, sv = 0, 0
		}
		if g < 0 {
			sv, g = sx, 0
		}
		sv = max(sv, eps)
		fn[i] = 1 + g*g*sy/(sv+sigmaN2)
		fd[i] = 1 + sy/sigmaN2
	}
}

// TestStreaming compares Score with plainVIF over sizes that end the row
// groups of the two streamed scales in every way.
func TestStreaming(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, w := range []int{41, 70} {
		for h := 41; h <= 52; h++ {
			ref := randomPicture(rng, w, h)
			dist := goldentest.NoisePicture(rng, w, h, 1)
			for i, v := range dist.Planes[0].Data {
				dist.Planes[0].Data[i] = (v + 3*ref.Planes[0].Data[i]) / 4
			}
			_, got, err := metrics.ScoreOnce(Metric{}, ref, dist)
			if err != nil {
				t.Fatal(err)
			}
			want := plainVIF(ref, dist)
			if math.Abs(got[0]-want) > 1e-12 {
				t.Errorf("%dx%d: vifp = %.17g, plain computation %.17g", w, h, got[0], want)
			}
		}
	}
}

// tenBit returns p as a 10-bit picture: each sample v becomes 4v plus a
// random 0 … 3.
func tenBit(rng *rand.Rand, p *frame.Picture) *frame.Picture {
	p.BitDepth = 10
	for _, pl := range p.Planes {
		for i, v := range pl.Data {
			pl.Data[i] = 4*v + float32(rng.IntN(4))
		}
	}
	return p
}

// TestBitDepthAndColor checks the two ways the finest scale is read
// against plainVIF, which scales every sample to the byte scale first:
// 10-bit gray pictures, read in code values with the scale factor in the
// window's taps, and RGB pictures, whose luma is computed first.
func TestBitDepthAndColor(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, sz := range [][2]int{{70, 50}, {300, 97}} {
		w, h := sz[0], sz[1]
		ref := tenBit(rng, goldentest.SmoothPicture(rng, w, h, 1))
		dist := tenBit(rng, goldentest.SmoothPicture(rng, w, h, 1))
		for i, v := range dist.Planes[0].Data {
			dist.Planes[0].Data[i] = float32(math.Round(float64(v+3*ref.Planes[0].Data[i]) / 4))
		}
		_, got, err := metrics.ScoreOnce(Metric{}, ref, dist)
		if err != nil {
			t.Fatal(err)
		}
		if want := plainVIF(ref, dist); math.Abs(got[0]-want) > 1e-12 {
			t.Errorf("10-bit %dx%d: vifp = %.17g, plain computation %.17g", w, h, got[0], want)
		}

		// An RGB pair whose three planes are equal has the gray luma.
		rgb := func(p *frame.Picture) *frame.Picture {
			q := &frame.Picture{Kind: frame.RGB, BitDepth: p.BitDepth}
			q.Planes = []frame.Plane{p.Planes[0], p.Planes[0], p.Planes[0]}
			return q
		}
		_, gotRGB, err := metrics.ScoreOnce(Metric{}, rgb(ref), rgb(dist))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(gotRGB[0]-got[0]) > 1e-12 {
			t.Errorf("RGB %dx%d: vifp = %.17g, gray %.17g", w, h, gotRGB[0], got[0])
		}
	}
}
