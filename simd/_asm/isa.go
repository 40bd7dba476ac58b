package main

import (
	. "github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/reg"
)

// isa describes one vector instruction set a family is generated for.
// Function names get Suffix appended (convRowValidAVX2, …).
type isa struct {
	Suffix string                // "AVX2" or "AVX512"
	Lanes  int                   // float32 lanes per vector: 8 or 16
	Vec    func() reg.VecVirtual // allocates a vector register: YMM or ZMM
	Unroll int                   // vectors per iteration where registers allow
}

// Bytes is the size of one vector in bytes.
func (v isa) Bytes() int { return 4 * v.Lanes }

// isas lists the instruction sets every family is generated for.
var isas = []isa{
	{Suffix: "AVX2", Lanes: 8, Vec: YMM, Unroll: 1},
	{Suffix: "AVX512", Lanes: 16, Vec: ZMM, Unroll: 2},
}
