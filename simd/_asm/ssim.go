package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/gotypes"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["ssim"] = genSSIM }

// genSSIM emits the kernels of simd/ssim.go for every isa.
func genSSIM() {
	for _, v := range isas {
		genConvRowValid(v)
		genSSIMCols6(v)
		genConvRows11(v)
		genCSRow(v)
		genSSIMMeanRow(v)
		genPool2Row(v)
		genSumF64(v)
	}
}

// tailDoc is the contract line shared by the kernels below.
func tailDoc(v isa) string {
	return fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", v.Lanes)
}

// broadcastConst returns a vector with every lane set to the float32 f.
func broadcastConst(v isa, f float32) reg.VecVirtual {
	g := GP32()
	MOVL(U32(f32bits(f)), g)
	x := XMM()
	VMOVD(g, x)
	r := v.Vec()
	VBROADCASTSS(x, r)
	return r
}

// broadcastParam returns a vector with every lane set to the float32
// parameter name.
//
// It broadcasts straight from the argument's memory with a VEX/EVEX
// instruction: a legacy SSE load (MOVSS) next to 256- and 512-bit code can
// cost a state-transition stall.
func broadcastParam(v isa, name string) reg.VecVirtual {
	b, err := Param(name).Resolve()
	if err != nil {
		panic(err)
	}
	r := v.Vec()
	VBROADCASTSS(b.Addr, r)
	return r
}

// storeF64 stores the low float64 lane of x into the result c with a VEX
// instruction (see broadcastParam).
func storeF64(x reg.VecVirtual, c gotypes.Component) {
	b, err := c.Resolve()
	if err != nil {
		panic(err)
	}
	VMOVSD(x, b.Addr)
}

// cvtAddF64 converts the float32 lanes of s to float64 and adds the low
// half into lo and the high half into hi.
func cvtAddF64(v isa, s, lo, hi reg.VecVirtual) {
	d, e := widenF64(v, s)
	VADDPD(d, lo, lo)
	VADDPD(e, hi, hi)
}

// widenF64 returns the low and high halves of the float32 vector s
// widened to float64.
func widenF64(v isa, s reg.VecVirtual) (lo, hi reg.VecVirtual) {
	lo, hi = v.Vec(), v.Vec()
	if v.Lanes == 16 {
		VCVTPS2PD(s.AsY(), lo)
		h := YMM()
		VEXTRACTF32X8(U8(1), s, h)
		VCVTPS2PD(h, hi)
	} else {
		VCVTPS2PD(s.AsX(), lo)
		h := XMM()
		VEXTRACTF128(U8(1), s, h)
		VCVTPS2PD(h, hi)
	}
	return lo, hi
}

// reduceF64 returns the sum of the float64 lanes of a and b in the low
// lane of an XMM register.
func reduceF64(v isa, a, b reg.VecVirtual) reg.VecVirtual {
	VADDPD(b, a, a)
	return reduceLanesF64(v, a, VADDPD, VADDSD)
}

// reduceLanesF64 combines the float64 lanes of a by halving, with op on
// the vector halves and last on the final two lanes, and returns the
// result in the low lane of an XMM register.
func reduceLanesF64(v isa, a reg.VecVirtual, op, last func(...Op)) reg.VecVirtual {
	y := a
	if v.Lanes == 16 {
		h := YMM()
		VEXTRACTF64X4(U8(1), a, h)
		op(h, a.AsY(), h)
		y = h
	}
	x := XMM()
	VEXTRACTF128(U8(1), y, x)
	op(x, y.AsX(), x)
	s := XMM()
	VPERMILPD(U8(1), x, s)
	last(s, x, x)
	return x
}

func genConvRowValid(v isa) {
	name := "convRowValid" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, src, taps []float32)")
	Doc(name+" convolves one row of ConvRowsValid for "+v.Suffix+". "+tailDoc(v),
		"src must hold len(dst)+len(taps)-1 samples and taps must not be empty.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	src := Load(Param("src").Base(), GP64())
	taps := Load(Param("taps").Base(), GP64())
	nt := Load(Param("taps").Len(), GP64())

	block := func(u int, lbl string) {
		Label(lbl)
		CMPQ(n, U32(u*v.Lanes))
		JL(LabelRef(lbl + "_end"))
		acc := make([]reg.VecVirtual, u)
		for i := range acc {
			acc[i] = v.Vec()
			VXORPS(acc[i], acc[i], acc[i])
		}
		k := GP64()
		XORQ(k, k)
		p := GP64()
		MOVQ(src, p)
		Label(lbl + "_tap")
		t := v.Vec()
		VBROADCASTSS(Mem{Base: taps, Index: k, Scale: 4}, t)
		for i := range acc {
			VFMADD231PS(Mem{Base: p, Disp: i * v.Bytes()}, t, acc[i])
		}
		ADDQ(U8(4), p)
		INCQ(k)
		CMPQ(k, nt)
		JL(LabelRef(lbl + "_tap"))
		for i := range acc {
			VMOVUPS(acc[i], Mem{Base: dst, Disp: i * v.Bytes()})
		}
		ADDQ(U32(u*v.Bytes()), dst)
		ADDQ(U32(u*v.Bytes()), src)
		SUBQ(U32(u*v.Lanes), n)
		JMP(LabelRef(lbl))
		Label(lbl + "_end")
	}
	// Eight independent accumulators hide the FMA latency (4 cycles, two
	// per cycle); the smaller blocks finish the row.
	block(8, "eight")
	block(4, "four")
	block(1, "one")
	VZEROUPPER()
	RET()
}

func genCSRow(v isa) { genMapRow(v, mapCS) }

func genSSIMMeanRow(v isa) { genMapRow(v, mapSSIM) }

// The sum a map kernel returns.
const (
	mapCS   = iota // csRow: the sum of the cs map
	mapSSIM        // ssimMeanRow: the sum of the SSIM map
)

// genMapRow emits csRow or ssimMeanRow, as mode says. On AVX-512 the
// last, partial vector is loaded and added under a mask, so the caller
// has no tail.
func genMapRow(v isa, mode int) {
	csOnly := mode == mapCS
	masked := v.Lanes == 16
	tail := fmt.Sprintf("It processes len(mx) rounded down to a multiple of %d samples; the caller does the tail.", v.Lanes)
	if masked {
		tail = "It processes all len(mx) samples, the last partial vector under a mask."
	}
	if csOnly {
		name := "csRow" + v.Suffix
		TEXT(name, NOSPLIT, "func(mx, my, mss, mxy []float32, c2 float32) float64")
		Doc(name+" is CSRow for "+v.Suffix+".", tail,
			fmt.Sprintf("The map values are summed per lane in float32 over at most %d vectors, then in float64.", ssimFlush))
	} else {
		name := "ssimMeanRow" + v.Suffix
		TEXT(name, NOSPLIT, "func(mx, my, mss, mxy []float32, bx, by, c1, c2 float32) float64")
		Doc(name+" is SSIMMeanRow for "+v.Suffix+".", tail,
			fmt.Sprintf("The map values are summed per lane in float32 over at most %d vectors, then in float64.", ssimFlush))
	}
	var p [4]reg.Register
	for m, o := range []string{"mx", "my", "mss", "mxy"} {
		p[m] = Load(Param(o).Base(), GP64())
	}
	n := GP64()
	Load(Param("mx").Len(), n)
	var bxv, byv, c1v reg.VecVirtual
	if !csOnly {
		bxv = broadcastParam(v, "bx")
		byv = broadcastParam(v, "by")
		c1v = broadcastParam(v, "c1")
	}
	c2v := broadcastParam(v, "c2")
	two := broadcastConst(v, 2)
	sLo, sHi, cLo, cHi := v.Vec(), v.Vec(), v.Vec(), v.Vec()
	for _, r := range []reg.VecVirtual{sLo, sHi, cLo, cHi} {
		VXORPD(r, r, r)
	}
	var mask reg.OpmaskVirtual
	if masked {
		mask = K()
	}
	j := GP64()
	XORQ(j, j)
	s32, c32 := v.Vec(), v.Vec()
	// One vector of the map at byte offset off (under mask when last).
	one := func(off int, last bool) {
		at := func(m int) Mem { return Mem{Base: p[m], Index: j, Scale: 1, Disp: off} }
		load := func(m int) reg.VecVirtual {
			r := v.Vec()
			if last {
				VMOVUPS_Z(at(m), mask, r) // zero lanes: finite map values, not added
			} else {
				VMOVUPS(at(m), r)
			}
			return r
		}
		a, b := load(0), load(1)
		ncs := load(3)
		VFNMADD231PS(b, a, ncs)    // sxy = mxy - a*b
		VFMADD213PS(c2v, two, ncs) // ncs = 2*sxy + c2
		dcs := load(2)
		VFNMADD231PS(a, a, dcs)
		VFNMADD231PS(b, b, dcs)
		VADDPS(c2v, dcs, dcs) // dcs = mss - a*a - b*b + c2
		rcp := func(den reg.VecVirtual) reg.VecVirtual {
			// The hardware reciprocal estimate refined by one Newton
			// step, r = r0*(2 - den*r0), to about 1 ulp (a division
			// occupies the divider for 5 to 16 cycles per vector).
			r := v.Vec()
			if v.Lanes == 16 {
				VRCP14PS(den, r)
			} else {
				VRCPPS(den, r)
			}
			e := v.Vec()
			VMOVAPS(two, e)
			VFNMADD231PS(r, den, e) // e = 2 - den*r0
			VMULPS(e, r, r)
			return r
		}
		add := func(x, y, acc reg.VecVirtual) { // acc += x*y
			if last {
				VFMADD231PS(x, y, mask, acc)
			} else {
				VFMADD231PS(x, y, acc)
			}
		}
		if csOnly {
			r := rcp(dcs)
			add(ncs, r, c32) // cs += ncs/dcs
			return
		}
		ux, uy := v.Vec(), v.Vec()
		VADDPS(bxv, a, ux)
		VADDPS(byv, b, uy)
		nl := v.Vec()
		VMULPS(uy, ux, nl)
		VFMADD213PS(c1v, two, nl) // nl = 2*ux*uy + c1
		VFMADD213PS(c1v, ux, ux)  // ux*ux + c1
		VFMADD231PS(uy, uy, ux)   // dl = ux*ux + uy*uy + c1
		den := v.Vec()
		VMULPS(dcs, ux, den)
		r := rcp(den)
		t := v.Vec()
		VMULPS(r, ncs, t) // t = ncs*r
		add(nl, t, s32)   // ssim += t*nl
	}
	Label("block")
	CMPQ(n, U32(v.Lanes))
	if masked {
		JL(LabelRef("tail"))
	} else {
		JL(LabelRef("done"))
	}
	// Up to ssimFlush vectors summed in float32, then one conversion.
	VXORPS(s32, s32, s32)
	VXORPS(c32, c32, c32)
	cnt := GP64()
	MOVQ(U32(ssimFlush), cnt)
	Label("loop")
	// AVX-512 (32 registers) does two vectors per iteration so that two
	// independent dependency chains overlap.
	if v.Lanes == 16 {
		CMPQ(n, U32(2*v.Lanes))
		JL(LabelRef("one"))
		one(0, false)
		one(v.Bytes(), false)
		ADDQ(U32(2*v.Bytes()), j)
		SUBQ(U32(2*v.Lanes), n)
		SUBQ(U8(2), cnt) // ssimFlush is even
		JZ(LabelRef("flush"))
		CMPQ(n, U32(v.Lanes))
		JGE(LabelRef("loop"))
		JMP(LabelRef("flush"))
	}
	Label("one")
	one(0, false)
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(v.Lanes), n)
	DECQ(cnt)
	JZ(LabelRef("flush"))
	CMPQ(n, U32(v.Lanes))
	JGE(LabelRef("loop"))
	Label("flush")
	if csOnly {
		cvtAddF64(v, c32, cLo, cHi)
	} else {
		cvtAddF64(v, s32, sLo, sHi)
	}
	JMP(LabelRef("block"))
	if masked {
		Label("tail")
		CMPQ(n, U8(0))
		JLE(LabelRef("done"))
		part := GP32()
		MOVL(U32(1<<v.Lanes-1), part)
		BZHIL(n.As32(), part, part)
		KMOVW(part, mask)
		VXORPS(s32, s32, s32)
		VXORPS(c32, c32, c32)
		one(0, true)
		if csOnly {
			cvtAddF64(v, c32, cLo, cHi)
		} else {
			cvtAddF64(v, s32, sLo, sHi)
		}
	}
	Label("done")
	if csOnly {
		c := reduceF64(v, cLo, cHi)
		storeF64(c, ReturnIndex(0))
	} else {
		s := reduceF64(v, sLo, sHi)
		storeF64(s, ReturnIndex(0))
	}
	VZEROUPPER()
	RET()
}

// ssimFlush is the number of vectors csRow and ssimMeanRow sum in float32
// before adding the sums to their float64 accumulators.
const ssimFlush = 8

func genPool2Row(v isa) {
	name := "pool2Row" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, a, b []float32)")
	Doc(name+" is Pool2Row for "+v.Suffix+". "+tailDoc(v),
		"a and b must hold 2*len(dst) samples.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	ap := Load(Param("a").Base(), GP64())
	bp := Load(Param("b").Base(), GP64())
	quarter := broadcastConst(v, 0.25)
	var perm reg.VecVirtual
	if v.Lanes == 16 {
		tbl := GLOBL("pool2perm", RODATA|NOPTR)
		for i, q := range []uint64{0, 2, 4, 6, 1, 3, 5, 7} {
			DATA(8*i, U64(q))
		}
		perm = ZMM()
		VMOVDQU64(tbl, perm)
	}
	Label("loop")
	CMPQ(n, U32(v.Lanes))
	JL(LabelRef("done"))
	lo, hi := v.Vec(), v.Vec()
	VMOVUPS(Mem{Base: ap}, lo)
	VADDPS(Mem{Base: bp}, lo, lo)
	VMOVUPS(Mem{Base: ap, Disp: v.Bytes()}, hi)
	VADDPS(Mem{Base: bp, Disp: v.Bytes()}, hi, hi)
	e, o := v.Vec(), v.Vec()
	VSHUFPS(U8(0x88), hi, lo, e)
	VSHUFPS(U8(0xDD), hi, lo, o)
	VADDPS(o, e, e)
	if v.Lanes == 16 {
		VPERMPD(e, perm, e)
	} else {
		VPERMPD(U8(0xD8), e, e)
	}
	VMULPS(quarter, e, e)
	VMOVUPS(e, Mem{Base: dst})
	ADDQ(U32(v.Bytes()), dst)
	ADDQ(U32(2*v.Bytes()), ap)
	ADDQ(U32(2*v.Bytes()), bp)
	SUBQ(U32(v.Lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func genSumF64(v isa) {
	name := "sumF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(x []float32) float64")
	Doc(name+" is SumF64 for "+v.Suffix+".",
		fmt.Sprintf("It sums len(x) rounded down to a multiple of %d samples; the caller adds the tail.", 2*v.Lanes))
	xp := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	acc := []reg.VecVirtual{v.Vec(), v.Vec(), v.Vec(), v.Vec()}
	for _, r := range acc {
		VXORPD(r, r, r)
	}
	half := v.Bytes() / 2
	Label("loop")
	CMPQ(n, U32(2*v.Lanes))
	JL(LabelRef("done"))
	for i, r := range acc {
		d := v.Vec()
		VCVTPS2PD(Mem{Base: xp, Disp: i * half}, d)
		VADDPD(d, r, r)
	}
	ADDQ(U32(2*v.Bytes()), xp)
	SUBQ(U32(2*v.Lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VADDPD(acc[2], acc[0], acc[0])
	VADDPD(acc[3], acc[1], acc[1])
	s := reduceF64(v, acc[0], acc[1])
	storeF64(s, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

// convTaps is the tap count SSIMCols6's and convRows11's assembly is
// unrolled for (SSIM's window).
const convTaps = 11

// genSSIMCols6 emits the fused products and vertical pass of SSIMCols6.
// AVX-512 (32 registers) makes the six output rows in one sweep: 24
// accumulators, each input row loaded and its products formed once for
// all six outputs. AVX2 (16 registers) makes outs = 2 rows per call; the
// wrapper calls it three times. Moment m of output row o goes to
// dst + (m*6+o)*ds.
func genSSIMCols6(v isa) {
	const total = 6 // the output rows of SSIMCols6
	outs := total
	if v.Lanes == 8 {
		outs = 2
	}
	name := "ssimCols6" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst []float32, n, ds int, x, y []float32, stride int, ox, oy float32, taps []float32)")
	Doc(name+" is SSIMCols6 for "+v.Suffix+fmt.Sprintf(", making output rows 0 to %d (of the six) and n rounded down to a multiple of %d columns.", outs-1, v.Lanes),
		fmt.Sprintf("taps must have exactly %d entries; the caller checks every length and does the tail.", convTaps))
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("n"), GP64())
	dsB := Load(Param("ds"), GP64())
	SHLQ(U8(2), dsB)
	xp := Load(Param("x").Base(), GP64())
	yp := Load(Param("y").Base(), GP64())
	strideB := Load(Param("stride"), GP64())
	SHLQ(U8(2), strideB)
	oxv := broadcastParam(v, "ox")
	oyv := broadcastParam(v, "oy")
	taps := Load(Param("taps").Base(), GP64())
	Label("loop")
	CMPQ(n, U32(v.Lanes))
	JL(LabelRef("done"))
	// acc[m][o]: moment m (x, y, x²+y², xy) of output row o.
	var acc [4][]reg.VecVirtual
	for m := range acc {
		acc[m] = make([]reg.VecVirtual, outs)
		for o := range acc[m] {
			acc[m][o] = v.Vec()
			VXORPS(acc[m][o], acc[m][o], acc[m][o])
		}
	}
	px, py := GP64(), GP64()
	MOVQ(xp, px)
	MOVQ(yp, py)
	// Input row i feeds output o with tap i-o: its products x', y',
	// x'²+y'² and x'y' are formed once for every output.
	for i := 0; i < convTaps+outs-1; i++ {
		a, b := v.Vec(), v.Vec()
		VADDPS(Mem{Base: px}, oxv, a)
		VADDPS(Mem{Base: py}, oyv, b)
		ss, xy := v.Vec(), v.Vec()
		VMULPS(a, a, ss)
		VFMADD231PS(b, b, ss)
		VMULPS(b, a, xy)
		prod := [4]reg.VecVirtual{a, b, ss, xy}
		for o := 0; o < outs; o++ {
			k := i - o
			if k < 0 || k >= convTaps {
				continue
			}
			t := v.Vec()
			VBROADCASTSS(Mem{Base: taps, Disp: 4 * k}, t)
			for m := range prod {
				VFMADD231PS(prod[m], t, acc[m][o])
			}
		}
		if i < convTaps+outs-2 {
			ADDQ(strideB, px)
			ADDQ(strideB, py)
		}
	}
	// Prefetch this column of the six rows after the last one read:
	// the rows a call for the next outputs reads first, which otherwise
	// come from memory in short runs the hardware prefetcher hardly
	// catches.
	for q := 0; q < total; q++ {
		ADDQ(strideB, px)
		ADDQ(strideB, py)
		PREFETCHT0(Mem{Base: px})
		PREFETCHT0(Mem{Base: py})
	}
	// Output row o of moment m at dst + (m*total+o)*ds.
	d := GP64()
	MOVQ(dst, d)
	for m := range acc {
		for o := range acc[m] {
			VMOVUPS(acc[m][o], Mem{Base: d})
			if m < 3 || o < outs-1 {
				ADDQ(dsB, d)
			}
		}
		if m < 3 {
			for o := outs; o < total; o++ {
				ADDQ(dsB, d)
			}
		}
	}
	ADDQ(U32(v.Bytes()), dst)
	ADDQ(U32(v.Bytes()), xp)
	ADDQ(U32(v.Bytes()), yp)
	SUBQ(U32(v.Lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// row11Align lists the taps for which convRows11AVX512 builds the shifted
// input vector from two aligned loads with VALIGND (a shuffle) instead of
// loading it unaligned: a 64-byte load at a 4-byte offset splits across
// two cache lines, and split loads, not FMAs, bound the plain version.
var row11Align = map[int]bool{1: true, 3: true, 5: true, 7: true, 9: true}

// genConvRows11 emits ConvRowsValid for exactly convTaps taps, held in
// registers, for AVX-512 only: row11 on each row, in one call.
func genConvRows11(v isa) {
	if v.Lanes == 8 {
		return // AVX2 (16 registers) calls convRowValidAVX2 row by row
	}
	name := "convRows11" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst []float32, ds int, src []float32, ss, rows, n int, taps []float32)")
	Doc(name+" is ConvRowsValid for "+v.Suffix+fmt.Sprintf(" and exactly %d taps, on n rounded down to a multiple of %d samples of each row.", convTaps, v.Lanes),
		"The caller checks every length and does the tails.")
	dst0 := Load(Param("dst").Base(), GP64())
	dsB := Load(Param("ds"), GP64())
	SHLQ(U8(2), dsB)
	src0 := Load(Param("src").Base(), GP64())
	ssB := Load(Param("ss"), GP64())
	SHLQ(U8(2), ssB)
	rows := Load(Param("rows"), GP64())
	taps := Load(Param("taps").Base(), GP64())
	t := row11Taps(v, taps)
	Label("row")
	CMPQ(rows, U8(0))
	JLE(LabelRef("done"))
	n := Load(Param("n"), GP64())
	dst, src := GP64(), GP64()
	MOVQ(dst0, dst)
	MOVQ(src0, src)
	row11(v, t, dst, src, n)
	ADDQ(dsB, dst0)
	ADDQ(ssB, src0)
	DECQ(rows)
	JMP(LabelRef("row"))
	Label("done")
	VZEROUPPER()
	RET()
}

// row11Taps broadcasts the convTaps taps at taps into registers.
func row11Taps(v isa, taps reg.Register) [convTaps]reg.VecVirtual {
	var t [convTaps]reg.VecVirtual
	for k := range t {
		t[k] = v.Vec()
		VBROADCASTSS(Mem{Base: taps, Disp: 4 * k}, t[k])
	}
	return t
}

// row11 emits the loop over the n outputs (whole vectors) of one row of
// convRows11, from src to dst, advancing the three registers.
func row11(v isa, t [convTaps]reg.VecVirtual, dst, src, n reg.Register) {
	block := func(u int, lbl string) {
		Label(lbl)
		CMPQ(n, U32(u*v.Lanes))
		JL(LabelRef(lbl + "_end"))
		// The aligned vectors of the block's outputs; the last output
		// loads every shifted vector, so nothing past src's end is read.
		in := make([]reg.VecVirtual, u)
		for i := range in {
			in[i] = v.Vec()
			VMOVUPS(Mem{Base: src, Disp: i * v.Bytes()}, in[i])
		}
		acc := make([]reg.VecVirtual, u)
		for i := range acc {
			acc[i] = v.Vec()
			VMULPS(in[i], t[0], acc[i])
		}
		for k := 1; k < convTaps; k++ {
			for i := range acc {
				if row11Align[k] && i+1 < u {
					x := v.Vec()
					VALIGND(U8(k), in[i], in[i+1], x)
					VFMADD231PS(x, t[k], acc[i])
				} else {
					VFMADD231PS(Mem{Base: src, Disp: i*v.Bytes() + 4*k}, t[k], acc[i])
				}
			}
		}
		for i := range acc {
			VMOVUPS(acc[i], Mem{Base: dst, Disp: i * v.Bytes()})
		}
		ADDQ(U32(u*v.Bytes()), dst)
		ADDQ(U32(u*v.Bytes()), src)
		SUBQ(U32(u*v.Lanes), n)
		JMP(LabelRef(lbl))
		Label(lbl + "_end")
	}
	block(8, "row_eight")
	block(1, "row_one")
}
