// Package msssim implements multi-scale SSIM (Wang, Simoncelli and Bovik,
// 2003) exactly as PIQ 0.8.0 computes it (testdata/golden/METRICS.md §3).
//
// Five scales, weights 0.0448, 0.2856, 0.3001, 0.2363, 0.1333 (used as
// given, not renormalised), the SSIM window of package ssim (11×11
// Gaussian, σ = 1.5, K1 = 0.01, K2 = 0.03, data range = the picture's peak
// code value), no initial downsampling. Scale 0 is the input; going to the
// next scale, if either dimension is odd the picture gets one replicated
// row on top and one replicated column on the left, then 2×2 average
// pooling (leftovers dropped). Scales 0..3 contribute the mean of the
// contrast-structure map, scale 4 the mean SSIM; each is clamped at 0
// before the weighted product. RGB input: the mean of the per-channel
// MS-SSIM; video: the Y plane at native bit depth. Inputs smaller than
// 161×161 are refused. Range [0, 1], higher is better, identical pictures
// give 1.
//
// The pooling is exact in float32 for integer samples up to 16 bits (every
// pooled value is a multiple of 4^-s well inside float32's mantissa), so
// the scales equal PIQ's float64 ones; the per-scale means come from
// ssim.Window, which hands over each strip's input rows while they are
// still in cache, so the next scale is pooled without reading the
// picture again from memory. Scales 0..3 compute the cs map alone
// (ssim.Window.CSMeanEach), without the luminance term.
package msssim
