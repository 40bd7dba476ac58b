package simd

//go:generate sh -c "cd _asm && go run . -family srsim -out ../srsim_amd64.s -stubs ../srsim_stub_amd64.go -pkg simd"
