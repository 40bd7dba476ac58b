package vsi

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"syscall"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// TestGolden checks every fsim row of testdata/golden/golden.csv at
// absolute 1e-5 and logs the largest error per input kind.
func TestGolden(t *testing.T) {
	reg := metrics.NewRegistry(Descriptor)
	maxErr := map[string]float64{}
	for _, r := range goldentest.Rows(t, "vsi") {
		ref, dist := r.Pictures(t)
		m, err := reg.Parse(r.Spec)
		if err != nil {
			t.Fatal(err)
		}
		var got float64
		_, vals, err := metrics.ScoreOnce(m, ref, dist)
		if err == nil {
			got = vals[0]
		}
		d := r.Check(t, got, err, 1e-5)
		key := r.Input + " " + r.Spec
		maxErr[key] = max(maxErr[key], d)
	}
	for _, k := range slices.Sorted(mapsKeys(maxErr)) {
		t.Logf("vsi max abs error %-28s %.3g", k, maxErr[k])
	}
}

func mapsKeys(m map[string]float64) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// randomPicture returns a w×h picture of c channels (1 gray, 3 RGB) with
// smooth content plus noise, 8-bit code values.
func randomPicture(rng *rand.Rand, w, h, c int) *frame.Picture {
	p := &frame.Picture{Kind: frame.Gray, BitDepth: 8}
	if c == 3 {
		p.Kind = frame.RGB
	}
	for range c {
		pl := frame.NewPlane(w, h)
		fx, fy := rng.Float64()*0.2, rng.Float64()*0.2
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				v := 128 + 80*math.Sin(fx*float64(x)+fy*float64(y)) + 20*rng.NormFloat64()
				pl.Data[y*pl.Stride+x] = float32(math.Round(min(255, max(0, v))))
			}
		}
		p.Planes = append(p.Planes, pl)
	}
	return p
}

// TestIdentical checks that identical pictures give 1.
func TestIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct{ w, h, c int }{{64, 48, 1}, {33, 17, 3}, {400, 390, 3}, {1, 1, 1}, {1100, 700, 1}} {
		p := randomPicture(rng, tc.w, tc.h, tc.c)
		_, v, err := metrics.ScoreOnce(&Metric{}, p, p)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(v[0]-1) > 1e-12 {
			t.Errorf("%dx%dx%d: vsi of identical pictures = %.17g, want 1", tc.w, tc.h, tc.c, v[0])
		}
	}
}

// TestNoAlloc checks that scoring a frame allocates nothing.
func TestNoAlloc(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	ref, dist := randomPicture(rng, 40, 30, 3), randomPicture(rng, 40, 30, 3)
	s := metrics.ShapeOf(ref, ref)
	sc, err := (&Metric{}).NewScorer(s)
	if err != nil {
		t.Fatal(err)
	}
	ws := metrics.NewWorkspace()
	ws.Set(ref, dist, ref, dist, 255)
	out := make([]float64, 1)
	if n := testing.AllocsPerRun(3, func() { _ = sc.Score(ws, out) }); n != 0 {
		t.Errorf("Score allocates %v times per frame", n)
	}
}

// BenchmarkVSI scores one gray (luma) frame pair per iteration.
func BenchmarkVSI(b *testing.B) {
	for _, impl := range []simd.Impl{simd.Generic, simd.AVX2, simd.AVX512} {
		if impl > simd.Best() {
			continue
		}
		for _, res := range []struct {
			name string
			w, h int
		}{{"360p", 640, 360}, {"1080p", 1920, 1080}} {
			b.Run(fmt.Sprintf("impl=%s/res=%s", impl, res.name), func(b *testing.B) {
				defer simd.SetLevel(impl)()
				rng := rand.New(rand.NewPCG(1, 2))
				ref, dist := randomPicture(rng, res.w, res.h, 1), randomPicture(rng, res.w, res.h, 1)
				s := metrics.ShapeOf(ref, ref)
				sc, err := (&Metric{}).NewScorer(s)
				if err != nil {
					b.Fatal(err)
				}
				ws := metrics.NewWorkspace()
				ws.Set(ref, dist, ref, dist, 255)
				out := make([]float64, 1)
				b.SetBytes(int64(2 * res.w * res.h))
				b.ReportAllocs()
				cpu0 := cpuTime()
				for b.Loop() {
					if err := sc.Score(ws, out); err != nil {
						b.Fatal(err)
					}
				}
				// On a shared machine the CPU time of the process is a
				// steadier measure than the wall time.
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// cpuTime returns the user and system CPU time of the process in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
