package ssim

import (
	"fmt"
	"strconv"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
)

// Descriptor registers ssim.
var Descriptor = &metrics.Descriptor{
	Name:           "ssim",
	Doc:            "structural similarity (PIQ): Gaussian 11x11 σ=1.5, auto-downsampled, mean over channels",
	Outputs:        []string{"ssim"},
	Range:          "[0, 1]",
	HigherIsBetter: true,
	Options: []metrics.Option{
		{Key: "downsample", Default: "true", Doc: "average-pool by max(1, round(min(H,W)/256)) first, as PIQ does"},
		{Key: "kernel_size", Default: "11", Doc: "Gaussian window size (odd)"},
		{Key: "kernel_sigma", Default: "1.5", Doc: "Gaussian window standard deviation"},
		{Key: "k1", Default: "0.01", Doc: "luminance constant: C1 = (k1·peak)²"},
		{Key: "k2", Default: "0.03", Doc: "contrast constant: C2 = (k2·peak)²"},
	},
	New: New,
}

// Params are the parameters of SSIM.
type Params struct {
	Downsample bool
	KernelSize int
	Sigma      float64
	K1, K2     float64
}

// DefaultParams are PIQ's defaults.
var DefaultParams = Params{Downsample: true, KernelSize: 11, Sigma: 1.5, K1: 0.01, K2: 0.03}

// New configures ssim from its options (see Descriptor).
func New(opts map[string]string) (metrics.Metric, error) {
	p := DefaultParams
	var err error
	if _, ok := opts["downsample"]; ok {
		if p.Downsample, err = metrics.BoolOption(opts, "downsample"); err != nil {
			return nil, err
		}
	}
	if v, ok := opts["kernel_size"]; ok {
		if p.KernelSize, err = strconv.Atoi(v); err != nil || p.KernelSize < 1 || p.KernelSize%2 == 0 {
			return nil, fmt.Errorf("kernel_size=%q is not an odd positive integer", v)
		}
	}
	for _, f := range []struct {
		key string
		dst *float64
	}{{"kernel_sigma", &p.Sigma}, {"k1", &p.K1}, {"k2", &p.K2}} {
		if v, ok := opts[f.key]; ok {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || !(x > 0) {
				return nil, fmt.Errorf("%s=%q is not a positive number", f.key, v)
			}
			*f.dst = x
		}
	}
	return Metric{p}, nil
}

// Metric is SSIM with fixed parameters.
type Metric struct{ P Params }

// Name returns "ssim".
func (Metric) Name() string { return "ssim" }

// Outputs returns ["ssim"].
func (Metric) Outputs(metrics.Shape) []string { return []string{"ssim"} }

// NewScorer allocates the scratch for pictures of shape s, or returns a
// *metrics.SizeError if the (pooled) pictures are smaller than the window.
func (m Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	f := 1
	if m.P.Downsample {
		f = planes.PoolFactor(s.W, s.H) // PIQ's max(1, round(min(H, W)/256))
	}
	k := m.P.KernelSize
	w, h := s.W/f, s.H/f
	if w < k || h < k {
		e := &metrics.SizeError{Metric: "ssim", W: s.W, H: s.H, MinW: k, MinH: k}
		if f > 1 {
			e.Detail = fmt.Sprintf("after average pooling by %d", f)
		}
		return nil, e
	}
	sc := &scorer{
		f:   f,
		c1:  (m.P.K1 * s.Peak) * (m.P.K1 * s.Peak),
		c2:  (m.P.K2 * s.Peak) * (m.P.K2 * s.Peak),
		win: NewWindow(w, k, m.P.Sigma),
	}
	if f > 1 {
		sc.px, sc.py = frame.NewPlane(w, h), frame.NewPlane(w, h)
		sc.tmp = poolScratch(s.W, s.H, f)
	}
	return sc, nil
}

type scorer struct {
	f      int
	c1, c2 float64
	win    *Window
	px, py frame.Plane // pooled pictures when f > 1
	tmp    frame.Plane // pooling scratch
}

// Score writes the mean over channels of the per-channel SSIM.
func (s *scorer) Score(ws *metrics.Workspace, out []float64) error {
	var sum float64
	n := len(ws.Ref.Planes)
	for c := 0; c < n; c++ {
		x, y := ws.Ref.Planes[c], ws.Dist.Planes[c]
		if s.f > 1 {
			Pool(s.px, x, s.tmp, s.f)
			Pool(s.py, y, s.tmp, s.f)
			x, y = s.px, s.py
		}
		sum += s.win.SSIMMean(x, y, s.c1, s.c2)
	}
	out[0] = sum / float64(n)
	return nil
}
