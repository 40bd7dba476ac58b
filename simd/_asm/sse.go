package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func init() { families["sse"] = genSSE }

// genSSE emits the kernel of simd/sse.go for every isa.
func genSSE() {
	for _, v := range isas {
		genSSERow(v)
	}
}

// sseUnroll is the number of float32 vectors SSERow handles per
// iteration: each gives two float64 vectors, and each of those its own
// accumulator, so the additions of one iteration do not wait on each
// other.
const sseUnroll = 2

func genSSERow(v isa) {
	name := "sseRow" + v.Suffix
	step := sseUnroll * v.Lanes
	TEXT(name, NOSPLIT, "func(a, b []float32) float64")
	Doc(name+" is SSERow for "+v.Suffix+".",
		fmt.Sprintf("It sums len(a) rounded down to a multiple of %d samples; the caller adds the tail.", step),
		"The caller checks that len(b) >= len(a).")
	ap := Load(Param("a").Base(), GP64())
	bp := Load(Param("b").Base(), GP64())
	n := Load(Param("a").Len(), GP64())
	acc := make([]reg.VecVirtual, 2*sseUnroll)
	for i := range acc {
		acc[i] = v.Vec()
		VXORPD(acc[i], acc[i], acc[i])
	}
	Label("loop")
	CMPQ(n, U32(step))
	JL(LabelRef("done"))
	for u := range sseUnroll {
		// d = a − b in float32 (exact for integer code values), then
		// each half widened to float64, squared and added.
		d := v.Vec()
		VMOVUPS(Mem{Base: ap, Disp: u * v.Bytes()}, d)
		VSUBPS(Mem{Base: bp, Disp: u * v.Bytes()}, d, d)
		lo, hi := widenF64(v, d)
		VFMADD231PD(lo, lo, acc[2*u])
		VFMADD231PD(hi, hi, acc[2*u+1])
	}
	ADDQ(U32(sseUnroll*v.Bytes()), ap)
	ADDQ(U32(sseUnroll*v.Bytes()), bp)
	SUBQ(U32(step), n)
	JMP(LabelRef("loop"))
	Label("done")
	for i := 2; i < len(acc); i += 2 {
		VADDPD(acc[i], acc[0], acc[0])
		VADDPD(acc[i+1], acc[1], acc[1])
	}
	s := reduceF64(v, acc[0], acc[1])
	storeF64(s, ReturnIndex(0))
	VZEROUPPER()
	RET()
}
