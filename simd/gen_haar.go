package simd

//go:generate sh -c "cd _asm && go run . -family haar -out ../haar_amd64.s -stubs ../haar_stub_amd64.go -pkg simd"
