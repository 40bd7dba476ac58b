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
		genDSSSimRow(v)
	}
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
	var s, d [4]reg.VecVirtual
	for q := range 4 {
		a, b := v.Vec(), v.Vec()
		VMOVUPD(Mem{Base: r[q], Index: j, Scale: 1}, a)
		VMOVUPD(Mem{Base: r[7-q], Index: j, Scale: 1}, b)
		s[q], d[q] = v.Vec(), v.Vec()
		VADDPD(b, a, s[q])
		VSUBPD(b, a, d[q])
	}
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
			// Rounded product, then sum (no FMA), as in the generic code.
			VMULPD(u[q], k, k)
			VADDPD(k, acc, acc)
		}
		// The output bases are reloaded at each store: the eight input
		// rows already take most general registers.
		base := Load(Param(fmt.Sprintf("t%d", m)).Base(), GP64())
		VMOVUPD(acc, Mem{Base: base, Index: j, Scale: 1})
	}
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func genDSSSimRow(v isa) {
	lanes := v.Lanes / 2
	name := "dssSimRow" + v.Suffix
	TEXT(name, NOSPLIT, "func(lt, rt, xu, xc, xd, yu, yc, yd []float64, w *[3]float64, k float64)")
	Doc(name+" is DSSSimRow for "+v.Suffix+".",
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

	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	mx, my, exx, eyy, exy := v.Vec(), v.Vec(), v.Vec(), v.Vec(), v.Vec()
	for _, r := range []reg.VecVirtual{mx, my, exx, eyy, exy} {
		VXORPD(r, r, r)
	}
	for r := range 3 {
		for i := range 3 {
			t := v.Vec()
			VBROADCASTSD(Mem{Base: wp, Disp: 8 * weight[r][i]}, t)
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
			VFMADD231PD(ta, b, exy)
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
	VMULPD(my, mx, p)
	VSUBPD(p, sxy, sxy) // sxy = exy - mx*my
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
	// rt = (sxy + k) / (sq + k)
	VADDPD(kv, sxy, sxy)
	VADDPD(kv, sq, sq)
	VDIVPD(sq, sxy, sxy)
	rtp := Load(Param("rt").Base(), GP64())
	VMOVUPD(sxy, Mem{Base: rtp, Index: j, Scale: 1})
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
