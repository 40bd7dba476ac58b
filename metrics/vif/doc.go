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
// does). The separable window runs as float64 simd kernels, the vertical
// pass first (simd.MomentsVF32QuadDec and MomentsVF64Quad: the five moment
// sums of four output rows per sweep, each input row loaded once), then
// the horizontal one (simd.ConvRowValidF64), on strips of 1024 output
// columns so that the vertical sums stay in the core's cache. The
// finest scale is read where it is: gray pictures in their float32 code
// values, the byte-scale factor folded into the horizontal taps; other
// pictures are converted to byte-scale luma first. The vertical sweep over
// a group of the finest scale's rows also filters the even rows that the
// next scale is decimated from; the decimation filters horizontally at
// the kept columns only (simd.ConvRowValidEvenF64). Scale 1 streams
// through a ring as long as its window, scales 2 and 3 are stored whole.
// The sums of logarithms take no logarithm per pixel: simd.VifLogFactors
// multiplies the factors into per-lane products, split exactly into
// mantissa and binary exponent as they go, and writes the numerator's
// factor as a ratio of two products instead of dividing; one logarithm
// per lane is taken at the end.
package vif
