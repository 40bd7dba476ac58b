// Package planes computes the intermediate planes that several metrics of
// the gradient and wavelet families need, once per frame pair, through
// metrics.Workspace.Shared. Each plane set has a documented key and a
// package-level fill function, so any metric can ask for it and the first
// one to ask pays for it:
//
//   - KeyLuma ("yiq.y"): the Y of YIQ at full resolution on the byte scale
//     (v·255/Peak), for the reference and the distorted picture. A gray
//     8-bit picture is used as is, without a copy (see Luma).
//   - KeyYIQPool2 ("yiq.pool2"): Y (gray) or Y, I, Q (RGB) on the byte
//     scale, pooled 2×2 after one zero row and column are added when the
//     width or height is odd: the half-resolution picture of HaarPSI and,
//     on RGB input, of GMSD and MS-GMSD's second scale (on gray input
//     those pool row by row in their own pass).
//
// PoolFactor and PoolFSize give the f×f pooling of MDSI, SR-SIM and
// others, f = max(1, round-half-even(min(W,H)/256)); those metrics pool in
// their own passes.
//
// The YIQ matrix is Y = 0.299R + 0.587G + 0.114B, I = 0.5959R − 0.2746G −
// 0.3213B, Q = 0.2115R − 0.5227G + 0.3112B; pooling and the colour matrix
// are linear, so the order in which they are applied only changes float32
// rounding.
package planes
