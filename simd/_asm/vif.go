package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["vif"] = genVIF }

// genVIF emits the float64 kernels of simd/vif.go for every isa.
func genVIF() {
	for _, v := range isas {
		genMomentsVF64(v)
		genConvRowValidF64(v)
		genVifFactors(v)
		genScaleF32ToF64(v)
	}
}

func genMomentsVF64(v isa) {
	lanes := v.Lanes / 2
	name := "momentsVF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64)")
	Doc(name+" is MomentsVF64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(mx) rounded down to a multiple of %d columns; the caller does the tail.", lanes),
		"The caller checks every length; taps must not be empty.")
	outs := []string{"mx", "my", "mxx", "myy", "mxy"}
	n := Load(Param("mx").Len(), GP64())
	xp := Load(Param("x").Base(), GP64())
	yp := Load(Param("y").Base(), GP64())
	strideB := Load(Param("stride"), GP64())
	SHLQ(U8(3), strideB)
	taps := Load(Param("taps").Base(), GP64())
	nt := Load(Param("taps").Len(), GP64())
	j := GP64() // byte offset of the current column block
	XORQ(j, j)

	block := func(u int, lbl string) {
		Label(lbl)
		CMPQ(n, U32(u*lanes))
		JL(LabelRef(lbl + "_end"))
		var acc [5][]reg.VecVirtual
		for m := range acc {
			acc[m] = make([]reg.VecVirtual, u)
			for i := range acc[m] {
				acc[m][i] = v.Vec()
				VXORPD(acc[m][i], acc[m][i], acc[m][i])
			}
		}
		px, py := GP64(), GP64()
		LEAQ(Mem{Base: xp, Index: j, Scale: 1}, px)
		LEAQ(Mem{Base: yp, Index: j, Scale: 1}, py)
		k := GP64()
		XORQ(k, k)
		Label(lbl + "_tap")
		t := v.Vec()
		VBROADCASTSD(Mem{Base: taps, Index: k, Scale: 8}, t)
		for i := 0; i < u; i++ {
			a, b := v.Vec(), v.Vec()
			VMOVUPD(Mem{Base: px, Disp: i * v.Bytes()}, a)
			VMOVUPD(Mem{Base: py, Disp: i * v.Bytes()}, b)
			ta, tb := v.Vec(), v.Vec()
			VMULPD(a, t, ta)
			VMULPD(b, t, tb)
			VADDPD(ta, acc[0][i], acc[0][i])
			VADDPD(tb, acc[1][i], acc[1][i])
			VFMADD231PD(ta, a, acc[2][i])
			VFMADD231PD(tb, b, acc[3][i])
			VFMADD231PD(ta, b, acc[4][i])
		}
		ADDQ(strideB, px)
		ADDQ(strideB, py)
		INCQ(k)
		CMPQ(k, nt)
		JL(LabelRef(lbl + "_tap"))
		for m, o := range outs {
			base := Load(Param(o).Base(), GP64())
			for i := 0; i < u; i++ {
				VMOVUPD(acc[m][i], Mem{Base: base, Index: j, Scale: 1, Disp: i * v.Bytes()})
			}
		}
		ADDQ(U32(u*v.Bytes()), j)
		SUBQ(U32(u*lanes), n)
		JMP(LabelRef(lbl))
		Label(lbl + "_end")
	}
	if v.Unroll > 1 {
		block(v.Unroll, "multi")
	}
	block(1, "one")
	VZEROUPPER()
	RET()
}

func genConvRowValidF64(v isa) {
	lanes := v.Lanes / 2
	name := "convRowValidF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, src, taps []float64)")
	Doc(name+" is ConvRowValidF64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"src must hold len(dst)+len(taps)-1 samples and taps must not be empty.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	src := Load(Param("src").Base(), GP64())
	taps := Load(Param("taps").Base(), GP64())
	nt := Load(Param("taps").Len(), GP64())

	block := func(u int, lbl string) {
		Label(lbl)
		CMPQ(n, U32(u*lanes))
		JL(LabelRef(lbl + "_end"))
		acc := make([]reg.VecVirtual, u)
		for i := range acc {
			acc[i] = v.Vec()
			VXORPD(acc[i], acc[i], acc[i])
		}
		k := GP64()
		XORQ(k, k)
		p := GP64()
		MOVQ(src, p)
		Label(lbl + "_tap")
		t := v.Vec()
		VBROADCASTSD(Mem{Base: taps, Index: k, Scale: 8}, t)
		for i := range acc {
			VFMADD231PD(Mem{Base: p, Disp: i * v.Bytes()}, t, acc[i])
		}
		ADDQ(U8(8), p)
		INCQ(k)
		CMPQ(k, nt)
		JL(LabelRef(lbl + "_tap"))
		for i := range acc {
			VMOVUPD(acc[i], Mem{Base: dst, Disp: i * v.Bytes()})
		}
		ADDQ(U32(u*v.Bytes()), dst)
		ADDQ(U32(u*v.Bytes()), src)
		SUBQ(U32(u*lanes), n)
		JMP(LabelRef(lbl))
		Label(lbl + "_end")
	}
	block(4, "four")
	block(1, "one")
	VZEROUPPER()
	RET()
}

// f64BroadcastParam returns a vector with every lane set to the float64
// parameter name.
func f64BroadcastParam(v isa, name string) reg.VecVirtual {
	x := XMM()
	Load(Param(name), x)
	r := v.Vec()
	VBROADCASTSD(x, r)
	return r
}

// f64LessThan returns a mask of the lanes where a < b: a vector of all-ones
// lanes for AVX2, an opmask register for AVX-512.
func f64LessThan(v isa, a, b reg.VecVirtual) reg.Register {
	const ltOS = 1
	if v.Lanes == 16 {
		k := K()
		VCMPPD(U8(ltOS), b, a, k)
		return k
	}
	m := v.Vec()
	VCMPPD(U8(ltOS), b, a, m)
	return m
}

// f64Blend sets dst to t in the lanes of mask and leaves the others.
func f64Blend(v isa, mask reg.Register, t, dst reg.VecVirtual) {
	if v.Lanes == 16 {
		VBLENDMPD(t, dst, mask, dst)
		return
	}
	VBLENDVPD(mask, t, dst, dst)
}

func genVifFactors(v isa) {
	lanes := v.Lanes / 2
	name := "vifFactors" + v.Suffix
	TEXT(name, NOSPLIT, "func(fn, fd, mx, my, exx, eyy, exy []float64, eps, sn2 float64)")
	Doc(name+" is VifFactors for "+v.Suffix+".",
		fmt.Sprintf("It processes len(fn) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length.")
	var p [7]reg.Register
	for i, o := range []string{"fn", "fd", "mx", "my", "exx", "eyy", "exy"} {
		p[i] = Load(Param(o).Base(), GP64())
	}
	n := Load(Param("fn").Len(), GP64())
	epsv := f64BroadcastParam(v, "eps")
	sn2 := f64BroadcastParam(v, "sn2")
	zero := v.Vec()
	VXORPD(zero, zero, zero)
	one := v.Vec()
	g1 := GP64()
	MOVQ(U64(0x3ff0000000000000), g1)
	x1 := XMM()
	MOVQ(g1, x1)
	VBROADCASTSD(x1, one)
	rsn2 := v.Vec()
	VDIVPD(sn2, one, rsn2)
	j := GP64()
	XORQ(j, j)
	at := func(i int) Mem { return Mem{Base: p[i], Index: j, Scale: 1} }

	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	a, b := v.Vec(), v.Vec()
	VMOVUPD(at(2), a)
	VMOVUPD(at(3), b)
	t := v.Vec()
	sx, sy, sxy := v.Vec(), v.Vec(), v.Vec()
	// Products are rounded before each subtraction (no FMA), as in the
	// generic code.
	VMULPD(a, a, t)
	VMOVUPD(at(4), sx)
	VSUBPD(t, sx, sx)
	VMAXPD(zero, sx, sx)
	VMULPD(b, b, t)
	VMOVUPD(at(5), sy)
	VSUBPD(t, sy, sy)
	VMAXPD(zero, sy, sy)
	VMULPD(b, a, t)
	VMOVUPD(at(6), sxy)
	VSUBPD(t, sxy, sxy)
	g, sv := v.Vec(), v.Vec()
	VADDPD(epsv, sy, t)
	VDIVPD(t, sxy, g)
	VMULPD(sxy, g, t)
	VSUBPD(t, sx, sv)
	m := f64LessThan(v, sy, epsv)
	f64Blend(v, m, zero, g)
	f64Blend(v, m, sx, sv)
	f64Blend(v, m, zero, sy)
	m = f64LessThan(v, sx, epsv)
	f64Blend(v, m, zero, g)
	f64Blend(v, m, zero, sv)
	m = f64LessThan(v, g, zero)
	f64Blend(v, m, sx, sv)
	f64Blend(v, m, zero, g)
	VMAXPD(epsv, sv, sv)
	// fn = 1 + g*g*sy/(sv+sn2); fd = 1 + sy*(1/sn2).
	VMULPD(g, g, t)
	VMULPD(sy, t, t)
	VADDPD(sn2, sv, sv)
	VDIVPD(sv, t, t)
	VADDPD(one, t, t)
	VMOVUPD(t, at(0))
	VMULPD(rsn2, sy, t)
	VADDPD(one, t, t)
	VMOVUPD(t, at(1))
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func genScaleF32ToF64(v isa) {
	lanes := v.Lanes / 2
	name := "scaleF32ToF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst []float64, src []float32, k float64)")
	Doc(name+" is ScaleF32ToF64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", lanes))
	dst := Load(Param("dst").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	kv := f64BroadcastParam(v, "k")
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	a := v.Vec()
	VCVTPS2PD(Mem{Base: src}, a) // reads half a vector of float32
	VMULPD(kv, a, a)
	VMOVUPD(a, Mem{Base: dst})
	ADDQ(U32(4*lanes), src)
	ADDQ(U32(8*lanes), dst)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
