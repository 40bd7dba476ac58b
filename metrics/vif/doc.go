// Package vif implements VIF-p, the pixel-domain visual information
// fidelity of Sheikh and Bovik ("Image information and visual quality",
// IEEE TIP 2006), exactly as PIQ 0.8.0's vif_p computes it. It is the
// pixel-domain VIF that VMAF's VIF features build on.
//
// VIF-p is asymmetric: the reference is the source of the information and
// the distorted picture the channel output (PIQ's y and x). The luma
// (0.299R + 0.587G + 0.114B for RGB, unrounded; the plane itself for gray)
// is taken on the byte scale v/Peak·255. Over four scales with Gaussian
// windows of size k = 17, 9, 5, 3 and σ = k/5 (each coarser scale is the
// previous one filtered with its window, "valid", and decimated by 2), the
// local statistics under the window give a gain g = σxy/σy² and a
// distortion variance σv² = σx² − g·σxy, clamped as PIQ does; with the
// visual noise σn² = 2,
//
//	VIF = (Σ log10(1 + g²σy²/(σv²+σn²)) + 1e-8) / (Σ log10(1 + σy²/σn²) + 1e-8)
//
// summed over all scales and pixels. 1 means identical (about
// 0.9999999945 in practice, because σv² is floored at 1e-8); values above
// 1 mean contrast enhancement.
//
// Pictures smaller than 41×41 are refused (NewScorer returns a
// *metrics.SizeError).
//
// All arithmetic is float64: VIF's thresholds (σ² < 1e-8) and its flat
// regions make float32 moments drift by ~1e-4 (PIQ's own float32 run
// does), so the separable window passes and the per-pixel clamps run as
// float64 simd kernels (simd.MomentsVF64Quad and MomentsVF64Pair for the
// vertical pass, four or two output rows per sweep; simd.ConvRowValidF64
// for the horizontal one; simd.VifFactors, which needs one division per
// pixel), several output rows at a time so that the window's rows stay in
// cache. The two finest scales are never stored whole: their rows stream
// through rings as long as the window, from which the next scale is
// decimated as they arrive. The sums of logarithms are taken as one
// logarithm per row: the factors are multiplied 64 at a time and each
// product split exactly into its binary exponent (summed as an integer)
// and mantissa, which is exact to rounding.
package vif
