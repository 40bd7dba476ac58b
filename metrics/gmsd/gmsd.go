package gmsd

import (
	"fmt"
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
	"github.com/fr-metrics/fr-metrics/simd"
)

// T is the stability constant of the similarity map on the byte scale.
const T = 170

// Descriptor registers the gmsd metric.
var Descriptor = &metrics.Descriptor{
	Name:           "gmsd",
	Doc:            "gradient magnitude similarity deviation (PIQ definition), lower is better",
	Outputs:        []string{"gmsd"},
	Range:          "[0, 1], 0 = identical",
	HigherIsBetter: false,
	New:            func(map[string]string) (metrics.Metric, error) { return Metric{}, nil },
}

// Metric is the gmsd metric.
type Metric struct{}

// Name returns "gmsd".
func (Metric) Name() string { return "gmsd" }

// Outputs returns gmsd.
func (Metric) Outputs(metrics.Shape) []string { return []string{"gmsd"} }

// NewScorer returns a scorer for pictures of shape s (any size of at least
// one pixel; gray or RGB).
func (Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < 1 || s.H < 1 {
		return nil, &metrics.SizeError{Metric: "gmsd", W: s.W, H: s.H, MinW: 1, MinH: 1}
	}
	if s.Channels != 1 && s.Channels != 3 {
		return nil, fmt.Errorf("gmsd: %d channels: want 1 or 3", s.Channels)
	}
	w, _ := simd.Pool2ZeroSize(s.W, s.H)
	return &scorer{sm: newSimMap(w)}, nil
}

type scorer struct {
	sm *simMap
}

// Score computes the similarity map of the Prewitt magnitudes of the
// pooled luma row by row, fused with the gradients (no gradient planes are
// stored): with no masking term, S = (2·|∇r|·|∇d| + T)/(|∇r|² + |∇d|² + T).
// The map reads the shared pooled planes (planes.YIQPool2). When no other
// metric has made them for this pair yet and the pictures are gray, this
// pass makes them itself, one row ahead of the similarity rows, so each
// picture is read once and the pooled rows are used while in cache.
func (sc *scorer) Score(ws *metrics.Workspace, out []float64) error {
	if len(ws.Ref.Planes) == 1 && len(ws.Dist.Planes) == 1 {
		pr, pd, fresh := planes.ClaimYIQPool2Gray(ws)
		var r, d frame.Plane
		if fresh {
			r, d = ws.Ref.Planes[0], ws.Dist.Planes[0]
		}
		out[0] = sc.grayDeviation(pr, pd, r, d, float32(255/ws.Peak))
		return nil
	}
	r, d, err := planes.YIQPool2(ws)
	if err != nil {
		return err
	}
	out[0] = sc.sm.deviation(r[0], d[0], 0)
	return nil
}

// grayDeviation returns GMSD from the pooled planes pr and pd. When the
// source planes r and d are given (Data != nil), the pooled rows are first
// made from them, each one row ahead of the similarity row that needs it,
// exactly as planes.YIQPool2 makes them (k = 255/peak).
func (sc *scorer) grayDeviation(pr, pd, r, d frame.Plane, k float32) float64 {
	if r.Data == nil {
		return sc.sm.deviation(pr, pd, 0)
	}
	w, h := pr.W, pr.H
	planes.PoolYIQRow(pr, r, 0, k)
	planes.PoolYIQRow(pd, d, 0, k)
	var mo moments
	for y := range h {
		if y+1 < h {
			planes.PoolYIQRow(pr, r, y+1, k)
			planes.PoolYIQRow(pd, d, y+1, k)
		}
		// Prefetch the source rows and the destination of the next
		// pooled row while this similarity row is computed.
		s, q := sc.sm.row(pr, pd, y, 0, r.Rows(2*y+4, 2*y+6), d.Rows(2*y+4, 2*y+6), pr.Rows(y+2, y+3), pd.Rows(y+2, y+3))
		mo.add(w, s, q)
	}
	return mo.std()
}

// MSDescriptor registers the ms_gmsd metric.
var MSDescriptor = &metrics.Descriptor{
	Name:           "ms_gmsd",
	Doc:            "multi-scale GMSD with masking, optional chroma term (PIQ definition), lower is better",
	Outputs:        []string{"ms_gmsd"},
	Range:          "[0, 1], 0 = identical",
	HigherIsBetter: false,
	Options: []metrics.Option{
		{Key: "chromatic", Default: "false", Doc: "add the I/Q colour term of the coarsest scale (RGB input only)"},
	},
	New: NewMS,
}

// NewMS returns the ms_gmsd metric configured by opts (key "chromatic").
func NewMS(opts map[string]string) (metrics.Metric, error) {
	c, err := metrics.BoolOption(opts, "chromatic")
	if err != nil {
		return nil, err
	}
	return MSMetric{Chromatic: c}, nil
}

// MS-GMSD constants.
var (
	// ScaleWeights are the weights of the four scales.
	ScaleWeights = [4]float64{0.096, 0.596, 0.289, 0.019}
)

const (
	// Alpha is the masking term of MS-GMSD's similarity map.
	Alpha = 0.5
	// MinSize is the smallest width and height MS-GMSD accepts: 2^4 + 1.
	MinSize = 17

	beta1, beta2, beta3 = 0.01, 0.32, 15.0
)

// MSMetric is the ms_gmsd metric.
type MSMetric struct {
	// Chromatic adds the colour term (RGB pictures only).
	Chromatic bool
}

// Name returns "ms_gmsd".
func (MSMetric) Name() string { return "ms_gmsd" }

// Outputs returns ms_gmsd.
func (MSMetric) Outputs(metrics.Shape) []string { return []string{"ms_gmsd"} }

// NewScorer returns a scorer for pictures of shape s: at least 17×17;
// chromatic needs RGB pictures.
func (m MSMetric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < MinSize || s.H < MinSize {
		return nil, &metrics.SizeError{Metric: "ms_gmsd", W: s.W, H: s.H, MinW: MinSize, MinH: MinSize}
	}
	if s.Channels != 1 && s.Channels != 3 {
		return nil, fmt.Errorf("ms_gmsd: %d channels: want 1 or 3", s.Channels)
	}
	if m.Chromatic && s.Channels != 3 {
		return nil, fmt.Errorf("ms_gmsd: chromatic=true needs RGB pictures (on video use --color rgb)")
	}
	sc := &msScorer{chromatic: m.Chromatic, sm: newSimMap(s.W)}
	w, h := s.W, s.H
	for i := range sc.yr {
		if i > 0 {
			w, h = simd.Pool2ZeroSize(w, h)
		}
		if i >= 2 {
			sc.yr[i], sc.yd[i] = frame.NewPlane(w, h), frame.NewPlane(w, h)
			if m.Chromatic {
				for k := range sc.iq[i] {
					sc.iq[i][k] = frame.NewPlane(w, h)
				}
			}
		}
	}
	return sc, nil
}

type msScorer struct {
	chromatic bool
	sm        *simMap
	yr, yd    [4]frame.Plane    // pooled luma of scales 2 and 3
	iq        [4][4]frame.Plane // Ir, Qr, Id, Qd (scales 2, 3, chromatic)
}

func (sc *msScorer) Score(ws *metrics.Workspace, out []float64) error {
	var d [4]float64
	// Scale 0: full resolution.
	lr, ld, err := planes.Luma(ws)
	if err != nil {
		return err
	}
	var pr, pd []frame.Plane
	var yr, yd frame.Plane
	if len(ws.Ref.Planes) == 1 && len(ws.Dist.Planes) == 1 {
		// Gray: scale 1 is the shared pooled luma; if no other metric has
		// made it for this pair, pool it while the scale 0 rows are in cache.
		var fresh bool
		yr, yd, fresh = planes.ClaimYIQPool2Gray(ws)
		if fresh {
			d[0] = sc.deviationPool(lr, ld, yr, yd, ws.Ref.Planes[0], ws.Dist.Planes[0], float32(255/ws.Peak))
		} else {
			d[0] = sc.deviation(lr, ld)
		}
	} else {
		d[0] = sc.deviation(lr, ld)
		// Scale 1: the shared half-resolution luma.
		if pr, pd, err = planes.YIQPool2(ws); err != nil {
			return err
		}
		yr, yd = pr[0], pd[0]
	}
	d[1] = sc.deviation(yr, yd)
	// Scales 2 and 3: pool further.
	for s := 2; s < 4; s++ {
		pool(sc.yr[s], yr)
		pool(sc.yd[s], yd)
		yr, yd = sc.yr[s], sc.yd[s]
		d[s] = sc.deviation(yr, yd)
	}
	var msg float64
	for s, w := range ScaleWeights {
		msg += w * d[s] * d[s]
	}
	msg = math.Sqrt(msg)
	if !sc.chromatic {
		out[0] = msg
		return nil
	}
	if len(pr) != 3 || len(pd) != 3 {
		return fmt.Errorf("ms_gmsd: chromatic=true needs RGB pictures")
	}
	src := [4]frame.Plane{pr[1], pr[2], pd[1], pd[2]}
	for s := 2; s < 4; s++ {
		for k := range src {
			pool(sc.iq[s][k], src[k])
			src[k] = sc.iq[s][k]
		}
	}
	n := float64(src[0].W * src[0].H)
	var sq float64
	for k := range 2 {
		sq += sumSqDiff(src[k+2], src[k]) / n
	}
	r := math.Sqrt(sq)
	gamma := 2/(1+beta2*math.Exp(-beta3*msg)) - 1
	out[0] = gamma*msg + (1-gamma)*beta1*r
	return nil
}

// deviation returns the standard deviation of the masked similarity map
// of the Prewitt magnitudes of r and d, computed row by row.
func (sc *msScorer) deviation(r, d frame.Plane) float64 {
	return sc.sm.deviation(r, d, Alpha)
}

// deviationPool returns sc.deviation(lr, ld) and, in the same pass, pools
// the gray source planes r and d 2×2 into pr and pd exactly as
// planes.YIQPool2 does (k = 255/peak): each pooled row is made as soon as
// the scale 0 pass has read its two source rows.
func (sc *msScorer) deviationPool(lr, ld, pr, pd, r, d frame.Plane, k float32) float64 {
	w, h := lr.W, lr.H
	var mo moments
	for y := range h {
		s, q := sc.sm.row(lr, ld, y, Alpha, nil, nil, nil, nil)
		mo.add(w, s, q)
		if y%2 == 0 && y < h-1 {
			continue
		}
		planes.PoolYIQRow(pr, r, y/2, k)
		planes.PoolYIQRow(pd, d, y/2, k)
	}
	return mo.std()
}

func pool(dst, src frame.Plane) {
	simd.Pool2ZeroPlane(dst.Data, dst.Stride, src.Data, src.Stride, src.W, src.H)
}

// sumSqDiff returns Σ (a − b)² over two planes of one size, in float64.
func sumSqDiff(a, b frame.Plane) float64 {
	var s float64
	for y := range a.H {
		s += simd.SumSqDiffF64(a.Row(y), b.Row(y))
	}
	return s
}
