package psnr

import (
	"fmt"
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// Descriptor registers the psnr metric.
var Descriptor = &metrics.Descriptor{
	Name:           "psnr",
	Doc:            "peak signal-to-noise ratio (PIQ definition; plus per-plane psnr_y/cb/cr on YUV video)",
	Outputs:        []string{"psnr", "psnr_y", "psnr_cb", "psnr_cr"},
	Range:          "[0, 80] dB (psnr); psnr_y/cb/cr are finite but unbounded",
	HigherIsBetter: true,
	Options: []metrics.Option{
		{Key: "grayscale", Default: "false", Doc: "convert RGB to 0.299R+0.587G+0.114B before psnr (PIQ convert_to_greyscale)"},
	},
	New: New,
}

// New returns the psnr metric configured by opts (key "grayscale").
func New(opts map[string]string) (metrics.Metric, error) {
	g, err := metrics.BoolOption(opts, "grayscale")
	if err != nil {
		return nil, err
	}
	return &Metric{Grayscale: g}, nil
}

// Metric is the psnr metric.
type Metric struct {
	// Grayscale converts RGB pictures to luma before the MSE.
	Grayscale bool
}

// Name returns "psnr".
func (m *Metric) Name() string { return "psnr" }

// Outputs returns psnr, plus psnr_y, psnr_cb, psnr_cr when the source is
// YUV video.
func (m *Metric) Outputs(s metrics.Shape) []string {
	if s.Source == frame.YUV {
		return []string{"psnr", "psnr_y", "psnr_cb", "psnr_cr"}
	}
	return []string{"psnr"}
}

// NewScorer returns a scorer for pictures of shape s. PSNR works on
// pictures of any size of at least one sample.
func (m *Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < 1 || s.H < 1 {
		return nil, &metrics.SizeError{Metric: "psnr", W: s.W, H: s.H, MinW: 1, MinH: 1}
	}
	if s.Channels != 1 && s.Channels != 3 {
		return nil, fmt.Errorf("psnr: %d channels: want 1 or 3", s.Channels)
	}
	return &scorer{gray: m.Grayscale && s.Channels == 3, planes: s.Source == frame.YUV}, nil
}

type scorer struct {
	gray   bool // RGB → luma first
	planes bool // also write psnr_y, psnr_cb, psnr_cr
}

func (sc *scorer) Score(ws *metrics.Workspace, out []float64) error {
	ref, dist := ws.Ref, ws.Dist
	if len(ref.Planes) != len(dist.Planes) {
		return fmt.Errorf("psnr: %d vs %d channels", len(ref.Planes), len(dist.Planes))
	}
	peak := ws.Peak
	var mse float64
	switch {
	case sc.gray:
		mse = sseGray(ref.Planes, dist.Planes) / float64(ref.Width()*ref.Height())
	default:
		var sse float64
		n := 0
		for i := range ref.Planes {
			sse += SSE(ref.Planes[i], dist.Planes[i])
			n += ref.Planes[i].W * ref.Planes[i].H
		}
		mse = sse / float64(n)
	}
	out[0] = -10 * math.Log10(mse/(peak*peak)+1e-8)
	if !sc.planes {
		return nil
	}
	sr, sd := ws.SrcRef, ws.SrcDist
	if len(sr.Planes) < 3 || len(sd.Planes) < 3 {
		return fmt.Errorf("psnr: source is not a 3-plane YUV picture")
	}
	for i := 0; i < 3; i++ {
		a, b := sr.Planes[i], sd.Planes[i]
		n := float64(a.W * a.H)
		var sse float64
		if i == 0 && !sc.gray && len(ref.Planes) == 1 && samePlane(a, ref.Planes[0]) && samePlane(b, dist.Planes[0]) {
			sse = mse * n // the metric sees the Y plane itself: reuse its error
		} else {
			sse = SSE(a, b)
		}
		out[1+i] = planePSNR(sse, n, peak)
	}
	return nil
}

// samePlane reports whether a and b are the same samples.
func samePlane(a, b frame.Plane) bool {
	return a.W == b.W && a.H == b.H && a.Stride == b.Stride && len(a.Data) > 0 && len(b.Data) > 0 && &a.Data[0] == &b.Data[0]
}

// PlanePSNR returns 10·log10(peak²/MSE) of two planes of the same size,
// with the finite value for MSE = 0 described in the package doc.
func PlanePSNR(a, b frame.Plane, peak float64) float64 {
	return planePSNR(SSE(a, b), float64(a.W*a.H), peak)
}

func planePSNR(sse, n, peak float64) float64 {
	if sse == 0 {
		sse = 0.5
	}
	return 10 * math.Log10(peak*peak*n/sse)
}

// SSE returns the sum of squared differences of two planes of the same
// size, accumulated in float64 (simd.SSERow on every row). The
// differences of float32 code values up to 16 bits are exact in float32;
// the squares and sums are taken in float64.
func SSE(a, b frame.Plane) float64 {
	var sum float64
	for y := 0; y < a.H; y++ {
		sum += simd.SSERow(a.Row(y), b.Row(y)[:a.W])
	}
	return sum
}

// sseGray returns the squared error of the 0.299R+0.587G+0.114B luma of
// two RGB pictures, computed in float64.
func sseGray(ref, dist []frame.Plane) float64 {
	var sum float64
	for y := 0; y < ref[0].H; y++ {
		r0, g0, b0 := ref[0].Row(y), ref[1].Row(y), ref[2].Row(y)
		r1, g1, b1 := dist[0].Row(y), dist[1].Row(y), dist[2].Row(y)
		for x := range r0 {
			l0 := 0.299*float64(r0[x]) + 0.587*float64(g0[x]) + 0.114*float64(b0[x])
			l1 := 0.299*float64(r1[x]) + 0.587*float64(g1[x]) + 0.114*float64(b1[x])
			d := l0 - l1
			sum += d * d
		}
	}
	return sum
}
