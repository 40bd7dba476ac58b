package ssim

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/simd"
)

// The filter works on strips of output rows cut into tiles of TileWidth
// output columns. Each tile of a strip reads (rows+k−1)×(TileWidth+k−1)
// input samples (neighbouring tiles and strips overlap by k−1) and has its
// own shift: the mean subtracted before squaring, so that float32 moments
// stay accurate where brightness varies across the picture. Within a
// tile, the fused vertical pass (simd.SSIMCols6) forms the products of the
// input rows in registers and makes six rows of the four moments at a
// time into a small buffer that stays in L1, which the horizontal pass
// and the SSIM map then read.
const (
	TileWidth = 512
	// strip is the number of output rows that share a tile's shift.
	strip = 30 // a multiple of rowsV
)

// Window computes the mean SSIM and contrast-structure (cs) maps of plane
// pairs with a separable Gaussian window, strip by strip, reusing its
// scratch. It is shared by ssim and msssim. A Window is not safe for
// concurrent use.
type Window struct {
	taps   []float32
	maxW   int
	pw     int          // stride of the vertically filtered rows
	v      []float32    // vertically filtered moments: moment m, row o at (m*rowsV+o)*pw
	h      [4][]float32 // fully filtered moment rows, h[m] at hb[m*hw:]
	hb     []float32
	hw     int
	mx, my []float32   // shift of each tile of the current strip
	tmp    frame.Plane // y copied to x's stride when they differ
	padX   frame.Plane // x and y with rows appended when shorter than
	padY   frame.Plane // Size()+rowsV-1 (one call makes rowsV rows)
}

// NewWindow returns a Window for planes at most maxW samples wide, with a
// size-tap Gaussian of standard deviation sigma normalised to sum 1.
func NewWindow(maxW, size int, sigma float64) *Window {
	w := &Window{taps: Gaussian(size, sigma), maxW: maxW, pw: roundUp(roundUp(TileWidth, vec)+size-1, vec)}
	tiles := max(1, (maxW-size+1+TileWidth-1)/TileWidth)
	w.v = make([]float32, 4*rowsV*w.pw)
	w.hw = roundUp(TileWidth, vec) + vec // not a multiple of 4 KB apart: no false store-to-load dependences
	w.hb = make([]float32, 4*w.hw)
	for m := range w.h {
		w.h[m] = w.hb[m*w.hw : (m+1)*w.hw]
	}
	w.mx, w.my = make([]float32, tiles), make([]float32, tiles)
	return w
}

// vec is the widest vector in float32 lanes. Filtering whole vectors
// keeps the horizontal pass and the SSIM map free of a scalar tail: the
// moment rows are padded to a multiple of vec and the outputs past a
// tile's width are computed and not used.
const vec = 16

// rowsV is the number of output rows one vertical-pass call makes
// (simd.SSIMCols6).
const rowsV = 6

func roundUp(n, m int) int { return (n + m - 1) / m * m }

// Size returns the number of taps of the window.
func (w *Window) Size() int { return len(w.taps) }

// Gaussian returns the size-tap Gaussian of standard deviation sigma,
// centred and normalised to sum 1 (the 1-D factor of PIQ's 2-D window,
// which is its outer product with itself).
func Gaussian(size int, sigma float64) []float32 {
	g := make([]float64, size)
	var s float64
	for i := range g {
		d := float64(i) - float64(size-1)/2
		g[i] = math.Exp(-d * d / (2 * sigma * sigma))
		s += g[i]
	}
	taps := make([]float32, size)
	for i := range g {
		taps[i] = float32(g[i] / s)
	}
	return taps
}

// SSIMMean returns the mean of the SSIM map of x and y, which must have
// the same size, at least Size() in each dimension and at most the
// Window's width. c1 and c2 are the stabilising constants in the planes'
// units ((K1·peak)², (K2·peak)²).
func (w *Window) SSIMMean(x, y frame.Plane, c1, c2 float64) float64 {
	return w.means(x, y, c1, c2, nil, false)
}

// CSMeanEach returns the mean of the contrast-structure map of x and y
// (sizes and c2 as for SSIMMean), without the luminance term. It calls
// read(rows) (if not nil) each time the input rows 0 to rows−1 have all
// been read, ending with rows = x.H; a caller can then process rows that
// are still in cache (MS-SSIM pools the next scale this way).
func (w *Window) CSMeanEach(x, y frame.Plane, c2 float64, read func(rows int)) float64 {
	return w.means(x, y, 0, c2, read, true)
}

// means returns the mean of the cs map of x and y if cs is true (see
// CSMeanEach), of the SSIM map otherwise (see SSIMMean).
func (w *Window) means(x, y frame.Plane, c1, c2 float64, read func(rows int), cs bool) float64 {
	k := len(w.taps)
	if x.W != y.W || x.H != y.H || x.W < k || x.H < k || x.W > w.maxW {
		panic("ssim: Window: bad plane sizes")
	}
	if y.Stride != x.Stride {
		if w.tmp.Stride != x.Stride || len(w.tmp.Data) < len(x.Data) {
			w.tmp = frame.Plane{Stride: x.Stride, Data: make([]float32, len(x.Data))}
		}
		w.tmp.W, w.tmp.H = y.W, y.H
		for r := 0; r < y.H; r++ {
			copy(w.tmp.Data[r*x.Stride:], y.Row(r))
		}
		y = w.tmp
	}
	ow, oh, xh := x.W-k+1, x.H-k+1, x.H
	if x.H < k+rowsV-1 {
		// Too short for one vertical call: append copies of the last
		// row (they reach only outputs that are not used).
		x, y = w.pad(x, y, k+rowsV-1)
	}
	// The vertical pass may read up to the stride (whole vectors, no
	// scalar tail) where every row holds a stride of samples: the
	// columns past the width reach only outputs that are not used.
	lim := x.W
	if len(x.Data) >= x.H*x.Stride && len(y.Data) >= x.H*x.Stride {
		lim = x.Stride
	}
	c1f, c2f := float32(c1), float32(c2)
	var sum float64
	v, h, pw := w.v, &w.h, w.pw
	nt := (ow + TileWidth - 1) / TileWidth
	for r0 := 0; r0 < oh; r0 += strip {
		sh := min(strip, oh-r0)
		ih := sh + k - 1
		// Each tile's shift: the rounded mean of its centre input row
		// (rounded, so that x+shift is exact in float32).
		for t := 0; t < nt; t++ {
			c0 := t * TileWidth
			iw := min(TileWidth, ow-c0) + k - 1
			o := (r0+ih/2)*x.Stride + c0
			w.mx[t] = float32(math.Round(simd.SumF64(x.Data[o:o+iw]) / float64(iw)))
			w.my[t] = float32(math.Round(simd.SumF64(y.Data[o:o+iw]) / float64(iw)))
		}
		for t := 0; t < nt; t++ {
			c0 := t * TileWidth
			tw := min(TileWidth, ow-c0)
			// Whole vectors: twp outputs from vw vertical sums, as far
			// as the row allows (the columns of v past vw hold finite
			// leftovers; the outputs they reach are not used).
			twp := roundUp(tw, vec)
			vw := min(roundUp(twp+k-1, vec), lim-c0)
			for r := 0; r < sh; r += rowsV {
				// The last call of a strip may start earlier so as to
				// make rowsV rows inside the picture; it then uses only
				// its last g rows.
				g := min(rowsV, sh-r)
				r1 := min(r0+r, oh-rowsV)
				if oh < rowsV {
					r1 = 0
				}
				skip := r0 + r - r1
				q := r1*x.Stride + c0
				simd.SSIMCols6(v, vw, pw, x.Data[q:], y.Data[q:], x.Stride, -w.mx[t], -w.my[t], w.taps)
				for o := skip; o < skip+g; o++ {
					// The four moments of output row o, rowsV*pw apart.
					simd.ConvRowsValid(w.hb, w.hw, v[o*pw:], rowsV*pw, 4, twp, w.taps)
					if cs {
						sum += simd.CSRow(h[0][:tw], h[1][:tw], h[2][:tw], h[3][:tw], c2f)
					} else {
						sum += simd.SSIMMeanRow(h[0][:tw], h[1][:tw], h[2][:tw], h[3][:tw], w.mx[t], w.my[t], c1f, c2f)
					}
				}
			}
		}
		if read != nil {
			read(min(r0+ih, xh))
		}
	}
	return sum / float64(ow*oh)
}

// pad returns x and y extended to rows rows by copies of their last row,
// in the Window's scratch.
func (w *Window) pad(x, y frame.Plane, rows int) (frame.Plane, frame.Plane) {
	if w.padX.Stride != x.Stride || w.padX.H != rows {
		w.padX = frame.Plane{W: x.W, H: rows, Stride: x.Stride, Data: make([]float32, rows*x.Stride)}
		w.padY = frame.Plane{W: x.W, H: rows, Stride: x.Stride, Data: make([]float32, rows*x.Stride)}
	}
	w.padX.W, w.padY.W = x.W, x.W
	for r := 0; r < rows; r++ {
		copy(w.padX.Data[r*x.Stride:(r+1)*x.Stride], x.Row(min(r, x.H-1)))
		copy(w.padY.Data[r*x.Stride:(r+1)*x.Stride], y.Row(min(r, y.H-1)))
	}
	return w.padX, w.padY
}
