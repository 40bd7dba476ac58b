package simd

//go:generate sh -c "cd _asm && go run . -family dss -out ../dss_amd64.s -stubs ../dss_stub_amd64.go -pkg simd"
