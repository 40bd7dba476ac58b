package simd

//go:generate sh -c "cd _asm && go run . -family color -out ../color_amd64.s -stubs ../color_stub_amd64.go -pkg simd"
