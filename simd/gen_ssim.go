package simd

//go:generate sh -c "cd _asm && go run . -family ssim -out ../ssim_amd64.s -stubs ../ssim_stub_amd64.go -pkg simd"
