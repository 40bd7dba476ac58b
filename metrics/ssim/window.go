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
// stay accurate where brightness varies across the picture. A strip's
// products are computed row by row across the whole width (sequential
// reads of the input planes) into one buffer per tile that stays mostly in L2;
// the filters then run tile by tile on rows that stay in L1.
const (
	TileWidth = 512
	// stripBytes bounds the products of one strip (all tiles, four planes).
	stripBytes = 1536 << 10
	maxStrip   = 32
	minStrip   = 8
)

// Window computes the mean SSIM and contrast-structure (cs) maps of plane
// pairs with a separable Gaussian window, strip by strip, reusing its
// scratch. It is shared by ssim and msssim. A Window is not safe for
// concurrent use.
type Window struct {
	taps   []float32
	maxW   int
	pw     int          // stride of a tile's product rows
	strip  int          // output rows per strip
	tiles  int          // tiles across maxW
	p      [4][]float32 // products of one strip: tile t's row i at (t*(strip+k-1)+i)*pw
	v      [4][]float32 // vertically filtered moment rows: rowsV rows of pw each
	h      [4][]float32 // fully filtered moment rows
	mx, my []float32    // shift of each tile of the current strip
	tmp    frame.Plane  // y copied to x's stride when they differ
}

// NewWindow returns a Window for planes at most maxW samples wide, with a
// size-tap Gaussian of standard deviation sigma normalised to sum 1.
func NewWindow(maxW, size int, sigma float64) *Window {
	w := &Window{taps: Gaussian(size, sigma), maxW: maxW, pw: roundUp(roundUp(TileWidth, vec)+size-1, vec)}
	w.tiles = max(1, (maxW-size+1+TileWidth-1)/TileWidth)
	w.strip = min(maxStrip, max(minStrip, stripBytes/(w.tiles*w.pw*4*4)-(size-1)))
	for m := range w.p {
		w.p[m] = make([]float32, w.tiles*(w.strip+size-1)*w.pw)
		w.v[m] = make([]float32, rowsV*w.pw)
		w.h[m] = make([]float32, roundUp(TileWidth, vec))
	}
	w.mx, w.my = make([]float32, w.tiles), make([]float32, w.tiles)
	return w
}

// vec is the widest vector in float32 lanes. Filtering whole vectors
// keeps every kernel call free of a scalar tail: the product rows are
// padded to a multiple of vec and the outputs past a tile's width are
// computed and not used.
const vec = 16

// rowsV is the number of output rows one vertical-pass call makes
// (simd.ConvColsValid4).
const rowsV = 4

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

// Means returns the means of the SSIM map and of the cs map of x and y,
// which must have the same size, at least Size() in each dimension and at
// most the Window's width. c1 and c2 are the stabilising constants in the
// planes' units ((K1·peak)², (K2·peak)²).
func (w *Window) Means(x, y frame.Plane, c1, c2 float64) (ssim, cs float64) {
	k := len(w.taps)
	if x.W != y.W || x.H != y.H || x.W < k || x.H < k || x.W > w.maxW {
		panic("ssim: Window.Means: bad plane sizes")
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
	ow, oh := x.W-k+1, x.H-k+1
	c1f, c2f := float32(c1), float32(c2)
	p, v, h, pw := &w.p, &w.v, &w.h, w.pw
	nt := (ow + TileWidth - 1) / TileWidth
	for r0 := 0; r0 < oh; r0 += w.strip {
		sh := min(w.strip, oh-r0)
		ih := sh + k - 1
		tileRows := (w.strip + k - 1) * pw
		// Each tile's shift: the rounded mean of its centre input row
		// (rounded, so that x+shift is exact in float32).
		for t := 0; t < nt; t++ {
			c0 := t * TileWidth
			iw := min(TileWidth, ow-c0) + k - 1
			o := (r0+ih/2)*x.Stride + c0
			w.mx[t] = float32(math.Round(simd.SumF64(x.Data[o:o+iw]) / float64(iw)))
			w.my[t] = float32(math.Round(simd.SumF64(y.Data[o:o+iw]) / float64(iw)))
		}
		for i := 0; i < ih; i++ {
			xr := x.Data[(r0+i)*x.Stride:]
			yr := y.Data[(r0+i)*x.Stride:]
			for t := 0; t < nt; t++ {
				c0 := t * TileWidth
				iw := min(TileWidth, ow-c0) + k - 1
				if c0+roundUp(iw, vec) <= x.W {
					iw = roundUp(iw, vec) // whole vectors where the row allows
				}
				q := t*tileRows + i*pw
				simd.SSIMProducts(p[0][q:q+iw], p[1][q:q+iw], p[2][q:q+iw], p[3][q:q+iw], xr[c0:c0+iw], yr[c0:c0+iw], -w.mx[t], -w.my[t])
			}
		}
		for t := 0; t < nt; t++ {
			tw := min(TileWidth, ow-t*TileWidth)
			// Whole vectors: twp outputs from vw vertical sums (the
			// padding columns of p hold finite leftovers; the outputs
			// they reach are not used).
			twp := roundUp(tw, vec)
			vw := roundUp(twp+k-1, vec)
			for r := 0; r < sh; r += rowsV {
				// The vertical pass makes up to rowsV output rows at once
				// (each product row is then read once for all of them).
				g := min(rowsV, sh-r)
				q := t*tileRows + r*pw
				for m := range p {
					if g == rowsV {
						simd.ConvColsValid4(v[m][:vw], v[m][pw:pw+vw], v[m][2*pw:2*pw+vw], v[m][3*pw:3*pw+vw], p[m][q:], pw, w.taps)
						continue
					}
					for o := 0; o < g; o++ {
						simd.ConvColsValid(v[m][o*pw:o*pw+vw], p[m][q+o*pw:], pw, w.taps)
					}
				}
				for o := 0; o < g; o++ {
					for m := range p {
						simd.ConvRowValid(h[m][:twp], v[m][o*pw:o*pw+twp+k-1], w.taps)
					}
					s, c := simd.SSIMRow(h[0][:tw], h[1][:tw], h[2][:tw], h[3][:tw], w.mx[t], w.my[t], c1f, c2f)
					ssim += s
					cs += c
				}
			}
		}
	}
	n := float64(ow * oh)
	return ssim / n, cs / n
}
