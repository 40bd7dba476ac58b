package simd

//go:generate sh -c "cd _asm && go run . -family fft -out ../fft_amd64.s -stubs ../fft_stub_amd64.go -pkg simd"
