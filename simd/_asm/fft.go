package main

import (
	"fmt"

	"github.com/mmcloughlin/avo/attr"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["fft"] = genFFT }

// genFFT emits the Stockham FFT butterflies of simd/fft.go for every isa.
// They work on complex128 runs: each vector holds Lanes/4 complex values
// as (re, im) pairs.
func genFFT() {
	for _, v := range isas {
		genFFTRadix(v, 2)
		genFFTRadix(v, 3)
		genFFTRadix(v, 4)
		genFFTRadix(v, 5)
	}
	for _, v := range isas {
		for _, pq := range fftMulPairs {
			genFFTStage2(v, pq[0], pq[1], false, true)
		}
		for _, last := range []bool{false, true} {
			for _, p := range []int{2, 3, 4, 5} {
				genFFTStage(v, p, last)
			}
			for _, pq := range fftPairs {
				genFFTStage2(v, pq[0], pq[1], last, false)
			}
		}
	}
	genMulReal()
	genTransposeC128()
	genTransposeC128AVX512()
	for _, v := range isas {
		genMulRuns(v)
	}
}

// genMulRuns emits mulRunsC128<ISA>(dst, src, w []complex128, b int): for
// each j < len(w), the run of b values at j·b times w[j], with the
// twiddle multiply of the butterflies. Bluestein's chirp products.
func genMulRuns(v isa) {
	name := "mulRunsC128" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, src, w []complex128, b int)")
	per := v.Lanes / 4
	Doc(fmt.Sprintf("%s is mulRunsC128Generic for %s: b a positive multiple of %d, len(w) ≥ 1; the caller checks that dst and src hold len(w)·b values.", name, v.Suffix, per))
	k := newFFTKernel(v)
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	k.w = Load(Param("w").Base(), GP64())
	nw := Load(Param("w").Len(), GP64())
	vecs := Load(Param("b"), GP64())
	SHRQ(U8(bitsOf(per)), vecs)
	n := GP64()
	Label("run")
	MOVQ(vecs, n)
	Label("vec")
	a := v.Vec()
	VMOVUPD(Mem{Base: s}, a)
	VMOVUPD(k.twiddle(a, 0), Mem{Base: d})
	ADDQ(U32(v.Bytes()), s)
	ADDQ(U32(v.Bytes()), d)
	DECQ(n)
	JNZ(LabelRef("vec"))
	ADDQ(U8(16), k.w)
	DECQ(nw)
	JNZ(LabelRef("run"))
	VZEROUPPER()
	RET()
}

// genTransposeC128AVX512 emits transposeC128AVX512 for arrays whose rows
// and cols are multiples of 4: each 4×4 block of complex values is four
// ZMM loads, eight VSHUFF64X2 and four ZMM stores.
func genTransposeC128AVX512() {
	TEXT("transposeC128AVX512", NOSPLIT, "func(dst, src []complex128, rows, cols int)")
	Doc("transposeC128AVX512 is transposeC128Generic for rows and cols that are positive multiples of 4, in 4×4 blocks. The caller checks the sizes.")
	sp := Load(Param("src").Base(), GP64())
	dp := Load(Param("dst").Base(), GP64())
	rows := Load(Param("rows"), GP64())
	cols := Load(Param("cols"), GP64())
	rowB, colB := GP64(), GP64() // rows·16, cols·16
	MOVQ(rows, rowB)
	SHLQ(U8(4), rowB)
	MOVQ(cols, colB)
	SHLQ(U8(4), colB)
	SHRQ(U8(2), rows)
	s3, d3 := GP64(), GP64()
	Label("rows")
	// One band of 4 source rows, written as 4 destination columns.
	s, d, n := GP64(), GP64(), GP64()
	MOVQ(sp, s)
	MOVQ(dp, d)
	MOVQ(cols, n)
	SHRQ(U8(2), n)
	LEAQ(Mem{Base: colB, Index: colB, Scale: 2}, s3)
	LEAQ(Mem{Base: rowB, Index: rowB, Scale: 2}, d3)
	Label("block")
	r := make([]reg.VecVirtual, 4)
	for i, m := range []Mem{{Base: s}, {Base: s, Index: colB, Scale: 1}, {Base: s, Index: colB, Scale: 2}, {Base: s, Index: s3, Scale: 1}} {
		r[i] = ZMM()
		VMOVUPD(m, r[i])
	}
	t := make([]reg.VecVirtual, 4)
	for i := range t {
		t[i] = ZMM()
	}
	// avo's operand order: VSHUFF64X2(imm, high source, low source, dst).
	VSHUFF64X2(U8(0x44), r[1], r[0], t[0])
	VSHUFF64X2(U8(0xEE), r[1], r[0], t[1])
	VSHUFF64X2(U8(0x44), r[3], r[2], t[2])
	VSHUFF64X2(U8(0xEE), r[3], r[2], t[3])
	c := make([]reg.VecVirtual, 4)
	for i := range c {
		c[i] = ZMM()
	}
	VSHUFF64X2(U8(0x88), t[2], t[0], c[0])
	VSHUFF64X2(U8(0xDD), t[2], t[0], c[1])
	VSHUFF64X2(U8(0x88), t[3], t[1], c[2])
	VSHUFF64X2(U8(0xDD), t[3], t[1], c[3])
	for i, m := range []Mem{{Base: d}, {Base: d, Index: rowB, Scale: 1}, {Base: d, Index: rowB, Scale: 2}, {Base: d, Index: d3, Scale: 1}} {
		VMOVUPD(c[i], m)
	}
	ADDQ(U8(64), s)
	LEAQ(Mem{Base: d, Index: rowB, Scale: 4}, d)
	DECQ(n)
	JNZ(LabelRef("block"))
	LEAQ(Mem{Base: sp, Index: colB, Scale: 4}, sp)
	ADDQ(U8(64), dp)
	DECQ(rows)
	JNZ(LabelRef("rows"))
	VZEROUPPER()
	RET()
}

// genTransposeC128 emits transposeC128AVX2: one 128-bit VEX load and store
// per value, four values of a source row per iteration. It replaces a Go
// loop whose bounds checks and index arithmetic dominated.
func genTransposeC128() {
	TEXT("transposeC128AVX2", NOSPLIT, "func(dst, src []complex128, rows, cols int)")
	Doc("transposeC128AVX2 is transposeC128Generic with VEX moves. The caller checks the lengths; rows and cols are at least 1.")
	sp := Load(Param("src").Base(), GP64())
	dp := Load(Param("dst").Base(), GP64())
	rows := Load(Param("rows"), GP64())
	rowB := GP64() // bytes between dst rows: rows·16
	MOVQ(rows, rowB)
	SHLQ(U8(4), rowB)
	Label("row")
	cols := Load(Param("cols"), GP64())
	d := GP64()
	MOVQ(dp, d)
	Label("four")
	CMPQ(cols, U8(4))
	JL(LabelRef("one"))
	d2 := GP64()
	LEAQ(Mem{Base: d, Index: rowB, Scale: 2}, d2)
	for i, m := range []Mem{{Base: d}, {Base: d, Index: rowB, Scale: 1}, {Base: d2}, {Base: d2, Index: rowB, Scale: 1}} {
		x := XMM()
		VMOVUPD(Mem{Base: sp, Disp: 16 * i}, x)
		VMOVUPD(x, m)
	}
	ADDQ(U8(64), sp)
	LEAQ(Mem{Base: d2, Index: rowB, Scale: 2}, d)
	SUBQ(U8(4), cols)
	JMP(LabelRef("four"))
	Label("one")
	TESTQ(cols, cols)
	JZ(LabelRef("next"))
	x := XMM()
	VMOVUPD(Mem{Base: sp}, x)
	VMOVUPD(x, Mem{Base: d})
	ADDQ(U8(16), sp)
	ADDQ(rowB, d)
	DECQ(cols)
	JMP(LabelRef("one"))
	Label("next")
	ADDQ(U8(16), dp)
	DECQ(rows)
	JNZ(LabelRef("row"))
	RET()
}

// genMulReal emits mulRealC128AVX2 (dst = src·f): 4 complex values per
// iteration, the real factors duplicated onto (re, im) pairs with VPERMPD.
func genMulReal() {
	TEXT("mulRealC128AVX2", NOSPLIT, "func(dst, src []complex128, f []float64)")
	Doc("mulRealC128AVX2 is the generic loop for AVX2. It processes len(dst) rounded down to a multiple of 4 values; the caller does the tail.")
	n := Load(Param("dst").Len(), GP64())
	ANDQ(I32(-4), n)
	dst := Load(Param("dst").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	fp := Load(Param("f").Base(), GP64())
	i := GP64() // value index
	XORQ(i, i)
	j := GP64() // 2·i
	XORQ(j, j)
	Label("loop")
	CMPQ(i, n)
	JGE(LabelRef("done"))
	k := YMM()
	VMOVUPD(Mem{Base: fp, Index: i, Scale: 8}, k)
	lo, hi := YMM(), YMM()
	VPERMPD(U8(0x50), k, lo) // k0 k0 k1 k1
	VPERMPD(U8(0xFA), k, hi) // k2 k2 k3 k3
	VMULPD(Mem{Base: src, Index: j, Scale: 8}, lo, lo)
	VMULPD(Mem{Base: src, Index: j, Scale: 8, Disp: 32}, hi, hi)
	VMOVUPD(lo, Mem{Base: dst, Index: j, Scale: 8})
	VMOVUPD(hi, Mem{Base: dst, Index: j, Scale: 8, Disp: 32})
	ADDQ(U8(4), i)
	ADDQ(U8(8), j)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// fftKernel holds the registers of one butterfly kernel being generated.
type fftKernel struct {
	v    isa
	y, x []reg.Register // base pointers of the output and input runs
	w, c reg.Register   // twiddles (complex128) and constants (float64)
	idx  reg.GPVirtual  // byte offset of the current vector (nil: the run pointers advance)
	swap U8             // VPERMILPD immediate exchanging re and im

	// ld and st, when set, replace the run addressing of load and store.
	ld func(r int) Mem
	st func(k int) Mem
	// get and put, when set, take inputs from and leave outputs in
	// registers instead.
	get func(r int) reg.VecVirtual
	put func(k int, z reg.VecVirtual)
	// unit: every twiddle is 1 (the last stage, m = 1), so none is applied.
	unit bool
	// scale, when set, is applied to each value loaded through ld, with
	// its address.
	scale func(a reg.VecVirtual, at Mem)
}

// newFFTKernel returns the kernel state for v with its re/im exchange.
func newFFTKernel(v isa) *fftKernel {
	k := &fftKernel{v: v, swap: U8(0x5)}
	if v.Lanes == 16 {
		k.swap = U8(0x55)
	}
	return k
}

// mulReal multiplies the complex values a, loaded from at (a base
// register only), by the real filter value at the same index: f[i] at
// at/2 + *fOff. The factor is duplicated onto the (re, im) pair: VPERMPD
// by dup with AVX-512, VPERMPD $0x50 with AVX2.
func (k *fftKernel) mulReal(a reg.VecVirtual, at Mem, fOff Mem, dup reg.VecVirtual) {
	h := GP64()
	MOVQ(at.Base, h)
	SHRQ(U8(1), h)
	ADDQ(fOff, h)
	if k.v.Lanes == 16 {
		f := YMM()
		VMOVUPD(Mem{Base: h}, f)
		fz := ZMM()
		VPERMPD(f.AsZ(), dup, fz)
		VMULPD(fz, a, a)
		return
	}
	f := XMM()
	VMOVUPD(Mem{Base: h}, f)
	fy := YMM()
	VPERMPD(U8(0x50), f.AsY(), fy)
	VMULPD(fy, a, a)
}

// fftDupBytes returns the 8 bytes 0 0 1 1 2 2 3 3 (read-only data), which
// VPMOVZXBQ widens into the permutation that duplicates 4 float64 onto
// (re, im) pairs.
func fftDupBytes() Mem {
	if fftDup == nil {
		m := GLOBL("fftdup", RODATA|NOPTR)
		for i, b := range []byte{0, 0, 1, 1, 2, 2, 3, 3} {
			DATA(i, U8(b))
		}
		fftDup = &m
	}
	return *fftDup
}

var fftDup *Mem

// load reads vector i of input run r.
func (k *fftKernel) load(r int) reg.VecVirtual {
	if k.get != nil {
		return k.get(r)
	}
	a := k.v.Vec()
	if k.ld != nil {
		at := k.ld(r)
		VMOVUPD(at, a)
		if k.scale != nil {
			k.scale(a, at)
		}
		return a
	}
	VMOVUPD(k.at(k.x[r]), a)
	return a
}

// at addresses the current vector of the run at base.
func (k *fftKernel) at(base reg.Register) Mem {
	if k.idx == nil {
		return Mem{Base: base}
	}
	return Mem{Base: base, Index: k.idx, Scale: 1}
}

// store writes z to the current vector of output run r.
func (k *fftKernel) store(r int, z reg.VecVirtual) {
	if k.put != nil {
		k.put(r, z)
		return
	}
	if k.st != nil {
		VMOVUPD(z, k.st(r))
		return
	}
	VMOVUPD(z, k.at(k.y[r]))
}

// bcast broadcasts the float64 at byte offset disp of base to every lane.
func (k *fftKernel) bcast(base reg.Register, disp int) reg.VecVirtual {
	r := k.v.Vec()
	VBROADCASTSD(Mem{Base: base, Disp: disp}, r)
	return r
}

// pair broadcasts the 16 bytes at byte offset disp of c (two float64) to
// every 128-bit lane.
func (k *fftKernel) pair(disp int) reg.VecVirtual {
	r := k.v.Vec()
	if k.v.Lanes == 16 {
		VBROADCASTF64X2(Mem{Base: k.c, Disp: disp}, r)
	} else {
		VBROADCASTF128(Mem{Base: k.c, Disp: disp}, r)
	}
	return r
}

// swapMul returns swap(z)·s: with s = (−q, q) pairs this is z·(q·i).
func (k *fftKernel) swapMul(z, s reg.VecVirtual) reg.VecVirtual {
	t := k.v.Vec()
	VPERMILPD(k.swap, z, t)
	VMULPD(s, t, t)
	return t
}

// swapMulAdd returns acc + swap(z)·s.
func (k *fftKernel) swapMulAdd(acc, z, s reg.VecVirtual) reg.VecVirtual {
	t := k.v.Vec()
	VPERMILPD(k.swap, z, t)
	VFMADD231PD(s, t, acc)
	return acc
}

// twiddle returns z·w[j] (complex).
func (k *fftKernel) twiddle(z reg.VecVirtual, j int) reg.VecVirtual {
	if k.unit {
		return z
	}
	wr := k.bcast(k.w, 16*j)
	wi := k.bcast(k.w, 16*j+8)
	t := k.v.Vec()
	VPERMILPD(k.swap, z, t)
	VMULPD(wi, t, t)
	// even lanes: re·wr − im·wi; odd lanes: im·wr + re·wi
	VFMADDSUB231PD(wr, z, t)
	return t
}

func add(v isa, a, b reg.VecVirtual) reg.VecVirtual {
	r := v.Vec()
	VADDPD(b, a, r)
	return r
}

func sub(v isa, a, b reg.VecVirtual) reg.VecVirtual {
	r := v.Vec()
	VSUBPD(b, a, r)
	return r
}

// genFFTRadix emits fftR<p><ISA>(y0…y{p−1}, x0…x{p−1}, w []complex128, c []float64).
func genFFTRadix(v isa, p int) {
	name := fmt.Sprintf("fftR%d%s", p, v.Suffix)
	sig := "func("
	for i := range p {
		sig += fmt.Sprintf("y%d, ", i)
	}
	for i := range p {
		sig += fmt.Sprintf("x%d, ", i)
	}
	sig += "w []complex128, c []float64)"
	TEXT(name, NOSPLIT, sig)
	per := v.Lanes / 4
	Doc(fmt.Sprintf("%s is fftR%dGeneric for %s. It processes len(y0) rounded down to a multiple of %d values; the caller does the tail.", name, p, v.Suffix, per),
		"Every run must hold at least that many values; w and c are as for the generic kernel.")
	k := newFFTKernel(v)
	n := Load(Param("y0").Len(), GP64())
	SHLQ(U8(4), n)
	ANDQ(I32(-v.Bytes()), n)
	for i := range p {
		k.y = append(k.y, Load(Param(fmt.Sprintf("y%d", i)).Base(), GP64()))
	}
	for i := range p {
		k.x = append(k.x, Load(Param(fmt.Sprintf("x%d", i)).Base(), GP64()))
	}
	k.w = Load(Param("w").Base(), GP64())
	k.c = Load(Param("c").Base(), GP64())
	k.idx = GP64()
	XORQ(k.idx, k.idx)
	Label("loop")
	CMPQ(k.idx, n)
	JGE(LabelRef("done"))
	k.butterfly(p)
	ADDQ(U32(v.Bytes()), k.idx)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// butterfly emits the radix-p butterfly of one vector of every run: the
// loads, the DFT, the twiddles and the stores.
func (k *fftKernel) butterfly(p int) {
	v := k.v
	switch p {
	case 2:
		a, b := k.load(0), k.load(1)
		k.store(0, add(v, a, b))
		k.store(1, k.twiddle(sub(v, a, b), 0))
	case 3:
		a0, a1, a2 := k.load(0), k.load(1), k.load(2)
		s, d := add(v, a1, a2), sub(v, a1, a2)
		half := k.bcast(k.c, 16)
		m := v.Vec()
		VMOVAPD(a0, m)
		VFNMADD231PD(half, s, m) // m = a0 − s/2
		r := k.swapMul(d, k.pair(0))
		k.store(0, add(v, a0, s))
		k.store(1, k.twiddle(add(v, m, r), 0))
		k.store(2, k.twiddle(sub(v, m, r), 1))
	case 4:
		a0, a2 := k.load(0), k.load(2)
		t0, t1 := add(v, a0, a2), sub(v, a0, a2)
		a1, a3 := k.load(1), k.load(3)
		t2 := add(v, a1, a3)
		// t1 ± swap(a1 − a3)·(−q, q), one FMA each.
		d := sub(v, a1, a3)
		VPERMILPD(k.swap, d, d)
		qq := k.pair(0)
		y1, y3 := v.Vec(), v.Vec()
		VMOVAPD(t1, y1)
		VFMADD231PD(qq, d, y1)
		VMOVAPD(t1, y3)
		VFNMADD231PD(qq, d, y3)
		k.store(0, add(v, t0, t2))
		k.store(1, k.twiddle(y1, 0))
		k.store(2, k.twiddle(sub(v, t0, t2), 1))
		k.store(3, k.twiddle(y3, 2))
	case 5:
		a0 := k.load(0)
		a1, a4 := k.load(1), k.load(4)
		s1, d1 := add(v, a1, a4), sub(v, a1, a4)
		a2, a3 := k.load(2), k.load(3)
		s2, d2 := add(v, a2, a3), sub(v, a2, a3)
		c51, c52 := k.bcast(k.c, 0), k.bcast(k.c, 8)
		m1, m2 := v.Vec(), v.Vec()
		VMOVAPD(a0, m1)
		VFMADD231PD(c51, s1, m1)
		VFMADD231PD(c52, s2, m1) // m1 = a0 + c51·s1 + c52·s2
		VMOVAPD(a0, m2)
		VFMADD231PD(c52, s1, m2)
		VFMADD231PD(c51, s2, m2) // m2 = a0 + c52·s1 + c51·s2
		k.store(0, add(v, add(v, a0, s1), s2))
		q1, q2 := k.pair(16), k.pair(32) // (−s·sin 2π/5, s·sin 2π/5), (…4π/5…)
		r1 := k.swapMulAdd(k.swapMul(d1, q1), d2, q2)
		nq1 := v.Vec()
		VXORPD(nq1, nq1, nq1)
		VSUBPD(q1, nq1, nq1)
		r2 := k.swapMulAdd(k.swapMul(d1, q2), d2, nq1)
		k.store(1, k.twiddle(add(v, m1, r1), 0))
		k.store(4, k.twiddle(sub(v, m1, r1), 3))
		k.store(2, k.twiddle(add(v, m2, r2), 1))
		k.store(3, k.twiddle(sub(v, m2, r2), 2))
	}
}

// genFFTStage emits fftStageR<p><ISA>(y, x, w []complex128, c []float64,
// m, l int): a whole Stockham pass of fftBatch.stage in one call. For
// j < m, the p input runs of l values start at x + (j + r·m)·l and the
// outputs at y + (p·j + k)·l. Input run r of consecutive j is one
// contiguous range, so its pointer only moves forward; the output
// pointers skip (p−1)·l values after each j.
//
// With last, it is the variant for the last stage (m = 1), whose twiddles
// are all 1 and are not applied: fftStageLastR<p><ISA>.
func genFFTStage(v isa, p int, last bool) {
	name := fmt.Sprintf("fftStageR%d%s", p, v.Suffix)
	if last {
		name = fmt.Sprintf("fftStageLastR%d%s", p, v.Suffix)
	}
	TEXT(name, NOSPLIT, "func(y, x, w []complex128, c []float64, m, l int)")
	per := v.Lanes / 4
	Doc(fmt.Sprintf("%s is one radix-%d pass of fftBatch.stage for %s: m ≥ 1 groups of runs of l values, l a positive multiple of %d.", name, p, v.Suffix, per),
		"The caller checks that x and y hold p·m·l values and w (p−1)·m.")
	k := newFFTKernel(v)
	k.unit = last
	jLeft := AllocLocal(8) // groups j left
	skip := AllocLocal(8)  // (p−1)·l·16 bytes
	vecs := AllocLocal(8)  // vectors per run
	lb := Load(Param("l"), GP64())
	SHLQ(U8(4), lb) // run bytes
	t := GP64()
	MOVQ(lb, t)
	SHRQ(U8(bitsOf(v.Bytes())), t)
	MOVQ(t, vecs)
	mb := Load(Param("m"), GP64())
	MOVQ(mb, jLeft)
	IMULQ(lb, mb) // m·l·16: bytes between input runs r and r+1
	xp := Load(Param("x").Base(), GP64())
	for r := range p {
		q := GP64()
		if r == 0 {
			MOVQ(xp, q)
		} else {
			LEAQ(Mem{Base: k.x[r-1], Index: mb, Scale: 1}, q)
		}
		k.x = append(k.x, q)
	}
	yp := Load(Param("y").Base(), GP64())
	for i := range p {
		q := GP64()
		if i == 0 {
			MOVQ(yp, q)
		} else {
			LEAQ(Mem{Base: k.y[i-1], Index: lb, Scale: 1}, q)
		}
		k.y = append(k.y, q)
	}
	IMUL3Q(U8(p-1), lb, t)
	MOVQ(t, skip)
	k.w = Load(Param("w").Base(), GP64())
	k.c = Load(Param("c").Base(), GP64())
	cnt := GP64()
	Label("group")
	MOVQ(vecs, cnt)
	Label("vec")
	k.butterfly(p)
	for _, q := range k.x {
		ADDQ(U32(v.Bytes()), q)
	}
	for _, q := range k.y {
		ADDQ(U32(v.Bytes()), q)
	}
	DECQ(cnt)
	JNZ(LabelRef("vec"))
	for _, q := range k.y {
		ADDQ(skip, q)
	}
	ADDQ(U32(16*(p-1)), k.w)
	DECQ(jLeft)
	JNZ(LabelRef("group"))
	VZEROUPPER()
	RET()
}

// strided returns the address base + i·(*stride), computing it in t
// when i > 0.
func (k *fftKernel) strided(base, t reg.Register, stride Mem, i int) Mem {
	if i == 0 {
		return Mem{Base: base}
	}
	IMUL3Q(U8(i), stride, t)
	ADDQ(base, t)
	return Mem{Base: t}
}

// bitsOf returns log2 of the power of two n.
func bitsOf(n int) int {
	b := 0
	for 1<<b < n {
		b++
	}
	return b
}

// fftPairs are the radix pairs of consecutive stages that have a fused
// kernel: every pair that the factor order of newFFTBatch (4s, then 2,
// then 3s, then 5s) can put next to each other.
var fftPairs = [][2]int{{4, 4}, {4, 2}, {4, 3}, {4, 5}, {2, 3}, {2, 5}, {3, 3}, {3, 5}, {5, 5}}

// fftMulPairs are the pairs with filter-multiplying variants: the first
// two stages of a length divisible by 4 (the rows of the metrics' grids).
var fftMulPairs = [][2]int{{4, 4}, {4, 2}, {4, 3}, {4, 5}}

// genFFTStage2 emits fftStage2R<p><q><ISA>(y, x, wa, wb []complex128,
// ca, cb []float64, m, l int): two consecutive Stockham passes, radix p
// over m·q groups of runs of l values (twiddles wa, constants ca) and then
// radix q over m groups of runs of p·l values (wb, cb), with the values
// between the two kept in a small stack buffer instead of a whole array.
// For j < m and one vector of the runs, the first pass computes the q
// butterflies of groups j + r·m (r < q), whose inputs are the runs
// j + (r + q·t)·m (t < p) of x; the second the p butterflies over their
// outputs k (k < p), writing the runs (q·j + k2)·p + k (k2 < q) of y.
//
// With last, the second pass is the last stage (m = 1) and its twiddles,
// all 1, are not applied: fftStage2LastR<p><q><ISA>.
//
// With mul (and not last), every input value is first multiplied by the
// real filter f at the same index (f in the layout of x):
// fftStage2Mul1R<p><q><ISA>(…, f []float64).
func genFFTStage2(v isa, p, q int, last, mul bool) {
	name := fmt.Sprintf("fftStage2R%d%d%s", p, q, v.Suffix)
	sig := "func(y, x, wa, wb []complex128, ca, cb []float64, m, l int)"
	switch {
	case last:
		name = fmt.Sprintf("fftStage2LastR%d%d%s", p, q, v.Suffix)
	case mul:
		name = fmt.Sprintf("fftStage2Mul1R%d%d%s", p, q, v.Suffix)
		sig = "func(y, x, wa, wb []complex128, ca, cb []float64, m, l int, f []float64)"
	}
	// With AVX-512 the p·q values between the passes stay in registers
	// when they leave enough for a butterfly.
	inRegs := v.Lanes == 16 && p*q <= 16
	flags := attr.Attribute(0)
	if inRegs {
		flags = NOSPLIT
	}
	TEXT(name, flags, sig)
	per := v.Lanes / 4
	vb := v.Bytes()
	doc := []string{fmt.Sprintf("%s is a radix-%d pass followed by a radix-%d pass of fftBatch.stage for %s: m ≥ 1, l a positive multiple of %d.", name, p, q, v.Suffix, per),
		"The caller checks that x and y hold p·q·m·l values, wa (p−1)·q·m and wb (q−1)·m."}
	if mul {
		doc = append(doc, "Each input value is multiplied by the filter value at its index first; f is as long as x.")
	}
	Doc(doc...)
	k := newFFTKernel(v)
	jLeft := AllocLocal(8)
	vecs := AllocLocal(8)
	runB := AllocLocal(8)  // l·16
	runPB := AllocLocal(8) // p·l·16
	grpB := AllocLocal(8)  // m·l·16: between input runs j and j + m
	grpQB := AllocLocal(8) // q·m·l·16
	twA := AllocLocal(8)   // m·(p−1)·16: between the twiddles of groups j and j + m
	vLeft := AllocLocal(8)
	fOff := AllocLocal(8) // f − x/2: the address of f[i] is x_i/2 + fOff
	var scratch Mem
	var mid []reg.VecVirtual
	if inRegs {
		mid = make([]reg.VecVirtual, p*q)
	} else {
		scratch = AllocLocal(p * q * vb)
	}

	lb := Load(Param("l"), GP64())
	SHLQ(U8(4), lb)
	MOVQ(lb, runB)
	t := GP64()
	MOVQ(lb, t)
	SHRQ(U8(bitsOf(vb)), t)
	MOVQ(t, vecs)
	IMUL3Q(U8(p), lb, t)
	MOVQ(t, runPB)
	mr := Load(Param("m"), GP64())
	MOVQ(mr, jLeft)
	IMUL3Q(U32(16*(p-1)), mr, t)
	MOVQ(t, twA)
	IMULQ(lb, mr)
	MOVQ(mr, grpB)
	IMUL3Q(U8(q), mr, t)
	MOVQ(t, grpQB)

	xj := Load(Param("x").Base(), GP64())
	var dup reg.VecVirtual // AVX-512: permutation 0 0 1 1 2 2 3 3
	if mul {
		fp := Load(Param("f").Base(), GP64())
		MOVQ(xj, t)
		SHRQ(U8(1), t)
		SUBQ(t, fp)
		MOVQ(fp, fOff)
		if v.Lanes == 16 {
			dup = ZMM()
			VPMOVZXBQ(fftDupBytes(), dup)
		}
	}
	yj := Load(Param("y").Base(), GP64())
	wa := Load(Param("wa").Base(), GP64())
	wb := Load(Param("wb").Base(), GP64())
	ca := Load(Param("ca").Base(), GP64())
	cb := Load(Param("cb").Base(), GP64())
	vo := GP64() // byte offset of the vector in the runs
	xr := GP64()
	xt := GP64()
	wt := GP64()

	Label("group")
	XORQ(vo, vo)
	MOVQ(vecs, t)
	MOVQ(t, vLeft)
	Label("vec")
	// First pass: q butterflies of radix p into the scratch buffer.
	LEAQ(Mem{Base: xj, Index: vo, Scale: 1}, xr)
	MOVQ(wa, wt)
	for r := range q {
		if r > 0 {
			ADDQ(grpB, xr)
			ADDQ(twA, wt)
		}
		k.ld = func(i int) Mem { return k.strided(xr, xt, grpQB, i) }
		if mul {
			k.scale = func(a reg.VecVirtual, at Mem) { k.mulReal(a, at, fOff, dup) }
		}
		if inRegs {
			k.put = func(i int, z reg.VecVirtual) { mid[r*p+i] = z }
		} else {
			k.st = func(i int) Mem { return scratch.Offset((r*p + i) * vb) }
		}
		k.w, k.c = wt, ca
		k.butterfly(p)
	}
	k.scale = nil
	// Second pass: p butterflies of radix q from the scratch buffer.
	k.w, k.c, k.unit = wb, cb, last
	for i := range p {
		k.ld, k.put = nil, nil
		if inRegs {
			k.get = func(r int) reg.VecVirtual { return mid[r*p+i] }
		} else {
			k.ld = func(r int) Mem { return scratch.Offset((r*p + i) * vb) }
		}
		LEAQ(Mem{Base: yj, Index: vo, Scale: 1}, xr)
		if i > 0 {
			IMUL3Q(U8(i), runB, xt)
			ADDQ(xt, xr)
		}
		k.st = func(r int) Mem { return k.strided(xr, xt, runPB, r) }
		k.butterfly(q)
	}
	k.get = nil
	ADDQ(U32(vb), vo)
	DECQ(vLeft)
	JNZ(LabelRef("vec"))

	ADDQ(runB, xj)
	IMUL3Q(U8(q), runPB, t)
	ADDQ(t, yj)
	ADDQ(U32(16*(p-1)), wa)
	ADDQ(U32(16*(q-1)), wb)
	DECQ(jLeft)
	JNZ(LabelRef("group"))
	VZEROUPPER()
	RET()
}
