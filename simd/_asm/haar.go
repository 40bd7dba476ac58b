package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["haar"] = genHaar }

// genHaar emits the kernels of simd/haar.go for every isa.
func genHaar() {
	for _, v := range isas {
		genHaarBoxRow(v)
		genHaarRespRow(v)
		genSimilarity2Row(v)
		genMaxRow(v)
		genBox2AbsRow(v)
		genLogisticPoolRow(v)
	}
}

func genHaarBoxRow(v isa) {
	name := "haarBoxRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, up, down []float32, m int)")
	Pragma("noescape")
	elementDoc(v, name, "HaarBoxRow", "up and down must hold len(dst)+m samples.")
	p := rows("dst", "up", "down")
	m := Load(Param("m"), GP64())
	loop(v, "dst", func(j reg.Register) {
		u, d := GP64(), GP64()
		LEAQ(Mem{Base: p[1], Index: j, Scale: 1}, u)
		LEAQ(Mem{Base: p[2], Index: j, Scale: 1}, d)
		a, b := load(v, Mem{Base: u}), load(v, Mem{Base: d})
		VADDPS(Mem{Base: u, Index: m, Scale: 4}, a, a)
		VADDPS(Mem{Base: d, Index: m, Scale: 4}, b, b)
		VADDPS(b, a, a)
		VMOVUPS(a, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

func genHaarRespRow(v isa) {
	name := "haarRespRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dh, dv, top, bot []float32, m int, inv float32)")
	Pragma("noescape")
	Doc(name+" is HaarRespRow for "+v.Suffix+". It processes len(dh) rounded down to a multiple of",
		"the vector width; the caller does the tail. top and bot must hold len(dh)+m samples.")
	p := rows("dh", "dv", "top", "bot")
	m := Load(Param("m"), GP64())
	inv := broadcastParam(v, "inv")
	abs := broadcastBits(v, 0x7fffffff)
	loop(v, "dh", func(j reg.Register) {
		t, b := GP64(), GP64()
		LEAQ(Mem{Base: p[2], Index: j, Scale: 1}, t)
		LEAQ(Mem{Base: p[3], Index: j, Scale: 1}, b)
		a, bb := load(v, Mem{Base: t}), load(v, Mem{Base: t, Index: m, Scale: 4})
		c, d := load(v, Mem{Base: b}), load(v, Mem{Base: b, Index: m, Scale: 4})
		h, s := v.Vec(), v.Vec()
		VADDPS(bb, a, h) // a + b
		VADDPS(d, c, s)  // c + d
		VSUBPS(s, h, h)
		VANDPS(abs, h, h)
		VMULPS(inv, h, h)
		VMOVUPS(h, at(p[0], j, 0))
		VADDPS(c, a, a)   // a + c
		VADDPS(d, bb, bb) // b + d
		VSUBPS(bb, a, a)
		VANDPS(abs, a, a)
		VMULPS(inv, a, a)
		VMOVUPS(a, at(p[1], j, 0))
	})
	VZEROUPPER()
	RET()
}

func genSimilarity2Row(v isa) {
	name := "similarity2Row" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, a1, b1, a2, b2 []float32, c float32)")
	Pragma("noescape")
	elementDoc(v, name, "Similarity2Row")
	p := rows("dst", "a1", "b1", "a2", "b2")
	c := broadcastParam(v, "c")
	half := broadcastConst(v, 0.5)
	loop(v, "dst", func(j reg.Register) {
		s1 := simVec(v, load(v, at(p[1], j, 0)), load(v, at(p[2], j, 0)), c)
		s2 := simVec(v, load(v, at(p[3], j, 0)), load(v, at(p[4], j, 0)), c)
		VADDPS(s2, s1, s1)
		VMULPS(half, s1, s1)
		VMOVUPS(s1, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

func genMaxRow(v isa) {
	name := "maxRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, a, b []float32)")
	Pragma("noescape")
	elementDoc(v, name, "MaxRow")
	p := rows("dst", "a", "b")
	loop(v, "dst", func(j reg.Register) {
		a := load(v, at(p[1], j, 0))
		VMAXPS(at(p[2], j, 0), a, a)
		VMOVUPS(a, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

func genBox2AbsRow(v isa) {
	name := "box2AbsRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, r0, r1 []float32)")
	Pragma("noescape")
	elementDoc(v, name, "Box2AbsRow", "r0 and r1 must hold len(dst)+1 samples.")
	p := rows("dst", "r0", "r1")
	abs := broadcastBits(v, 0x7fffffff)
	q := broadcastConst(v, 0.25)
	loop(v, "dst", func(j reg.Register) {
		a, b := load(v, at(p[1], j, 0)), load(v, at(p[2], j, 0))
		VADDPS(at(p[1], j, 1), a, a)
		VADDPS(at(p[2], j, 1), b, b)
		VADDPS(b, a, a)
		VANDPS(abs, a, a)
		VMULPS(q, a, a)
		VMOVUPS(a, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

// expVec returns exp(x) for float32 lanes (Cephes expf: x clamped to
// [-87.3, 88.3], x = k·ln2 + r, a degree-5 polynomial for e^r, scaled by
// 2^k through the exponent bits; within 2 ulps).
func expVec(v isa, x reg.VecVirtual) reg.VecVirtual {
	hi, lo := broadcastConst(v, 88.3762626647949), broadcastConst(v, -87.3365447505531)
	VMINPS(hi, x, x)
	VMAXPS(lo, x, x)
	k := v.Vec()
	VMULPS(broadcastConst(v, float32(math.Log2E)), x, k)
	VCVTPS2DQ(k, k) // round to nearest
	fk := v.Vec()
	VCVTDQ2PS(k, fk)
	VFNMADD231PS(broadcastConst(v, 0.693359375), fk, x)
	VFNMADD231PS(broadcastConst(v, -2.12194440e-4), fk, x)
	y := broadcastConst(v, 1.9875691500e-4)
	for _, c := range []float32{1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1} {
		VFMADD213PS(broadcastConst(v, c), x, y) // y = y*x + c
	}
	x2 := v.Vec()
	VMULPS(x, x, x2)
	VFMADD213PS(x, x2, y) // y = y*x² + x
	VADDPS(broadcastConst(v, 1), y, y)
	VPSLLD(U8(23), k, k)
	VPADDD(broadcastBits(v, 127<<23), k, k)
	VMULPS(k, y, y)
	return y
}

func genLogisticPoolRow(v isa) {
	name := "logisticPoolRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(l, w []float32, alpha float32) (num, den float64)")
	Pragma("noescape")
	Doc(name+" is LogisticPoolRow for "+v.Suffix+". It sums len(l) rounded down to a multiple of",
		"the vector width; the caller adds the tail.")
	p := rows("l", "w")
	alpha := broadcastParam(v, "alpha")
	one := broadcastConst(v, 1)
	nLo, nHi, dLo, dHi := v.Vec(), v.Vec(), v.Vec(), v.Vec()
	for _, r := range []reg.VecVirtual{nLo, nHi, dLo, dHi} {
		VXORPD(r, r, r)
	}
	loop(v, "l", func(j reg.Register) {
		x := v.Vec()
		VMULPS(at(p[0], j, 0), alpha, x)
		e := expVec(v, x)
		VADDPS(one, e, e)
		w := load(v, at(p[1], j, 0))
		VDIVPS(e, w, e) // w / (1 + exp(alpha·l))
		cvtAddF64(v, e, nLo, nHi)
		cvtAddF64(v, w, dLo, dHi)
	})
	n := reduceF64(v, nLo, nHi)
	storeF64(n, Return("num"))
	d := reduceF64(v, dLo, dHi)
	storeF64(d, Return("den"))
	VZEROUPPER()
	RET()
}
