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
	w, h, f := planes.PoolFSize(s.W, s.H)
	sc := &scorer{w: w, h: h, f: f, c: s.Channels, m: planes.Matrix32(&LHM, 1)}
	row := func() []float32 { return make([]float32, w) }
	for i := range sc.pool {
		for ch := range s.Channels {
			sc.pool[i][ch] = row()
		}
	}
	for q := range sc.l {
		for r := range sc.l[q] {
			sc.l[q][r] = row()
		}
	}
	for i := range sc.hm {
		for r := range sc.hm[i] {
			sc.hm[i][r] = [2][]float32{row(), row()}
		}
	}
	for q := range sc.g {
		sc.g[q] = row()
	}
	sc.gcs = row()
	sc.roots = make([]float64, w*h)
	return sc, nil
}

// scorer computes MDSI in one pass over the pictures, row by row: each
// pooled row is made (zero-padded f×f means), converted to LHM, and the
// gradient and GCS rows follow one row behind, so that every intermediate
// row is used while it is in cache. Only the fourth roots of the GCS map
// are kept whole, for the deviation pass.
type scorer struct {
	w, h, f int                // pooled size and pooling factor
	c       int                // channels
	pool    [2][3][]float32    // pooled row of each channel of ref, dist
	l       [3][3][]float32    // L of ref, dist and fused; by row mod 3
	hm      [2][2][2][]float32 // H and M of ref, dist; by row mod 2
	g       [3][]float32       // gradient magnitudes of one row
	gcs     []float32          // one row of the GCS map
	roots   []float64          // signed fourth roots of the GCS map
	m       [9]float32
}

// poolRow makes pooled row i of every channel of picture pic on the byte
// scale (k = 255/peak), zero-padded as step 1 of the package comment
// says, and its L, H, M.
func (sc *scorer) poolRow(pic *frame.Picture, i, p int, k float32) {
	pad := (sc.f - 1) / 2
	rows := sc.pool[p]
	for ch, s := range pic.Planes {
		d := rows[ch]
		// Output row 0 of a plane whose top padding is pad − f·i is row i.
		simd.PoolBoxPlane(d, sc.w, sc.w, 1, s.Data, s.Stride, s.W, s.H, sc.f, pad-sc.f*i, pad)
		if k != 1 {
			simd.ColorScaleRow(d, d, k)
		}
	}
	r, g, b := rows[0], rows[0], rows[0]
	if len(pic.Planes) == 3 {
		g, b = rows[1], rows[2]
	}
	hm := &sc.hm[p][i%2]
	simd.Mat3Row(sc.l[p][i%3], hm[0], hm[1], r, g, b, &sc.m)
}

// gcsRow computes row y of the GCS map from the L rings (rows y−1 … y+1
// made), stores its fourth roots and returns their sums. The gradient kernels
// prefetch the source rows of the first planes of ref and dist that
// pooled row y+2 reads (the row made next).
func (sc *scorer) gcsRow(ws *metrics.Workspace, y int) (re, im float64) {
	win := func(q, y int) []float32 {
		if y < 0 || y >= sc.h {
			return nil
		}
		return sc.l[q][y%3]
	}
	top := sc.f*(y+2) - (sc.f-1)/2 // first source row of pooled row y+2
	next := [3][]float32{ws.Ref.Planes[0].Rows(top, top+sc.f), ws.Dist.Planes[0].Rows(top, top+sc.f)}
	for q := range sc.g {
		simd.GradMagWindowRow(sc.g[q], win(q, y-1), win(q, y), win(q, y+1), next[q], planes.PrewittEdge, planes.PrewittCenter)
	}
	// PIQ's x is the distorted picture, y the reference.
	gy, gx, gf := sc.g[0], sc.g[1], sc.g[2]
	hy, my := sc.hm[0][y%2][0], sc.hm[0][y%2][1]
	hx, mx := sc.hm[1][y%2][0], sc.hm[1][y%2][1]
	simd.MDSIRow(sc.gcs, gx, gy, gf, hx, hy, mx, my, C1, C2, C3, Alpha)
	return simd.QuarterRootsRow(sc.roots[y*sc.w:(y+1)*sc.w], sc.gcs)
}

func (sc *scorer) Score(ws *metrics.Workspace, out []float64) error {
	if len(ws.Ref.Planes) != sc.c || len(ws.Dist.Planes) != sc.c {
		return fmt.Errorf("mdsi: scorer made for %d channels got %d and %d", sc.c, len(ws.Ref.Planes), len(ws.Dist.Planes))
	}
	k := float32(255 / ws.Peak)
	var re, im float64
	for i := range sc.h {
		sc.poolRow(ws.Ref, i, 0, k)
		sc.poolRow(ws.Dist, i, 1, k)
		simd.AvgRow(sc.l[2][i%3], sc.l[1][i%3], sc.l[0][i%3])
		if i > 0 {
			a, b := sc.gcsRow(ws, i-1)
			re, im = re+a, im+b
		}
	}
	a, b := sc.gcsRow(ws, sc.h-1)
	re, im = re+a, im+b
	n := float64(len(sc.roots))
	re, im = re/n, im/n
	var dev float64
	for y := range sc.h {
		dev += simd.QuarterRootDevSumF64(sc.roots[y*sc.w:(y+1)*sc.w], re, im)
	}
	out[0] = math.Pow(dev/n, O)
	return nil
}
