package mdsi

import (
	"math/rand/v2"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
	"github.com/fr-metrics/fr-metrics/simd"
)

// TestPoolRow checks that the rows the single pass pools are exactly the
// planes of poolF, for pooling factors 1, 2 and 3, gray and RGB
// pictures, 8- and 10-bit samples.
func TestPoolRow(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, sz := range [][2]int{{40, 23}, {401, 390}, {700, 650}} {
		for _, c := range []int{1, 3} {
			for _, bits := range []int{8, 10} {
				w, h := sz[0], sz[1]
				pic := func() *frame.Picture {
					p := &frame.Picture{Kind: frame.Gray, BitDepth: bits}
					if c == 3 {
						p.Kind = frame.RGB
					}
					for range c {
						pl := frame.NewPlane(w, h)
						for y := range h {
							for x := range pl.Row(y) {
								pl.Row(y)[x] = float32(r.IntN(1 << bits))
							}
						}
						p.Planes = append(p.Planes, pl)
					}
					return p
				}
				ref, dist := pic(), pic()
				ws := metrics.NewWorkspace()
				ws.Set(ref, dist, ref, dist, ref.Peak())
				pr, pd, f := poolF(ws)
				s, err := Metric{}.NewScorer(metrics.ShapeOf(ref, dist))
				if err != nil {
					t.Fatal(err)
				}
				sc := s.(*scorer)
				if sc.f != f || sc.w != pr[0].W || sc.h != pr[0].H {
					t.Fatalf("%dx%d: scorer pools %dx%d f=%d, poolF %dx%d f=%d", w, h, sc.w, sc.h, sc.f, pr[0].W, pr[0].H, f)
				}
				k := float32(255 / ws.Peak)
				for i := range sc.h {
					for p, want := range [2][]frame.Plane{pr, pd} {
						sc.poolRow([2]*frame.Picture{ref, dist}[p], i, p, k)
						for ch := range c {
							for x, v := range want[ch].Row(i) {
								if got := sc.pool[p][ch][x]; got != v {
									t.Fatalf("%dx%d c=%d %d-bit f=%d: picture %d channel %d (%d,%d) = %v, want %v", w, h, c, bits, f, p, ch, x, i, got, v)
								}
							}
						}
					}
				}
			}
		}
	}
}

// poolF is the plain reference of TestPoolRow: every channel of the
// reference and distorted pictures on the byte scale, pooled f×f with zero
// padding ((f−1)/2 rows and columns on the top and left, f/2 on the bottom
// and right) with f from planes.PoolFSize, one whole plane per channel for
// each picture.
func poolF(ws *metrics.Workspace) (ref, dist []frame.Plane, f int) {
	ow, oh, f := planes.PoolFSize(ws.Ref.Width(), ws.Ref.Height())
	pad := (f - 1) / 2
	k := float32(255 / ws.Peak)
	var out [2][]frame.Plane
	for i, pic := range [2]*frame.Picture{ws.Ref, ws.Dist} {
		for _, s := range pic.Planes {
			d := frame.NewPlane(ow, oh)
			simd.PoolBoxPlane(d.Data, d.Stride, ow, oh, s.Data, s.Stride, s.W, s.H, f, pad, pad)
			if k != 1 {
				for y := range oh {
					simd.ColorScaleRow(d.Row(y), d.Row(y), k)
				}
			}
			out[i] = append(out[i], d)
		}
	}
	return out[0], out[1], f
}
