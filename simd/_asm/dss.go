package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["dss"] = genDSS }

// genDSS emits the kernel of simd/dss.go for every isa.
func genDSS() {
	for _, v := range isas {
		genDCT8Cols5F64(v)
		genDCT8Cols5F32(v)
		genDCT8Rows5F64(v)
		genDSSSimRow(v, true)
		genDSSSimRow(v, false)
		genRangeFilterF64(v)
	}
}

// dssDCT5 emits the five outputs of the 8-point transform from the
// butterflies s[q] = x[q]+x[7-q], d[q] = x[q]-x[7-q], with the constants
// at c (c[4m+q] = D[m][q]), and hands each to store. Products are rounded
// before they are added (no FMA), as in the generic code.
func dssDCT5(v isa, c reg.Register, s, d [4]reg.VecVirtual, store func(m int, acc reg.VecVirtual)) {
	for m := range 5 {
		u := s
		if m%2 == 1 {
			u = d
		}
		acc, k := v.Vec(), v.Vec()
		VBROADCASTSD(Mem{Base: c, Disp: 8 * (4 * m)}, k)
		VMULPD(u[0], k, acc)
		for q := 1; q < 4; q++ {
			k := v.Vec()
			VBROADCASTSD(Mem{Base: c, Disp: 8 * (4*m + q)}, k)
			VMULPD(u[q], k, k)
			VADDPD(k, acc, acc)
		}
		store(m, acc)
	}
}

// dssButterflies returns x[q]+x[7-q] and x[q]-x[7-q] for q < 4.
func dssButterflies(v isa, x [8]reg.VecVirtual) (s, d [4]reg.VecVirtual) {
	for q := range 4 {
		s[q], d[q] = dssButterfly(v, x[q], x[7-q])
	}
	return s, d
}

// dssButterfly returns a+b and a-b.
func dssButterfly(v isa, a, b reg.VecVirtual) (s, d reg.VecVirtual) {
	s, d = v.Vec(), v.Vec()
	VADDPD(b, a, s)
	VSUBPD(b, a, d)
	return s, d
}

func genDCT8Cols5F32(v isa) {
	lanes := v.Lanes / 2
	name := "dct8Cols5F32" + v.Suffix
	TEXT(name, NOSPLIT, "func(t0, t1, t2, t3, t4 []float64, r0, r1, r2, r3, r4, r5, r6, r7 []float32, c *[20]float64, k float64)")
	Doc(name+" is DCT8Cols5F32 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(t0) rounded down to a multiple of %d columns; the caller does the tail.", lanes),
		"The caller checks every length.")
	var r [8]reg.Register
	for i := range r {
		r[i] = Load(Param(fmt.Sprintf("r%d", i)).Base(), GP64())
	}
	c := Load(Param("c"), GP64())
	n := Load(Param("t0").Len(), GP64())
	kv := f64BroadcastParam(v, "k")
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	var x [8]reg.VecVirtual
	for q := range 8 {
		x[q] = v.Vec()
		VCVTPS2PD(Mem{Base: r[q], Index: j, Scale: 4}, x[q]) // half a vector of float32
		VMULPD(kv, x[q], x[q])
	}
	s, d := dssButterflies(v, x)
	dssDCT5(v, c, s, d, func(m int, acc reg.VecVirtual) {
		// The output bases are reloaded at each store: the eight input
		// rows already take most general registers.
		base := Load(Param(fmt.Sprintf("t%d", m)).Base(), GP64())
		VMOVUPD(acc, Mem{Base: base, Index: j, Scale: 8})
	})
	ADDQ(U32(lanes), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func genDCT8Rows5F64(v isa) {
	lanes := v.Lanes / 2 // blocks per iteration
	name := "dct8Rows5F64" + v.Suffix
	TEXT(name, NOSPLIT, "func(t0, t1, t2, t3, t4, src []float64, c *[20]float64)")
	Doc(name+" is DCT8Rows5F64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(t0) rounded down to a multiple of %d blocks, transposing", lanes),
		"them in registers; the caller does the tail and checks every length.")
	var t [5]reg.Register
	for i := range t {
		t[i] = Load(Param(fmt.Sprintf("t%d", i)).Base(), GP64())
	}
	src := Load(Param("src").Base(), GP64())
	c := Load(Param("c"), GP64())
	n := Load(Param("t0").Len(), GP64())
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	var x [8]reg.VecVirtual // x[q]: sample q of each block
	if lanes == 8 {
		var r, tt, u [8]reg.VecVirtual
		for b := range 8 {
			r[b] = v.Vec()
			VMOVUPD(Mem{Base: src, Disp: 64 * b}, r[b])
		}
		for p := 0; p < 8; p += 2 {
			tt[p], tt[p+1] = v.Vec(), v.Vec()
			VUNPCKLPD(r[p+1], r[p], tt[p])
			VUNPCKHPD(r[p+1], r[p], tt[p+1])
		}
		// u[i] for i in {0,1,4,5} pairs 128-bit lanes 0 and 2, u[i+2]
		// lanes 1 and 3, of tt[i] and tt[i+2].
		for _, i := range []int{0, 1, 4, 5} {
			u[i], u[i+2] = v.Vec(), v.Vec()
			VSHUFF64X2(U8(0x88), tt[i+2], tt[i], u[i])
			VSHUFF64X2(U8(0xDD), tt[i+2], tt[i], u[i+2])
		}
		for _, q := range []int{0, 1, 2, 3} {
			x[q], x[q+4] = v.Vec(), v.Vec()
			VSHUFF64X2(U8(0x88), u[q+4], u[q], x[q])
			VSHUFF64X2(U8(0xDD), u[q+4], u[q], x[q+4])
		}
	} else {
		for h := range 2 { // samples 0..3, then 4..7
			var r, tt [4]reg.VecVirtual
			for b := range 4 {
				r[b] = v.Vec()
				VMOVUPD(Mem{Base: src, Disp: 64*b + 32*h}, r[b])
			}
			for p := 0; p < 4; p += 2 {
				tt[p], tt[p+1] = v.Vec(), v.Vec()
				VUNPCKLPD(r[p+1], r[p], tt[p])
				VUNPCKHPD(r[p+1], r[p], tt[p+1])
			}
			for i := range 2 {
				a, b := v.Vec(), v.Vec()
				VPERM2F128(U8(0x20), tt[i+2], tt[i], a)
				VPERM2F128(U8(0x31), tt[i+2], tt[i], b)
				x[4*h+i], x[4*h+i+2] = a, b
			}
		}
	}
	s, d := dssButterflies(v, x)
	dssDCT5(v, c, s, d, func(m int, acc reg.VecVirtual) {
		VMOVUPD(acc, Mem{Base: t[m], Index: j, Scale: 8})
	})
	ADDQ(U32(lanes), j)
	ADDQ(U32(64*lanes), src)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func genDCT8Cols5F64(v isa) {
	lanes := v.Lanes / 2
	name := "dct8Cols5F64" + v.Suffix
	TEXT(name, NOSPLIT, "func(t0, t1, t2, t3, t4, r0, r1, r2, r3, r4, r5, r6, r7 []float64, c *[20]float64)")
	Doc(name+" is DCT8Cols5F64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(t0) rounded down to a multiple of %d columns; the caller does the tail.", lanes),
		"The caller checks every length.")
	var r [8]reg.Register
	for i := range r {
		r[i] = Load(Param(fmt.Sprintf("r%d", i)).Base(), GP64())
	}
	c := Load(Param("c"), GP64())
	n := Load(Param("t0").Len(), GP64())
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	// The loads of each pair x[q], x[7-q] are interleaved with its
	// butterfly.
	var s, d [4]reg.VecVirtual
	for q := range 4 {
		a, b := v.Vec(), v.Vec()
		VMOVUPD(Mem{Base: r[q], Index: j, Scale: 1}, a)
		VMOVUPD(Mem{Base: r[7-q], Index: j, Scale: 1}, b)
		s[q], d[q] = dssButterfly(v, a, b)
	}
	dssDCT5(v, c, s, d, func(m int, acc reg.VecVirtual) {
		// The output bases are reloaded at each store: the eight input
		// rows already take most general registers.
		base := Load(Param(fmt.Sprintf("t%d", m)).Base(), GP64())
		VMOVUPD(acc, Mem{Base: base, Index: j, Scale: 1})
	})
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func genDSSSimRow(v isa, withRT bool) {
	lanes := v.Lanes / 2
	name := "dssSimRow" + v.Suffix
	sig := "func(lt, rt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64)"
	doc := name + " is DSSSimRow for " + v.Suffix + "."
	if !withRT {
		name = "dssSimRowLT" + v.Suffix
		sig = "func(lt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64)"
		doc = name + " is DSSSimRowLT for " + v.Suffix + "."
	}
	TEXT(name, NOSPLIT, sig)
	Doc(doc,
		fmt.Sprintf("It processes len(lt) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length.")
	var xr, yr [3]reg.Register
	for i, s := range []string{"u", "c", "d"} {
		xr[i] = Load(Param("x"+s).Base(), GP64())
		yr[i] = Load(Param("y"+s).Base(), GP64())
	}
	wp := Load(Param("w"), GP64())
	n := Load(Param("lt").Len(), GP64())
	kv := f64BroadcastParam(v, "k")
	j := GP64()
	XORQ(j, j)
	weight := [3][3]int{{0, 1, 0}, {1, 2, 1}, {0, 1, 0}}
	var wv [3]reg.VecVirtual
	for i := range wv {
		wv[i] = v.Vec()
		VBROADCASTSD(Mem{Base: wp, Disp: 8 * i}, wv[i])
	}

	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	mx, my, exx, eyy, exy := v.Vec(), v.Vec(), v.Vec(), v.Vec(), v.Vec()
	acc := []reg.VecVirtual{mx, my, exx, eyy}
	if withRT {
		acc = append(acc, exy)
	}
	for _, r := range acc {
		VXORPD(r, r, r)
	}
	for r := range 3 {
		for i := range 3 {
			t := wv[weight[r][i]]
			a, b := v.Vec(), v.Vec()
			VMOVUPD(Mem{Base: xr[r], Index: j, Scale: 1, Disp: 8 * i}, a)
			VMOVUPD(Mem{Base: yr[r], Index: j, Scale: 1, Disp: 8 * i}, b)
			ta, tb := v.Vec(), v.Vec()
			VMULPD(a, t, ta)
			VMULPD(b, t, tb)
			VADDPD(ta, mx, mx)
			VADDPD(tb, my, my)
			VFMADD231PD(ta, a, exx)
			VFMADD231PD(tb, b, eyy)
			if withRT {
				VFMADD231PD(ta, b, exy)
			}
		}
	}
	zero := v.Vec()
	VXORPD(zero, zero, zero)
	// The squared means are rounded before the subtractions, as in the
	// generic code.
	sxx, syy, sxy, p := exx, eyy, exy, v.Vec()
	VMULPD(mx, mx, p)
	VSUBPD(p, sxx, sxx) // sxx = exx - mx*mx
	VMAXPD(zero, sxx, sxx)
	VMULPD(my, my, p)
	VSUBPD(p, syy, syy)
	VMAXPD(zero, syy, syy)
	if withRT {
		VMULPD(my, mx, p)
		VSUBPD(p, sxy, sxy) // sxy = exy - mx*my
	}
	sq := v.Vec()
	VMULPD(syy, sxx, sq)
	VSQRTPD(sq, sq)
	num, den := v.Vec(), v.Vec()
	// lt = (2*sq + k) / (sxx + syy + k)
	VADDPD(sq, sq, num)
	VADDPD(kv, num, num)
	VADDPD(syy, sxx, den)
	VADDPD(kv, den, den)
	VDIVPD(den, num, num)
	ltp := Load(Param("lt").Base(), GP64())
	VMOVUPD(num, Mem{Base: ltp, Index: j, Scale: 1})
	if withRT {
		dssWriteRT(v, kv, sxy, sq, j)
	}
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// dssWriteRT stores rt = (sxy + k) / (sq + k) at byte offset j of rt.
func dssWriteRT(v isa, kv, sxy, sq reg.VecVirtual, j reg.Register) {
	// rt = (sxy + k) / (sq + k)
	VADDPD(kv, sxy, sxy)
	VADDPD(kv, sq, sq)
	VDIVPD(sq, sxy, sxy)
	rtp := Load(Param("rt").Base(), GP64())
	VMOVUPD(sxy, Mem{Base: rtp, Index: j, Scale: 1})
}

func genRangeFilterF64(v isa) {
	lanes := v.Lanes / 2
	name := "rangeFilterF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, a []float64, lo, hi float64) (kept, below int, sum float64)")
	Doc(name+" is RangeFilterF64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(a) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"Each vector of kept values is stored whole at dst[kept:], so dst must hold len(a) samples")
	dst := Load(Param("dst").Base(), GP64())
	ap := Load(Param("a").Base(), GP64())
	n := Load(Param("a").Len(), GP64())
	lov := f64BroadcastParam(v, "lo")
	hiv := f64BroadcastParam(v, "hi")
	kept, below := GP64(), GP64()
	XORQ(kept, kept)
	XORQ(below, below)
	acc := v.Vec()
	VXORPD(acc, acc, acc)
	var lutBase reg.Register
	if lanes == 4 {
		// Row r of the table moves the lanes set in r to the front:
		// float32 index pairs (2l, 2l+1) for VPERMPS.
		lut := GLOBL("rangefilterlut", RODATA|NOPTR)
		for r := range 16 {
			o := 0
			for l := range 4 {
				if r&(1<<l) != 0 {
					DATA(32*r+8*o, U32(2*l))
					DATA(32*r+8*o+4, U32(2*l+1))
					o++
				}
			}
			for ; o < 4; o++ {
				DATA(32*r+8*o, U32(0))
				DATA(32*r+8*o+4, U32(1))
			}
		}
		lutBase = GP64()
		LEAQ(lut, lutBase)
	}
	const ltOS, leOS, geOS = 1, 2, 13
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	x := v.Vec()
	VMOVUPD(Mem{Base: ap}, x)
	c := GP32()
	if lanes == 8 {
		kl, kg, km := K(), K(), K()
		VCMPPD(U8(ltOS), lov, x, kl)
		VCMPPD(U8(geOS), lov, x, kg)
		VCMPPD(U8(leOS), hiv, x, kg, km) // lo <= x <= hi
		VADDPD(x, acc, kl, acc)
		KMOVB(kl, c)
		POPCNTL(c, c)
		ADDQ(c.As64(), below)
		t := v.Vec()
		VCOMPRESSPD(x, km, t)
		VMOVUPD(t, Mem{Base: dst, Index: kept, Scale: 8})
		KMOVB(km, c)
		POPCNTL(c, c)
		ADDQ(c.As64(), kept)
	} else {
		ml, mh, mm := v.Vec(), v.Vec(), v.Vec()
		VCMPPD(U8(ltOS), lov, x, ml)
		VCMPPD(U8(leOS), hiv, x, mh)
		VANDNPD(mh, ml, mm) // x <= hi and not x < lo
		t := v.Vec()
		VANDPD(ml, x, t)
		VADDPD(t, acc, acc)
		VMOVMSKPD(ml, c)
		POPCNTL(c, c)
		ADDQ(c.As64(), below)
		VMOVMSKPD(mm, c)
		r := GP64()
		MOVQ(c.As64(), r)
		SHLQ(U8(5), r)
		idx := v.Vec()
		VMOVDQU(Mem{Base: lutBase, Index: r, Scale: 1}, idx)
		VPERMPS(x, idx, t)
		VMOVUPD(t, Mem{Base: dst, Index: kept, Scale: 8})
		POPCNTL(c, c)
		ADDQ(c.As64(), kept)
	}
	ADDQ(U32(v.Bytes()), ap)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	Store(kept, Return("kept"))
	Store(below, Return("below"))
	zero := v.Vec()
	VXORPD(zero, zero, zero)
	storeF64(reduceF64(v, acc, zero), Return("sum"))
	VZEROUPPER()
	RET()
}
