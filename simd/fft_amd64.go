//go:build amd64 && !noasm && gc

package simd

// The assembly butterflies process whole vectors (2 complex128 values for
// AVX2, 4 for AVX-512); these wrappers pick the level's kernel for the
// vector-aligned prefix and finish the tail with the generic code.

// fftDone returns how many of n values the level's kernel processes.
func fftDone(n int) int {
	switch level {
	case AVX512:
		return n &^ 3
	case AVX2:
		return n &^ 1
	}
	return 0
}

func fftR2(y0, y1, x0, x1, w []complex128, c []float64) {
	n := len(y0)
	_, _, _ = y1[:n], x0[:n], x1[:n]
	done := fftDone(n)
	if done > 0 {
		if level == AVX512 {
			fftR2AVX512(y0[:done], y1, x0, x1, w, c)
		} else {
			fftR2AVX2(y0[:done], y1, x0, x1, w, c)
		}
	}
	if done < n {
		fftR2Generic(y0[done:], y1[done:], x0[done:], x1[done:], w, c)
	}
}

func fftR3(y0, y1, y2, x0, x1, x2, w []complex128, c []float64) {
	n := len(y0)
	_, _, _, _, _ = y1[:n], y2[:n], x0[:n], x1[:n], x2[:n]
	done := fftDone(n)
	if done > 0 {
		if level == AVX512 {
			fftR3AVX512(y0[:done], y1, y2, x0, x1, x2, w, c)
		} else {
			fftR3AVX2(y0[:done], y1, y2, x0, x1, x2, w, c)
		}
	}
	if done < n {
		fftR3Generic(y0[done:], y1[done:], y2[done:], x0[done:], x1[done:], x2[done:], w, c)
	}
}

func fftR4(y0, y1, y2, y3, x0, x1, x2, x3, w []complex128, c []float64) {
	n := len(y0)
	_, _, _, _, _, _, _ = y1[:n], y2[:n], y3[:n], x0[:n], x1[:n], x2[:n], x3[:n]
	done := fftDone(n)
	if done > 0 {
		if level == AVX512 {
			fftR4AVX512(y0[:done], y1, y2, y3, x0, x1, x2, x3, w, c)
		} else {
			fftR4AVX2(y0[:done], y1, y2, y3, x0, x1, x2, x3, w, c)
		}
	}
	if done < n {
		fftR4Generic(y0[done:], y1[done:], y2[done:], y3[done:], x0[done:], x1[done:], x2[done:], x3[done:], w, c)
	}
}

func fftR5(y0, y1, y2, y3, y4, x0, x1, x2, x3, x4, w []complex128, c []float64) {
	n := len(y0)
	_, _, _, _, _, _, _, _, _ = y1[:n], y2[:n], y3[:n], y4[:n], x0[:n], x1[:n], x2[:n], x3[:n], x4[:n]
	done := fftDone(n)
	if done > 0 {
		if level == AVX512 {
			fftR5AVX512(y0[:done], y1, y2, y3, y4, x0, x1, x2, x3, x4, w, c)
		} else {
			fftR5AVX2(y0[:done], y1, y2, y3, y4, x0, x1, x2, x3, x4, w, c)
		}
	}
	if done < n {
		fftR5Generic(y0[done:], y1[done:], y2[done:], y3[done:], y4[done:], x0[done:], x1[done:], x2[done:], x3[done:], x4[done:], w, c)
	}
}

// mulRealC128Level runs the AVX2 kernel (also at the AVX-512 level: it
// is bound by memory) on groups of 4 values and the generic code on the
// tail.
func mulRealC128Level(dst, src []complex128, f []float64) {
	var done int
	if level >= AVX2 {
		done = len(dst) &^ 3
		if done > 0 {
			mulRealC128AVX2(dst[:done], src, f)
		}
	}
	if done < len(dst) {
		mulRealC128Generic(dst[done:], src[done:], f[done:])
	}
}

// transposeC128Level runs the AVX-512 kernel (4×4 blocks in registers)
// when rows and cols are multiples of 4, else the assembly of 128-bit
// moves at AVX2 and above.
func transposeC128Level(dst, src []complex128, rows, cols int) {
	if level == AVX512 && rows%4 == 0 && cols%4 == 0 {
		transposeC128AVX512(dst, src, rows, cols)
		return
	}
	if level >= AVX2 {
		transposeC128AVX2(dst, src, rows, cols)
		return
	}
	transposeC128Generic(dst, src, rows, cols)
}

// fftStageKernel is the signature of the whole-pass kernels
// fftStageR<p><ISA> and fftStageLastR<p><ISA>.
type fftStageKernel func(y, x, w []complex128, c []float64, m, l int)

// fftStageKernels[level][last][p] is the single-stage kernel of radix p at
// that level; last = 1 is the variant for m = 1 (all twiddles 1).
var fftStageKernels = [3][2][6]fftStageKernel{
	AVX2: {
		{2: fftStageR2AVX2, 3: fftStageR3AVX2, 4: fftStageR4AVX2, 5: fftStageR5AVX2},
		{2: fftStageLastR2AVX2, 3: fftStageLastR3AVX2, 4: fftStageLastR4AVX2, 5: fftStageLastR5AVX2},
	},
	AVX512: {
		{2: fftStageR2AVX512, 3: fftStageR3AVX512, 4: fftStageR4AVX512, 5: fftStageR5AVX512},
		{2: fftStageLastR2AVX512, 3: fftStageLastR3AVX512, 4: fftStageLastR4AVX512, 5: fftStageLastR5AVX512},
	},
}

// fftConstLen[p] is how many butterfly constants the radix-p kernels read.
var fftConstLen = [6]int{0, 0, 0, 3, 2, 6}

// fftKernelLevel returns the level whose pass kernels suit runs of l
// values: AVX-512 when l is a multiple of 4 (values per vector), AVX2 when
// it is even (also at the AVX-512 level, so that a panel of 14 or 6
// values still runs in assembly), else Generic.
func fftKernelLevel(l int) Impl {
	switch {
	case l <= 0:
		return Generic
	case level == AVX512 && l%4 == 0:
		return AVX512
	case level >= AVX2 && l%2 == 0:
		return AVX2
	}
	return Generic
}

// fftStageLevel runs a whole radix-p pass of fftBatch.stage (m groups of
// runs of l values) in one assembly call, with the kernels of
// fftKernelLevel(l), and reports whether it did (not for Generic).
func fftStageLevel(p int, y, x, w []complex128, c []float64, m, l int) bool {
	lv := fftKernelLevel(l)
	if lv == Generic || m < 1 || p < 2 || p > 5 {
		return false
	}
	n := p * m * l
	last := 0
	if m == 1 {
		last = 1
	}
	fftStageKernels[lv][last][p](y[:n], x[:n], w[:m*(p-1)], c[:fftConstLen[p]], m, l)
	return true
}

// fftStage2Kernel is the signature of the fused two-pass kernels
// fftStage2R<p><q><ISA> and fftStage2LastR<p><q><ISA>.
type fftStage2Kernel func(y, x, wa, wb []complex128, ca, cb []float64, m, l int)

// fftStage2Kernels[level][last][p][q] is the fused kernel of radix p then
// q at that level, or nil; last = 1 is the variant whose second stage is
// the last one (m = 1).
var fftStage2Kernels = [3][2][6][6]fftStage2Kernel{
	AVX2: {{
		2: {3: fftStage2R23AVX2, 5: fftStage2R25AVX2},
		3: {3: fftStage2R33AVX2, 5: fftStage2R35AVX2},
		4: {2: fftStage2R42AVX2, 3: fftStage2R43AVX2, 4: fftStage2R44AVX2, 5: fftStage2R45AVX2},
		5: {5: fftStage2R55AVX2},
	}, {
		2: {3: fftStage2LastR23AVX2, 5: fftStage2LastR25AVX2},
		3: {3: fftStage2LastR33AVX2, 5: fftStage2LastR35AVX2},
		4: {2: fftStage2LastR42AVX2, 3: fftStage2LastR43AVX2, 4: fftStage2LastR44AVX2, 5: fftStage2LastR45AVX2},
		5: {5: fftStage2LastR55AVX2},
	}},
	AVX512: {{
		2: {3: fftStage2R23AVX512, 5: fftStage2R25AVX512},
		3: {3: fftStage2R33AVX512, 5: fftStage2R35AVX512},
		4: {2: fftStage2R42AVX512, 3: fftStage2R43AVX512, 4: fftStage2R44AVX512, 5: fftStage2R45AVX512},
		5: {5: fftStage2R55AVX512},
	}, {
		2: {3: fftStage2LastR23AVX512, 5: fftStage2LastR25AVX512},
		3: {3: fftStage2LastR33AVX512, 5: fftStage2LastR35AVX512},
		4: {2: fftStage2LastR42AVX512, 3: fftStage2LastR43AVX512, 4: fftStage2LastR44AVX512, 5: fftStage2LastR45AVX512},
		5: {5: fftStage2LastR55AVX512},
	}},
}

// fftFusable reports whether the level has a fused kernel for a radix-p
// stage followed by a radix-q stage on runs of l values.
func fftFusable(p, q, l int) bool {
	lv := fftKernelLevel(l)
	return lv != Generic && p >= 2 && p <= 5 && q >= 2 && q <= 5 && fftStage2Kernels[lv][0][p][q] != nil
}

// fftStage2Level runs the fused kernel of a radix-p and a radix-q stage
// (see genFFTStage2 in _asm/fft.go); the caller checks fftFusable.
func fftStage2Level(p, q int, y, x, wa, wb []complex128, ca, cb []float64, m, l int) {
	if m < 1 || !fftFusable(p, q, l) {
		panic("simd: fftStage2Level: no fused kernel")
	}
	n := p * q * m * l
	last := 0
	if m == 1 {
		last = 1
	}
	fftStage2Kernels[fftKernelLevel(l)][last][p][q](y[:n], x[:n], wa[:(p-1)*q*m], wb[:(q-1)*m], ca[:fftConstLen[p]], cb[:fftConstLen[q]], m, l)
}

// fftStage2MulKernels[level][q] is the fused kernel of radix 4 then q
// that multiplies its inputs by a real filter, or nil.
var fftStage2MulKernels = [3][6]func(y, x, wa, wb []complex128, ca, cb []float64, m, l int, f []float64){
	AVX2:   {2: fftStage2Mul1R42AVX2, 3: fftStage2Mul1R43AVX2, 4: fftStage2Mul1R44AVX2, 5: fftStage2Mul1R45AVX2},
	AVX512: {2: fftStage2Mul1R42AVX512, 3: fftStage2Mul1R43AVX512, 4: fftStage2Mul1R44AVX512, 5: fftStage2Mul1R45AVX512},
}

// fftStage2MulLevel runs the fused radix-p, radix-q kernel that multiplies
// each input value by f at its index, if the level has one for runs of l
// values, and reports whether it did.
func fftStage2MulLevel(p, q int, y, x, wa, wb []complex128, ca, cb []float64, m, l int, f []float64) bool {
	if p != 4 || m < 1 || !fftFusable(p, q, l) {
		return false
	}
	k := fftStage2MulKernels[fftKernelLevel(l)][q]
	if k == nil {
		return false
	}
	n := p * q * m * l
	k(y[:n], x[:n], wa[:(p-1)*q*m], wb[:(q-1)*m], ca[:fftConstLen[p]], cb[:fftConstLen[q]], m, l, f[:n])
	return true
}

// mulRunsC128 runs the kernel of fftKernelLevel(b) (AVX-512 for b a
// multiple of 4, AVX2 for b even), or the generic loop.
func mulRunsC128(dst, src, w []complex128, b int) {
	if len(w) == 0 {
		return
	}
	n := len(w) * b
	dst, src = dst[:n], src[:n]
	switch fftKernelLevel(b) {
	case AVX512:
		mulRunsC128AVX512(dst, src, w, b)
	case AVX2:
		mulRunsC128AVX2(dst, src, w, b)
	default:
		mulRunsC128Generic(dst, src, w, b)
	}
}
