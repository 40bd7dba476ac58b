package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["srsim"] = genSRSIM }

// genSRSIM emits the kernel of simd/srsim.go for every isa.
func genSRSIM() {
	for _, v := range isas {
		genSum4RowsF64(v)
	}
}

func genSum4RowsF64(v isa) {
	lanes := v.Lanes / 2
	name := "sum4RowsF64" + v.Suffix
	TEXT(name, NOSPLIT, "func(dst []float64, r0, r1, r2, r3 []float32)")
	Doc(name+" is Sum4RowsF64 for "+v.Suffix+".",
		fmt.Sprintf("It processes len(dst) rounded down to a multiple of %d samples; the caller does the tail.", lanes))
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("dst").Len(), GP64())
	var r [4]reg.Register
	for i := range r {
		r[i] = Load(Param(fmt.Sprintf("r%d", i)).Base(), GP64())
	}
	j := GP64()
	XORQ(j, j)
	Label("loop")
	CMPQ(n, U32(lanes))
	JL(LabelRef("done"))
	acc := v.Vec()
	VCVTPS2PD(Mem{Base: r[0], Index: j, Scale: 4}, acc) // reads half a vector of float32
	for i := 1; i < 4; i++ {
		t := v.Vec()
		VCVTPS2PD(Mem{Base: r[i], Index: j, Scale: 4}, t)
		VADDPD(t, acc, acc)
	}
	VMOVUPD(acc, Mem{Base: dst, Index: j, Scale: 8})
	ADDQ(U32(lanes), j)
	SUBQ(U32(lanes), n)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
