package psnr

import (
	"math"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// TestGolden checks every psnr row of golden.csv at absolute 1e-4 dB.
func TestGolden(t *testing.T) {
	goldentest.RunGolden(t, []string{"psnr"}, 1e-4, goldentest.Score(metrics.NewRegistry(Descriptor)))
}

// plane returns a w×h plane filled by f(x, y).
func plane(w, h int, f func(x, y int) float32) frame.Plane {
	p := frame.NewPlane(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p.Data[y*p.Stride+x] = f(x, y)
		}
	}
	return p
}

func yuv(w, h, bits int, f func(x, y int) float32) *frame.Picture {
	return &frame.Picture{Kind: frame.YUV, BitDepth: bits, ChromaShiftX: 1, ChromaShiftY: 1,
		Planes: []frame.Plane{plane(w, h, f), plane(w/2, h/2, f), plane(w/2, h/2, f)}}
}

func score(t *testing.T, spec string, ref, dist *frame.Picture) map[string]float64 {
	t.Helper()
	m, err := metrics.NewRegistry(Descriptor).Parse(spec)
	if err != nil {
		t.Fatal(err)
	}
	rv, dv := ref, dist
	if ref.Kind == frame.YUV {
		l0, l1 := ref.Luma(), dist.Luma()
		rv, dv = &l0, &l1
	}
	s := metrics.ShapeOf(rv, ref)
	sc, err := m.NewScorer(s)
	if err != nil {
		t.Fatal(err)
	}
	names := m.Outputs(s)
	out := make([]float64, len(names))
	ws := metrics.NewWorkspace()
	ws.Set(rv, dv, ref, dist, s.Peak)
	if err := sc.Score(ws, out); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for i, n := range names {
		got[n] = out[i]
	}
	return got
}

func TestPlanes(t *testing.T) {
	ramp := func(x, y int) float32 { return float32((x*7 + y*3) % 200) }
	tests := []struct {
		name       string
		bits       int
		off        float32 // added to every distorted sample
		wantY      float64
		wantPSNR   float64
		wantFinite bool
	}{
		// One code value of error everywhere: MSE = 1.
		{"8bit_off1", 8, 1, 10 * math.Log10(255*255), -10 * math.Log10(1.0/(255*255)+1e-8), true},
		{"10bit_off2", 10, 2, 10 * math.Log10(1023.0*1023/4), -10 * math.Log10(4.0/(1023*1023)+1e-8), true},
		// Identical: PIQ gives 80 dB, the plane PSNR its finite cap.
		{"8bit_same", 8, 0, 10 * math.Log10(255*255*64*48/0.5), 80, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref := yuv(64, 48, tc.bits, ramp)
			dist := yuv(64, 48, tc.bits, func(x, y int) float32 { return ramp(x, y) + tc.off })
			got := score(t, "psnr", ref, dist)
			if len(got) != 4 {
				t.Fatalf("outputs %v: want psnr, psnr_y, psnr_cb, psnr_cr", got)
			}
			if d := math.Abs(got["psnr_y"] - tc.wantY); d > 1e-9 {
				t.Errorf("psnr_y = %.12g, want %.12g", got["psnr_y"], tc.wantY)
			}
			if got["psnr_cb"] <= 0 || math.IsInf(got["psnr_cb"], 0) || math.IsInf(got["psnr_cr"], 0) {
				t.Errorf("chroma psnr %v %v", got["psnr_cb"], got["psnr_cr"])
			}
			if d := math.Abs(got["psnr"] - tc.wantPSNR); d > 1e-9 {
				t.Errorf("psnr = %.12g, want %.12g", got["psnr"], tc.wantPSNR)
			}
		})
	}
}

// TestCapAboveAnyError checks that the zero-error value of a plane is above
// the PSNR of the smallest possible error (one sample off by one).
func TestCapAboveAnyError(t *testing.T) {
	a := plane(1920, 1080, func(x, y int) float32 { return float32(x % 256) })
	b := plane(1920, 1080, func(x, y int) float32 { return float32(x % 256) })
	same := PlanePSNR(a, b, 255)
	b.Data[5] += 1
	one := PlanePSNR(a, b, 255)
	if !(same > one) || math.IsInf(same, 0) {
		t.Errorf("zero error %.4g dB, one sample off %.4g dB: want a finite value above", same, one)
	}
}

func TestGrayscaleOption(t *testing.T) {
	ref := &frame.Picture{Kind: frame.RGB, BitDepth: 8, Planes: []frame.Plane{
		plane(8, 8, func(x, y int) float32 { return 100 }),
		plane(8, 8, func(x, y int) float32 { return 50 }),
		plane(8, 8, func(x, y int) float32 { return 10 }),
	}}
	// The distorted picture differs in R by +10 and in G by −5: luma differs
	// by 0.299·10 − 0.587·5.
	dist := &frame.Picture{Kind: frame.RGB, BitDepth: 8, Planes: []frame.Plane{
		plane(8, 8, func(x, y int) float32 { return 110 }),
		plane(8, 8, func(x, y int) float32 { return 45 }),
		plane(8, 8, func(x, y int) float32 { return 10 }),
	}}
	dl := (0.299*10 - 0.587*5) / 255
	rgbMSE := (100.0 + 25.0) / 3 / (255 * 255)
	for _, tc := range []struct {
		spec string
		want float64
	}{
		{"psnr", -10 * math.Log10(rgbMSE+1e-8)},
		{"psnr:grayscale=true", -10 * math.Log10(dl*dl+1e-8)},
	} {
		got := score(t, tc.spec, ref, dist)
		if d := math.Abs(got["psnr"] - tc.want); d > 1e-9 {
			t.Errorf("%s = %.12g, want %.12g", tc.spec, got["psnr"], tc.want)
		}
		if len(got) != 1 {
			t.Errorf("%s: outputs %v, want psnr only on RGB", tc.spec, got)
		}
	}
}

func TestScoreAllocs(t *testing.T) {
	ref := yuv(64, 48, 8, func(x, y int) float32 { return float32(x) })
	dist := yuv(64, 48, 8, func(x, y int) float32 { return float32(y) })
	l0, l1 := ref.Luma(), dist.Luma()
	s := metrics.ShapeOf(&l0, ref)
	sc, _ := (&Metric{}).NewScorer(s)
	ws := metrics.NewWorkspace()
	ws.Set(&l0, &l1, ref, dist, 255)
	out := make([]float64, 4)
	if n := testing.AllocsPerRun(10, func() { _ = sc.Score(ws, out) }); n != 0 {
		t.Errorf("Score allocates %v times per frame", n)
	}
}

// BenchmarkPSNR scores one 8-bit 4:2:0 frame pair (psnr, psnr_y,
// psnr_cb, psnr_cr) at every SIMD level. Bytes are the two float32 frames.
func BenchmarkPSNR(b *testing.B) {
	for _, impl := range impls() {
		for _, res := range []struct {
			name string
			w, h int
		}{{"360p", 640, 360}, {"1080p", 1920, 1080}} {
			b.Run("impl="+impl.String()+"/res="+res.name, func(b *testing.B) {
				defer simd.SetLevel(impl)()
				ref := yuv(res.w, res.h, 8, func(x, y int) float32 { return float32((x + y) % 256) })
				dist := yuv(res.w, res.h, 8, func(x, y int) float32 { return float32((x*3 + y) % 256) })
				l0, l1 := ref.Luma(), dist.Luma()
				s := metrics.ShapeOf(&l0, ref)
				sc, err := (&Metric{}).NewScorer(s)
				if err != nil {
					b.Fatal(err)
				}
				ws := metrics.NewWorkspace()
				ws.Set(&l0, &l1, ref, dist, 255)
				out := make([]float64, 4)
				b.SetBytes(int64(res.w * res.h * 3 / 2 * 2 * 4))
				b.ReportAllocs()
				cpu0 := goldentest.CPUTime()
				for b.Loop() {
					if err := sc.Score(ws, out); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
			})
		}
	}
}

// impls returns every SIMD level this CPU and build support, slowest
// first.
func impls() []simd.Impl {
	var ls []simd.Impl
	for l := simd.Generic; l <= simd.Best(); l++ {
		ls = append(ls, l)
	}
	return ls
}
