package msssim

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/ssim"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Weights are the scale weights of MS-SSIM, finest first.
var Weights = [Scales]float64{0.0448, 0.2856, 0.3001, 0.2363, 0.1333}

// Scales is the number of scales.
const Scales = 5

// MinSize is the smallest height and width MS-SSIM accepts:
// (11−1)·2⁴ + 1, so that the coarsest scale still holds one window.
const MinSize = 161

// Descriptor registers ms_ssim.
var Descriptor = &metrics.Descriptor{
	Name:           "ms_ssim",
	Doc:            "multi-scale structural similarity (PIQ): 5 scales, mean over channels",
	Outputs:        []string{"ms_ssim"},
	Range:          "[0, 1]",
	HigherIsBetter: true,
	New:            func(map[string]string) (metrics.Metric, error) { return Metric{}, nil },
}

// Metric is MS-SSIM with PIQ's parameters.
type Metric struct{}

// Name returns "ms_ssim".
func (Metric) Name() string { return "ms_ssim" }

// Outputs returns ["ms_ssim"].
func (Metric) Outputs(metrics.Shape) []string { return []string{"ms_ssim"} }

// NewScorer allocates the scales' planes for pictures of shape s, or
// returns a *metrics.SizeError if they are smaller than MinSize.
func (Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < MinSize || s.H < MinSize {
		return nil, &metrics.SizeError{Metric: "ms_ssim", W: s.W, H: s.H, MinW: MinSize, MinH: MinSize}
	}
	p := ssim.DefaultParams
	sc := &scorer{
		c1:  (p.K1 * s.Peak) * (p.K1 * s.Peak),
		c2:  (p.K2 * s.Peak) * (p.K2 * s.Peak),
		win: ssim.NewWindow(s.W, p.KernelSize, p.Sigma),
	}
	sc.read = sc.poolRows // once: a method value made per call would allocate
	w, h := s.W, s.H
	for l := 1; l < Scales; l++ {
		w, h = Next(w, h)
		sc.x[l], sc.y[l] = frame.NewPlane(w, h), frame.NewPlane(w, h)
	}
	return sc, nil
}

type scorer struct {
	c1, c2 float64
	win    *ssim.Window
	x, y   [Scales]frame.Plane // scales 1..4 (0 is the input)
	read   func(rows int)      // poolRows
	l      int                 // the scale being filtered
	next   int                 // its next row to pool into scale l+1
}

// Score writes the mean over channels of the per-channel MS-SSIM.
func (s *scorer) Score(ws *metrics.Workspace, out []float64) error {
	var sum float64
	n := len(ws.Ref.Planes)
	for c := 0; c < n; c++ {
		sum += s.channel(ws.Ref.Planes[c], ws.Dist.Planes[c])
	}
	out[0] = sum / float64(n)
	return nil
}

// channel returns the MS-SSIM of one plane pair.
func (s *scorer) channel(x, y frame.Plane) float64 {
	s.x[0], s.y[0] = x, y
	v := 1.0
	for l := 0; l < Scales; l++ {
		var cs float64
		if l < Scales-1 {
			// The next scale is pooled strip by strip while the
			// filter's input rows are still in cache.
			s.l, s.next = l, 0
			cs = s.win.CSMeanEach(s.x[l], s.y[l], s.c2, s.read)
		} else {
			cs = s.win.SSIMMean(s.x[l], s.y[l], s.c1, s.c2) // the SSIM at the last scale
		}
		v *= math.Pow(max(cs, 0), Weights[l])
	}
	s.x[0], s.y[0] = frame.Plane{}, frame.Plane{}
	return v
}

// poolRows pools into scale l+1 every row of it whose input rows of scale
// l are among the first rows.
func (s *scorer) poolRows(rows int) {
	src, dst := s.x[s.l], s.x[s.l+1]
	pad := src.W%2 == 1 || src.H%2 == 1
	for ; s.next < dst.H; s.next++ {
		last := 2*s.next + 1 // the lower of the two rows pooled
		if pad {
			last = 2 * s.next
		}
		if last >= rows {
			return
		}
		downsampleRow(s.x[s.l+1], s.x[s.l], s.next)
		downsampleRow(s.y[s.l+1], s.y[s.l], s.next)
	}
}

// Next returns the size of the scale after one of size w×h.
func Next(w, h int) (int, int) {
	if w%2 == 1 || h%2 == 1 {
		return (w + 1) / 2, (h + 1) / 2
	}
	return w / 2, h / 2
}

// downsampleRow computes row i of the next scale of src into dst (of the
// size Next gives): if either dimension of src is odd, src is first
// padded with one replicated row on top and one replicated column on the
// left; then 2×2 blocks are averaged.
func downsampleRow(dst, src frame.Plane, i int) {
	d := dst.Row(i)
	if src.W%2 == 0 && src.H%2 == 0 {
		simd.Pool2Row(d, src.Row(2*i), src.Row(2*i+1))
		return
	}
	a, b := src.Row(max(2*i-1, 0)), src.Row(2*i)
	d[0] = ((a[0] + b[0]) + (a[0] + b[0])) * 0.25
	simd.Pool2Row(d[1:], a[1:], b[1:])
}
