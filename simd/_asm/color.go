package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["color"] = genColor }

// genColor emits the kernels of simd/color.go for every isa, in the
// generic code's operation order (no FMA).
func genColor() {
	for _, v := range isas {
		genMat3Row(v)
		genMat1Row(v)
		genColorScaleRow(v)
		genYUVToRGBRow420(v)
	}
}

// broadcastMem returns a vector with every lane set to the float32 at m.
func broadcastMem(v isa, m Mem) reg.VecVirtual {
	r := v.Vec()
	VBROADCASTSS(m, r)
	return r
}

func genMat3Row(v isa) {
	name := "mat3Row" + v.Suffix
	TEXT(name, NOSPLIT, "func(d0, d1, d2, s0, s1, s2 []float32, m *[9]float32)")
	Pragma("noescape")
	Doc(name+" is Mat3Row for "+v.Suffix+". It processes len(d0) rounded down to a multiple of",
		"the vector width; the caller does the tail. Destinations may alias sources.")
	p := rows("d0", "d1", "d2", "s0", "s1", "s2")
	mp := Load(Param("m"), GP64())
	var k [9]reg.VecVirtual
	for i := range k {
		k[i] = broadcastMem(v, Mem{Base: mp, Disp: 4 * i})
	}
	loop(v, "d0", func(j reg.Register) {
		a, b, c := load(v, at(p[3], j, 0)), load(v, at(p[4], j, 0)), load(v, at(p[5], j, 0))
		var out [3]reg.VecVirtual
		for r := range out {
			o, t := v.Vec(), v.Vec()
			VMULPS(a, k[3*r], o)
			VMULPS(b, k[3*r+1], t)
			VADDPS(t, o, o)
			VMULPS(c, k[3*r+2], t)
			VADDPS(t, o, o)
			out[r] = o
		}
		for r := range out {
			VMOVUPS(out[r], at(p[r], j, 0))
		}
	})
	VZEROUPPER()
	RET()
}

func genMat1Row(v isa) {
	name := "mat1Row" + v.Suffix
	TEXT(name, NOSPLIT, "func(d, s0, s1, s2 []float32, c0, c1, c2 float32)")
	Pragma("noescape")
	Doc(name+" is Mat1Row for "+v.Suffix+". It processes len(d) rounded down to a multiple of",
		"the vector width; the caller does the tail.")
	p := rows("d", "s0", "s1", "s2")
	c0, c1, c2 := broadcastParam(v, "c0"), broadcastParam(v, "c1"), broadcastParam(v, "c2")
	loop(v, "d", func(j reg.Register) {
		o, t := v.Vec(), v.Vec()
		VMULPS(at(p[1], j, 0), c0, o)
		VMULPS(at(p[2], j, 0), c1, t)
		VADDPS(t, o, o)
		VMULPS(at(p[3], j, 0), c2, t)
		VADDPS(t, o, o)
		VMOVUPS(o, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

func genColorScaleRow(v isa) {
	name := "colorScaleRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, src []float32, k float32)")
	Pragma("noescape")
	Doc(name+" is ColorScaleRow for "+v.Suffix+". It processes len(dst) rounded down to a multiple of",
		"the vector width; the caller does the tail.")
	p := rows("dst", "src")
	k := broadcastParam(v, "k")
	loop(v, "dst", func(j reg.Register) {
		o := v.Vec()
		VMULPS(at(p[1], j, 0), k, o)
		VMOVUPS(o, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

// genYUVToRGBRow420 converts 2·H luma samples per iteration (H = float64
// lanes: 4 or 8) with H chroma samples, each chroma value duplicated for
// two pixels, in float64 in the generic code's order.
func genYUVToRGBRow420(v isa) {
	name := "yuvToRGBRow420" + v.Suffix
	TEXT(name, NOSPLIT, "func(r, g, b, y, u, v []float32, k *[8]float64)")
	Pragma("noescape")
	h := v.Lanes / 2 // float64 lanes
	Doc(name+" is YUVToRGBRow with shiftX = 1 for "+v.Suffix+". It processes len(r) rounded down to a",
		"multiple of "+fmt.Sprint(2*h)+" pixels; the caller does the tail.")
	p := rows("r", "g", "b", "y", "u", "v")
	kp := Load(Param("k"), GP64())
	n := Load(Param("r").Len(), GP64())
	// Offsets of the YUVToRGB fields in k.
	const peak, yOff, ky, cOff, crR, cbG, crG, cbB = 0, 8, 16, 24, 32, 40, 48, 56
	bc := func(off int) reg.VecVirtual {
		x := v.Vec()
		VBROADCASTSD(Mem{Base: kp, Disp: off}, x)
		return x
	}
	zero := v.Vec()
	VXORPD(zero, zero, zero)
	var idxLo, idxHi reg.VecVirtual
	if h == 8 {
		lo := GLOBL("yuvdup16lo", RODATA|NOPTR)
		for i := range 8 {
			DATA(8*i, U64(uint64(i/2)))
		}
		hi := GLOBL("yuvdup16hi", RODATA|NOPTR)
		for i := range 8 {
			DATA(8*i, U64(uint64(4+i/2)))
		}
		idxLo, idxHi = ZMM(), ZMM()
		VMOVDQU64(lo, idxLo)
		VMOVDQU64(hi, idxHi)
	}
	clip := func(x reg.VecVirtual) {
		VMAXPD(zero, x, x)
		VMINPD(bc(peak), x, x)
	}
	round := func(x reg.VecVirtual) {
		t, f := v.Vec(), v.Vec()
		if h == 8 {
			VRNDSCALEPD(U8(0x0B), x, t)
		} else {
			VROUNDPD(U8(0x0B), x, t)
		}
		VSUBPD(t, x, f)
		VADDPD(f, f, f)
		if h == 8 {
			VRNDSCALEPD(U8(0x0B), f, f)
		} else {
			VROUNDPD(U8(0x0B), f, f)
		}
		VADDPD(f, t, x)
		clip(x)
	}
	j := GP64() // float32 index of the luma block
	XORQ(j, j)
	c := GP64() // float32 index of the chroma block
	XORQ(c, c)
	Label("loop")
	CMPQ(n, U32(2*h))
	JL(LabelRef("done"))
	// Chroma: H samples, clipped, minus the offset, duplicated.
	var cb, cr [2]reg.VecVirtual
	for i, src := range []reg.Register{p[4], p[5]} {
		x := v.Vec()
		VCVTPS2PD(Mem{Base: src, Index: c, Scale: 4}, x)
		clip(x)
		VSUBPD(bc(cOff), x, x)
		lo, hi := v.Vec(), v.Vec()
		if h == 8 {
			VPERMPD(x, idxLo, lo)
			VPERMPD(x, idxHi, hi)
		} else {
			VPERMPD(U8(0x50), x, lo) // 0,0,1,1
			VPERMPD(U8(0xFA), x, hi) // 2,2,3,3
		}
		if i == 0 {
			cb = [2]reg.VecVirtual{lo, hi}
		} else {
			cr = [2]reg.VecVirtual{lo, hi}
		}
	}
	for half := range 2 {
		l := v.Vec()
		VCVTPS2PD(Mem{Base: p[3], Index: j, Scale: 4, Disp: 4 * h * half}, l)
		clip(l)
		VSUBPD(bc(yOff), l, l)
		VMULPD(bc(ky), l, l)
		out := func(dst reg.Register, x reg.VecVirtual) {
			round(x)
			var s reg.VecVirtual
			if h == 8 {
				s = YMM()
				VCVTPD2PS(x, s)
			} else {
				s = XMM()
				VCVTPD2PSY(x, s)
			}
			VMOVUPS(s, Mem{Base: dst, Index: j, Scale: 4, Disp: 4 * h * half})
		}
		t := v.Vec()
		VMULPD(bc(crR), cr[half], t)
		VADDPD(l, t, t)
		out(p[0], t)
		t = v.Vec()
		VMULPD(bc(cbG), cb[half], t)
		VADDPD(l, t, t)
		u := v.Vec()
		VMULPD(bc(crG), cr[half], u)
		VADDPD(u, t, t)
		out(p[1], t)
		t = v.Vec()
		VMULPD(bc(cbB), cb[half], t)
		VADDPD(l, t, t)
		out(p[2], t)
	}
	ADDQ(U32(2*h), j)
	ADDQ(U32(h), c)
	SUBQ(U32(2*h), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
