package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["vsi"] = genVSI }

// genVSI emits the kernels of simd/vsi.go for every isa.
func genVSI() {
	for _, v := range isas {
		genVSISimRow(v, false)
		genVSISimRow(v, true)
		genPowTableRow(v)
		genBandRowF64(v)
		genLerpRowMinMax(v)
		genSRGBBaseRow(v)
		genPool4RowF64(v)
		genLerpColsF32(v)
	}
}

// The constants of VSISimRow in the order of the fields of VSIConsts.
const (
	vsiMinX = iota
	vsiMinY
	vsiRX
	vsiRY
	vsiC1
	vsiC2
	vsiC3
	vsiNeg
	vsiM // M[0..2]
	vsiN = vsiM + 3
	vsiK = vsiN + 3 // number of constants
)

// vsiLtOS is the VCMPPD predicate a < b (ordered, signalling) for
// f64Compare.
const vsiLtOS = 1

// genVSISimRow emits vsiSimRow<ISA> or, for gray, vsiSimRowGray<ISA>.
// There are too many slices to keep their addresses in registers, so
// each is loaded from the argument frame where it is used; on AVX-512 the
// constants live in registers, on AVX2 (16 registers) they are broadcast
// from memory where they are used. Every operation is rounded on its own,
// as in the generic code, so the results are identical.
func genVSISimRow(v isa, gray bool) {
	lanes := v.Lanes / 2
	name, ins := "vsiSimRow", "mx, my, nx, ny"
	if gray {
		name, ins = "vsiSimRowGray", "ux, uy"
	}
	exported := "VSISimRow"
	if gray {
		exported = "VSISimRowGray"
	}
	name += v.Suffix
	TEXT(name, NOSPLIT, "func(sg, sc, neg, sv, vm, vx, vy, gx, gy, "+ins+" []float64, k *[14]float64)")
	Pragma("noescape")
	Doc(name+" is "+exported+" for "+v.Suffix+".",
		fmt.Sprintf("It processes len(sg) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length.")
	n := Load(Param("sg").Len(), GP64())
	SHLQ(U8(3), n) // bytes
	kp := Load(Param("k"), GP64())
	j := GP64()
	XORQ(j, j)

	var pre [vsiK]reg.VecVirtual
	if v.Lanes == 16 {
		for i := range pre {
			pre[i] = v.Vec()
			VBROADCASTSD(Mem{Base: kp, Disp: 8 * i}, pre[i])
		}
	}
	cst := func(i int) reg.VecVirtual {
		if v.Lanes == 16 {
			return pre[i]
		}
		r := v.Vec()
		VBROADCASTSD(Mem{Base: kp, Disp: 8 * i}, r)
		return r
	}
	one := broadcastF64Bits(v, 0x3ff0000000000000)
	sign := broadcastF64Bits(v, 0x8000000000000000)
	zero := v.Vec()
	VXORPD(zero, zero, zero)

	at := func(s string) Mem {
		p := Load(Param(s).Base(), GP64())
		return Mem{Base: p, Index: j, Scale: 1}
	}
	load := func(s string) reg.VecVirtual {
		r := v.Vec()
		VMOVUPD(at(s), r)
		return r
	}
	// lin returns c0·u + c1·u + c2·u with the constants from index i.
	lin := func(u reg.VecVirtual, i int) reg.VecVirtual {
		r, t := v.Vec(), v.Vec()
		VMULPD(cst(i), u, r)
		VMULPD(cst(i+1), u, t)
		VADDPD(t, r, r)
		VMULPD(cst(i+2), u, t)
		VADDPD(t, r, r)
		return r
	}

	Label("loop")
	CMPQ(j, n)
	JGE(LabelRef("done"))
	// Saliency: a, b normalised; vm = max(a, b).
	a, b := load("vx"), load("vy")
	VSUBPD(cst(vsiMinX), a, a)
	VMULPD(cst(vsiRX), a, a)
	VSUBPD(cst(vsiMinY), b, b)
	VMULPD(cst(vsiRY), b, b)
	m := v.Vec()
	VMAXPD(b, a, m) // a > b ? a : b
	VMOVUPD(m, at("vm"))
	nV, dV := simTerms(v, a, b, cst(vsiC1))
	// Gradient.
	nG, dG := simTerms(v, load("gx"), load("gy"), cst(vsiC2))
	// Chroma.
	var m0, m1, n0, n1 reg.VecVirtual
	if gray {
		u := load("ux")
		m0, n0 = lin(u, vsiM), lin(u, vsiN)
		w := load("uy")
		m1, n1 = lin(w, vsiM), lin(w, vsiN)
	} else {
		m0, m1, n0, n1 = load("mx"), load("my"), load("nx"), load("ny")
	}
	pm, qm := simTerms(v, m0, m1, cst(vsiC3))
	pn, qn := simTerms(v, n0, n1, cst(vsiC3))
	nC, dC := v.Vec(), v.Vec()
	VMULPD(pn, pm, nC)
	VMULPD(qn, qm, dC)
	// r = 1/(dG·dC·dV).
	t, r := v.Vec(), v.Vec()
	VMULPD(dC, dG, t)
	VMULPD(dV, t, r)
	VDIVPD(r, one, r)
	// sv = nV·t·r.
	VMULPD(t, nV, nV)
	VMULPD(r, nV, nV)
	VMOVUPD(nV, at("sv"))
	// sg = nG·(dC·dV)·r.
	VMULPD(dV, dC, dC)
	VMULPD(dC, nG, nG)
	VMULPD(r, nG, nG)
	VMOVUPD(nG, at("sg"))
	// c = nC·(dG·dV)·r; where c < 0: sc = −c, neg = Neg; else sc = c, neg = 1.
	VMULPD(dV, dG, dG)
	VMULPD(dG, nC, nC)
	VMULPD(r, nC, nC)
	mask := f64Compare(v, vsiLtOS, nC, zero)
	nc := v.Vec()
	VXORPD(sign, nC, nc)
	f64Blend(v, mask, nc, nC)
	VMOVUPD(nC, at("sc"))
	f := v.Vec()
	VMOVAPD(one, f)
	f64Blend(v, mask, cst(vsiNeg), f)
	VMOVUPD(f, at("neg"))
	ADDQ(U32(v.Bytes()), j)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// simTerms returns the numerator and denominator of the similarity
// (2xy + c)/(x² + y² + c) of VSI and SR-SIM: 2xy + c and x² + y² + c.
func simTerms(v isa, x, y, c reg.VecVirtual) (nu, de reg.VecVirtual) {
	nu, de = v.Vec(), v.Vec()
	VADDPD(x, x, nu)
	VMULPD(y, nu, nu)
	VADDPD(c, nu, nu)
	t := v.Vec()
	VMULPD(x, x, de)
	VMULPD(y, y, t)
	VADDPD(t, de, de)
	VADDPD(c, de, de)
	return nu, de
}

// genPowTableRow emits powTableRow<ISA>: PowTableRow over whole vectors,
// returning at the first vector that holds a sample that is not a
// positive normal number. The table entries are gathered; the position
// in the interval is converted exactly by placing the low mantissa bits
// under the exponent of 2^52 and subtracting 2^52.
func genPowTableRow(v isa) {
	lanes := v.Lanes / 2
	name := "powTableRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(x, c, p2 []float64, shift, low uint64, scale float64) int")
	Pragma("noescape")
	Doc(name+" is PowTableRow for "+v.Suffix+" on whole vectors of x, with low = 2^shift − 1",
		"and scale = 2^−shift.",
		fmt.Sprintf("It processes len(x) rounded down to a multiple of %d samples, and stops before", lanes),
		"the first vector with a sample that is not a positive normal number;",
		"it returns the number of samples done. The caller checks the tables.")
	avx512 := v.Lanes == 16
	xp := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	SHLQ(U8(3), n)
	cp := Load(Param("c").Base(), GP64())
	pp := Load(Param("p2").Base(), GP64())
	cn := Load(Param("c").Len(), GP64())
	SHRQ(U8(2), cn) // intervals
	DECQ(cn)        // index mask
	sh, err := Param("shift").Resolve()
	if err != nil {
		panic(err)
	}
	shift := XMM()
	VMOVQ(sh.Addr, shift)
	bcq := func(r reg.Register) reg.VecVirtual {
		x := XMM()
		VMOVQ(r, x)
		out := v.Vec()
		VPBROADCASTQ(x, out)
		return out
	}
	bcu := func(b uint64) reg.VecVirtual {
		r := GP64()
		MOVQ(U64(b), r)
		return bcq(r)
	}
	low := bcq(Load(Param("low"), GP64()))
	scale := f64BroadcastParam(v, "scale")
	idxMask := bcq(cn)
	two52 := bcu(0x4330000000000000)
	minB, rangeM1 := bcu(1<<52), bcu(2046<<52-1)
	zero := v.Vec()
	and := func(a, b, d reg.VecVirtual) { VPAND(a, b, d) }
	or := func(a, b, d reg.VecVirtual) { VPOR(a, b, d) }
	if avx512 {
		VPXORQ(zero, zero, zero)
		and = func(a, b, d reg.VecVirtual) { VPANDQ(a, b, d) }
		or = func(a, b, d reg.VecVirtual) { VPORQ(a, b, d) }
	} else {
		VPXOR(zero, zero, zero)
	}
	// gather loads the lanes at m. The destination and the mask are
	// defined first from zero (a gather reads both), so that they are not
	// live from the function's entry.
	ones := GP32()
	MOVL(U32(0xff), ones)
	gather := func(m Mem) reg.VecVirtual {
		r := v.Vec()
		VMOVAPD(zero, r)
		if avx512 {
			k := K()
			KMOVB(ones, k)
			VGATHERQPD(m, k, r)
			return r
		}
		mask := v.Vec()
		VPCMPEQQ(zero, zero, mask)
		VGATHERQPD(mask, m, r)
		return r
	}
	j := GP64()
	XORQ(j, j)

	Label("loop")
	CMPQ(j, n)
	JGE(LabelRef("done"))
	b := v.Vec()
	VMOVUPD(Mem{Base: xp, Index: j, Scale: 1}, b)
	// Valid lanes: 0 ≤ b − 2^52 ≤ 2046·2^52 − 1 as signed integers
	// (negative x, zero and subnormals are below, infinities and NaNs
	// above).
	t := v.Vec()
	VPSUBQ(minB, b, t)
	if avx512 {
		k1, k2 := K(), K()
		VPCMPQ(U8(5), zero, t, k1)        // t ≥ 0
		VPCMPQ(U8(2), rangeM1, t, k1, k2) // and t ≤ 2046·2^52 − 1
		r := GP32()
		KMOVB(k2, r)
		CMPL(r, U32(0xff))
		JNE(LabelRef("done"))
	} else {
		neg, big := v.Vec(), v.Vec()
		VPCMPGTQ(t, zero, neg)    // 0 > t
		VPCMPGTQ(rangeM1, t, big) // t > 2046·2^52 − 1
		VPOR(neg, big, neg)
		VPTEST(neg, neg)
		JNZ(LabelRef("done"))
	}
	// f = float(b & low) · scale.
	f := v.Vec()
	and(low, b, f)
	or(two52, f, f)
	VSUBPD(two52, f, f)
	VMULPD(scale, f, f)
	// The interval's coefficients (index·4: four of 8 bytes each) and
	// 2^(e·k) at index k + 1022 = (b >> 52) − 1.
	idx := v.Vec()
	VPSRLQ(shift, b, idx)
	and(idxMask, idx, idx)
	VPSLLQ(U8(2), idx, idx)
	e := v.Vec()
	VPSRLQ(U8(52), b, e)
	// p2 · (c0 + f·(c1 + f·(c2 + f·c3))), gathering each coefficient
	// where it is needed (AVX2 has 16 registers).
	r := gather(Mem{Base: cp, Index: idx, Scale: 8, Disp: 24})
	VMULPD(f, r, r)
	for i := 2; i >= 0; i-- {
		VADDPD(gather(Mem{Base: cp, Index: idx, Scale: 8, Disp: 8 * i}), r, r)
		if i > 0 {
			VMULPD(f, r, r)
		}
	}
	VMULPD(gather(Mem{Base: pp, Index: e, Scale: 8, Disp: -8}), r, r)
	VMOVUPD(r, Mem{Base: xp, Index: j, Scale: 1})
	ADDQ(U32(v.Bytes()), j)
	JMP(LabelRef("loop"))
	Label("done")
	SHRQ(U8(3), j)
	Store(j, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

// genBandRowF64 emits bandRowF64<ISA>(dst, src, first, wt, k, stride):
// BandF64.Row over whole vectors of dst, with the weights of tap q at
// wt[q·stride + j]. The source samples are gathered with 32-bit indices.
func genBandRowF64(v isa) {
	lanes := v.Lanes / 2
	avx512 := v.Lanes == 16
	name := "bandRowF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, src []float64, first []int32, wt []float64, k, stride int)")
	Pragma("noescape")
	Doc(name+" is BandF64.Row for "+v.Suffix+" with the weights of tap q at wt[q·stride + j].",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length and index.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	SHLQ(U8(3), n)
	src := Load(Param("src").Base(), GP64())
	fp := Load(Param("first").Base(), GP64())
	wt := Load(Param("wt").Base(), GP64())
	k := Load(Param("k"), GP64())
	stride := Load(Param("stride"), GP64())
	SHLQ(U8(3), stride)
	zero := v.Vec()
	VXORPD(zero, zero, zero)
	ones := GP32()
	MOVL(U32(0xff), ones)
	j := GP64()
	XORQ(j, j)

	Label("loop")
	CMPQ(j, n)
	JGE(LabelRef("done"))
	// The indices of this vector's first taps: 32-bit, half the offset.
	ij := GP64()
	MOVQ(j, ij)
	SHRQ(U8(1), ij)
	var idx reg.VecVirtual
	if avx512 {
		idx = YMM()
	} else {
		idx = XMM()
	}
	VMOVDQU(Mem{Base: fp, Index: ij, Scale: 1}, idx)
	acc := v.Vec()
	VMOVAPD(zero, acc)
	sp, wp, q := GP64(), GP64(), GP64()
	MOVQ(src, sp)
	MOVQ(wt, wp)
	MOVQ(k, q)
	Label("tap")
	g := v.Vec()
	VMOVAPD(zero, g)
	if avx512 {
		m := K()
		KMOVB(ones, m)
		VGATHERDPD(Mem{Base: sp, Index: idx, Scale: 8}, m, g)
	} else {
		mask := v.Vec()
		VPCMPEQQ(zero, zero, mask)
		VGATHERDPD(mask, Mem{Base: sp, Index: idx, Scale: 8}, g)
	}
	VMULPD(Mem{Base: wp, Index: j, Scale: 1}, g, g)
	VADDPD(g, acc, acc)
	ADDQ(U8(8), sp)
	ADDQ(stride, wp)
	DECQ(q)
	JNZ(LabelRef("tap"))
	VMOVUPD(acc, Mem{Base: dst, Index: j, Scale: 1})
	ADDQ(U32(v.Bytes()), j)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genLerpRowMinMax emits lerpRowMinMax<ISA>: LerpRowMinMax over whole
// vectors, with lane-wise running extremes reduced at the end. VMINPD
// and VMAXPD return their second source when the first is NaN, which is
// the running extreme: NaNs are skipped as in the generic code.
func genLerpRowMinMax(v isa) {
	lanes := v.Lanes / 2
	name := "lerpRowMinMax" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, a, b []float64, h0, h1 float64) (mn, mx float64)")
	Pragma("noescape")
	Doc(name+" is LerpRowMinMax for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	SHLQ(U8(3), n)
	ap := Load(Param("a").Base(), GP64())
	bp := Load(Param("b").Base(), GP64())
	h0, h1 := f64BroadcastParam(v, "h0"), f64BroadcastParam(v, "h1")
	mn, mx := broadcastF64Bits(v, 0x7ff0000000000000), broadcastF64Bits(v, 0xfff0000000000000) // +Inf, −Inf
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(j, n)
	JGE(LabelRef("done"))
	x, t := v.Vec(), v.Vec()
	VMULPD(Mem{Base: ap, Index: j, Scale: 1}, h0, x)
	VMULPD(Mem{Base: bp, Index: j, Scale: 1}, h1, t)
	VADDPD(t, x, x)
	VMOVUPD(x, Mem{Base: dst, Index: j, Scale: 1})
	VMINPD(mn, x, mn) // x < mn ? x : mn
	VMAXPD(mx, x, mx) // x > mx ? x : mx
	ADDQ(U32(v.Bytes()), j)
	JMP(LabelRef("loop"))
	Label("done")
	// Reduce the lanes; the order does not matter for extremes.
	storeF64(reduceLanesF64(v, mn, VMINPD, VMINPD), ReturnIndex(0))
	storeF64(reduceLanesF64(v, mx, VMAXPD, VMAXPD), ReturnIndex(1))
	VZEROUPPER()
	RET()
}

// genSRGBBaseRow emits srgbBaseRow<ISA>: SRGBBaseRow with VDIVPD, which
// rounds as the scalar division does.
func genSRGBBaseRow(v isa) {
	lanes := v.Lanes / 2
	name := "srgbBaseRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, src []float64)")
	Pragma("noescape")
	Doc(name+" is SRGBBaseRow for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	SHLQ(U8(3), n)
	src := Load(Param("src").Base(), GP64())
	c255 := broadcastF64Bits(v, math.Float64bits(255))
	thr := broadcastF64Bits(v, math.Float64bits(0.04045))
	off := broadcastF64Bits(v, math.Float64bits(0.055))
	div := broadcastF64Bits(v, math.Float64bits(1.055))
	one := broadcastF64Bits(v, math.Float64bits(1))
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(j, n)
	JGE(LabelRef("done"))
	c := v.Vec()
	VMOVUPD(Mem{Base: src, Index: j, Scale: 1}, c)
	VDIVPD(c255, c, c)
	m := f64Compare(v, vsiLtOS, thr, c) // 0.04045 < c
	u := v.Vec()
	VADDPD(off, c, u)
	VDIVPD(div, u, u)
	r := v.Vec()
	VMOVAPD(one, r)
	f64Blend(v, m, u, r)
	VMOVUPD(r, Mem{Base: dst, Index: j, Scale: 1})
	ADDQ(U32(v.Bytes()), j)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genPool4RowF64 emits pool4RowF64<ISA>: Pool4RowF64 with the column sums
// in registers. The four columns of each block are brought into four
// vectors (a 4×4 transpose for AVX2, two rounds of VPERMT2PD for AVX-512)
// and added in order.
func genPool4RowF64(v isa) {
	lanes := v.Lanes / 2
	avx512 := v.Lanes == 16
	name := "pool4RowF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst []float64, r0, r1, r2, r3 []float32, k float64)")
	Pragma("noescape")
	Doc(name+" is Pool4RowF64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	SHLQ(U8(3), n)
	var rp [4]reg.Register
	for i := range rp {
		rp[i] = Load(Param(fmt.Sprintf("r%d", i)).Base(), GP64())
	}
	k := f64BroadcastParam(v, "k")
	var even, odd reg.VecVirtual
	if avx512 {
		ev := GLOBL("pool4even", RODATA|NOPTR)
		for i := range 8 {
			DATA(8*i, U64(uint64(2*i)))
		}
		od := GLOBL("pool4odd", RODATA|NOPTR)
		for i := range 8 {
			DATA(8*i, U64(uint64(2*i+1)))
		}
		even, odd = ZMM(), ZMM()
		VMOVDQU64(ev, even)
		VMOVDQU64(od, odd)
	}
	j, x := GP64(), GP64() // output and input byte offsets
	XORQ(j, j)
	XORQ(x, x)
	// colSums returns the float64 column sums of the v.Lanes/2 columns at
	// input offset x + disp.
	colSums := func(disp int) reg.VecVirtual {
		s := v.Vec()
		VCVTPS2PD(Mem{Base: rp[0], Index: x, Scale: 1, Disp: disp}, s)
		for i := 1; i < 4; i++ {
			t := v.Vec()
			VCVTPS2PD(Mem{Base: rp[i], Index: x, Scale: 1, Disp: disp}, t)
			VADDPD(t, s, s)
		}
		return s
	}
	Label("loop")
	CMPQ(j, n)
	JGE(LabelRef("done"))
	half := 4 * lanes // bytes of float32 per vector of float64
	a, b, c, d := colSums(0), colSums(half), colSums(2*half), colSums(3*half)
	var col [4]reg.VecVirtual
	if avx512 {
		// a..d hold columns 0..31; first even and odd columns of a:b and
		// c:d, then every fourth.
		perm := func(idx, lo, hi reg.VecVirtual) reg.VecVirtual {
			r := v.Vec()
			VMOVAPD(idx, r)
			VPERMI2PD(hi, lo, r) // r = (lo:hi)[idx]
			return r
		}
		abE, abO, cdE, cdO := perm(even, a, b), perm(odd, a, b), perm(even, c, d), perm(odd, c, d)
		col[0], col[2] = perm(even, abE, cdE), perm(odd, abE, cdE)
		col[1], col[3] = perm(even, abO, cdO), perm(odd, abO, cdO)
	} else {
		t0, t1, t2, t3 := v.Vec(), v.Vec(), v.Vec(), v.Vec()
		VUNPCKLPD(b, a, t0) // a0 b0 a2 b2
		VUNPCKHPD(b, a, t1) // a1 b1 a3 b3
		VUNPCKLPD(d, c, t2) // c0 d0 c2 d2
		VUNPCKHPD(d, c, t3) // c1 d1 c3 d3
		for i := range col {
			col[i] = v.Vec()
		}
		VPERM2F128(U8(0x20), t2, t0, col[0]) // a0 b0 c0 d0
		VPERM2F128(U8(0x31), t2, t0, col[2]) // a2 b2 c2 d2
		VPERM2F128(U8(0x20), t3, t1, col[1]) // a1 b1 c1 d1
		VPERM2F128(U8(0x31), t3, t1, col[3]) // a3 b3 c3 d3
	}
	VADDPD(col[1], col[0], col[0])
	VADDPD(col[2], col[0], col[0])
	VADDPD(col[3], col[0], col[0])
	VMULPD(k, col[0], col[0])
	VMOVUPD(col[0], Mem{Base: dst, Index: j, Scale: 1})
	ADDQ(U32(v.Bytes()), j)
	ADDQ(U32(4*half), x)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genLerpColsF32 emits lerpColsF32<ISA>: LerpColsF32.Row with the four
// float32 samples of each output gathered with 32-bit indices and
// converted to float64, every operation in the order of the generic code.
func genLerpColsF32(v isa) {
	lanes := v.Lanes / 2
	avx512 := v.Lanes == 16
	name := "lerpColsF32" + v.Suffix
	TEXT(name, NOSPLIT, "func(d []float64, r0, r1 []float32, i0, i1 []int32, w0, w1 []float64, h0, h1, scale float64)")
	Pragma("noescape")
	Doc(name+" is LerpColsF32.Row for "+v.Suffix+".",
		fmt.Sprintf("It processes len(d) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length and index.")
	dp := Load(Param("d").Base(), GP64())
	n := Load(Param("d").Len(), GP64())
	SHLQ(U8(3), n)
	r0 := Load(Param("r0").Base(), GP64())
	r1 := Load(Param("r1").Base(), GP64())
	i0 := Load(Param("i0").Base(), GP64())
	i1 := Load(Param("i1").Base(), GP64())
	w0 := Load(Param("w0").Base(), GP64())
	w1 := Load(Param("w1").Base(), GP64())
	h0, h1, sc := f64BroadcastParam(v, "h0"), f64BroadcastParam(v, "h1"), f64BroadcastParam(v, "scale")
	ones := GP32()
	MOVL(U32(0xff), ones)
	zero := XMM()
	VXORPS(zero, zero, zero)
	idxVec := func() reg.VecVirtual {
		if avx512 {
			return YMM()
		}
		return XMM()
	}
	// sample returns w·float64(row[idx])·scale.
	sample := func(row reg.Register, idx reg.VecVirtual, w Mem) reg.VecVirtual {
		var g reg.VecVirtual
		if avx512 {
			g = YMM()
			VMOVAPS(zero.AsY(), g)
			k := K()
			KMOVB(ones, k)
			VGATHERDPS(Mem{Base: row, Index: idx, Scale: 4}, k, g)
		} else {
			g = XMM()
			VMOVAPS(zero, g)
			mask := XMM()
			VPCMPEQD(zero, zero, mask)
			VGATHERDPS(mask, Mem{Base: row, Index: idx, Scale: 4}, g)
		}
		r := v.Vec()
		VCVTPS2PD(g, r)
		VMULPD(w, r, r) // w·v (commutative)
		VMULPD(sc, r, r)
		return r
	}
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(j, n)
	JGE(LabelRef("done"))
	ij := GP64()
	MOVQ(j, ij)
	SHRQ(U8(1), ij) // int32 offset
	a, b := idxVec(), idxVec()
	VMOVDQU(Mem{Base: i0, Index: ij, Scale: 1}, a)
	VMOVDQU(Mem{Base: i1, Index: ij, Scale: 1}, b)
	m0 := Mem{Base: w0, Index: j, Scale: 1}
	m1 := Mem{Base: w1, Index: j, Scale: 1}
	top := sample(r0, a, m0)
	VADDPD(sample(r0, b, m1), top, top)
	VMULPD(h0, top, top)
	bot := sample(r1, a, m0)
	VADDPD(sample(r1, b, m1), bot, bot)
	VMULPD(h1, bot, bot)
	VADDPD(bot, top, top)
	VMOVUPD(top, Mem{Base: dp, Index: j, Scale: 1})
	ADDQ(U32(v.Bytes()), j)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
