package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["fsim"] = genFSIM }

// genFSIM emits the FSIM phase congruency kernels.
func genFSIM() {
	for _, v := range isas {
		genFSIMEnergy(v)
	}
	for _, v := range isas {
		genAddWidenF32(v)
	}
	for _, v := range isas {
		genFSIMPhaseCongruency(v)
	}
	for _, v := range isas {
		genFSIMSimPool(v)
	}
}

// fsimSqrtFloor is the smallest value fsimSqrt takes the root of: below
// it (zero included) it returns sqrt(fsimSqrtFloor) = 1e-150.
const fsimSqrtFloor = 1e-300

// fsimSqrt returns the square roots of the float64 lanes of x (x ≥ 0,
// finite). AVX2 uses VSQRTPD. AVX-512 computes them with FMA-unit
// instructions (the FSIMEnergy kernel runs twice as fast as with
// VSQRTPD on ZMM registers): VRSQRT14PD's 14-bit estimate y of 1/√x, one
// Goldschmidt step (g = x·y, h = y/2, r = 1/2 − g·h, g += g·r, h += h·r:
// 28 bits) and one Newton correction g += (x − g²)·h, which leaves an
// error within about one ulp. Lanes below fsimSqrtFloor give 1e-150
// instead of their root.
func fsimSqrt(v isa, x, half, floor reg.VecVirtual) reg.VecVirtual {
	g := v.Vec()
	if v.Lanes == 8 {
		VSQRTPD(x, g)
		return g
	}
	xc, y, h, r := ZMM(), ZMM(), ZMM(), ZMM()
	VMAXPD(floor, x, xc)
	VRSQRT14PD(xc, y)
	VMULPD(y, xc, g)
	VMULPD(half, y, h)
	VMOVAPD(half, r)
	VFNMADD231PD(h, g, r) // r = 1/2 − g·h
	VFMADD231PD(r, g, g)  // g += g·r
	VFMADD231PD(r, h, h)  // h += h·r
	VMOVAPD(xc, r)
	VFNMADD231PD(g, g, r) // r = x − g²
	VFMADD231PD(r, h, g)  // g += r·h
	return g
}

// genFSIMEnergy emits fsimEnergy for v: 4 (AVX2) or 8 (AVX-512) pixels
// per iteration. The complex inputs are split into real and imaginary
// vectors with VUNPCKLPD/VUNPCKHPD, which order the pixels by 128-bit
// lane; the results are put back in order before they are stored.
func genFSIMEnergy(v isa) {
	name := "fsimEnergy" + v.Suffix
	px := v.Lanes / 2 // float64 lanes
	TEXT(name, NOSPLIT, "func(en, an, sq []float64, e0, e1, e2, e3 []complex128, eps float64)")
	doc := []string{fmt.Sprintf("%s is fsimEnergyGeneric for %s. It processes len(en) rounded down to a multiple of %d pixels; the caller does the tail.", name, v.Suffix, px)}
	if px == 8 {
		doc = append(doc, "Its square roots come from VRSQRT14PD and FMA steps: within about one ulp of", "math.Sqrt, and 1e-150 for arguments below 1e-300 (zero included).")
	}
	Doc(doc...)
	n := Load(Param("en").Len(), GP64())
	ANDQ(I32(-px), n)
	enp := Load(Param("en").Base(), GP64())
	anp := Load(Param("an").Base(), GP64())
	sqp := Load(Param("sq").Base(), GP64())
	var ep [4]reg.Register
	for s, name := range []string{"e0", "e1", "e2", "e3"} {
		ep[s] = Load(Param(name).Base(), GP64())
	}
	eps := f64BroadcastParam(v, "eps")
	absMask := broadcastF64Bits(v, 0x7fffffffffffffff)
	var half, floor, perm reg.VecVirtual
	if px == 8 {
		half = broadcastF64Bits(v, math.Float64bits(0.5))
		floor = broadcastF64Bits(v, math.Float64bits(fsimSqrtFloor))
		tbl := GLOBL("fsimperm", RODATA|NOPTR)
		for i, q := range []uint64{0, 2, 4, 6, 1, 3, 5, 7} {
			DATA(8*i, U64(q))
		}
		perm = ZMM()
		VMOVDQU64(tbl, perm)
	}
	order := func(x reg.VecVirtual) {
		if px == 8 {
			VPERMPD(x, perm, x)
		} else {
			VPERMPD(U8(0xD8), x, x)
		}
	}

	i := GP64() // pixel index
	XORQ(i, i)
	j := GP64() // 2·i: complex128 offset in units of 8 bytes
	XORQ(j, j)
	Label("loop")
	CMPQ(i, n)
	JGE(LabelRef("done"))
	var re, im [4]reg.VecVirtual
	for s := range 4 {
		a, b := v.Vec(), v.Vec()
		VMOVUPD(Mem{Base: ep[s], Index: j, Scale: 8}, a)
		VMOVUPD(Mem{Base: ep[s], Index: j, Scale: 8, Disp: v.Bytes()}, b)
		re[s], im[s] = v.Vec(), v.Vec()
		VUNPCKLPD(b, a, re[s])
		VUNPCKHPD(b, a, im[s])
	}
	sumE, sumO := v.Vec(), v.Vec()
	VADDPD(re[1], re[0], sumE)
	VADDPD(re[2], sumE, sumE)
	VADDPD(re[3], sumE, sumE)
	VADDPD(im[1], im[0], sumO)
	VADDPD(im[2], sumO, sumO)
	VADDPD(im[3], sumO, sumO)
	x2 := v.Vec()
	VMULPD(sumE, sumE, x2)
	VFMADD231PD(sumO, sumO, x2)
	xe := fsimSqrt(v, x2, half, floor)
	VADDPD(eps, xe, xe)
	// en = (x2 − Σ_s |re·sumO − im·sumE|) / xe.
	en, an := v.Vec(), v.Vec()
	for s := range 4 {
		u := v.Vec()
		VMULPD(sumO, re[s], u)
		VFNMADD231PD(sumE, im[s], u) // re·sumO − im·sumE
		VANDPD(absMask, u, u)
		if s == 0 {
			VMOVAPD(u, en)
		} else {
			VADDPD(u, en, en)
		}
		m := v.Vec()
		VMULPD(re[s], re[s], m)
		VFMADD231PD(im[s], im[s], m)
		if s == 0 {
			q := v.Vec()
			VMOVAPD(m, q)
			order(q)
			VMOVUPD(q, Mem{Base: sqp, Index: i, Scale: 8})
		}
		r := fsimSqrt(v, m, half, floor)
		if s == 0 {
			VMOVAPD(r, an)
		} else {
			VADDPD(r, an, an)
		}
	}
	VSUBPD(en, x2, en)
	VDIVPD(xe, en, en)
	order(en)
	VMOVUPD(en, Mem{Base: enp, Index: i, Scale: 8})
	order(an)
	VADDPD(Mem{Base: anp, Index: i, Scale: 8}, an, an)
	VMOVUPD(an, Mem{Base: anp, Index: i, Scale: 8})
	ADDQ(U8(px), i)
	ADDQ(U8(2*px), j)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genAddWidenF32 emits addWidenF32 for v: two vectors of float64 (widened
// with VCVTPS2PD from half a vector of float32 each) per iteration.
func genAddWidenF32(v isa) {
	name := "addWidenF32" + v.Suffix
	px := v.Lanes / 2
	TEXT(name, NOSPLIT, "func(dst []float64, src []float32)")
	Doc(fmt.Sprintf("%s is %sGeneric for %s. It processes len(dst) rounded down to a multiple of %d values; the caller does the tail.", name, name[:len(name)-len(v.Suffix)], v.Suffix, 2*px))
	n := Load(Param("dst").Len(), GP64())
	ANDQ(I32(-2*px), n)
	dp := Load(Param("dst").Base(), GP64())
	sp := Load(Param("src").Base(), GP64())
	i := GP64()
	XORQ(i, i)
	Label("loop")
	CMPQ(i, n)
	JGE(LabelRef("done"))
	for u := range 2 {
		x := v.Vec()
		VCVTPS2PD(Mem{Base: sp, Index: i, Scale: 4, Disp: 4 * px * u}, x)
		VADDPD(Mem{Base: dp, Index: i, Scale: 8, Disp: 8 * px * u}, x, x)
		VMOVUPD(x, Mem{Base: dp, Index: i, Scale: 8, Disp: 8 * px * u})
	}
	ADDQ(U8(2*px), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genFSIMPhaseCongruency emits fsimPhaseCongruency for v: one vector per
// iteration (it is bound by the division). max(d, 0) is VMAXPD with 0 as
// its second operand, which is also its result for a NaN d.
func genFSIMPhaseCongruency(v isa) {
	name := "fsimPhaseCongruency" + v.Suffix
	px := v.Lanes / 2
	TEXT(name, NOSPLIT, "func(pc, an, e0, e1, e2, e3 []float64, t *[4]float64, eps float64)")
	Doc(fmt.Sprintf("%s is fsimPhaseCongruencyGeneric for %s. It processes len(pc) rounded down to a multiple of %d values; the caller does the tail.", name, v.Suffix, px))
	n := Load(Param("pc").Len(), GP64())
	ANDQ(I32(-px), n)
	pp := Load(Param("pc").Base(), GP64())
	ap := Load(Param("an").Base(), GP64())
	var ep [4]reg.Register
	for o, name := range []string{"e0", "e1", "e2", "e3"} {
		ep[o] = Load(Param(name).Base(), GP64())
	}
	tp := Load(Param("t"), GP64())
	var t [4]reg.VecVirtual
	for o := range t {
		t[o] = v.Vec()
		VBROADCASTSD(Mem{Base: tp, Disp: 8 * o}, t[o])
	}
	eps := f64BroadcastParam(v, "eps")
	zero := v.Vec()
	VXORPD(zero, zero, zero)
	i := GP64()
	XORQ(i, i)
	Label("loop")
	CMPQ(i, n)
	JGE(LabelRef("done"))
	e := v.Vec()
	for o := range 4 {
		d := v.Vec()
		if o == 0 {
			d = e
		}
		VMOVUPD(Mem{Base: ep[o], Index: i, Scale: 8}, d)
		VSUBPD(t[o], d, d)
		VMAXPD(zero, d, d) // d > 0 ? d : 0
		if o > 0 {
			VADDPD(d, e, e)
		}
	}
	VADDPD(eps, e, e)
	a := v.Vec()
	VADDPD(Mem{Base: ap, Index: i, Scale: 8}, eps, a)
	VDIVPD(a, e, e)
	VMOVUPD(e, Mem{Base: pp, Index: i, Scale: 8})
	ADDQ(U8(px), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genFSIMSimPool emits fsimSimPool for v: two vectors per iteration, each
// with its own pair of accumulators, added together at the end.
func genFSIMSimPool(v isa) {
	name := "fsimSimPool" + v.Suffix
	px := v.Lanes / 2
	TEXT(name, NOSPLIT, "func(pcx, pcy, gx, gy []float64, c1, c2 float64) (num, den float64)")
	Doc(fmt.Sprintf("%s is fsimSimPoolGeneric for %s, with one division per pixel. It processes len(pcx) rounded down to a multiple of %d values; the caller does the tail.", name, v.Suffix, 2*px))
	n := Load(Param("pcx").Len(), GP64())
	ANDQ(I32(-2*px), n)
	var p [4]reg.Register
	for j, name := range []string{"pcx", "pcy", "gx", "gy"} {
		p[j] = Load(Param(name).Base(), GP64())
	}
	c1 := f64BroadcastParam(v, "c1")
	c2 := f64BroadcastParam(v, "c2")
	var num, den [2]reg.VecVirtual
	for u := range 2 {
		num[u], den[u] = v.Vec(), v.Vec()
		VXORPD(num[u], num[u], num[u])
		VXORPD(den[u], den[u], den[u])
	}
	i := GP64()
	XORQ(i, i)
	Label("loop")
	CMPQ(i, n)
	JGE(LabelRef("done"))
	for u := range 2 {
		var x [4]reg.VecVirtual
		for j := range x {
			x[j] = v.Vec()
			VMOVUPD(Mem{Base: p[j], Index: i, Scale: 8, Disp: u * 8 * px}, x[j])
		}
		m := v.Vec()
		VMAXPD(x[1], x[0], m) // pcx > pcy ? pcx : pcy
		VADDPD(m, den[u], den[u])
		// (2ab + c) and (a² + b² + c) of both pairs.
		var nn, dd [2]reg.VecVirtual
		for q, c := range []reg.VecVirtual{c1, c2} {
			a, b := x[2*q], x[2*q+1]
			t := v.Vec()
			VADDPD(a, a, t)
			nn[q], dd[q] = v.Vec(), v.Vec()
			VMOVAPD(c, nn[q])
			VFMADD231PD(b, t, nn[q])
			VMOVAPD(c, dd[q])
			VFMADD231PD(a, a, dd[q])
			VFMADD231PD(b, b, dd[q])
		}
		VMULPD(nn[1], nn[0], nn[0])
		VMULPD(m, nn[0], nn[0])
		VMULPD(dd[1], dd[0], dd[0])
		VDIVPD(dd[0], nn[0], nn[0])
		VADDPD(nn[0], num[u], num[u])
	}
	ADDQ(U8(2*px), i)
	JMP(LabelRef("loop"))
	Label("done")
	storeF64(reduceF64(v, num[0], num[1]), ReturnIndex(0))
	storeF64(reduceF64(v, den[0], den[1]), ReturnIndex(1))
	VZEROUPPER()
	RET()
}
