package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["srsim"] = genSRSIM }

// genSRSIM emits the kernels of simd/srsim.go for every isa.
func genSRSIM() {
	for _, v := range isas {
		genScharrRowF64(v)
		genResizeVertF32(v)
		genResizeHorizF32(v)
		genNarrowF64ToF32(v)
		genSRSIMRowF64(v)
	}
}

func genScharrRowF64(v isa) {
	lanes := v.Lanes / 2
	name := "scharrRowF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, u, m, d []float64)")
	Doc(name+" is ScharrRowF64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	up := Load(Param("u").Base(), GP64())
	mp := Load(Param("m").Base(), GP64())
	dp := Load(Param("d").Base(), GP64())
	three := broadcastF64Bits(v, math.Float64bits(3))
	ten := broadcastF64Bits(v, math.Float64bits(10))
	sixteenth := broadcastF64Bits(v, math.Float64bits(1.0/16))
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	gx := srsimScharrSq(v, up, mp, dp, j, three, ten, sixteenth)
	VSQRTPD(gx, gx)
	VMOVUPD(gx, Mem{Base: dst, Index: j, Scale: 8})
	ADDQ(U32(lanes), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func genResizeVertF32(v isa) {
	name := "resizeVertF32" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, src []float32, offs []int, w []float32, cut int)")
	Doc(name+" is ResizeVertF32 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", v.Lanes),
		"The caller checks every length and offset; 0 <= cut <= len(w).")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	src := Load(Param("src").Base(), GP64())
	offs := Load(Param("offs").Base(), GP64())
	wp := Load(Param("w").Base(), GP64())
	taps := Load(Param("w").Len(), GP64())
	cut := Load(Param("cut"), GP64())
	j := GP64() // byte offset of the vector in dst and in each source row
	XORQ(j, j)
	// sum emits a = Σ float32(src[offs[k]+j…]·w[k]) for k in [from, to).
	sum := func(a reg.VecVirtual, from, to reg.Register, label string) {
		k := GP64()
		MOVQ(from, k)
		Label(label)
		CMPQ(k, to)
		JGE(LabelRef(label + "done"))
		o := GP64()
		MOVQ(Mem{Base: offs, Index: k, Scale: 8}, o)
		SHLQ(U8(2), o)
		ADDQ(src, o)
		wk, p := v.Vec(), v.Vec()
		VBROADCASTSS(Mem{Base: wp, Index: k, Scale: 4}, wk)
		VMULPS(Mem{Base: o, Index: j, Scale: 1}, wk, p) // rounded product, then sum
		VADDPS(p, a, a)
		INCQ(k)
		JMP(LabelRef(label))
		Label(label + "done")
	}
	zero := GP64()
	XORQ(zero, zero)
	Label("loop")
	CMPQ(n, U32(v.Lanes))
	JL(LabelRef("done"))
	a := v.Vec()
	VXORPS(a, a, a)
	sum(a, zero, cut, "first")
	CMPQ(taps, cut)
	JLE(LabelRef("store"))
	b := v.Vec()
	VXORPS(b, b, b)
	sum(b, cut, taps, "rest")
	VADDPS(a, b, a) // the later taps' sum plus the first's
	Label("store")
	VMOVUPS(a, Mem{Base: dst, Index: j, Scale: 1})
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(v.Lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func genResizeHorizF32(v isa) {
	name := "resizeHorizF32" + v.Suffix
	sig := "func(dst, src []float32, idx []int32, w []float32, stride, taps, cut int)"
	doc := "Outputs are gathered"
	if v.Lanes == 16 {
		sig = "func(dst, src []float32, idx []int32, w []float32, stride, taps, cut int, win, rel []int32)"
		doc = "A group of outputs with win[group] >= 0 permutes the window src[win[group]:][:16] by rel; others are gathered"
	}
	TEXT(name, NOSPLIT, sig)
	Doc(name+" is ResizeTaps.Apply for "+v.Suffix+".",
		fmt.Sprintf("%s, %d at a time, for len(dst) rounded down to a multiple of %d;", doc, v.Lanes, v.Lanes),
		"the caller does the tail. Tap k of output c is at idx[k*stride+c], w[k*stride+c];",
		"the caller checks every index and window; 0 <= cut <= taps.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	src := Load(Param("src").Base(), GP64())
	ip := Load(Param("idx").Base(), GP64())
	wp := Load(Param("w").Base(), GP64())
	stride := Load(Param("stride"), GP64())
	SHLQ(U8(2), stride) // bytes between taps
	taps := Load(Param("taps"), GP64())
	cut := Load(Param("cut"), GP64())
	var winp, relp reg.Register
	if v.Lanes == 16 {
		winp = Load(Param("win").Base(), GP64())
		relp = Load(Param("rel").Base(), GP64())
	}
	// sum emits a += Σ float32(x·w) over taps [from, to) of the outputs at
	// byte offset c of idx and w, the samples x given by load.
	sum := func(a reg.VecVirtual, from, to, c reg.Register, label string, load func(o reg.Register) reg.VecVirtual) {
		k, o := GP64(), GP64()
		MOVQ(from, k)
		MOVQ(from, o)
		IMULQ(stride, o)
		ADDQ(c, o)
		Label(label)
		CMPQ(k, to)
		JGE(LabelRef(label + "done"))
		x, p := load(o), v.Vec()
		VMULPS(Mem{Base: wp, Index: o, Scale: 1}, x, p) // rounded product, then sum
		VADDPS(p, a, a)
		INCQ(k)
		ADDQ(stride, o)
		JMP(LabelRef(label))
		Label(label + "done")
	}
	gather := func(o reg.Register) reg.VecVirtual {
		iv, g := v.Vec(), v.Vec()
		if v.Lanes == 16 {
			VMOVDQU32(Mem{Base: ip, Index: o, Scale: 1}, iv)
			m := K()
			KXNORW(m, m, m)
			VGATHERDPS(Mem{Base: src, Index: iv, Scale: 4}, m, g)
		} else {
			VMOVDQU(Mem{Base: ip, Index: o, Scale: 1}, iv)
			m := v.Vec()
			VPCMPEQD(m, m, m)
			VXORPS(g, g, g)
			VGATHERDPS(m, Mem{Base: src, Index: iv, Scale: 4}, g)
		}
		return g
	}
	// both emits a = the cut sum of the outputs at byte offset c.
	both := func(a reg.VecVirtual, c reg.Register, zero reg.Register, label string, load func(o reg.Register) reg.VecVirtual) {
		VXORPS(a, a, a)
		sum(a, zero, cut, c, label+"first", load)
		CMPQ(taps, cut)
		JLE(LabelRef(label + "end"))
		b := v.Vec()
		VXORPS(b, b, b)
		sum(b, cut, taps, c, label+"rest", load)
		VADDPS(a, b, a) // the later taps' sum plus the first's
		Label(label + "end")
	}
	zero, c, gi := GP64(), GP64(), GP64()
	XORQ(zero, zero)
	XORQ(c, c)
	XORQ(gi, gi)
	Label("loop")
	CMPQ(n, U32(v.Lanes))
	JL(LabelRef("done"))
	a := v.Vec()
	if v.Lanes == 16 {
		base := GP64()
		MOVLQSX(Mem{Base: winp, Index: gi, Scale: 4}, base)
		TESTQ(base, base)
		JS(LabelRef("gather"))
		win := v.Vec()
		VMOVUPS(Mem{Base: src, Index: base, Scale: 4}, win)
		both(a, c, zero, "perm", func(o reg.Register) reg.VecVirtual {
			iv, x := v.Vec(), v.Vec()
			VMOVDQU32(Mem{Base: relp, Index: o, Scale: 1}, iv)
			VPERMPS(win, iv, x)
			return x
		})
		JMP(LabelRef("store"))
		Label("gather")
	}
	both(a, c, zero, "gather", gather)
	Label("store")
	VMOVUPS(a, Mem{Base: dst, Index: c, Scale: 1})
	ADDQ(U32(v.Bytes()), c)
	INCQ(gi)
	SUBQ(U32(v.Lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func genNarrowF64ToF32(v isa) {
	lanes := v.Lanes / 2
	name := "narrowF64ToF32" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst []float32, src []float64)")
	Doc(name+" is NarrowF64ToF32 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", lanes))
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	src := Load(Param("src").Base(), GP64())
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	x := v.Vec()
	VMOVUPD(Mem{Base: src, Index: j, Scale: 8}, x)
	if lanes == 8 {
		y := YMM()
		VCVTPD2PS(x, y)
		VMOVUPS(y, Mem{Base: dst, Index: j, Scale: 4})
	} else {
		y := XMM()
		VCVTPD2PSY(x, y)
		VMOVUPS(y, Mem{Base: dst, Index: j, Scale: 4})
	}
	ADDQ(U32(lanes), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// srsimScharrSq emits gx² + gy² of the Scharr gradient at the lanes of byte
// offset 8·j in the rows u, m, d (output lane i centred on column i+1),
// rounded as in the generic code.
func srsimScharrSq(v isa, up, mp, dp, j reg.Register, three, ten, sixteenth reg.VecVirtual) reg.VecVirtual {
	at := func(p reg.Register, c int) Mem { return Mem{Base: p, Index: j, Scale: 8, Disp: 8 * c} }
	// diff returns k·(a−b): a rounded product.
	diff := func(a, b Mem, k reg.VecVirtual) reg.VecVirtual {
		x := v.Vec()
		VMOVUPD(a, x)
		VSUBPD(b, x, x)
		VMULPD(k, x, x)
		return x
	}
	gx := diff(at(up, 2), at(up, 0), three)
	VADDPD(diff(at(mp, 2), at(mp, 0), ten), gx, gx)
	VADDPD(diff(at(dp, 2), at(dp, 0), three), gx, gx)
	VMULPD(sixteenth, gx, gx) // exact, as a division by 16
	gy := diff(at(dp, 0), at(up, 0), three)
	VADDPD(diff(at(dp, 1), at(up, 1), ten), gy, gy)
	VADDPD(diff(at(dp, 2), at(up, 2), three), gy, gy)
	VMULPD(sixteenth, gy, gy)
	VMULPD(gx, gx, gx)
	VMULPD(gy, gy, gy)
	VADDPD(gy, gx, gx)
	return gx
}

func genSRSIMRowF64(v isa) {
	lanes := v.Lanes / 2
	name := "srsimRowF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(vx, vy, xu, xm, xd, yu, ym, yd []float64, cv, cg float64) (num, den float64)")
	Doc(name+" is SRSIMRowF64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(vx) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length.")
	n := Load(Param("vx").Len(), GP64())
	var p [8]reg.Register
	for i, s := range []string{"vx", "vy", "xu", "xm", "xd", "yu", "ym", "yd"} {
		p[i] = Load(Param(s).Base(), GP64())
	}
	three := broadcastF64Bits(v, math.Float64bits(3))
	ten := broadcastF64Bits(v, math.Float64bits(10))
	sixteenth := broadcastF64Bits(v, math.Float64bits(1.0/16))
	cv, cg := f64BroadcastParam(v, "cv"), f64BroadcastParam(v, "cg")
	num, den := v.Vec(), v.Vec()
	VXORPD(num, num, num)
	VXORPD(den, den, den)
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	mx := srsimScharrSq(v, p[2], p[3], p[4], j, three, ten, sixteenth)
	my := srsimScharrSq(v, p[5], p[6], p[7], j, three, ten, sixteenth)
	// ng = 2·sqrt(mx·my) + cg, dg = mx + my + cg
	ng, dg := v.Vec(), v.Vec()
	VMULPD(my, mx, ng)
	VSQRTPD(ng, ng)
	VADDPD(ng, ng, ng)
	VADDPD(cg, ng, ng)
	VADDPD(my, mx, dg)
	VADDPD(cg, dg, dg)
	// nv = 2·vx·vy + cv, dv = vx² + vy² + cv
	a, b := v.Vec(), v.Vec()
	VMOVUPD(Mem{Base: p[0], Index: j, Scale: 8}, a)
	VMOVUPD(Mem{Base: p[1], Index: j, Scale: 8}, b)
	nv, dv := simTerms(v, a, b, cv)
	// score = sqrt((nv·nv·ng) / (dv·dv·dg)) · vm
	VMULPD(nv, nv, nv)
	VMULPD(ng, nv, nv)
	VMULPD(dv, dv, dv)
	VMULPD(dg, dv, dv)
	VDIVPD(dv, nv, nv)
	VSQRTPD(nv, nv)
	vm := v.Vec()
	VMAXPD(b, a, vm) // vx where vx > vy, else vy
	VMULPD(vm, nv, nv)
	VADDPD(nv, num, num)
	VADDPD(vm, den, den)
	ADDQ(U32(lanes), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	zero := v.Vec()
	VXORPD(zero, zero, zero)
	storeF64(reduceF64(v, num, zero), Return("num"))
	VXORPD(zero, zero, zero)
	storeF64(reduceF64(v, den, zero), Return("den"))
	VZEROUPPER()
	RET()
}
