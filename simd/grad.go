package simd

import (
	"fmt"
	"sync"
)

// This file holds the exported kernels of the gradient family (GMSD,
// MS-GMSD, MDSI and the gradient terms of other metrics): 2×2 pooling with
// zero padding, box pooling by any factor, 3×3 gradient magnitudes with
// zero "same" padding, the similarity map S(a, b; c), the fused masked
// similarity moments of two gradient maps, and the float64 reductions over
// them. Plane functions take a slice, a stride and a size and call the row
// kernels once per row.

// Pool2ZeroSize returns the size of Pool2ZeroPlane's output for a w×h
// input: when w or h is odd, one zero row and one zero column are added
// (both, even if only one dimension is odd) before the 2×2 pooling, which
// drops any leftover row or column.
func Pool2ZeroSize(w, h int) (ow, oh int) {
	p := (w | h) & 1
	return (w + p) / 2, (h + p) / 2
}

// Pool2ZeroPlane averages 2×2 blocks of the w×h plane src into dst, whose
// size is Pool2ZeroSize(w, h): samples outside src count as zero.
//
//	for i := range oh {
//		for j := range ow {
//			dst[i*dstStride+j] = (s(2i, 2j) + s(2i, 2j+1) + s(2i+1, 2j) + s(2i+1, 2j+1)) / 4
//		}
//	}
//
// where s(y, x) is src[y*srcStride+x] inside the plane and 0 outside.
func Pool2ZeroPlane(dst []float32, dstStride int, src []float32, srcStride, w, h int) {
	ow, oh := Pool2ZeroSize(w, h)
	if ow == 0 || oh == 0 {
		return
	}
	if dstStride < ow || srcStride < w || len(dst) < (oh-1)*dstStride+ow || len(src) < (h-1)*srcStride+w {
		panic(fmt.Sprintf("simd: Pool2ZeroPlane: bad plane sizes (%dx%d stride %d -> stride %d)", w, h, srcStride, dstStride))
	}
	for i := range oh {
		pool2ZeroRow(dst[i*dstStride:i*dstStride+ow], src, srcStride, w, h, i)
	}
}

// Pool2ZeroPlaneRow computes output row i of Pool2ZeroPlane into dst (ow
// samples, ow as given by Pool2ZeroSize), so that callers can pool a
// plane row by row while consuming the pooled rows in cache.
func Pool2ZeroPlaneRow(dst, src []float32, srcStride, w, h, i int) {
	ow, oh := Pool2ZeroSize(w, h)
	if ow == 0 || oh == 0 {
		return
	}
	if i < 0 || i >= oh || len(dst) < ow || srcStride < w || len(src) < (h-1)*srcStride+w {
		panic(fmt.Sprintf("simd: Pool2ZeroPlaneRow: row %d of %dx%d stride %d", i, w, h, srcStride))
	}
	pool2ZeroRow(dst[:ow], src, srcStride, w, h, i)
}

// pool2ZeroRow computes output row i of Pool2ZeroPlane into d (ow
// samples); the sizes have been checked.
func pool2ZeroRow(d, src []float32, srcStride, w, h, i int) {
	ow := len(d)
	full := w / 2 // outputs made of two whole columns
	a := src[2*i*srcStride : 2*i*srcStride+w]
	if 2*i+1 < h {
		b := src[(2*i+1)*srcStride : (2*i+1)*srcStride+w]
		Pool2Row(d[:full], a, b)
		if full < ow {
			d[full] = (a[w-1] + b[w-1]) * 0.25
		}
		return
	}
	// Last row of an odd height: the row below is zero padding.
	for j := range full {
		d[j] = (a[2*j] + a[2*j+1]) * 0.25
	}
	if full < ow {
		d[full] = a[w-1] * 0.25
	}
}

// PoolBoxPlane averages f×f blocks of a zero-padded w×h plane into the
// ow×oh plane dst: output (i, j) is the mean of input rows f·i−top …
// f·i−top+f−1 and columns f·j−left … f·j−left+f−1, samples outside src
// counting as zero. With f = 1 and no padding it copies.
func PoolBoxPlane(dst []float32, dstStride, ow, oh int, src []float32, srcStride, w, h, f, top, left int) {
	if ow == 0 || oh == 0 {
		return
	}
	if f < 1 || dstStride < ow || srcStride < w || len(dst) < (oh-1)*dstStride+ow || len(src) < (h-1)*srcStride+w {
		panic(fmt.Sprintf("simd: PoolBoxPlane: bad sizes (%dx%d f=%d -> %dx%d)", w, h, f, ow, oh))
	}
	if f == 1 && top == 0 && left == 0 && ow <= w && oh <= h {
		for i := range oh {
			copy(dst[i*dstStride:i*dstStride+ow], src[i*srcStride:i*srcStride+ow])
		}
		return
	}
	// Sum the f rows of each output row vertically into a column chunk,
	// then add groups of f columns.
	scratch := poolScratch.Get().(*[poolChunk + poolChunk/2]float32)
	defer poolScratch.Put(scratch)
	buf, tmp := scratch[:poolChunk], scratch[poolChunk:]
	step := poolChunk / f * f
	inv := 1 / float32(f*f)
	for i := range oh {
		d := dst[i*dstStride : i*dstStride+ow]
		for x0 := -left; x0 < ow*f-left; x0 += step {
			cw := min(step, ow*f-left-x0)
			b := buf[:cw]
			clear(b)
			lo, hi := max(0, -x0), min(cw, w-x0) // chunk columns inside src
			if lo < hi {
				for r := f*i - top; r < f*i-top+f; r++ {
					if r >= 0 && r < h {
						AddRow(b[lo:hi], src[r*srcStride+x0+lo:r*srcStride+x0+hi])
					}
				}
			}
			j0 := (x0 + left) / f
			if f&(f-1) == 0 && f > 1 {
				// Power of two: halve the chunk with Pool2Row (pairwise
				// means) until each sample is the mean of f columns.
				t, other := b, tmp
				for k := f; k > 1; k /= 2 {
					u := other[:len(t)/2]
					Pool2Row(u, t, t) // (t[2j] + t[2j+1]) / 2
					t, other = u, t
				}
				ColorScaleRow(d[j0:j0+len(t)], t, 1/float32(f))
				continue
			}
			for j := range cw / f {
				var acc float32
				for _, v := range b[j*f : j*f+f] {
					acc += v
				}
				d[j0+j] = acc * inv
			}
		}
	}
}

// poolChunk is the column chunk of PoolBoxPlane's vertical sums.
const poolChunk = 1024

// poolScratch holds PoolBoxPlane's chunk buffers (kernels that are not
// marked noescape would move a stack array to the heap on every call).
var poolScratch = sync.Pool{New: func() any { return new([poolChunk + poolChunk/2]float32) }}

// AddRow adds a row into another:
//
//	for j := range dst {
//		dst[j] += src[j]
//	}
func AddRow(dst, src []float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	if len(src) < n {
		panic(fmt.Sprintf("simd: AddRow: len(src)=%d < len(dst)=%d", len(src), n))
	}
	addRow(dst, src[:n])
}

// AvgRow averages two rows:
//
//	for j := range dst {
//		dst[j] = (a[j] + b[j]) * 0.5
//	}
func AvgRow(dst, a, b []float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	if len(a) < n || len(b) < n {
		panic(fmt.Sprintf("simd: AvgRow: len(a)=%d len(b)=%d < len(dst)=%d", len(a), len(b), n))
	}
	avgRow(dst, a[:n], b[:n])
}

// MDSIRow computes MDSI's gradient-chromaticity similarity from the
// gradient magnitudes of x, y and their average image (gx, gy, gf) and the
// two chroma channels H and M of both images:
//
//	gs := S(gx, gy; c1) + S(gx, gf; c2) − S(gy, gf; c2)
//	cs := (2(hx·hy + mx·my) + c3) / ((hx² + mx²) + (hy² + my²) + c3)
//	dst = alpha·gs + (1−alpha)·cs
//
// with S(a, b; c) = (2ab + c)/(a² + b² + c). All rows hold len(dst). The
// sums are grouped so that identical pictures give exactly 1 (the result
// is raised to the power ¼ twice, so a rounding error of 1e-8 there would
// show as 1e-2 in MDSI).
func MDSIRow(dst, gx, gy, gf, hx, hy, mx, my []float32, c1, c2, c3, alpha float32) {
	n := len(dst)
	if n == 0 {
		return
	}
	if len(gx) < n || len(gy) < n || len(gf) < n || len(hx) < n || len(hy) < n || len(mx) < n || len(my) < n {
		panic(fmt.Sprintf("simd: MDSIRow: rows shorter than len(dst)=%d", n))
	}
	mdsiRow(dst, gx[:n], gy[:n], gf[:n], hx[:n], hy[:n], mx[:n], my[:n], c1, c2, c3, alpha)
}

// SumSqDiffF64 returns Σ (a[j] − b[j])² in float64:
//
//	for j := range a {
//		d := float64(a[j]) - float64(b[j])
//		s += d * d
//	}
//
// b must hold len(a) samples.
func SumSqDiffF64(a, b []float32) float64 {
	if len(b) < len(a) {
		panic(fmt.Sprintf("simd: SumSqDiffF64: len(b)=%d < len(a)=%d", len(b), len(a)))
	}
	var s float64
	for j, v := range a {
		d := float64(v) - float64(b[j])
		s += d * d
	}
	return s
}

// GradSimMomentsRow computes the interior of one row of the masked
// similarity map of the unit-weight gradient magnitudes of two pictures
// (weights e = c = 1 in GradMagWindowRow's kernel pair: pass t·9 for Prewitt's
// e = c = 1/3; the gradients of integer samples are then exact) from the
// rows above (ru, du), at (rm, dm) and below (rd, dd) it in the reference
// and the distorted picture, and returns the float64 sums of s − 1 and of
// its square over the map values s of columns 1 … len(ru)−2 instead of
// storing them (the map lies in (0, 1], mostly near 1: the shifted sums
// give its variance without cancellation):
//
//	for j := range len(ru) - 2 {
//		gx := ((ru[j+2] - ru[j]) + (rm[j+2] - rm[j])) + (rd[j+2] - rd[j])
//		gy := ((rd[j] - ru[j]) + (rd[j+1] - ru[j+1])) + (rd[j+2] - ru[j+2])
//		ar := gx*gx + gy*gy // ad likewise from du, dm, dd
//		ab := sqrt(ar * ad)
//		s := ((2-alpha)*ab + t) / ((ar + ad) - alpha*ab + t)
//		v := float64(s) - 1
//		sum += v
//		sumSq += v * v
//	}
//
// A row of zeros stands for the zero padding above or below a plane. All
// rows hold len(ru) samples (at least 2). Identical inputs give s = 1
// exactly, so both sums are exactly 0.
//
// pa and pb are memory the caller reads next, such as the next source
// rows of a pass, and wa and wb memory it writes next: the vector kernels
// prefetch the first 16 bytes per output sample (len(ru)−2 outputs) of pa
// and pb into L2 and the first 4 bytes per output of wa and wb into L1,
// so that memory is read while the map is computed (and written lines are
// not fetched when they are stored). A span shorter than that, or nil, is
// not prefetched. They do not change the result.
func GradSimMomentsRow(ru, rm, rd, du, dm, dd, pa, pb, wa, wb []float32, t, alpha float32) (sum, sumSq float64) {
	w := len(ru)
	if w < 2 {
		panic(fmt.Sprintf("simd: GradSimMomentsRow: rows of %d samples, want at least 2", w))
	}
	for _, r := range [5][]float32{rm, rd, du, dm, dd} {
		if len(r) < w {
			panic(fmt.Sprintf("simd: GradSimMomentsRow: rows shorter than %d", w))
		}
	}
	if w == 2 {
		return 0, 0
	}
	n := w - 2
	span := func(p []float32, per int) *float32 {
		if len(p) < per*n {
			return nil
		}
		return &p[0]
	}
	return gradSimMomentsRow(ru, rm[:w], rd[:w], du[:w], dm[:w], dd[:w], span(pa, 4), span(pb, 4), span(wa, 1), span(wb, 1), t, alpha)
}

// GradMagWindowRow computes one row of the magnitude of the 3×3 gradient
// kernel pair Kx = [[-e,0,e],[-c,0,c],[-e,0,e]], Ky = Kxᵀ (Prewitt:
// e = c = 1/3; Scharr: e = 3/16, c = 10/16) over a plane with one pixel
// of zeros around it ("same" size, zero padding), from the rows above, at
// and below it (up, mid, down), for callers that keep only a window of
// three rows:
//
//	gx = e·(s(y-1,x+1) − s(y-1,x-1)) + c·(s(y,x+1) − s(y,x-1)) + e·(s(y+1,x+1) − s(y+1,x-1))
//	gy = e·(s(y+1,x-1) − s(y-1,x-1)) + c·(s(y+1,x) − s(y-1,x)) + e·(s(y+1,x+1) − s(y-1,x+1))
//	dst[x] = sqrt(gx² + gy²)
//
// where s(y-1, ·), s(y, ·) and s(y+1, ·) are up, mid and down, and s is 0
// outside the plane: a nil up or down row stands for the zero padding
// above or below it, and columns outside 0 … len(dst)−1 are zero.
// Non-nil rows hold len(dst) samples. (Cross-correlation or convolution
// give the same magnitude.)
//
// pf (may be nil) is memory the caller reads next, such as the next
// source rows of a pass: the vector kernels prefetch it into L2, one cache
// line per output sample, so that memory is read while the gradients are
// computed. It does not change the result.
func GradMagWindowRow(dst, up, mid, down, pf []float32, e, c float32) {
	w := len(dst)
	if w == 0 {
		return
	}
	if len(mid) < w || (up != nil && len(up) < w) || (down != nil && len(down) < w) {
		panic(fmt.Sprintf("simd: GradMagWindowRow: rows shorter than %d", w))
	}
	if up == nil || down == nil || w < 3 {
		gradMagRowEdgeGeneric(dst, up, mid, down, e, c)
		return
	}
	up, mid, down = up[:w], mid[:w], down[:w]
	gradMagRow(dst[1:w-1], up, mid, down, pf, e, c)
	gradMagEdges(dst, up, mid, down, e, c)
}

// QuarterRootsRow returns the float64 sum of the complex fourth roots z
// of the samples (the principal root: |v|^¼ for v ≥ 0, |v|^¼·e^{iπ/4} for
// v < 0) and stores the roots for QuarterRootDevSumF64, signed:
//
//	for j, v := range x {
//		r := math.Sqrt(math.Sqrt(math.Abs(float64(v))))
//		if v < 0 { re += r·cos(π/4); im += r·sin(π/4); dst[j] = −r } else { re += r; dst[j] = r }
//	}
//
// (−0 counts as negative; its root is 0 either way.) dst must hold len(x)
// samples.
func QuarterRootsRow(dst []float64, x []float32) (re, im float64) {
	if len(x) == 0 {
		return 0, 0
	}
	if len(dst) < len(x) {
		panic(fmt.Sprintf("simd: QuarterRootsRow: len(dst)=%d < len(x)=%d", len(dst), len(x)))
	}
	return quarterRootsRow(dst[:len(x)], x)
}

// QuarterRootDevSumF64 returns Σ |z − (re + i·im)| in float64 over the
// complex fourth roots z whose signed moduli QuarterRootsRow stored in x
// (r ≥ 0 for z = r, −r for z = r·e^{iπ/4}), without taking the roots
// again.
func QuarterRootDevSumF64(x []float64, re, im float64) float64 {
	if len(x) == 0 {
		return 0
	}
	return quarterRootDevSumF64(x, re, im)
}
