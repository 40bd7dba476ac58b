package main

import (
	"fmt"

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
	genMulReal(false)
	genMulReal(true)
	genTransposeC128()
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

// genMulReal emits mulRealC128AVX2 (dst = src·f) or, with two,
// mulReal2C128AVX2 (dst = src·f·g): 4 complex values per iteration, the
// real factors duplicated onto (re, im) pairs with VPERMPD.
func genMulReal(two bool) {
	name, sig := "mulRealC128AVX2", "func(dst, src []complex128, f []float64)"
	if two {
		name, sig = "mulReal2C128AVX2", "func(dst, src []complex128, f, g []float64)"
	}
	TEXT(name, NOSPLIT, sig)
	Doc(name + " is the generic loop for AVX2. It processes len(dst) rounded down to a multiple of 4 values; the caller does the tail.")
	n := Load(Param("dst").Len(), GP64())
	ANDQ(I32(-4), n)
	dst := Load(Param("dst").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	fp := Load(Param("f").Base(), GP64())
	var gp reg.Register
	if two {
		gp = Load(Param("g").Base(), GP64())
	}
	i := GP64() // value index
	XORQ(i, i)
	j := GP64() // 2·i
	XORQ(j, j)
	Label("loop")
	CMPQ(i, n)
	JGE(LabelRef("done"))
	k := YMM()
	VMOVUPD(Mem{Base: fp, Index: i, Scale: 8}, k)
	if two {
		VMULPD(Mem{Base: gp, Index: i, Scale: 8}, k, k)
	}
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
	v     isa
	y, x  []reg.Register // base pointers of the output and input runs
	w, c  reg.Register   // twiddles (complex128) and constants (float64)
	idx   reg.GPVirtual  // byte offset of the current vector
	swap  U8             // VPERMILPD immediate exchanging re and im
	perVe int            // complex values per vector
}

// load reads vector i of input run r.
func (k *fftKernel) load(r int) reg.VecVirtual {
	a := k.v.Vec()
	VMOVUPD(Mem{Base: k.x[r], Index: k.idx, Scale: 1}, a)
	return a
}

// store writes z to the current vector of output run r.
func (k *fftKernel) store(r int, z reg.VecVirtual) {
	VMOVUPD(z, Mem{Base: k.y[r], Index: k.idx, Scale: 1})
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
	k := &fftKernel{v: v, perVe: per, swap: U8(0x5)}
	if v.Lanes == 16 {
		k.swap = U8(0x55)
	}
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
		t3 := k.swapMul(sub(v, a1, a3), k.pair(0))
		k.store(0, add(v, t0, t2))
		k.store(1, k.twiddle(add(v, t1, t3), 0))
		k.store(2, k.twiddle(sub(v, t0, t2), 1))
		k.store(3, k.twiddle(sub(v, t1, t3), 2))
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
	ADDQ(U32(v.Bytes()), k.idx)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
