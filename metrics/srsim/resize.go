package srsim

import (
	"math"

	"github.com/fr-metrics/fr-metrics/simd"
)

// resizer is one axis of MATLAB's imresize with the bicubic kernel, as
// PIQ's imresize computes it in float32: output sample i reads taps input
// samples starting at base[i], mirrored at the edges ([a a b c … d d]),
// with weights w[i*taps : (i+1)*taps]. Products are rounded to float32 and
// summed in PyTorch's order (see sumF32).
type resizer struct {
	in, out int
	taps    int
	base    []int
	idx     []int            // mirrored input index of every tap, out×taps
	offs    []int            // scratch: the source offsets of one output's taps
	row     *simd.ResizeTaps // the taps for resizing along a row
	w       []float32
}

// cubic is Keys' cubic convolution kernel with a = −0.5, in float32 with
// PIQ's operation order.
func cubic(x float32) float32 {
	const a = -0.5
	ax := x
	if ax < 0 {
		ax = -ax
	}
	ax2 := ax * ax
	ax3 := ax * ax2
	// The conversions round every product, as PyTorch does, and keep the
	// compiler from fusing them into FMAs.
	switch {
	case ax <= 1:
		return float32((a+2)*ax3) - float32((a+3)*ax2) + 1
	case ax <= 2:
		return float32(a*ax3) - float32(5*a*ax2) + float32(8*a*ax) - 4*a
	}
	return 0
}

// sumF32 adds v in the order of PyTorch's float32 cascade sum along an
// outer dimension: blocks of 16 terms are added sequentially and carried
// into higher levels; what is left is added at the end.
func sumF32(v []float32) float32 {
	const levels, step = 4, 16
	var acc [levels]float32
	i := 0
	for ; i+step <= len(v); i += step {
		for j := range step {
			acc[0] += v[i+j]
		}
		end := i + step
		for j := 1; j < levels; j++ {
			acc[j] += acc[j-1]
			acc[j-1] = 0
			if end&((step-1)<<(4*j)) != 0 {
				break
			}
		}
	}
	for ; i < len(v); i++ {
		acc[0] += v[i]
	}
	for j := 1; j < levels; j++ {
		acc[0] += acc[j]
	}
	return acc[0]
}

// newResizer prepares resizing an axis of in samples to out samples with
// the given scale (out/in as PIQ passes it), antialiasing when shrinking.
func newResizer(in, out int, scale float64) *resizer {
	taps := 4
	af := float32(1)
	if scale < 1 {
		af = float32(scale)
		taps = int(math.Ceil(4 / scale))
	}
	taps += 2
	r := &resizer{in: in, out: out, taps: taps, base: make([]int, out), idx: make([]int, out*taps), offs: make([]int, taps), w: make([]float32, out*taps)}
	s32 := float32(scale)
	col := make([]float32, taps)
	for i := range out {
		pos := (float32(i)+0.5)/s32 - 0.5
		base := float32(math.Floor(float64(pos))) - float32(taps/2) + 1
		dist := pos - base
		for k := range taps {
			col[k] = cubic((dist - float32(k)) * af)
		}
		s := sumF32(col)
		for k := range taps {
			r.w[i*taps+k] = col[k] / s
		}
		r.base[i] = int(base)
		for k := range taps {
			r.idx[i*taps+k] = mirror(int(base)+k, in)
		}
	}
	r.row = simd.NewResizeTaps(out, r.idx, r.w, split(taps))
	return r
}

// mirror maps an index outside [0, n) to its symmetric sample.
func mirror(j, n int) int {
	if j < 0 {
		return -j - 1
	}
	if j >= n {
		return 2*n - 1 - j
	}
	return j
}

// split is where PyTorch's cascade sum cuts a sum of taps terms: the
// first min(taps, 16) terms are added in order, the rest in order after
// them, and the second partial sum is added to the first. This is sumF32
// for fewer than 256 terms.
func split(taps int) int { return min(taps, 16) }

// vertical resizes along the height: row i of dst (w samples, dst rows
// dstride apart) from rows of src (sstride apart), one simd.ResizeVertF32
// call per output row.
func (r *resizer) vertical(dst []float32, dstride int, src []float32, sstride, w int) {
	cut := split(r.taps)
	src = src[:(r.in-1)*sstride+w]
	for i := range r.out {
		for k, j := range r.idx[i*r.taps : (i+1)*r.taps] {
			r.offs[k] = j * sstride
		}
		simd.ResizeVertF32(dst[i*dstride:i*dstride+w], src, r.offs, r.w[i*r.taps:(i+1)*r.taps], cut)
	}
}

// resize2D is imresize of an h×w float32 image to oh×ow: rows (the height
// axis) first, adding whole source rows (simd.ResizeVertF32), then columns,
// gathering the taps of each output along the row (simd.ResizeTaps). Both
// passes add the same products in the same order as resizing each column
// and row directly.
type resize2D struct {
	rows, cols *resizer
	tmp        []float32 // oh×w: after the row pass
	row        []float32 // ow: one output row (applyF64)
}

func newResize2D(h, w, oh, ow int, sh, sw float64) *resize2D {
	return &resize2D{rows: newResizer(h, oh, sh), cols: newResizer(w, ow, sw), tmp: make([]float32, oh*w), row: make([]float32, ow)}
}

// apply resizes src (h×w, row-major) into dst (oh×ow, row-major).
func (r *resize2D) apply(dst, src []float32) {
	w, oh, ow := r.cols.in, r.rows.out, r.cols.out
	r.rows.vertical(r.tmp, w, src, w, w)
	for i := range oh {
		r.cols.row.Apply(dst[i*ow:(i+1)*ow], r.tmp[i*w:(i+1)*w])
	}
}

// applyF64 is apply with the result widened to float64.
func (r *resize2D) applyF64(dst []float64, src []float32) {
	w, oh, ow := r.cols.in, r.rows.out, r.cols.out
	r.rows.vertical(r.tmp, w, src, w, w)
	for i := range oh {
		r.cols.row.Apply(r.row, r.tmp[i*w:(i+1)*w])
		simd.ScaleF32ToF64(dst[i*ow:(i+1)*ow], r.row, 1)
	}
}
