package gmsd

import (
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
)

// TestFusedGray checks that the single-pass gray paths (pooling row by row
// while computing the similarity rows) give exactly what the shared
// pooled planes of planes.YIQPool2 give: the same GMSD, and for MS-GMSD
// the same scale 0 deviation and the same pooled planes, for odd and even
// sizes and for 8- and 10-bit samples.
func TestFusedGray(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][2]int{{17, 17}, {18, 20}, {33, 20}, {64, 47}} {
		for _, bits := range []int{8, 10} {
			w, h := sz[0], sz[1]
			peak := float32(int(1)<<bits - 1)
			pic := func() *frame.Picture {
				p := frame.NewPlane(w, h)
				for y := range h {
					for x := range p.Row(y) {
						p.Row(y)[x] = float32(r.IntN(int(peak) + 1))
					}
				}
				return &frame.Picture{Kind: frame.Gray, Planes: []frame.Plane{p}, BitDepth: bits}
			}
			ref, dist := pic(), pic()
			ws := metrics.NewWorkspace()
			ws.Set(ref, dist, ref, dist, ref.Peak())
			pr, pd, err := planes.YIQPool2(ws)
			if err != nil {
				t.Fatal(err)
			}
			s := metrics.Shape{W: w, H: h, Channels: 1, Peak: ref.Peak()}

			m, _ := Metric{}.NewScorer(s)
			sc := m.(*scorer)
			fr, fd := frame.NewPlane(pr[0].W, pr[0].H), frame.NewPlane(pd[0].W, pd[0].H)
			got := sc.grayDeviation(fr, fd, ref.Planes[0], dist.Planes[0], float32(255/ws.Peak))
			want := sc.sm.deviation(pr[0], pd[0], 0)
			if got != want {
				t.Errorf("%dx%d %d-bit gmsd: fused %v, planes %v", w, h, bits, got, want)
			}

			ms, _ := MSMetric{}.NewScorer(s)
			msc := ms.(*msScorer)
			lr, ld, err := planes.Luma(ws)
			if err != nil {
				t.Fatal(err)
			}
			mr, md := frame.NewPlane(pr[0].W, pr[0].H), frame.NewPlane(pd[0].W, pd[0].H)
			got = msc.deviationPool(lr, ld, mr, md, ref.Planes[0], dist.Planes[0], float32(255/ws.Peak))
			if want := msc.deviation(lr, ld); got != want {
				t.Errorf("%dx%d %d-bit ms_gmsd scale 0: fused %v, plain %v", w, h, bits, got, want)
			}
			for i, p := range [4]frame.Plane{fr, fd, mr, md} {
				q := [2]frame.Plane{pr[0], pd[0]}[i%2]
				if p.W != q.W || p.H != q.H {
					t.Fatalf("%dx%d: pooled size %dx%d, want %dx%d", w, h, p.W, p.H, q.W, q.H)
				}
				for y := range p.H {
					for x, v := range p.Row(y) {
						if v != q.Row(y)[x] {
							t.Fatalf("%dx%d %d-bit pooled[%d] (%d,%d) = %v, want %v", w, h, bits, i, x, y, v, q.Row(y)[x])
						}
					}
				}
			}
		}
	}
}
