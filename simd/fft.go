package simd

import (
	"fmt"
	"math"
)

// FFT2 is a plan for two-dimensional discrete Fourier transforms of H×W
// complex128 arrays stored row-major (element (i, j) at i·W + j):
//
//	Forward:  X[u,v] = Σ_{i,j} x[i,j]·exp(−2πi(u·i/H + v·j/W))
//	Backward: x[i,j] = Σ_{u,v} X[u,v]·exp(+2πi(u·i/H + v·j/W))
//
// Neither direction is normalised: Backward(Forward(x)) = H·W·x.
//
// Each axis is transformed by a mixed-radix (4, 2, 3, 5) Stockham FFT, or
// by Bluestein's algorithm over a (2, 3, 5)-smooth FFT when its length has a
// larger prime factor, applied to a batch of vectors at once: a panel of
// up to fftPanel columns (or rows, transposed into a small buffer) is
// transformed together, so every butterfly runs over a contiguous run of
// at least that many values and the panel stays in cache. With AVX2 or
// AVX-512, each pass over a panel is one assembly call: two consecutive
// stages are fused where a kernel for their radix pair exists (the values
// between them stay in registers or a small stack buffer, so the panel
// crosses memory half as often), the last stage skips its twiddles (all
// 1), and the first pass of the inverse transforms multiplies by the
// filter as it reads. Panels whose width is not a multiple of 4 use the
// AVX2 kernels. Twiddle factors are computed once per plan with
// math.Sincos.
//
// Forward and Backward work in place in the natural layout. The pair
// ForwardSpec / BackwardSpecMul is the fast path for filtering: it keeps
// spectra in a panel-blocked layout (SpecIndex), applies real filters
// while reading, returns spatial results column-blocked (Unblock), and so
// moves each array through memory fewer times.
//
// A plan holds scratch memory and is not safe for concurrent use.
type FFT2 struct {
	H, W     int
	col, row *fftBatch
	buf, tmp []complex128 // panel scratch
	tmp2     []complex128 // panel scratch, so that passes write their output array once
	mid      []complex128 // H·W, between the passes of ForwardSpec and BackwardSpecMul

	// BackwardSpecMulN: one H·W array between the passes and one panel per
	// filter, allocated by ReserveN.
	mids, panels, panelView [4][]complex128
}

// fftPanel is the number of vectors transformed together (a power of two).
const fftPanel = 16

// NewFFT2 returns a plan for h×w arrays (h, w ≥ 1).
func NewFFT2(h, w int) *FFT2 {
	if h < 1 || w < 1 {
		panic(fmt.Sprintf("simd: NewFFT2: bad size %dx%d", h, w))
	}
	n := max(h, w) * fftPanel
	return &FFT2{H: h, W: w, col: newFFTBatch(h), row: newFFTBatch(w),
		buf: make([]complex128, n), tmp: make([]complex128, n), tmp2: make([]complex128, n),
		mid: make([]complex128, h*w)}
}

// The spectral layout of ForwardSpec and BackwardSpecMul: the rows
// (frequency u) are cut into panels of up to 16 (fftPanel) adjacent rows,
// and each panel is a contiguous W×b block in which element (u, v) is at
// u0·W + v·b + (u − u0), with u0 = u &^ 15 and b = min(16, H − u0). Each
// block is exactly what the batched FFT along v reads and writes, so the
// passes along v need no copy, and filters stored in the same layout are
// applied in one contiguous sweep.

// SpecIndex returns the index of frequency (u, v) in the spectral layout.
func (p *FFT2) SpecIndex(u, v int) int {
	u0 := u &^ (fftPanel - 1)
	return u0*p.W + v*min(fftPanel, p.H-u0) + u - u0
}

// ForwardSpec writes the unnormalised 2-D DFT of the H×W row-major array
// src into dst in the spectral layout (see SpecIndex). src is left
// unchanged.
func (p *FFT2) ForwardSpec(dst, src []complex128) {
	h, w := p.H, p.W
	if len(src) != h*w || len(dst) != h*w {
		panic(fmt.Sprintf("simd: FFT2.ForwardSpec: arrays of %d and %d elements for a %dx%d plan", len(dst), len(src), h, w))
	}
	// Along the columns of src, panel by panel of x; the result is
	// scattered into mid in the spectral layout.
	mid := p.mid
	for x0 := 0; x0 < w; x0 += fftPanel {
		b := min(fftPanel, w-x0)
		buf := p.buf[:h*b]
		for i := range h {
			copy(buf[i*b:(i+1)*b], src[i*w+x0:])
		}
		res := p.col.run(buf, p.tmp[:h*b], b, false)
		// The scatter is a transposition: it cannot be folded into the FFT.
		for u0 := 0; u0 < h; u0 += fftPanel {
			bu := min(fftPanel, h-u0)
			blk := mid[u0*w : (u0+bu)*w]
			transposeC128(blk[x0*bu:(x0+b)*bu], res[u0*b:(u0+bu)*b], bu, b)
		}
	}
	// Along v, block by block.
	for u0 := 0; u0 < h; u0 += fftPanel {
		bu := min(fftPanel, h-u0)
		lo, hi := u0*w, (u0+bu)*w
		p.row.runInto2(dst[lo:hi], mid[lo:hi], p.tmp[:w*bu], p.buf[:w*bu], bu, false)
	}
}

// BackwardSpecMul writes the unnormalised inverse 2-D DFT of spec·f into
// dst, where spec and f are in the spectral layout (see SpecIndex). spec
// is left unchanged. dst is in the column-blocked layout of Unblock: the
// columns are cut into panels of up to 16 adjacent columns, each stored as
// a contiguous H×b block, element (y, x) at x0·H + y·b + (x − x0),
// x0 = x &^ 15, b = min(16, W − x0). Pointwise work can use blocked arrays
// as they are.
func (p *FFT2) BackwardSpecMul(dst, spec []complex128, f []float64) {
	h, w := p.H, p.W
	if len(spec) != h*w || len(dst) != h*w || len(f) != h*w {
		panic(fmt.Sprintf("simd: FFT2.BackwardSpecMul: bad array lengths for a %dx%d plan", h, w))
	}
	// Along v, block by block, into mid (same layout).
	for u0 := 0; u0 < h; u0 += fftPanel {
		lo, hi := u0*w, min(u0+fftPanel, h)*w
		p.backwardRowsMul(p.mid[lo:hi], spec[lo:hi], f[lo:hi])
	}
	// Along u, panel by panel of x, gathered from the blocks of mid.
	for x0 := 0; x0 < w; x0 += fftPanel {
		b := min(fftPanel, w-x0)
		p.backwardCols(dst[x0*h:(x0+b)*h], p.mid, x0, b)
	}
}

// backwardRowsMul writes the inverse transform along v of spec·f into
// mid, where spec, f and mid are one block of the spectral layout (up to
// 16 rows of u, all W values of v). spec is left unchanged.
func (p *FFT2) backwardRowsMul(mid, spec []complex128, f []float64) {
	n := len(spec)
	bu := n / p.W
	buf, tmp := p.buf[:n], p.tmp[:n]
	if p.row.runIntoMul(mid, spec, tmp, buf, f, bu, true) {
		return
	}
	mulRealC128(buf, spec, f)
	p.row.runInto(mid, buf, tmp, bu, true)
}

// backwardCols writes the inverse transform along u of the columns
// x0 … x0+b−1 of mid, an H·W array in the spectral layout transformed
// along v, into dst, their H×b block of the column-blocked layout.
func (p *FFT2) backwardCols(dst, mid []complex128, x0, b int) {
	h, w := p.H, p.W
	buf := p.buf[:h*b]
	for u0 := 0; u0 < h; u0 += fftPanel {
		bu := min(fftPanel, h-u0)
		blk := mid[u0*w : (u0+bu)*w]
		transposeC128(buf[u0*b:(u0+bu)*b], blk[x0*bu:(x0+b)*bu], b, bu)
	}
	p.col.runInto2(dst, buf, p.tmp[:h*b], p.tmp2[:h*b], b, true)
}

// PanelVisitor receives the results of BackwardSpecMulN one panel of
// columns at a time.
type PanelVisitor interface {
	// VisitPanel is called with the panel of columns x0 … x0+b−1 of every
	// result: panels[k] holds result k's H×b block of the column-blocked
	// layout (element (y, x0+c) at y·b + c). The panels are only valid
	// during the call.
	VisitPanel(x0, b int, panels [][]complex128)
}

// ReserveN allocates the scratch BackwardSpecMulN needs for n filters
// (n ≤ 4), so that its calls allocate nothing: one H·W array and one
// panel per filter.
func (p *FFT2) ReserveN(n int) {
	for k := range min(n, len(p.mids)) {
		if p.mids[k] == nil {
			p.mids[k] = make([]complex128, p.H*p.W)
			p.panels[k] = make([]complex128, p.H*min(fftPanel, p.W))
		}
	}
}

// BackwardSpecMulN computes the unnormalised inverse 2-D DFTs of spec·f[k]
// for every filter f[k] (spectral layout, see SpecIndex) and hands them to
// v panel by panel instead of storing them: the results never travel
// through memory as whole arrays, which matters when a pointwise step
// consumes them at once. At most 4 filters.
func (p *FFT2) BackwardSpecMulN(spec []complex128, f [][]float64, v PanelVisitor) {
	h, w := p.H, p.W
	n := len(f)
	if n > len(p.mids) {
		panic(fmt.Sprintf("simd: FFT2.BackwardSpecMulN: %d filters, at most %d", n, len(p.mids)))
	}
	if len(spec) != h*w {
		panic(fmt.Sprintf("simd: FFT2.BackwardSpecMulN: spectrum of %d elements for a %dx%d plan", len(spec), h, w))
	}
	for k := range n {
		if len(f[k]) != h*w {
			panic(fmt.Sprintf("simd: FFT2.BackwardSpecMulN: filter %d has %d elements for a %dx%d plan", k, len(f[k]), h, w))
		}
	}
	p.ReserveN(n)
	// Along v, block by block, every filter in turn while the block of
	// spec is in cache.
	for u0 := 0; u0 < h; u0 += fftPanel {
		lo, hi := u0*w, min(u0+fftPanel, h)*w
		for k := range n {
			p.backwardRowsMul(p.mids[k][lo:hi], spec[lo:hi], f[k][lo:hi])
		}
	}
	// Along u, panel by panel of x: every filter's panel, then the visit.
	for x0 := 0; x0 < w; x0 += fftPanel {
		b := min(fftPanel, w-x0)
		for k := range n {
			p.panelView[k] = p.panels[k][:h*b]
			p.backwardCols(p.panelView[k], p.mids[k], x0, b)
		}
		v.VisitPanel(x0, b, p.panelView[:n])
	}
}

// Unblock copies the H×W array src in the column-blocked layout of
// BackwardSpecMul into dst in the natural row-major layout.
func (p *FFT2) Unblock(dst, src []float64) {
	h, w := p.H, p.W
	if len(src) != h*w || len(dst) != h*w {
		panic(fmt.Sprintf("simd: FFT2.Unblock: arrays of %d and %d elements for a %dx%d plan", len(dst), len(src), h, w))
	}
	for x0 := 0; x0 < w; x0 += fftPanel {
		b := min(fftPanel, w-x0)
		blk := src[x0*h : (x0+b)*h]
		for y := range h {
			copy(dst[y*w+x0:y*w+x0+b], blk[y*b:(y+1)*b])
		}
	}
}

// Forward replaces a (len H·W) with its unnormalised 2-D DFT.
func (p *FFT2) Forward(a []complex128) { p.transform(a, false) }

// Backward replaces a (len H·W) with its unnormalised inverse 2-D DFT
// (the inverse transform times H·W).
func (p *FFT2) Backward(a []complex128) { p.transform(a, true) }

func (p *FFT2) transform(a []complex128, inverse bool) {
	h, w := p.H, p.W
	if len(a) != h*w {
		panic(fmt.Sprintf("simd: FFT2: array of %d elements for a %dx%d plan", len(a), h, w))
	}
	// Columns: a panel of B adjacent columns is already a batch of B
	// interleaved vectors once each row's B values are copied out.
	if h > 1 {
		for x0 := 0; x0 < w; x0 += fftPanel {
			b := min(fftPanel, w-x0)
			buf := p.buf[:h*b]
			for i := range h {
				copy(buf[i*b:(i+1)*b], a[i*w+x0:])
			}
			res := p.col.run(buf, p.tmp[:h*b], b, inverse)
			for i := range h {
				copy(a[i*w+x0:i*w+x0+b], res[i*b:])
			}
		}
	}
	// Rows: transpose a panel of B rows into a batch of B interleaved vectors.
	if w > 1 {
		for y0 := 0; y0 < h; y0 += fftPanel {
			b := min(fftPanel, h-y0)
			blk := a[y0*w : (y0+b)*w]
			buf := p.buf[:w*b]
			transposeC128(buf, blk, b, w)
			res := p.row.run(buf, p.tmp[:w*b], b, inverse)
			transposeC128(blk, res, w, b)
		}
	}
}

// fftStage is one radix-p pass of a Stockham FFT over sub-length p·m with
// stride s (s·p·m = n).
type fftStage struct {
	p, m, s int
	// tw[0][j*(p−1)+k−1] = exp(−2πi·j·k/(p·m)), j < m; tw[1] is its
	// conjugate, for the inverse transform.
	tw [2][]complex128
	// c[0], c[1]: the butterfly constants of the forward and inverse
	// transform (see fft_generic.go).
	c [2][]float64
}

// fftConsts returns the butterfly constants of radix p for s = −1
// (forward) or +1 (inverse).
func fftConsts(p int, s float64) []float64 {
	switch p {
	case 3:
		q := s * math.Sin(2*math.Pi/3)
		return []float64{-q, q, 0.5}
	case 4:
		return []float64{-s, s}
	case 5:
		q1, q2 := s*math.Sin(2*math.Pi/5), s*math.Sin(4*math.Pi/5)
		return []float64{math.Cos(2 * math.Pi / 5), math.Cos(4 * math.Pi / 5), -q1, q1, -q2, q2}
	}
	return []float64{0, 0}
}

// fftBatch is a Stockham FFT of length n applied to a batch of vectors
// stored interleaved: element i of vector b at index i·B + b. A length
// with a prime factor above 5 is transformed with Bluestein's algorithm
// instead (blue != nil).
type fftBatch struct {
	n      int
	stages []fftStage
	blue   *bluestein
}

// bluestein computes a DFT of any length n as a circular convolution of
// length M (the least (2, 3, 5)-smooth number ≥ 2n−1, which the Stockham
// FFT transforms directly) with the chirp b_m = exp(+πi·m²/n):
// X_k = w_k·Σ_j (x_j·w_j)·b_{k−j}, w_j = exp(−πi·j²/n).
type bluestein struct {
	m          int
	sub        *fftBatch
	w, wc      []complex128 // w_j and its conjugate, j < n
	bf, bi     []complex128 // FFT of the chirp for the forward / inverse transform, divided by M
	bufA, bufB []complex128 // M·fftPanel each
}

func newFFTBatch(n int) *fftBatch {
	f := &fftBatch{n: n}
	if !smooth5(n) {
		f.blue = newBluestein(n)
		return f
	}
	rest, s := n, 1
	for rest > 1 {
		p := 0
		switch {
		case rest%4 == 0:
			p = 4
		case rest%2 == 0:
			p = 2
		case rest%3 == 0:
			p = 3
		case rest%5 == 0:
			p = 5
		default:
			p = 5
		}
		m := rest / p
		st := fftStage{p: p, m: m, s: s,
			tw: [2][]complex128{make([]complex128, m*(p-1)), make([]complex128, m*(p-1))},
			c:  [2][]float64{fftConsts(p, -1), fftConsts(p, 1)}}
		for j := range m {
			for k := 1; k < p; k++ {
				sin, cos := math.Sincos(-2 * math.Pi * float64(j*k%(p*m)) / float64(p*m))
				st.tw[0][j*(p-1)+k-1] = complex(cos, sin)
				st.tw[1][j*(p-1)+k-1] = complex(cos, -sin)
			}
		}
		f.stages = append(f.stages, st)
		rest, s = m, s*p
	}
	return f
}

// smooth5 reports whether n ≥ 1 has no prime factor above 5.
func smooth5(n int) bool {
	for _, p := range []int{2, 3, 5} {
		for n%p == 0 {
			n /= p
		}
	}
	return n == 1
}

func newBluestein(n int) *bluestein {
	m := 2*n - 1
	for !smooth5(m) {
		m++
	}
	bl := &bluestein{m: m, sub: newFFTBatch(m), w: make([]complex128, n), wc: make([]complex128, n),
		bf: make([]complex128, m), bi: make([]complex128, m),
		bufA: make([]complex128, m*fftPanel), bufB: make([]complex128, m*fftPanel)}
	for j := range n {
		sin, cos := math.Sincos(-math.Pi * float64(j*j%(2*n)) / float64(n))
		bl.w[j] = complex(cos, sin)
		bl.wc[j] = complex(cos, -sin)
	}
	// Chirp for the forward transform: b_m = conj(w_m) at m and M−m.
	for j := range n {
		c := conj(bl.w[j])
		bl.bf[j] = c
		bl.bi[j] = bl.w[j]
		if j > 0 {
			bl.bf[m-j] = c
			bl.bi[m-j] = bl.w[j]
		}
	}
	tmp := make([]complex128, m)
	for _, spec := range [][]complex128{bl.bf, bl.bi} {
		res := bl.sub.run(spec, tmp, 1, false)
		for k := range spec {
			spec[k] = res[k] / complex(float64(m), 0)
		}
	}
	return bl
}

// run transforms b interleaved vectors of x (length n each) into the first
// n·b values of out.
func (bl *bluestein) run(out, x []complex128, n, b int, inverse bool) {
	w, spec := bl.w, bl.bf
	if inverse {
		w, spec = bl.wc, bl.bi
	}
	a := bl.bufA[:bl.m*b]
	mulRunsC128(a, x, w, b)
	clear(a[n*b:])
	res := bl.sub.run(a, bl.bufB[:bl.m*b], b, false)
	mulRunsC128(res, res, spec, b)
	// The convolution is the inverse transform of the product.
	other := bl.bufA[:bl.m*b]
	if &res[0] == &other[0] {
		other = bl.bufB[:bl.m*b]
	}
	conv := bl.sub.run(res, other, b, true)
	mulRunsC128(out, conv, w, b)
}

// run transforms the batch of b interleaved vectors in x, using y as
// scratch of the same length, and returns the slice (x or y) holding the
// result.
func (f *fftBatch) run(x, y []complex128, b int, inverse bool) []complex128 {
	if f.blue != nil {
		f.blue.run(y, x, f.n, b, inverse)
		return y
	}
	for i := 0; i < len(f.stages); {
		i = f.pass(i, y, x, b, inverse)
		x, y = y, x
	}
	return x
}

// runInto transforms the batch of b interleaved vectors in src into dst
// (both of length n·b), using tmp as scratch; src is overwritten. The
// passes alternate between dst and tmp so that the last one writes dst.
func (f *fftBatch) runInto(dst, src, tmp []complex128, b int, inverse bool) {
	f.runInto2(dst, src, tmp, nil, b, inverse)
}

// runInto2 is runInto with a second scratch array tmp2 (nil: none): the
// passes before the last alternate between tmp and tmp2, so that dst,
// often an array far larger than the caches, is written once only.
func (f *fftBatch) runInto2(dst, src, tmp, tmp2 []complex128, b int, inverse bool) {
	if f.blue != nil || len(f.stages) == 0 {
		copy(dst, f.run(src, tmp, b, inverse))
		return
	}
	f.passes(dst, src, tmp, tmp2, nil, b, inverse)
}

// runIntoMul is runInto2 of src·fl (fl real, at the indices of src) when
// the level has a first pass that multiplies while it reads, leaving src
// unchanged, and reports whether it did; if not, it does nothing.
func (f *fftBatch) runIntoMul(dst, src, tmp, tmp2 []complex128, fl []float64, b int, inverse bool) bool {
	if f.blue != nil || len(f.stages) < 2 || f.passLen(0, b) != 2 {
		return false
	}
	return f.passes(dst, src, tmp, tmp2, fl, b, inverse)
}

// passes runs the passes of runInto2; with fl set, the first pass also
// multiplies by fl, and passes reports false without doing anything when
// it cannot.
func (f *fftBatch) passes(dst, src, tmp, tmp2 []complex128, fl []float64, b int, inverse bool) bool {
	np := 0
	for i := 0; i < len(f.stages); i += f.passLen(i, b) {
		np++
	}
	x := src
	for i, c := 0, 0; i < len(f.stages); c++ {
		var y []complex128
		switch {
		case c == np-1:
			y = dst
		case tmp2 != nil && c%2 == 1:
			y = tmp2
		case tmp2 != nil || (np-1-c)%2 == 1:
			y = tmp
		default:
			y = dst
		}
		if c == 0 && fl != nil {
			dir := 0
			if inverse {
				dir = 1
			}
			st, nx := &f.stages[0], &f.stages[1]
			if !fftStage2MulLevel(st.p, nx.p, y, x, st.tw[dir], nx.tw[dir], st.c[dir], nx.c[dir], nx.m, st.s*b, fl) {
				return false
			}
			i = 2
		} else {
			i = f.pass(i, y, x, b, inverse)
		}
		x = y
	}
	return true
}

// passLen returns how many stages, from stage i on, one pass over the
// batch of b vectors computes: 2 when the level has a fused kernel for
// stages i and i+1, else 1.
func (f *fftBatch) passLen(i, b int) int {
	if i+1 < len(f.stages) && fftFusable(f.stages[i].p, f.stages[i+1].p, f.stages[i].s*b) {
		return 2
	}
	return 1
}

// pass computes the pass starting at stage i from x into y and returns
// the index of the next stage.
func (f *fftBatch) pass(i int, y, x []complex128, b int, inverse bool) int {
	if f.passLen(i, b) == 2 {
		dir := 0
		if inverse {
			dir = 1
		}
		st, nx := &f.stages[i], &f.stages[i+1]
		fftStage2Level(st.p, nx.p, y, x, st.tw[dir], nx.tw[dir], st.c[dir], nx.c[dir], nx.m, st.s*b)
		return i + 2
	}
	f.stage(&f.stages[i], y, x, b, inverse)
	return i + 1
}

// stage computes one Stockham pass from x into y: for j < m and q < s,
// with a_r = x[q + s·(j + r·m)] (each a run of b values),
// y[q + s·(p·j + k)] = (Σ_r a_r·ω^{rk})·tw_j^k, ω = exp(∓2πi/p). With
// assembly it is one call for the whole pass (fftStageLevel); otherwise,
// and for runs of odd length, it calls a butterfly per j.
func (f *fftBatch) stage(st *fftStage, y, x []complex128, b int, inverse bool) {
	p, m, s := st.p, st.m, st.s
	l := s * b // run length
	dir := 0
	if inverse {
		dir = 1
	}
	c := st.c[dir]
	if fftStageLevel(p, y, x, st.tw[dir], c, m, l) {
		return
	}
	for j := range m {
		tw := st.tw[dir][j*(p-1) : (j+1)*(p-1)]
		in := func(r int) []complex128 { o := (s * (j + r*m)) * b; return x[o : o+l] }
		out := func(k int) []complex128 { o := (s * (p*j + k)) * b; return y[o : o+l] }
		switch p {
		case 4:
			fftR4(out(0), out(1), out(2), out(3), in(0), in(1), in(2), in(3), tw, c)
		case 2:
			fftR2(out(0), out(1), in(0), in(1), tw, c)
		case 3:
			fftR3(out(0), out(1), out(2), in(0), in(1), in(2), tw, c)
		case 5:
			fftR5(out(0), out(1), out(2), out(3), out(4), in(0), in(1), in(2), in(3), in(4), tw, c)
		}
	}
}

func conj(z complex128) complex128 { return complex(real(z), -imag(z)) }

// mulRealC128 multiplies a complex run by a real one:
//
//	for i := range dst {
//		dst[i] = complex(real(src[i])*f[i], imag(src[i])*f[i])
//	}
//
// src and f must be as long as dst. It is the filter multiply of the
// inverse transforms when their first pass cannot do it while reading.
func mulRealC128(dst, src []complex128, f []float64) {
	if len(src) != len(dst) || len(f) != len(dst) {
		panic(fmt.Sprintf("simd: mulRealC128: lengths %d, %d, %d differ", len(dst), len(src), len(f)))
	}
	mulRealC128Level(dst, src, f)
}

// transposeC128 writes the transpose of src, a rows×cols row-major
// array, into dst (cols×rows):
//
//	for i := range rows {
//		for j := range cols {
//			dst[j*rows+i] = src[i*cols+j]
//		}
//	}
//
// It is how the panels move between the two passes of the 2-D transforms.
func transposeC128(dst, src []complex128, rows, cols int) {
	if rows <= 0 || cols <= 0 {
		return
	}
	if len(src) < rows*cols || len(dst) < rows*cols {
		panic(fmt.Sprintf("simd: transposeC128: %d×%d with src %d and dst %d values", rows, cols, len(src), len(dst)))
	}
	transposeC128Level(dst[:rows*cols], src[:rows*cols], rows, cols)
}
