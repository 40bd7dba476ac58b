package simd

//go:generate sh -c "cd _asm && go run . -family vsi -out ../vsi_amd64.s -stubs ../vsi_stub_amd64.go -pkg simd"
