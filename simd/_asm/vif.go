package main

import (
	"fmt"
	"math/bits"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["vif"] = genVIF }

// genVIF emits the float64 kernels of simd/vif.go for every isa.
func genVIF() {
	for _, v := range isas {
		for _, in := range []vifIn{inF64, inF32} {
			genMomentsVF64(v, in)
			genMomentsVRows(v, in, 2)
			genMeansVF64(v, in)
		}
		genConvRowValidF64(v)
		genVifLogFactors(v)
		genScaleF32ToF64(v)
	}
	genConvRowValidEvenF64(isas[0])
	for _, k := range convEvenTapCounts {
		genConvRowValidEvenF64K(isas[1], k)
	}
	for _, k := range convTapCounts {
		genConvRowValidF64K(isas[1], k)
	}
	genConvRowValid2F64K(isas[1], 17)
	// Four rows need 20 accumulators: AVX-512 only (AVX2 has 16 registers).
	genMomentsVRows(isas[1], inF64, 4)
	genMomentsVRows(isas[1], inF32, 4)
	genMomentsVQuadDec(isas[1], inF32, 17, 9)
}

// vifIn is the sample type of the input rows of a vertical kernel:
// float64, or float32 converted to float64 as it is loaded.
type vifIn struct {
	name   string // in kernel names: "F64" or "F32"
	gotype string // "float64" or "float32"
	shift  uint8  // log2 of the sample size
}

var (
	inF64 = vifIn{name: "F64", gotype: "float64", shift: 3}
	inF32 = vifIn{name: "F32", gotype: "float32", shift: 2}
)

// vecBytes is the size in bytes of the input samples of one vector of
// float64 results.
func (in vifIn) vecBytes(v isa) int { return v.Bytes() >> (3 - in.shift) }

// index returns the input byte offset of the output byte offset j: j
// itself for float64, a new register holding j/2 for float32.
func (in vifIn) index(j reg.Register) reg.Register {
	if in.shift == 3 {
		return j
	}
	r := GP64()
	MOVQ(j, r)
	SHRQ(U8(1), r)
	return r
}

// load loads one vector of input samples at m as float64.
func (in vifIn) load(m Mem, dst reg.VecVirtual) {
	if in.shift == 3 {
		VMOVUPD(m, dst)
		return
	}
	VCVTPS2PD(m, dst)
}

// fma adds t times the input samples at m to acc.
func (in vifIn) fma(v isa, m Mem, t, acc reg.VecVirtual) {
	if in.shift == 3 {
		VFMADD231PD(m, t, acc)
		return
	}
	a := v.Vec()
	VCVTPS2PD(m, a)
	VFMADD231PD(a, t, acc)
}

// convTapCounts are the window sizes (VIF-p's) that get an AVX-512
// horizontal convolution with the taps held in registers.
var convTapCounts = []int{3, 5, 9, 17}

// alignMask holds the offsets r (bit r, 1 ≤ r < 8) at which
// genConvRowValidF64K builds the vectors src[8j+r:] from the two aligned
// vectors around them (VALIGNQ) rather than by an unaligned load, which
// splits a cache line: aligning half of them moves work from the loads to
// the shuffle unit. On rows of 1080p's scales this makes the kernels for
// 17, 9, 5 and 3 taps about 4, 15, 15 and 8 % faster (all of offsets 1 to
// 7 aligned is no better).
const alignMask = 0b10101010

// blockWindows returns a function that emits, for one block of a
// horizontal filter whose samples start at src and number size, the
// vector src[m:m+lanes]: an unaligned load, or, for the offsets in
// alignMask, an alignment of the two vectors at whole multiples of lanes
// around it, which are loaded once per block (never reading past the
// block's samples).
func blockWindows(v isa, src reg.Register, size int) func(m int) reg.VecVirtual {
	lanes := v.Lanes / 2
	aligned := map[int]reg.VecVirtual{}
	alignedAt := func(j int) reg.VecVirtual {
		if a, ok := aligned[j]; ok {
			return a
		}
		a := v.Vec()
		VMOVUPD(Mem{Base: src, Disp: 8 * lanes * j}, a)
		aligned[j] = a
		return a
	}
	return func(m int) reg.VecVirtual {
		r := m % lanes
		if r == 0 {
			return alignedAt(m / lanes)
		}
		if alignMask&(1<<r) != 0 && lanes*(m/lanes+2) <= size {
			x := v.Vec()
			VALIGNQ(U8(r), alignedAt(m/lanes), alignedAt(m/lanes+1), x)
			return x
		}
		x := v.Vec()
		VMOVUPD(Mem{Base: src, Disp: 8 * m}, x)
		return x
	}
}

// genConvRowValidF64K emits convRowValidF64K<k>AVX512: ConvRowValidF64
// for exactly k taps, kept in registers, over blocks of 8 output vectors.
// Each vector of src serves every output vector of the block that needs
// it (up to 3 for k = 17), instead of one load per tap and output: the
// generic-length kernel is bound by those loads, most of which split a
// cache line. The vectors at the offsets of alignMask are aligned
// from whole vectors instead of loaded. For every output the taps are
// applied in increasing order from zero, as in convRowValidF64, so the
// results are identical.
func genConvRowValidF64K(v isa, k int) {
	const u = 8
	lanes := v.Lanes / 2
	name := fmt.Sprintf("convRowValidF64K%d%s", k, v.Suffix)
	TEXT(name, NOSPLIT, "func(dst, src, taps []float64)")
	Doc(fmt.Sprintf("%s is ConvRowValidF64 for len(taps) = %d and %s.", name, k, v.Suffix),
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the rest.", u*lanes),
		"src must hold len(dst)+len(taps)-1 samples.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	src := Load(Param("src").Base(), GP64())
	tp := Load(Param("taps").Base(), GP64())
	t := make([]reg.VecVirtual, k)
	for i := range t {
		t[i] = v.Vec()
		VBROADCASTSD(Mem{Base: tp, Disp: 8 * i}, t[i])
	}
	Label("loop")
	CMPQ(n, U32(u*lanes))
	JL(LabelRef("done"))
	var acc [u]reg.VecVirtual
	for o := range acc {
		acc[o] = v.Vec()
		VXORPD(acc[o], acc[o], acc[o])
	}
	window := blockWindows(v, src, lanes*u+k-1)
	for m := 0; m < k+lanes*(u-1); m++ {
		var outs []int // the output vectors that need src[m:]
		for o := range u {
			if i := m - lanes*o; i >= 0 && i < k {
				outs = append(outs, o)
			}
		}
		if len(outs) == 0 {
			continue // a gap between windows when k < lanes
		}
		x := window(m)
		for _, o := range outs {
			VFMADD231PD(x, t[m-lanes*o], acc[o])
		}
	}
	for o := range acc {
		VMOVUPD(acc[o], Mem{Base: dst, Disp: o * v.Bytes()})
	}
	ADDQ(U32(u*v.Bytes()), dst)
	ADDQ(U32(u*v.Bytes()), src)
	SUBQ(U32(u*lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genMomentsVF64 emits momentsV<in><isa>: the five window moments of
// one output row per column block, v.Unroll blocks at a time.
func genMomentsVF64(v isa, in vifIn) {
	name := "momentsV" + in.name + v.Suffix
	genVertTaps(v, in, name, "func(mx, my, mxx, myy, mxy []float64, x, y []"+in.gotype+", stride int, taps []float64)",
		name+" is MomentsVF64 for "+v.Suffix+".", []string{"mx", "my", "mxx", "myy", "mxy"}, v.Unroll,
		func(t reg.VecVirtual, px, py reg.Register, i int, acc [][]reg.VecVirtual) {
			a, b := v.Vec(), v.Vec()
			in.load(Mem{Base: px, Disp: i * in.vecBytes(v)}, a)
			in.load(Mem{Base: py, Disp: i * in.vecBytes(v)}, b)
			momentsTap(v, t, a, b, acc[0][i], acc[1][i], acc[2][i], acc[3][i], acc[4][i])
		})
}

// genMeansVF64 emits meansV<in><isa>: the window means of x and y, with
// one fused multiply-add per tap as momentsVF64 does, so that they are
// identical to its mx and my.
func genMeansVF64(v isa, in vifIn) {
	name := "meansV" + in.name + v.Suffix
	genVertTaps(v, in, name, "func(mx, my []float64, x, y []"+in.gotype+", stride int, taps []float64)",
		name+" is MeansVF64 for "+v.Suffix+".", []string{"mx", "my"}, 2*v.Unroll,
		func(t reg.VecVirtual, px, py reg.Register, i int, acc [][]reg.VecVirtual) {
			in.fma(v, Mem{Base: px, Disp: i * in.vecBytes(v)}, t, acc[0][i])
			in.fma(v, Mem{Base: py, Disp: i * in.vecBytes(v)}, t, acc[1][i])
		})
}

// genVertTaps emits a vertical filter kernel over the rows of x and y
// (stride samples apart) into the outputs outs: for each block of u
// column vectors (then of one), a loop over the taps broadcasts tap k and
// calls tap for each vector i of the block, with px and py at input row k
// and acc[o][i] the accumulator of output o.
func genVertTaps(v isa, in vifIn, name, sig, doc string, outs []string, u int,
	tap func(t reg.VecVirtual, px, py reg.Register, i int, acc [][]reg.VecVirtual)) {
	lanes := v.Lanes / 2
	TEXT(name, NOSPLIT, sig)
	Doc(doc,
		fmt.Sprintf("It processes len(mx) rounded down to a multiple of %d columns; the caller does the tail.", lanes),
		"The caller checks every length; taps must not be empty.")
	n := Load(Param("mx").Len(), GP64())
	xp := Load(Param("x").Base(), GP64())
	yp := Load(Param("y").Base(), GP64())
	strideB := Load(Param("stride"), GP64())
	SHLQ(U8(in.shift), strideB)
	taps := Load(Param("taps").Base(), GP64())
	nt := Load(Param("taps").Len(), GP64())
	j := GP64() // byte offset of the current column block
	XORQ(j, j)

	block := func(u int, lbl string) {
		Label(lbl)
		CMPQ(n, U32(u*lanes))
		JL(LabelRef(lbl + "_end"))
		acc := make([][]reg.VecVirtual, len(outs))
		for m := range acc {
			acc[m] = make([]reg.VecVirtual, u)
			for i := range acc[m] {
				acc[m][i] = v.Vec()
				VXORPD(acc[m][i], acc[m][i], acc[m][i])
			}
		}
		px, py := GP64(), GP64()
		ji := in.index(j)
		LEAQ(Mem{Base: xp, Index: ji, Scale: 1}, px)
		LEAQ(Mem{Base: yp, Index: ji, Scale: 1}, py)
		k := GP64()
		XORQ(k, k)
		Label(lbl + "_tap")
		t := v.Vec()
		VBROADCASTSD(Mem{Base: taps, Index: k, Scale: 8}, t)
		for i := 0; i < u; i++ {
			tap(t, px, py, i, acc)
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
	if u > 1 {
		block(u, "multi")
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
//
// It broadcasts straight from the argument's memory with a VEX/EVEX
// instruction, never a legacy SSE MOVSD (see broadcastParam).
func f64BroadcastParam(v isa, name string) reg.VecVirtual {
	b, err := Param(name).Resolve()
	if err != nil {
		panic(err)
	}
	r := v.Vec()
	VBROADCASTSD(b.Addr, r)
	return r
}

// f64Blend sets dst to t in the lanes of mask and leaves the others.
func f64Blend(v isa, mask reg.Register, t, dst reg.VecVirtual) {
	if v.Lanes == 16 {
		VBLENDMPD(t, dst, mask, dst)
		return
	}
	VBLENDVPD(mask, t, dst, dst)
}

// vifConsts holds the vectors VIF-p's factor step needs.
type vifConsts struct {
	eps, sn2, zero, one, rsn2 reg.VecVirtual
}

// newVifConsts sets up the constant vectors of vifTermsBody.
func newVifConsts(v isa, epsv, sn2 reg.VecVirtual) vifConsts {
	c := vifConsts{eps: epsv, sn2: sn2, zero: v.Vec(), rsn2: v.Vec()}
	VXORPD(c.zero, c.zero, c.zero)
	c.one = broadcastF64Bits(v, 0x3ff0000000000000)
	VDIVPD(sn2, c.one, c.rsn2)
	return c
}

// f64Compare returns a mask of the lanes where the predicate pred (a
// VCMPPD immediate) holds for (a, b): a vector of all-ones lanes for AVX2,
// an opmask register for AVX-512.
func f64Compare(v isa, pred uint8, a, b reg.VecVirtual) reg.Register {
	if v.Lanes == 16 {
		k := K()
		VCMPPD(U8(pred), b, a, k)
		return k
	}
	m := v.Vec()
	VCMPPD(U8(pred), b, a, m)
	return m
}

// f64Or returns the union of two masks of f64Compare.
func f64Or(v isa, a, b reg.Register) reg.Register {
	if v.Lanes == 16 {
		k := K()
		KORB(a, b, k)
		return k
	}
	m := v.Vec()
	VORPD(a, b, m)
	return m
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

// genMomentsVRows emits momentsV<in>Pair<isa> (rows = 2) or
// momentsV<in>Quad<isa> (rows = 4): MomentsVF64 for rows consecutive
// output rows in one sweep, each input row loaded, and its products
// formed, once for all of them. Input row m feeds output row r with tap
// m−r when 0 ≤ m−r < K (K = len(taps) ≥ rows−1): rows 0 … rows−2 and
// K … K+rows−2 feed only some outputs and are unrolled; the rows between
// feed all of them in a loop. Each output row gets its taps in increasing
// order, with the operations of momentsVF64, so it is identical to what
// that computes.
func genMomentsVRows(v isa, in vifIn, rows int) {
	kind := map[int]string{2: "Pair", 4: "Quad"}[rows]
	name := "momentsV" + in.name + kind + v.Suffix
	TEXT(name, NOSPLIT, "func(mx, my, mxx, myy, mxy []float64, x, y []"+in.gotype+", stride int, taps []float64)")
	Doc(name+" is MomentsVF64"+kind+" for "+v.Suffix+".",
		fmt.Sprintf("It processes n = len(mx)/%d rounded down to a multiple of %d columns of the %d rows; the caller does the tail.", rows, v.Lanes/2, rows),
		fmt.Sprintf("The caller checks every length; len(taps) must be at least %d.", rows-1))
	outs := []string{"mx", "my", "mxx", "myy", "mxy"}
	nb := Load(Param("mx").Len(), GP64())
	SHRQ(U8(bits.TrailingZeros(uint(rows))), nb)
	SHLQ(U8(3), nb) // bytes of one output row
	lim := GP64()   // bytes of whole vectors
	MOVQ(nb, lim)
	ANDQ(I32(-v.Bytes()), lim)
	xp := Load(Param("x").Base(), GP64())
	yp := Load(Param("y").Base(), GP64())
	strideB := Load(Param("stride"), GP64())
	SHLQ(U8(in.shift), strideB)
	taps := Load(Param("taps").Base(), GP64())
	nt := Load(Param("taps").Len(), GP64())
	j := GP64() // byte offset of the current column block
	XORQ(j, j)

	Label("loop")
	CMPQ(j, lim)
	JGE(LabelRef("done"))
	acc := make([][5]reg.VecVirtual, rows)
	for r := range acc {
		for m := range acc[r] {
			acc[r][m] = v.Vec()
			VXORPD(acc[r][m], acc[r][m], acc[r][m])
		}
	}
	px, py := GP64(), GP64()
	ji := in.index(j)
	LEAQ(Mem{Base: xp, Index: ji, Scale: 1}, px)
	LEAQ(Mem{Base: yp, Index: ji, Scale: 1}, py)
	// step adds input row (px, py) to the output rows rs, row rs[i] with
	// the tap at tapAt[i].
	step := func(rs []int, tapAt []Mem) {
		a, b := v.Vec(), v.Vec()
		in.load(Mem{Base: px}, a)
		in.load(Mem{Base: py}, b)
		aa, bb, ab := momentsProducts(v, a, b)
		for i, r := range rs {
			t := v.Vec()
			VBROADCASTSD(tapAt[i], t)
			momentsTapP(t, a, b, aa, bb, ab, acc[r][:])
		}
		ADDQ(strideB, px)
		ADDQ(strideB, py)
	}
	// Head: input row m < rows−1 feeds output rows 0 … m with tap m−r.
	for m := 0; m < rows-1; m++ {
		var rs []int
		var at []Mem
		for r := 0; r <= m; r++ {
			rs = append(rs, r)
			at = append(at, Mem{Base: taps, Disp: 8 * (m - r)})
		}
		step(rs, at)
	}
	k := GP64()
	MOVQ(U32(rows-1), k)
	Label("tap")
	CMPQ(k, nt)
	JGE(LabelRef("tail"))
	var rs []int
	var at []Mem
	for r := range rows {
		rs = append(rs, r)
		at = append(at, Mem{Base: taps, Index: k, Scale: 8, Disp: -8 * r})
	}
	step(rs, at)
	INCQ(k)
	JMP(LabelRef("tap"))
	Label("tail")
	// Tail: input row K−1+i (i ≥ 1) feeds output rows i … rows−1 with tap
	// K−1+i−r.
	for i := 1; i < rows; i++ {
		var rs []int
		var at []Mem
		for r := i; r < rows; r++ {
			rs = append(rs, r)
			at = append(at, Mem{Base: taps, Index: nt, Scale: 8, Disp: 8 * (i - r - 1)})
		}
		step(rs, at)
	}
	for m, o := range outs {
		base := Load(Param(o).Base(), GP64())
		for r := range rows {
			if r > 0 {
				ADDQ(nb, base)
			}
			VMOVUPD(acc[r][m], Mem{Base: base, Index: j, Scale: 1})
		}
	}
	ADDQ(U32(v.Bytes()), j)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genVifLogFactors emits vifLogFactors<isa>: VifLogFactors over whole
// vectors. Each factor is multiplied into its lane's mantissa, which is
// then split exactly into a new mantissa in [1, 2) and an exponent added
// to the lane's exponent sum (VGETMANTPD and VGETEXPPD for AVX-512, bit
// operations for AVX2). AVX-512 keeps the state in registers and first
// multiplies the factors of 4 vectors together, one split for 4 vectors;
// AVX2 has too few registers and keeps the state in s, with the constants
// of the split in memory.
func genVifLogFactors(v isa) {
	lanes := v.Lanes / 2
	name := "vifLogFactors" + v.Suffix
	TEXT(name, NOSPLIT, "func(s *[48]float64, mx, my, exx, eyy, exy []float64, eps, sn2 float64)")
	Doc(name+" is VifLogFactors for "+v.Suffix+", using lanes 0 … "+fmt.Sprint(lanes-1)+" of each group of s.",
		fmt.Sprintf("It processes len(mx) rounded down to a multiple of %d samples; the caller does the tail.", lanes),
		"The caller checks every length.")
	var p [5]reg.Register
	for i, o := range []string{"mx", "my", "exx", "eyy", "exy"} {
		p[i] = Load(Param(o).Base(), GP64())
	}
	n := Load(Param("mx").Len(), GP64())
	sp := Load(Param("s"), GP64())
	epsv := f64BroadcastParam(v, "eps")
	sn2 := f64BroadcastParam(v, "sn2")
	c := newVifConsts(v, epsv, sn2)
	var st [6]reg.VecVirtual
	var split Mem
	if v.Lanes == 16 {
		for i := range st {
			st[i] = v.Vec()
			VMOVUPD(Mem{Base: sp, Disp: 64 * i}, st[i])
		}
	} else {
		// The bits of 2^52 (an exponent field e below 2^52 OR-ed into
		// them gives 2^52+e), 2^52+1023, the mantissa mask and the bits
		// of 1.
		split = GLOBL("vifsplit", RODATA|NOPTR)
		for i, bits := range []uint64{0x4330000000000000, 0x4330000000000000 + 1023, 0x000fffffffffffff, 0x3ff0000000000000} {
			for l := range 4 {
				DATA(32*i+8*l, U64(bits))
			}
		}
	}
	// mulSplit multiplies f into mantissa group g of s and moves the
	// product's binary exponent into exponent group g+1.
	mulSplit := func(g int, f reg.VecVirtual) {
		if v.Lanes == 16 {
			m, e := st[g], st[g+1]
			VMULPD(f, m, m)
			t := v.Vec()
			VGETEXPPD(m, t)
			VADDPD(t, e, e)
			VGETMANTPD(U8(0), m, m)
			return
		}
		m, t := v.Vec(), v.Vec()
		VMULPD(Mem{Base: sp, Disp: 64 * g}, f, m)
		VPSRLQ(U8(52), m, t)
		VPOR(split, t, t)
		VSUBPD(split.Offset(32), t, t)
		VADDPD(Mem{Base: sp, Disp: 64 * (g + 1)}, t, t)
		VMOVUPD(t, Mem{Base: sp, Disp: 64 * (g + 1)})
		VPAND(split.Offset(64), m, m)
		VPOR(split.Offset(96), m, m)
		VMOVUPD(m, Mem{Base: sp, Disp: 64 * g})
	}
	j := GP64()
	XORQ(j, j)
	terms := func(disp int) (top, bot, fd reg.VecVirtual) {
		at := func(i int) Mem { return Mem{Base: p[i], Index: j, Scale: 1, Disp: disp} }
		a, b := v.Vec(), v.Vec()
		VMOVUPD(at(0), a)
		VMOVUPD(at(1), b)
		sx, sy, sxy := v.Vec(), v.Vec(), v.Vec()
		VMOVUPD(at(2), sx)
		VMOVUPD(at(3), sy)
		VMOVUPD(at(4), sxy)
		return vifTermsBody(v, c, a, b, sx, sy, sxy)
	}
	if v.Lanes == 16 {
		// Blocks of 4 vectors; the factors of a block are below 2^250
		// (see VifLogFactors), so their products are too.
		const u = 4
		Label("block")
		CMPQ(n, U32(u*lanes))
		JL(LabelRef("loop"))
		var prod [3]reg.VecVirtual
		for i := range u {
			top, bot, fd := terms(i * v.Bytes())
			for f, x := range []reg.VecVirtual{top, bot, fd} {
				if i == 0 {
					prod[f] = x
				} else {
					VMULPD(x, prod[f], prod[f])
				}
			}
		}
		mulSplit(0, prod[0])
		mulSplit(2, prod[1])
		mulSplit(4, prod[2])
		ADDQ(U32(u*v.Bytes()), j)
		SUBQ(U32(u*lanes), n)
		JMP(LabelRef("block"))
	}
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	top, bot, fd := terms(0)
	mulSplit(0, top)
	mulSplit(2, bot)
	mulSplit(4, fd)
	ADDQ(U32(v.Bytes()), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	if v.Lanes == 16 {
		for i := range st {
			VMOVUPD(st[i], Mem{Base: sp, Disp: 64 * i})
		}
	}
	VZEROUPPER()
	RET()
}

// vifTermsBody emits VifLogFactors' factor step for one vector: from the
// window means a (x) and b (y) and the raw second moments exx, eyy, exy
// (which it overwrites) it returns the vectors of the numerator factor's
// two terms top and bot (fn = top/bot) and of fd, with the fused
// operations of VifLogFactors' reference loop.
func vifTermsBody(v isa, c vifConsts, a, b, exx, eyy, exy reg.VecVirtual) (top, bot, fd reg.VecVirtual) {
	const ltOS, leOS, geOS, gtOS = 1, 2, 13, 14
	zero, epsv, sn2, one := c.zero, c.eps, c.sn2, c.one
	sx, sy, sxy := exx, eyy, exy
	VFNMADD231PD(a, a, sx)
	VFNMADD231PD(b, b, sy)
	VFNMADD231PD(b, a, sxy)
	p := v.Vec()
	if v.Lanes == 16 {
		// Chained compares: kOK = sy ≥ eps, then sx ≥ eps, then sxy > 0;
		// sy and p are zeroed by masking.
		kSy, kSx, kOK := K(), K(), K()
		VCMPPD(U8(geOS), epsv, sy, kSy)
		VMOVAPD_Z(sy, kSy, sy)
		VCMPPD(U8(geOS), epsv, sx, kSy, kSx)
		VCMPPD(U8(gtOS), zero, sxy, kSx, kOK)
		VMULPD_Z(sxy, sxy, kOK, p)
	} else {
		// sy < eps (which includes sy < 0) is 0; fn is 1 where sy < eps,
		// sx < eps or sxy ≤ 0.
		mSy := f64Compare(v, ltOS, sy, epsv)
		f64Blend(v, mSy, zero, sy)
		mOne := f64Or(v, mSy, f64Compare(v, ltOS, sx, epsv))
		mOne = f64Or(v, mOne, f64Compare(v, leOS, sxy, zero))
		VMULPD(sxy, sxy, p)
		f64Blend(v, mOne, zero, p)
	}
	// d = sy+eps; q = sn2·d + max(sx·d − p, eps·d); bot = d·q;
	// top = p·sy + bot; fd = sy·(1/sn2) + 1.
	d, t := v.Vec(), v.Vec()
	VADDPD(epsv, sy, d)
	VFMSUB213PD(p, d, sx)
	VMULPD(d, epsv, t)
	VMAXPD(t, sx, sx)
	VFMADD231PD(sn2, d, sx)
	VMULPD(sx, d, d)
	VFMADD213PD(d, sy, p)
	VFMADD213PD(one, c.rsn2, sy)
	return p, d, sy
}

// momentsProducts returns a·a, b·b and a·b, rounded: the products whose
// window sums are the raw second moments.
func momentsProducts(v isa, a, b reg.VecVirtual) (aa, bb, ab reg.VecVirtual) {
	aa, bb, ab = v.Vec(), v.Vec(), v.Vec()
	VMULPD(a, a, aa)
	VMULPD(b, b, bb)
	VMULPD(b, a, ab)
	return aa, bb, ab
}

// momentsTapP adds tap t times a, b, aa, bb and ab to the five moment
// accumulators acc, one fused multiply-add each.
func momentsTapP(t, a, b, aa, bb, ab reg.VecVirtual, acc []reg.VecVirtual) {
	VFMADD231PD(a, t, acc[0])
	VFMADD231PD(b, t, acc[1])
	VFMADD231PD(aa, t, acc[2])
	VFMADD231PD(bb, t, acc[3])
	VFMADD231PD(ab, t, acc[4])
}

// momentsTap is momentsTapP with the products of a and b computed here.
func momentsTap(v isa, t, a, b, mx, my, mxx, myy, mxy reg.VecVirtual) {
	aa, bb, ab := momentsProducts(v, a, b)
	momentsTapP(t, a, b, aa, bb, ab, []reg.VecVirtual{mx, my, mxx, myy, mxy})
}

// genConvRowValid2F64K emits convRowValid2F64K<k>AVX512: ConvRowValidF64
// of two rows with the same k symmetric taps, over blocks of 8 output
// vectors of each row. Each output vector is a chain of k dependent
// FMAs, and a block of genConvRowValidF64K, in the order of its input
// offsets, has only about k/8 chains going at once; here the second
// row's chains run beside the first's. On 1080p rows with 17 taps this
// costs about 8 % less per row than one row at a time (for 9 taps, no
// less, so only 17 is generated). Symmetric taps (t[i] = t[k-1-i], as
// every Gaussian window) fit in (k+1)/2 registers, which leaves room for
// the 16 accumulators. For every output the taps are applied in
// increasing order from zero, as in convRowValidF64, so the results are
// identical.
func genConvRowValid2F64K(v isa, k int) {
	const u = 8
	lanes := v.Lanes / 2
	name := fmt.Sprintf("convRowValid2F64K%d%s", k, v.Suffix)
	TEXT(name, NOSPLIT, "func(dst0, dst1, src0, src1, taps []float64)")
	Doc(fmt.Sprintf("%s is ConvRowValid2F64 for len(taps) = %d, symmetric taps, and %s.", name, k, v.Suffix),
		fmt.Sprintf("It processes len(dst0) rounded down to a multiple of %d samples; the caller does the rest.", u*lanes),
		"dst1 must be as long as dst0, src0 and src1 must hold len(dst0)+len(taps)-1 samples.")
	var dst, src [2]reg.Register
	for r, nm := range []string{"dst0", "dst1"} {
		dst[r] = Load(Param(nm).Base(), GP64())
	}
	for r, nm := range []string{"src0", "src1"} {
		src[r] = Load(Param(nm).Base(), GP64())
	}
	n := Load(Param("dst0").Len(), GP64())
	tp := Load(Param("taps").Base(), GP64())
	half := make([]reg.VecVirtual, (k+1)/2)
	for i := range half {
		half[i] = v.Vec()
		VBROADCASTSD(Mem{Base: tp, Disp: 8 * i}, half[i])
	}
	tap := func(i int) reg.VecVirtual { return half[min(i, k-1-i)] }
	Label("loop")
	CMPQ(n, U32(u*lanes))
	JL(LabelRef("done"))
	var acc [2][u]reg.VecVirtual
	for r := range acc {
		for o := range acc[r] {
			acc[r][o] = v.Vec()
			VXORPD(acc[r][o], acc[r][o], acc[r][o])
		}
	}
	window := [2]func(int) reg.VecVirtual{blockWindows(v, src[0], lanes*u+k-1), blockWindows(v, src[1], lanes*u+k-1)}
	for m := 0; m < k+lanes*(u-1); m++ {
		var outs []int
		for o := range u {
			if i := m - lanes*o; i >= 0 && i < k {
				outs = append(outs, o)
			}
		}
		if len(outs) == 0 {
			continue
		}
		for r := range 2 {
			x := window[r](m)
			for _, o := range outs {
				VFMADD231PD(x, tap(m-lanes*o), acc[r][o])
			}
		}
	}
	for r := range acc {
		for o := range acc[r] {
			VMOVUPD(acc[r][o], Mem{Base: dst[r], Disp: o * v.Bytes()})
		}
		ADDQ(U32(u*v.Bytes()), dst[r])
		ADDQ(U32(u*v.Bytes()), src[r])
	}
	SUBQ(U32(u*lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genMomentsVQuadDec emits momentsV<in>QuadDec<isa>: MomentsVF64Quad for
// exactly k taps fused with MeansVF64 for exactly kd ≤ k taps of output
// rows 0 and 2 (VIF-p's decimation to the next scale reads those rows of
// the scale). All k+3 input row steps are unrolled, each with its taps at
// fixed offsets, so that the means are added to the steps that need them.
// Each sum gets its terms in increasing order from zero with the
// operations of momentsVF64 and meansVF64, so the results are identical.
func genMomentsVQuadDec(v isa, in vifIn, k, kd int) {
	const rows = 4
	name := "momentsV" + in.name + "QuadDec" + v.Suffix
	TEXT(name, NOSPLIT, "func(mx, my, mxx, myy, mxy, dx0, dy0, dx2, dy2 []float64, x, y []"+in.gotype+", stride int, taps, dtaps []float64)")
	Doc(name+" is MomentsVF32QuadDec for "+v.Suffix+fmt.Sprintf(", len(taps) = %d and len(dtaps) = %d.", k, kd),
		fmt.Sprintf("It processes n = len(mx)/4 rounded down to a multiple of %d columns; the caller does the tail.", v.Lanes/2),
		"The caller checks every length.")
	outs := []string{"mx", "my", "mxx", "myy", "mxy"}
	douts := []string{"dx0", "dy0", "dx2", "dy2"}
	nb := Load(Param("mx").Len(), GP64())
	SHRQ(U8(2), nb)
	SHLQ(U8(3), nb) // bytes of one output row
	lim := GP64()   // bytes of whole vectors
	MOVQ(nb, lim)
	ANDQ(I32(-v.Bytes()), lim)
	xp := Load(Param("x").Base(), GP64())
	yp := Load(Param("y").Base(), GP64())
	strideB := Load(Param("stride"), GP64())
	SHLQ(U8(in.shift), strideB)
	taps := Load(Param("taps").Base(), GP64())
	dtaps := Load(Param("dtaps").Base(), GP64())
	j := GP64() // byte offset of the current column block
	XORQ(j, j)

	Label("loop")
	CMPQ(j, lim)
	JGE(LabelRef("done"))
	var acc [rows][5]reg.VecVirtual
	for r := range acc {
		for m := range acc[r] {
			acc[r][m] = v.Vec()
			VXORPD(acc[r][m], acc[r][m], acc[r][m])
		}
	}
	var dacc [4]reg.VecVirtual // x and y means of rows 0 and 2
	for i := range dacc {
		dacc[i] = v.Vec()
		VXORPD(dacc[i], dacc[i], dacc[i])
	}
	px, py := GP64(), GP64()
	ji := in.index(j)
	LEAQ(Mem{Base: xp, Index: ji, Scale: 1}, px)
	LEAQ(Mem{Base: yp, Index: ji, Scale: 1}, py)
	for m := 0; m < k+rows-1; m++ {
		a, b := v.Vec(), v.Vec()
		in.load(Mem{Base: px}, a)
		in.load(Mem{Base: py}, b)
		aa, bb, ab := momentsProducts(v, a, b)
		for r := range rows {
			if i := m - r; i >= 0 && i < k {
				t := v.Vec()
				VBROADCASTSD(Mem{Base: taps, Disp: 8 * i}, t)
				momentsTapP(t, a, b, aa, bb, ab, acc[r][:])
			}
		}
		for h, r := range []int{0, 2} {
			if i := m - r; i >= 0 && i < kd {
				t := v.Vec()
				VBROADCASTSD(Mem{Base: dtaps, Disp: 8 * i}, t)
				VFMADD231PD(a, t, dacc[2*h])
				VFMADD231PD(b, t, dacc[2*h+1])
			}
		}
		if m < k+rows-2 {
			ADDQ(strideB, px)
			ADDQ(strideB, py)
		}
	}
	for m, o := range outs {
		base := Load(Param(o).Base(), GP64())
		for r := range rows {
			if r > 0 {
				ADDQ(nb, base)
			}
			VMOVUPD(acc[r][m], Mem{Base: base, Index: j, Scale: 1})
		}
	}
	for i, o := range douts {
		base := Load(Param(o).Base(), GP64())
		VMOVUPD(dacc[i], Mem{Base: base, Index: j, Scale: 1})
	}
	ADDQ(U32(v.Bytes()), j)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// convEvenTapCounts are the decimation windows (VIF-p's scales 1 to 3)
// that get an AVX-512 decimating convolution with the taps held in
// registers.
var convEvenTapCounts = []int{3, 5, 9}

// genConvRowValidEvenF64 emits convRowValidEvenF64AVX2: ConvRowValidEvenF64
// for any number of taps, one output vector at a time. For each tap, two
// unaligned loads hold the samples 2i+k … 2i+k+7; an unpack and a lane
// permutation keep the even ones.
func genConvRowValidEvenF64(v isa) {
	lanes := v.Lanes / 2
	name := "convRowValidEvenF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst, src, taps []float64)")
	Doc(name+" is ConvRowValidEvenF64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the rest", lanes),
		"and makes sure that src holds 2*len(dst)+len(taps)-1 samples; taps must not be empty.")
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	src := Load(Param("src").Base(), GP64())
	taps := Load(Param("taps").Base(), GP64())
	nt := Load(Param("taps").Len(), GP64())
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	acc := v.Vec()
	VXORPD(acc, acc, acc)
	k := GP64()
	XORQ(k, k)
	p := GP64()
	MOVQ(src, p)
	Label("tap")
	t, a := v.Vec(), v.Vec()
	VBROADCASTSD(Mem{Base: taps, Index: k, Scale: 8}, t)
	VMOVUPD(Mem{Base: p}, a)
	// (s0 s4 s2 s6), then lanes 0 2 1 3.
	VUNPCKLPD(Mem{Base: p, Disp: v.Bytes()}, a, a)
	VPERMPD(U8(0b11_01_10_00), a, a)
	VFMADD231PD(a, t, acc)
	ADDQ(U8(8), p)
	INCQ(k)
	CMPQ(k, nt)
	JL(LabelRef("tap"))
	VMOVUPD(acc, Mem{Base: dst})
	ADDQ(U32(v.Bytes()), dst)
	ADDQ(U32(2*v.Bytes()), src)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// genConvRowValidEvenF64K emits convRowValidEvenF64K<k>AVX512:
// ConvRowValidEvenF64 for exactly k taps (k ≤ 9), kept in registers. Each
// pair of input vectors (16 samples) is split once into its even and odd
// samples (two-table permutations); the samples 2i+k of an output vector
// are then an alignment of two consecutive even (k even) or odd (k odd)
// vectors, so no load splits a cache line and each input sample is loaded
// about twice in all. For every output the taps are applied in increasing
// order from zero, as in convRowValidEvenF64Generic, so the results are
// identical.
func genConvRowValidEvenF64K(v isa, k int) {
	const u = 4 // output vectors per iteration
	lanes := v.Lanes / 2
	name := fmt.Sprintf("convRowValidEvenF64K%d%s", k, v.Suffix)
	TEXT(name, NOSPLIT, "func(dst, src, taps []float64)")
	Doc(fmt.Sprintf("%s is ConvRowValidEvenF64 for len(taps) = %d and %s.", name, k, v.Suffix),
		fmt.Sprintf("It processes len(dst), which must be a multiple of %d; src must hold 2*len(dst)+%d samples.", lanes, 2*lanes))
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	src := Load(Param("src").Base(), GP64())
	tp := Load(Param("taps").Base(), GP64())
	t := make([]reg.VecVirtual, k)
	for i := range t {
		t[i] = v.Vec()
		VBROADCASTSD(Mem{Base: tp, Disp: 8 * i}, t[i])
	}
	tbl := GLOBL(fmt.Sprintf("vifevenodd%d", k), RODATA|NOPTR)
	for i := range 16 {
		// Indices 0 2 … 14, then 1 3 … 15 (the assembler wants the
		// entries in order).
		DATA(8*i, U64(uint64(2*(i%8)+i/8)))
	}
	idxE, idxO := v.Vec(), v.Vec()
	VMOVDQU64(tbl, idxE)
	VMOVDQU64(tbl.Offset(64), idxO)

	block := func(u int, lbl string) {
		Label(lbl)
		CMPQ(n, U32(u*lanes))
		JL(LabelRef(lbl + "_end"))
		// Even and odd samples of the input vector pairs 0 … u.
		ev, od := make([]reg.VecVirtual, u+1), make([]reg.VecVirtual, u+1)
		for j := range ev {
			ev[j], od[j] = v.Vec(), v.Vec()
			VMOVUPD(Mem{Base: src, Disp: 2 * j * v.Bytes()}, ev[j])
			VMOVUPD(Mem{Base: src, Disp: 2 * j * v.Bytes()}, od[j])
			VPERMT2PD(Mem{Base: src, Disp: (2*j + 1) * v.Bytes()}, idxE, ev[j])
			VPERMT2PD(Mem{Base: src, Disp: (2*j + 1) * v.Bytes()}, idxO, od[j])
		}
		for o := range u {
			acc := v.Vec()
			VXORPD(acc, acc, acc)
			for i := range k {
				lo, hi := ev[o], ev[o+1]
				if i%2 == 1 {
					lo, hi = od[o], od[o+1]
				}
				m := i / 2
				x := lo
				if m > 0 {
					x = v.Vec()
					VALIGNQ(U8(m), lo, hi, x)
				}
				VFMADD231PD(x, t[i], acc)
			}
			VMOVUPD(acc, Mem{Base: dst, Disp: o * v.Bytes()})
		}
		ADDQ(U32(u*v.Bytes()), dst)
		ADDQ(U32(2*u*v.Bytes()), src)
		SUBQ(U32(u*lanes), n)
		JMP(LabelRef(lbl))
		Label(lbl + "_end")
	}
	block(u, "four")
	block(1, "one")
	VZEROUPPER()
	RET()
}
