// Command _asm generates the amd64 assembly kernels of package simd with
// avo. Each kernel family lives in its own file (ssim.go, …) and registers
// its generator function in families from an init function; one run
// generates one family:
//
//	go run . -family ssim -out ../ssim_amd64.s -stubs ../ssim_stub_amd64.go -pkg simd
//
// The go:generate line of each family is in simd/gen_<family>.go, so that
// `go generate ./simd/` rebuilds every family.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"

	. "github.com/mmcloughlin/avo/build"
)

// families maps a family name to the function that emits its TEXT blocks.
var families = map[string]func(){}

func main() {
	family := flag.String("family", "", "kernel family to generate")
	flag.Parse() // also parses avo's -out, -stubs and -pkg flags
	gen, ok := families[*family]
	if !ok {
		names := make([]string, 0, len(families))
		for n := range families {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "unknown -family %q (known: %v)\n", *family, names)
		os.Exit(2)
	}
	ConstraintExpr("amd64,!noasm,gc")
	gen()
	Generate()
}
