package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["fsim"] = genFSIM }

// genFSIM emits the FSIM phase congruency kernel. It is AVX2 only: four
// pixels per iteration, bound by square roots and divisions.
func genFSIM() {
	TEXT("fsimEnergyAVX2", NOSPLIT, "func(en, an, sq []float64, e0, e1, e2, e3 []complex128, eps float64)")
	Doc("fsimEnergyAVX2 is fsimEnergyGeneric for AVX2. It processes len(en) rounded down to a multiple of 4 pixels; the caller does the tail.")
	n := Load(Param("en").Len(), GP64())
	ANDQ(I32(-4), n)
	enp := Load(Param("en").Base(), GP64())
	anp := Load(Param("an").Base(), GP64())
	sqp := Load(Param("sq").Base(), GP64())
	var ep [4]reg.Register
	for s, name := range []string{"e0", "e1", "e2", "e3"} {
		ep[s] = Load(Param(name).Base(), GP64())
	}
	eps := f64BroadcastParam(isas[0], "eps") // isas[0] is AVX2
	// |x| = x AND 0x7fff…
	absMask := YMM()
	g := GP64()
	MOVQ(U64(0x7fffffffffffffff), g)
	mx := XMM()
	VMOVQ(g, mx)
	VBROADCASTSD(mx, absMask)

	i := GP64() // pixel index
	XORQ(i, i)
	j := GP64() // 2·i: complex128 offset in units of 8 bytes
	XORQ(j, j)
	Label("loop")
	CMPQ(i, n)
	JGE(LabelRef("done"))
	// Load 4 pixels of each scale and split them into real and imaginary
	// vectors, in the pixel order 0, 2, 1, 3 (restored on store).
	var re, im [4]reg.VecVirtual
	for s := range 4 {
		a, b := YMM(), YMM()
		VMOVUPD(Mem{Base: ep[s], Index: j, Scale: 8}, a)
		VMOVUPD(Mem{Base: ep[s], Index: j, Scale: 8, Disp: 32}, b)
		re[s], im[s] = YMM(), YMM()
		VUNPCKLPD(b, a, re[s])
		VUNPCKHPD(b, a, im[s])
	}
	sumE, sumO := YMM(), YMM()
	VADDPD(re[1], re[0], sumE)
	VADDPD(re[2], sumE, sumE)
	VADDPD(re[3], sumE, sumE)
	VADDPD(im[1], im[0], sumO)
	VADDPD(im[2], sumO, sumO)
	VADDPD(im[3], sumO, sumO)
	xe := YMM()
	VMULPD(sumE, sumE, xe)
	VFMADD231PD(sumO, sumO, xe)
	VSQRTPD(xe, xe)
	VADDPD(eps, xe, xe)
	mE, mO := YMM(), YMM()
	VDIVPD(xe, sumE, mE)
	VDIVPD(xe, sumO, mO)
	en, an := YMM(), YMM()
	VXORPD(en, en, en)
	VXORPD(an, an, an)
	for s := range 4 {
		t, u := YMM(), YMM()
		VMULPD(mE, re[s], t)
		VFMADD231PD(mO, im[s], t) // re·mE + im·mO
		VMULPD(mO, re[s], u)
		VFNMADD231PD(mE, im[s], u) // re·mO − im·mE
		VANDPD(absMask, u, u)
		VSUBPD(u, t, t)
		VADDPD(t, en, en)
		m := YMM()
		VMULPD(re[s], re[s], m)
		VFMADD231PD(im[s], im[s], m)
		if s == 0 {
			q := YMM()
			VPERMPD(U8(0xD8), m, q)
			VMOVUPD(q, Mem{Base: sqp, Index: i, Scale: 8})
		}
		VSQRTPD(m, m)
		VADDPD(m, an, an)
	}
	VPERMPD(U8(0xD8), en, en)
	VMOVUPD(en, Mem{Base: enp, Index: i, Scale: 8})
	VPERMPD(U8(0xD8), an, an)
	VADDPD(Mem{Base: anp, Index: i, Scale: 8}, an, an)
	VMOVUPD(an, Mem{Base: anp, Index: i, Scale: 8})
	ADDQ(U8(4), i)
	ADDQ(U8(8), j)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
