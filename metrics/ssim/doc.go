// Package ssim implements the structural similarity index (SSIM) of Wang,
// Bovik, Sheikh and Simoncelli (2004) exactly as PIQ 0.8.0 computes it
// (testdata/golden/METRICS.md §2), and the single-scale machinery that
// package msssim builds on.
//
// Defaults: 11×11 Gaussian window of σ = 1.5, K1 = 0.01, K2 = 0.03, data
// range = the picture's peak code value (255 for 8-bit, 1023 for 10-bit),
// so C1 = (K1·peak)² and C2 = (K2·peak)². Like PIQ, the pictures are first
// average-pooled by f = max(1, round(min(H, W)/256)) (half to even),
// unless the option downsample=false is given. The Gaussian filter is
// "valid" (no padding): the map is (H'−10)×(W'−10) and its plain mean is
// the score. The moments are population moments, not clamped. On RGB input
// the score is the mean of the three per-channel SSIMs; on video, the Y
// plane at its native bit depth. Range [−1, 1] (in practice [0, 1]),
// higher is better, identical pictures give 1.
//
// Computation. Planes are float32 code values. SSIM needs only four
// filtered moments: μx, μy, E[x²]+E[y²] and E[xy] (σx² and σy² enter only
// as their sum). The picture is cut into strips of rows and tiles of 512
// columns. For each tile of a strip, a fused vertical valid pass
// (simd.SSIMCols6, six output rows per call) forms the four product rows
// x', y', x'²+y'², x'y' of each input row in registers, where x' and y'
// are the samples minus the tile's shift (the rounded mean of its centre
// row), and filters them with the 11-tap Gaussian, prefetching the input
// rows of its next call; a horizontal pass (simd.ConvRowsValid, the four
// moments of an output row in one call) finishes each moment row, and the
// map of each row is reduced at once to a float64 sum: the SSIM map
// (simd.SSIMMeanRow) for SSIM itself and MS-SSIM's last scale, the cs
// map alone (simd.CSRow) for MS-SSIM's scales 0..3.
// The working rows stay in cache and nothing is allocated per frame.
// Pooling by a power of two (4 at 1080p, 8 at 2160p) goes row by row
// through f−2 cached rows. The shifts leave the variances and covariance
// unchanged and are added back to the means exactly; they keep float32
// variances accurate where a window's mean is far from zero (without
// them, flat bright or dark areas carry a systematic error of about 1e-4
// per pixel), and the variances are formed with fused multiply-adds. The
// largest difference from PIQ's float64 result over the golden set is
// below 1e-6; on synthetic 8- and 10-bit pictures with flat black and
// flat white areas next to texture inside one tile it reaches a few 1e-6
// (the float32 limit of this design; see TestWindowFloat64).
package ssim
