package mdsi

import (
	"fmt"
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
	"github.com/fr-metrics/fr-metrics/simd"
)

// MDSI constants (PIQ defaults, combination "sum").
const (
	C1    = 140  // gradient similarity constant
	C2    = 55   // gradient similarity to the fused image
	C3    = 550  // chromaticity similarity constant
	Alpha = 0.6  // weight of the gradient term
	Q     = 0.25 // power of the complex map
	O     = 0.25 // power of the pooled deviation
)

// LHM is the RGB → LHM matrix of MDSI, row-major.
var LHM = [9]float64{
	0.2989, 0.587, 0.114,
	0.30, 0.04, -0.35,
	0.34, -0.60, 0.17,
}

// Descriptor registers the mdsi metric.
var Descriptor = &metrics.Descriptor{
	Name:           "mdsi",
	Doc:            "mean deviation similarity index (PIQ definition, x = distorted, y = reference), lower is better",
	Outputs:        []string{"mdsi"},
	Range:          "[0, 1], 0 = identical",
	HigherIsBetter: false,
	New:            func(map[string]string) (metrics.Metric, error) { return Metric{}, nil },
}

// Metric is the mdsi metric.
type Metric struct{}

// Name returns "mdsi".
func (Metric) Name() string { return "mdsi" }

// Outputs returns mdsi.
func (Metric) Outputs(metrics.Shape) []string { return []string{"mdsi"} }

// NewScorer returns a scorer for gray or RGB pictures of any size.
func (Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < 1 || s.H < 1 {
		return nil, &metrics.SizeError{Metric: "mdsi", W: s.W, H: s.H, MinW: 1, MinH: 1}
	}
	if s.Channels != 1 && s.Channels != 3 {
		return nil, fmt.Errorf("mdsi: %d channels: want 1 or 3", s.Channels)
	}
	w, h, _ := planes.PoolFSize(s.W, s.H)
	sc := &scorer{}
	for i := range sc.lhm {
		sc.lhm[i] = frame.NewPlane(w, h)
	}
	for i := range sc.g {
		sc.g[i] = frame.NewPlane(w, h)
	}
	sc.fused = frame.NewPlane(w, h)
	sc.gcs = frame.NewPlane(w, h)
	sc.m = planes.Matrix32(&LHM, 1)
	return sc, nil
}

type scorer struct {
	lhm   [6]frame.Plane // L, H, M of ref, then of dist
	g     [3]frame.Plane // gradient magnitudes of ref, dist and the fused L
	fused frame.Plane
	gcs   frame.Plane
	m     [9]float32
}

func (sc *scorer) Score(ws *metrics.Workspace, out []float64) error {
	pr, pd, _, err := planes.PoolF(ws)
	if err != nil {
		return err
	}
	for i, p := range [2][]frame.Plane{pr, pd} {
		r, g, b := p[0], p[0], p[0]
		if len(p) == 3 {
			g, b = p[1], p[2]
		}
		l, h, m := sc.lhm[3*i], sc.lhm[3*i+1], sc.lhm[3*i+2]
		for y := range l.H {
			simd.Mat3Row(l.Row(y), h.Row(y), m.Row(y), r.Row(y), g.Row(y), b.Row(y), &sc.m)
		}
	}
	lr, ld := sc.lhm[0], sc.lhm[3]
	for y := range lr.H {
		simd.AvgRow(sc.fused.Row(y), ld.Row(y), lr.Row(y))
	}
	for i, l := range [3]frame.Plane{lr, ld, sc.fused} {
		simd.GradMagPlane(sc.g[i].Data, sc.g[i].Stride, l.Data, l.Stride, l.W, l.H, planes.PrewittEdge, planes.PrewittCenter)
	}
	// PIQ's x is the distorted picture, y the reference.
	gy, gx, gf := sc.g[0], sc.g[1], sc.g[2]
	hy, my, hx, mx := sc.lhm[1], sc.lhm[2], sc.lhm[4], sc.lhm[5]
	gcs := sc.gcs
	var re, im float64
	for y := range gcs.H {
		simd.MDSIRow(gcs.Row(y), gx.Row(y), gy.Row(y), gf.Row(y), hx.Row(y), hy.Row(y), mx.Row(y), my.Row(y), C1, C2, C3, Alpha)
		a, b := simd.QuarterRootSum(gcs.Row(y))
		re, im = re+a, im+b
	}
	n := float64(gcs.W * gcs.H)
	re, im = re/n, im/n
	var dev float64
	for y := range gcs.H {
		dev += simd.QuarterRootDevSum(gcs.Row(y), re, im)
	}
	out[0] = math.Pow(dev/n, O)
	return nil
}
