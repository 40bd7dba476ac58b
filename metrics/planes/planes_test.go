package planes_test

import (
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/gmsd"
	"github.com/fr-metrics/fr-metrics/metrics/haar"
	"github.com/fr-metrics/fr-metrics/metrics/mdsi"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
	"github.com/fr-metrics/fr-metrics/simd"
)

func TestPoolFactor(t *testing.T) {
	for _, tc := range []struct{ w, h, f int }{
		{1920, 1080, 4}, {512, 384, 2}, {640, 640, 2}, {1152, 1152, 4}, {896, 896, 4},
		{1280, 720, 3}, {128, 128, 1}, {16, 16, 1}, {321, 257, 1}, {3840, 2160, 8},
	} {
		if f := planes.PoolFactor(tc.w, tc.h); f != tc.f {
			t.Errorf("PoolFactor(%d, %d) = %d, want %d", tc.w, tc.h, f, tc.f)
		}
	}
}

// TestSharedOnce checks that a shared plane set is computed once per frame
// pair however many metrics ask for it, and again after Set.
func TestSharedOnce(t *testing.T) {
	ref := goldentest.LoadCached(t, "images/camera_512x384.rgb.png")
	dist := goldentest.LoadCached(t, "images/p08_blur_1.5.rgb.png")
	ws := metrics.NewWorkspace()
	ws.Set(ref, dist, ref, dist, 255)
	a, _, err := planes.YIQPool2(ws)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := planes.YIQPool2(ws)
	if &a[0].Data[0] != &b[0].Data[0] {
		t.Fatal("YIQPool2 returned different planes within one pair")
	}
	v := a[0].Data[0]
	a[0].Data[0] = -1 // a recomputation would overwrite this
	if b, _, _ := planes.YIQPool2(ws); b[0].Data[0] != -1 {
		t.Fatal("YIQPool2 recomputed within one pair")
	}
	ws.Set(ref, dist, ref, dist, 255)
	if b, _, _ := planes.YIQPool2(ws); b[0].Data[0] != v {
		t.Fatalf("YIQPool2 not recomputed after Set: %v, want %v", b[0].Data[0], v)
	}
}

// TestLumaPassThrough checks that 8-bit gray pictures are used without a
// copy and other pictures are converted to the byte scale.
func TestLumaPassThrough(t *testing.T) {
	g := goldentest.LoadCached(t, "images/camera_512x384.gray.png")
	ws := metrics.NewWorkspace()
	ws.Set(g, g, g, g, 255)
	r, _, _ := planes.Luma(ws)
	if &r.Data[0] != &g.Planes[0].Data[0] {
		t.Error("8-bit gray luma was copied")
	}
	c := goldentest.LoadCached(t, "images/camera_512x384.rgb.png")
	ws.Set(c, c, c, c, 255)
	r, _, _ = planes.Luma(ws)
	R, G, B := c.Planes[0].At(10, 20), c.Planes[1].At(10, 20), c.Planes[2].At(10, 20)
	want := 0.299*float64(R) + 0.587*float64(G) + 0.114*float64(B)
	if d := float64(r.At(10, 20)) - want; d > 1e-4 || d < -1e-4 {
		t.Errorf("Y = %v, want %v", r.At(10, 20), want)
	}
}

var family = []metrics.Metric{gmsd.Metric{}, gmsd.MSMetric{}, haar.Metric{}, mdsi.Metric{}}

// BenchmarkGradientFamily scores a 1080p luma frame pair with GMSD,
// MS-GMSD, HaarPSI and MDSI: together through one workspace (the pooled
// luma and its gradients computed once) and separately (each metric with
// its own workspace, as if alone).
func BenchmarkGradientFamily(b *testing.B) {
	ref := goldentest.LoadCached(b, "images/garden_1920x1080_yuv.gray.png")
	dist := goldentest.LoadCached(b, "images/p01_x264_crf40.gray.png")
	s := metrics.ShapeOf(ref, ref)
	scorers := make([]metrics.Scorer, len(family))
	for i, m := range family {
		sc, err := m.NewScorer(s)
		if err != nil {
			b.Fatal(err)
		}
		scorers[i] = sc
	}
	out := make([]float64, 1)
	for _, mode := range []string{"together", "separate"} {
		b.Run("impl="+simd.Level().String()+"/res=1080p/mode="+mode, func(b *testing.B) {
			wss := []*metrics.Workspace{metrics.NewWorkspace()}
			if mode == "separate" {
				for range family[1:] {
					wss = append(wss, metrics.NewWorkspace())
				}
			}
			b.SetBytes(int64(2 * 4 * s.W * s.H))
			b.ReportAllocs()
			cpu0 := goldentest.CPUTime()
			for b.Loop() {
				for _, ws := range wss {
					ws.Set(ref, dist, ref, dist, 255)
				}
				for i, sc := range scorers {
					if err := sc.Score(wss[i%len(wss)], out); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
		})
	}
}

// TestNoAllocs checks that scoring a frame pair allocates nothing once the
// scorers and the workspace have seen one pair, for gray and RGB pictures.
func TestNoAllocs(t *testing.T) {
	for _, files := range [][2]string{
		{"images/camera_512x384.gray.png", "images/p08_blur_1.5.gray.png"},
		{"images/camera_512x384.rgb.png", "images/p08_blur_1.5.rgb.png"},
	} {
		ref := goldentest.LoadCached(t, files[0])
		dist := goldentest.LoadCached(t, files[1])
		s := metrics.ShapeOf(ref, ref)
		ms := append([]metrics.Metric{}, family...)
		if s.Channels == 3 {
			ms = append(ms, gmsd.MSMetric{Chromatic: true})
		}
		var scorers []metrics.Scorer
		for _, m := range ms {
			sc, err := m.NewScorer(s)
			if err != nil {
				t.Fatal(err)
			}
			scorers = append(scorers, sc)
		}
		ws := metrics.NewWorkspace()
		out := make([]float64, 1)
		run := func() {
			ws.Set(ref, dist, ref, dist, 255)
			for _, sc := range scorers {
				if err := sc.Score(ws, out); err != nil {
					t.Fatal(err)
				}
			}
		}
		run()
		if n := testing.AllocsPerRun(5, run); n != 0 {
			t.Errorf("%s: %v allocations per frame pair", files[0], n)
		}
	}
}

// TestBitDepth checks that every metric of the family scores a 10-bit
// pair like the 8-bit pair it was scaled from (they work on v·255/Peak),
// for gray and RGB pictures.
func TestBitDepth(t *testing.T) {
	for _, files := range [][2]string{
		{"images/camera_512x384.gray.png", "images/p08_blur_1.5.gray.png"},
		{"images/camera_512x384.rgb.png", "images/p08_blur_1.5.rgb.png"},
	} {
		ref := goldentest.LoadCached(t, files[0])
		dist := goldentest.LoadCached(t, files[1])
		ms := append([]metrics.Metric{}, family...)
		if len(ref.Planes) == 3 {
			ms = append(ms, gmsd.MSMetric{Chromatic: true})
		}
		for _, m := range ms {
			_, v8, err := metrics.ScoreOnce(m, ref, dist)
			if err != nil {
				t.Fatal(err)
			}
			_, v10, err := metrics.ScoreOnce(m, to10(ref), to10(dist))
			if err != nil {
				t.Fatal(err)
			}
			if d := v8[0] - v10[0]; d > 1e-6 || d < -1e-6 || v8[0] != v8[0] {
				t.Errorf("%s %s: 8-bit %v, 10-bit %v", m.Name(), files[0], v8[0], v10[0])
			}
		}
	}
}

// to10 returns p scaled to 10-bit code values (v·1023/255, unrounded).
func to10(p *frame.Picture) *frame.Picture {
	q := *p
	q.BitDepth = 10
	q.Planes = make([]frame.Plane, len(p.Planes))
	for i, s := range p.Planes {
		d := frame.NewPlane(s.W, s.H)
		for y := range s.H {
			for x, v := range s.Row(y) {
				d.Row(y)[x] = v * 1023 / 255
			}
		}
		q.Planes[i] = d
	}
	return &q
}
