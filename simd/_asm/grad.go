package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["grad"] = genGrad }

// genGrad emits the kernels of simd/grad.go for every isa. The
// element-wise kernels repeat the generic code's operation order without
// FMA, so that they give the same float32 results and the symmetry
// S(a, a; c) = 1 holds exactly.
func genGrad() {
	for _, v := range isas {
		genAddRow(v)
		genAvgRow(v)
		genGradMagRow(v)
		genMDSIRow(v)
		genGradSimMomentsRow(v)
		genQuarterRootsRow(v)
		genQuarterRootDevSumF64(v)
	}
}

// broadcastBits returns a vector with every float32 lane set to the bits b.
func broadcastBits(v isa, b uint32) reg.VecVirtual {
	g := GP32()
	MOVL(U32(b), g)
	x := XMM()
	VMOVD(g, x)
	r := v.Vec()
	VBROADCASTSS(x, r)
	return r
}

// broadcastF64Bits returns a vector with every float64 lane set to the bits b.
func broadcastF64Bits(v isa, b uint64) reg.VecVirtual {
	g := GP64()
	MOVQ(U64(b), g)
	x := XMM()
	VMOVQ(g, x)
	r := v.Vec()
	VBROADCASTSD(x, r)
	return r
}

// rows loads the base pointers of the named slice parameters.
func rows(names ...string) []reg.Register {
	p := make([]reg.Register, len(names))
	for i, n := range names {
		p[i] = Load(Param(n).Base(), GP64())
	}
	return p
}

// loop emits a loop over whole vectors of the first slice parameter
// count (its length): body gets the byte offset j of the current vector.
func loop(v isa, count string, body func(j reg.Register)) {
	n := Load(Param(count).Len(), GP64())
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(n, U32(v.Lanes))
	JL(LabelRef("done"))
	body(j)
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(v.Lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
}

// at addresses element e (a constant) after byte offset j of row p.
func at(p, j reg.Register, e int) Mem { return Mem{Base: p, Index: j, Scale: 1, Disp: 4 * e} }

// load loads one vector.
func load(v isa, m Mem) reg.VecVirtual {
	r := v.Vec()
	VMOVUPS(m, r)
	return r
}

// simVec emits S(a, b; c) = (2ab + c)/((a² + b²) + c) as the generic code
// rounds it (no FMA).
func simVec(v isa, a, b, c reg.VecVirtual) reg.VecVirtual {
	num := v.Vec()
	VADDPS(a, a, num)
	VMULPS(b, num, num)
	VADDPS(c, num, num)
	den, t := v.Vec(), v.Vec()
	VMULPS(a, a, den)
	VMULPS(b, b, t)
	VADDPS(t, den, den)
	VADDPS(c, den, den)
	VDIVPS(den, num, num)
	return num
}

func elementDoc(v isa, name, of string, extra ...string) {
	Doc(append([]string{fmt.Sprintf("%s is %s for %s. It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", name, of, v.Suffix, v.Lanes)}, extra...)...)
}

func genAddRow(v isa) {
	name := "addRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, src []float32)")
	Pragma("noescape")
	elementDoc(v, name, "AddRow")
	p := rows("dst", "src")
	loop(v, "dst", func(j reg.Register) {
		a := load(v, at(p[0], j, 0))
		VADDPS(at(p[1], j, 0), a, a)
		VMOVUPS(a, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

func genAvgRow(v isa) {
	name := "avgRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, a, b []float32)")
	Pragma("noescape")
	elementDoc(v, name, "AvgRow")
	p := rows("dst", "a", "b")
	half := broadcastConst(v, 0.5)
	loop(v, "dst", func(j reg.Register) {
		a := load(v, at(p[1], j, 0))
		VADDPS(at(p[2], j, 0), a, a)
		VMULPS(half, a, a)
		VMOVUPS(a, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

func genGradMagRow(v isa) {
	name := "gradMagRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, up, mid, down, pf []float32, e, c float32)")
	Pragma("noescape")
	elementDoc(v, name, "gradMagRow", "up, mid and down must hold len(dst)+2 samples.",
		fmt.Sprintf("Each iteration prefetches the next %d cache lines of pf into L2 while they last.", v.Lanes))
	p := rows("dst", "up", "mid", "down")
	pf := rows("pf")[0]
	pfLeft := Load(Param("pf").Len(), GP64())
	SHLQ(U8(2), pfLeft) // bytes
	e := broadcastParam(v, "e")
	c := broadcastParam(v, "c")
	loop(v, "dst", func(j reg.Register) {
		prefetchStep(pf, pfLeft, v.Lanes, "nopf")
		u0, u2 := load(v, at(p[1], j, 0)), load(v, at(p[1], j, 2))
		d0, d2 := load(v, at(p[3], j, 0)), load(v, at(p[3], j, 2))
		// gx = e*(u2-u0) + c*(m2-m0) + e*(d2-d0)
		gx, t := v.Vec(), v.Vec()
		VSUBPS(u0, u2, gx)
		VMULPS(e, gx, gx)
		VMOVUPS(at(p[2], j, 2), t)
		VSUBPS(at(p[2], j, 0), t, t)
		VMULPS(c, t, t)
		VADDPS(t, gx, gx)
		VSUBPS(d0, d2, t)
		VMULPS(e, t, t)
		VADDPS(t, gx, gx)
		// gy = e*(d0-u0) + c*(d1-u1) + e*(d2-u2)
		gy := v.Vec()
		VSUBPS(u0, d0, gy)
		VMULPS(e, gy, gy)
		VMOVUPS(at(p[3], j, 1), t)
		VSUBPS(at(p[1], j, 1), t, t)
		VMULPS(c, t, t)
		VADDPS(t, gy, gy)
		VSUBPS(u2, d2, t)
		VMULPS(e, t, t)
		VADDPS(t, gy, gy)
		VMULPS(gx, gx, gx)
		VMULPS(gy, gy, gy)
		VADDPS(gy, gx, gx)
		VSQRTPS(gx, gx)
		VMOVUPS(gx, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

func genMDSIRow(v isa) {
	name := "mdsiRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, gx, gy, gf, hx, hy, mx, my []float32, c1, c2, c3, alpha float32)")
	Pragma("noescape")
	elementDoc(v, name, "MDSIRow")
	p := rows("dst", "gx", "gy", "gf", "hx", "hy", "mx", "my")
	c1 := broadcastParam(v, "c1")
	c2 := broadcastParam(v, "c2")
	c3 := broadcastParam(v, "c3")
	alpha := broadcastParam(v, "alpha")
	beta := broadcastConst(v, 1)
	VSUBPS(alpha, beta, beta) // 1 - alpha
	loop(v, "dst", func(j reg.Register) {
		a, b, f := load(v, at(p[1], j, 0)), load(v, at(p[2], j, 0)), load(v, at(p[3], j, 0))
		gs := simVec(v, a, b, c1)
		VADDPS(simVec(v, a, f, c2), gs, gs)
		VSUBPS(simVec(v, b, f, c2), gs, gs)
		hx, hy, mx, my := load(v, at(p[4], j, 0)), load(v, at(p[5], j, 0)), load(v, at(p[6], j, 0)), load(v, at(p[7], j, 0))
		num, t := v.Vec(), v.Vec()
		VMULPS(hy, hx, num)
		VMULPS(my, mx, t)
		VADDPS(t, num, num)
		VADDPS(num, num, num)
		VADDPS(c3, num, num)
		den, u := v.Vec(), v.Vec()
		VMULPS(hx, hx, den)
		VMULPS(mx, mx, t)
		VADDPS(t, den, den)
		VMULPS(hy, hy, u)
		VMULPS(my, my, t)
		VADDPS(t, u, u)
		VADDPS(u, den, den)
		VADDPS(c3, den, den)
		VDIVPS(den, num, num)
		VMULPS(alpha, gs, gs)
		VMULPS(beta, num, num)
		VADDPS(num, gs, gs)
		VMOVUPS(gs, at(p[0], j, 0))
	})
	VZEROUPPER()
	RET()
}

// quarterRootsThen emits, for each block of float32 samples, their fourth
// roots r = sqrt(sqrt(|v|)) as float64 and an all-ones float64 mask where
// v is negative, handing both halves to body, and next at the end of
// every iteration (to advance other pointers).
func quarterRootsThen(v isa, body func(r, neg reg.VecVirtual), next func()) {
	xp := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	absMask := broadcastF64Bits(v, 0x7fffffffffffffff)
	half := v.Bytes() / 2
	Label("loop")
	CMPQ(n, U32(v.Lanes))
	JL(LabelRef("done"))
	for k := range 2 {
		r := v.Vec()
		VCVTPS2PD(Mem{Base: xp, Disp: k * half}, r)
		// Sign mask: arithmetic shift of the float32 bits, widened to 64 bits.
		var m32 reg.VecVirtual
		neg := v.Vec()
		if v.Lanes == 16 {
			m32 = YMM()
			VMOVUPS(Mem{Base: xp, Disp: k * half}, m32)
			VPSRAD(U8(31), m32, m32)
			VPMOVSXDQ(m32, neg)
		} else {
			m32 = XMM()
			VMOVUPS(Mem{Base: xp, Disp: k * half}, m32)
			VPSRAD(U8(31), m32, m32)
			VPMOVSXDQ(m32, neg)
		}
		VANDPD(absMask, r, r)
		VSQRTPD(r, r)
		VSQRTPD(r, r)
		body(r, neg)
	}
	next()
	ADDQ(U32(v.Bytes()), xp)
	SUBQ(U32(v.Lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
}

const sqrtHalfBits = 0x3fe6a09e667f3bcd // math.Sqrt2 / 2

// gradSqUnitLoad emits the squared magnitude of the unit-weight 3×3
// gradient (Prewitt times 3) at the vector at byte offset j of rows u, m,
// d in the generic code's order, gx = ((u2−u0) + (m2−m0)) + (d2−d0),
// gy = ((d0−u0) + (d1−u1)) + (d2−u2), with every operand loaded by load
// (plain or masked loads).
func gradSqUnitLoad(v isa, load func(Mem) reg.VecVirtual, u, m, d, j reg.Register) reg.VecVirtual {
	u0, u1, u2 := load(at(u, j, 0)), load(at(u, j, 1)), load(at(u, j, 2))
	m0, m2 := load(at(m, j, 0)), load(at(m, j, 2))
	d0, d1, d2 := load(at(d, j, 0)), load(at(d, j, 1)), load(at(d, j, 2))
	gx, t := v.Vec(), v.Vec()
	VSUBPS(u0, u2, gx)
	VSUBPS(m0, m2, t)
	VADDPS(t, gx, gx)
	VSUBPS(d0, d2, t)
	VADDPS(t, gx, gx)
	gy := v.Vec()
	VSUBPS(u0, d0, gy)
	VSUBPS(u1, d1, t)
	VADDPS(t, gy, gy)
	VSUBPS(u2, d2, t)
	VADDPS(t, gy, gy)
	VMULPS(gx, gx, gx)
	VMULPS(gy, gy, gy)
	VADDPS(gy, gx, gx)
	return gx
}

func genGradSimMomentsRow(v isa) {
	name := "gradSimMomentsRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(ru, rm, rd, du, dm, dd []float32, pa, pb, wa, wb *float32, t, alpha float32) (sum, sumSq float64)")
	Pragma("noescape")
	tail := "It sums len(ru)-2 outputs rounded down to a multiple of 8; the caller adds the tail."
	if v.Lanes == 16 {
		tail = "It sums all len(ru)-2 outputs, the last 15 or fewer with masked loads."
	}
	Doc(fmt.Sprintf("%s is GradSimMomentsRow for %s. %s", name, v.Suffix, tail),
		"The other rows must hold len(ru) samples, and len(ru) must be at least 2.",
		"Unless nil, pa and pb are prefetched into L2, 16 bytes per output, and wa and wb into L1,",
		"4 bytes per output (the caller checks that they are that long).")
	p := rows("ru", "rm", "rd", "du", "dm", "dd")
	pf := []reg.Register{Load(Param("pa"), GP64()), Load(Param("pb"), GP64())}
	wf := []reg.Register{Load(Param("wa"), GP64()), Load(Param("wb"), GP64())}
	t := broadcastParam(v, "t")
	alpha := broadcastParam(v, "alpha")
	k := broadcastConst(v, 2)
	VSUBPS(alpha, k, k)                            // 2 - alpha
	one := broadcastF64Bits(v, 0x3FF0000000000000) // float64 1
	acc := []reg.VecVirtual{v.Vec(), v.Vec(), v.Vec(), v.Vec()}
	for _, r := range acc {
		VXORPD(r, r, r)
	}
	n := Load(Param("ru").Len(), GP64())
	SUBQ(U8(2), n)
	j := GP64()
	XORQ(j, j)
	// body adds the map values of one vector (lanes whose loads are masked
	// off read zeros: zero gradients give s = 1, which adds nothing).
	body := func(load func(Mem) reg.VecVirtual) {
		ar := gradSqUnitLoad(v, load, p[0], p[1], p[2], j)
		ad := gradSqUnitLoad(v, load, p[3], p[4], p[5], j)
		ab, num, den := v.Vec(), v.Vec(), v.Vec()
		VMULPS(ad, ar, ab)
		VSQRTPS(ab, ab)
		VMULPS(ab, k, num)
		VADDPS(t, num, num)
		VADDPS(ad, ar, den)
		VMULPS(ab, alpha, ab)
		VSUBPS(ab, den, den)
		VADDPS(t, den, den)
		VDIVPS(den, num, num)
		lo, hi := widenF64(v, num)
		VSUBPD(one, lo, lo)
		VSUBPD(one, hi, hi)
		VADDPD(lo, acc[0], acc[0])
		VADDPD(hi, acc[1], acc[1])
		VFMADD231PD(lo, lo, acc[2])
		VFMADD231PD(hi, hi, acc[3])
	}
	Label("loop")
	CMPQ(n, U32(v.Lanes))
	JL(LabelRef("tail"))
	// Output byte offset j: the read spans are at 4·j, the write spans at j.
	for i, r := range pf {
		skip := fmt.Sprintf("nopf%d", i)
		TESTQ(r, r)
		JZ(LabelRef(skip))
		for l := range v.Lanes / 4 {
			PREFETCHT1(Mem{Base: r, Index: j, Scale: 4, Disp: 64 * l})
		}
		Label(skip)
	}
	for i, r := range wf {
		skip := fmt.Sprintf("nowf%d", i)
		TESTQ(r, r)
		JZ(LabelRef(skip))
		PREFETCHT0(Mem{Base: r, Index: j, Scale: 1})
		Label(skip)
	}
	body(func(m Mem) reg.VecVirtual { return load(v, m) })
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(v.Lanes), n)
	JMP(LabelRef("loop"))
	// AVX-512: the last n < lanes outputs, loads masked to the first n
	// lanes. (AVX2 leaves them to the caller.)
	Label("tail")
	if v.Lanes == 16 {
		TESTQ(n, n)
		JZ(LabelRef("done"))
		ones, bits := GP32(), GP32()
		MOVL(U32(0xffff), ones)
		BZHIL(n.(reg.GPVirtual).As32(), ones, bits)
		mask := K()
		KMOVW(bits, mask)
		body(func(m Mem) reg.VecVirtual {
			r := v.Vec()
			VMOVUPS_Z(m, mask, r)
			return r
		})
	}
	Label("done")
	storeF64(reduceF64(v, acc[0], acc[1]), Return("sum"))
	storeF64(reduceF64(v, acc[2], acc[3]), Return("sumSq"))
	VZEROUPPER()
	RET()
}

// prefetchStep emits a prefetch into L2 of the next lines cache lines at
// p while left (bytes) is positive, advancing p and decreasing left; skip
// is a label name unique in the function.
func prefetchStep(p, left reg.Register, lines int, skip string) {
	CMPQ(left, U8(0))
	JLE(LabelRef(skip))
	for l := range lines {
		PREFETCHT1(Mem{Base: p, Disp: 64 * l})
	}
	ADDQ(U32(64*lines), p)
	SUBQ(U32(64*lines), left)
	Label(skip)
}

func genQuarterRootsRow(v isa) {
	name := "quarterRootsRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst []float64, x []float32) (pos, neg float64)")
	Pragma("noescape")
	Doc(name+" is the body of QuarterRootsRow for "+v.Suffix+": it stores the signed fourth roots",
		"and returns the sums of the roots of the non-negative and of the negative samples.",
		fmt.Sprintf("It does len(x) rounded down to a multiple of %d samples; the caller does the tail.", v.Lanes),
		"dst must hold len(x) samples.")
	dp := Load(Param("dst").Base(), GP64())
	sign := broadcastF64Bits(v, 0x8000000000000000)
	all, neg := v.Vec(), v.Vec()
	VXORPD(all, all, all)
	VXORPD(neg, neg, neg)
	k := 0
	quarterRootsThen(v, func(r, m reg.VecVirtual) {
		VADDPD(r, all, all)
		sr := v.Vec()
		VANDPD(sign, m, sr)
		VORPD(r, sr, sr)
		VMOVUPD(sr, Mem{Base: dp, Disp: k * v.Bytes()})
		VANDPD(m, r, r)
		VADDPD(r, neg, neg)
		k++
	}, func() { ADDQ(U32(2*v.Bytes()), dp) })
	z := v.Vec()
	VXORPD(z, z, z)
	a := reduceF64(v, all, z)
	z2 := v.Vec()
	VXORPD(z2, z2, z2)
	b := reduceF64(v, neg, z2)
	VSUBSD(b, a, a)
	storeF64(a, Return("pos"))
	storeF64(b, Return("neg"))
	VZEROUPPER()
	RET()
}

func genQuarterRootDevSumF64(v isa) {
	name := "quarterRootDevSumF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(x []float64, re, im float64) float64")
	Pragma("noescape")
	Doc(name+" is QuarterRootDevSumF64 for "+v.Suffix+".",
		fmt.Sprintf("It sums len(x) rounded down to a multiple of %d samples; the caller adds the tail.", v.Lanes))
	xp := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	re := f64BroadcastParam(v, "re")
	im := f64BroadcastParam(v, "im")
	sh := broadcastF64Bits(v, sqrtHalfBits)
	one := broadcastF64Bits(v, 0x3ff0000000000000)
	absMask := broadcastF64Bits(v, 0x7fffffffffffffff)
	zero := v.Vec()
	VXORPD(zero, zero, zero)
	a, b := v.Vec(), v.Vec()
	VXORPD(a, a, a)
	VXORPD(b, b, b)
	acc := []reg.VecVirtual{a, b}
	Label("loop")
	CMPQ(n, U32(v.Lanes))
	JL(LabelRef("done"))
	for k := range 2 {
		r, m := v.Vec(), v.Vec()
		VMOVUPD(Mem{Base: xp, Disp: k * v.Bytes()}, r)
		if v.Lanes == 16 {
			VPSRAQ(U8(63), r, m)
		} else {
			VPCMPGTQ(r, zero, m) // sign bit set
		}
		VANDPD(absMask, r, r)
		// Real factor: √½ where negative, 1 elsewhere; imaginary: √½ or 0.
		fr, fi := v.Vec(), v.Vec()
		VANDPD(sh, m, fi)
		VANDNPD(one, m, fr)
		VORPD(fi, fr, fr)
		VMULPD(r, fr, fr)
		VMULPD(r, fi, fi)
		VSUBPD(re, fr, fr)
		VSUBPD(im, fi, fi)
		VMULPD(fr, fr, fr)
		VFMADD231PD(fi, fi, fr)
		VSQRTPD(fr, fr)
		VADDPD(fr, acc[k], acc[k])
	}
	ADDQ(U32(2*v.Bytes()), xp)
	SUBQ(U32(v.Lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	storeF64(reduceF64(v, a, b), ReturnIndex(0))
	VZEROUPPER()
	RET()
}
