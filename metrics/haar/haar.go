package haar

import (
	"fmt"
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/planes"
	"github.com/fr-metrics/fr-metrics/simd"
)

// HaarPSI constants (PIQ defaults).
const (
	C       = 30  // similarity constant
	Alpha   = 4.2 // logistic slope
	MinSize = 16  // 2^(scales+1): smallest width and height accepted

	border = 4 // zero border of the padded luma: half the coarsest kernel
	eps    = 2.220446049250313e-16
)

// Descriptor registers the haarpsi metric.
var Descriptor = &metrics.Descriptor{
	Name:           "haarpsi",
	Doc:            "Haar wavelet-based perceptual similarity index (PIQ definition)",
	Outputs:        []string{"haarpsi"},
	Range:          "[0, 1], 1 = identical",
	HigherIsBetter: true,
	New:            func(map[string]string) (metrics.Metric, error) { return Metric{}, nil },
}

// Metric is the haarpsi metric.
type Metric struct{}

// Name returns "haarpsi".
func (Metric) Name() string { return "haarpsi" }

// Outputs returns haarpsi.
func (Metric) Outputs(metrics.Shape) []string { return []string{"haarpsi"} }

// NewScorer returns a scorer for gray or RGB pictures of at least 16×16.
func (Metric) NewScorer(s metrics.Shape) (metrics.Scorer, error) {
	if s.W < MinSize || s.H < MinSize {
		return nil, &metrics.SizeError{Metric: "haarpsi", W: s.W, H: s.H, MinW: MinSize, MinH: MinSize}
	}
	if s.Channels != 1 && s.Channels != 3 {
		return nil, fmt.Errorf("haarpsi: %d channels: want 1 or 3", s.Channels)
	}
	w, h := simd.Pool2ZeroSize(s.W, s.H)
	sc := &scorer{w: w, h: h, color: s.Channels == 3}
	for i := range sc.q {
		for lvl, n := range [3]int{w + 2*border, w + 2*border - 1, w + 2*border - 3} {
			for k := range sc.q[i][lvl] {
				sc.q[i][lvl][k] = make([]float32, n)
			}
		}
	}
	if sc.color {
		for c := range sc.iq {
			for k := range sc.iq[c] {
				sc.iq[c][k] = make([]float32, w+1)
			}
		}
	}
	sc.rows = make([]float32, 20*w)
	return sc, nil
}

type scorer struct {
	w, h  int
	color bool
	// Rings of the last ring rows of the box sums Q_1 (the luma with a
	// zero border), Q_2 and Q_4 of ref and dist, indexed by padded row
	// mod ring: only a few rows are live at a time, so they stay in cache.
	q [2][3][ring][]float32
	// Rings of two rows of I and Q of ref and dist, each with a zero
	// sample at the right (the zero padding of the 2×2 chroma mean).
	iq   [4][2][]float32
	rows []float32 // row scratch
}

// ring is the number of rows kept per box-sum level (a power of two
// larger than the 5 rows each level has live).
const ring = 8

// q1 loads padded row p of Q_1 (luma row p−border, or zeros) for image i.
func (sc *scorer) q1(i, p int, y frame.Plane) {
	dst := sc.q[i][0][p%ring]
	if r := p - border; r >= 0 && r < sc.h {
		copy(dst[border:border+sc.w], y.Row(r))
	} else {
		clear(dst)
	}
}

// box computes padded row p of level lvl (Q_2 or Q_4) from level lvl−1.
func (sc *scorer) box(i, lvl, p int) {
	m := 1 << (lvl - 1)
	q := &sc.q[i]
	simd.HaarBoxRow(q[lvl][p%ring], q[lvl-1][p%ring], q[lvl-1][(p+m)%ring], m)
}

// chroma loads row r of I and Q of both images (zeros below the picture).
func (sc *scorer) chroma(r int, src *[4]frame.Plane) {
	for c := range sc.iq {
		dst := sc.iq[c][r%2]
		if r < sc.h {
			copy(dst[:sc.w], src[c].Row(r))
		} else {
			clear(dst)
		}
	}
}

func (sc *scorer) Score(ws *metrics.Workspace, out []float64) error {
	pr, pd, err := planes.YIQPool2(ws)
	if err != nil {
		return err
	}
	w, h := sc.w, sc.h
	lumas := [2]frame.Plane{pr[0], pd[0]}
	// Prime the rings: Q_1 rows 0..8, Q_2 rows 0..7, Q_4 rows 0..5 (row r
	// of the output needs Q_1 rows r+4, r+5, Q_2 rows r+3, r+5 and Q_4
	// rows r+1, r+5 in padded coordinates).
	for i, y := range lumas {
		for p := 0; p <= 8; p++ {
			sc.q1(i, p, y)
		}
		for p := 0; p <= 7; p++ {
			sc.box(i, 1, p)
		}
		for p := 0; p <= 5; p++ {
			sc.box(i, 2, p)
		}
	}
	var iq [4]frame.Plane
	if sc.color {
		if len(pr) != 3 || len(pd) != 3 {
			return fmt.Errorf("haarpsi: scorer made for RGB got %d channels", len(pr))
		}
		iq = [4]frame.Plane{pr[1], pr[2], pd[1], pd[2]}
		sc.chroma(0, &iq)
	}
	rows := sc.rows
	row := func(k int) []float32 { return rows[k*w : (k+1)*w] }
	// Responses: [image][scale][orientation].
	var resp [2][3][2][]float32
	k := 0
	for i := range resp {
		for s := range resp[i] {
			for o := range resp[i][s] {
				resp[i][s][o] = row(k)
				k++
			}
		}
	}
	lh, lv, wh, wv := row(12), row(13), row(14), row(15)
	var ch [4][]float32
	for i := range ch {
		ch[i] = row(16 + i)
	}
	var num, den float64
	for r := range h {
		for i, y := range lumas {
			if r > 0 {
				sc.q1(i, r+8, y)
				sc.box(i, 1, r+7)
				sc.box(i, 2, r+5)
			}
			for s := range 3 {
				m := 1 << s
				off := border - m + 1
				top, bot := sc.q[i][s][(r-m+1+border)%ring], sc.q[i][s][(r+1+border)%ring]
				simd.HaarRespRow(resp[i][s][0], resp[i][s][1], top[off:], bot[off:], m, float32(1/float64(2*m)))
			}
		}
		simd.Similarity2Row(lh, resp[0][0][0], resp[1][0][0], resp[0][1][0], resp[1][1][0], C)
		simd.Similarity2Row(lv, resp[0][0][1], resp[1][0][1], resp[0][1][1], resp[1][1][1], C)
		simd.MaxRow(wh, resp[0][2][0], resp[1][2][0])
		simd.MaxRow(wv, resp[0][2][1], resp[1][2][1])
		n, d := simd.LogisticPoolRow(lh, wh, Alpha)
		num, den = num+n, den+d
		n, d = simd.LogisticPoolRow(lv, wv, Alpha)
		num, den = num+n, den+d
		if sc.color {
			sc.chroma(r+1, &iq)
			for c := range ch {
				simd.Box2AbsRow(ch[c], sc.iq[c][r%2], sc.iq[c][(r+1)%2])
			}
			// Reuse lh and wh for the chroma map and its weight.
			simd.Similarity2Row(lh, ch[0], ch[2], ch[1], ch[3], C)
			simd.AvgRow(wh, wh, wv)
			n, d = simd.LogisticPoolRow(lh, wh, Alpha)
			num, den = num+n, den+d
		}
	}
	// num = Σ W·σ(−αL) = Σ W − Σ W·σ(αL), so 1 − p = (num + ...)/(den + eps).
	p1 := num / (den + eps)              // 1 − p
	p := (den - num + eps) / (den + eps) // p
	out[0] = math.Pow(math.Log(p/p1)/Alpha, 2)
	return nil
}
