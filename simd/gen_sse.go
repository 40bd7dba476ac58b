package simd

//go:generate sh -c "cd _asm && go run . -family sse -out ../sse_amd64.s -stubs ../sse_stub_amd64.go -pkg simd"
