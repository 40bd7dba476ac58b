package simd

//go:generate sh -c "cd _asm && go run . -family fsim -out ../fsim_amd64.s -stubs ../fsim_stub_amd64.go -pkg simd"
