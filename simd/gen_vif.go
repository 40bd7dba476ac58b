package simd

//go:generate sh -c "cd _asm && go run . -family vif -out ../vif_amd64.s -stubs ../vif_stub_amd64.go -pkg simd"
