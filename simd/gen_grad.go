package simd

//go:generate sh -c "cd _asm && go run . -family grad -out ../grad_amd64.s -stubs ../grad_stub_amd64.go -pkg simd"
