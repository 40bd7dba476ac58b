// Package vsi implements VSI, the visual saliency-induced index (Zhang,
// Shen and Li, IEEE TIP 2014), as PIQ 0.8.0 computes it
// (testdata/golden/METRICS.md §7).
//
// Pictures are brought to byte scale (v/Peak·255); a one-channel picture
// (gray, or the Y plane of YUV video) is treated as RGB with R = G = B.
//
// Saliency (SDSP) of each picture: bilinear resize to 256×256 (half-pixel
// centres, no antialiasing), CIELAB with PIQ's D50 white, a log-Gabor
// band-pass (ω0 = 0.021, σF = 1.34) of L, a and b through float64 FFTs
// (simd.FFT2; the filter is real and even, so each channel of both
// pictures is filtered by one transform pair of x + i·y),
// a central location prior (σD = 145, centre shifted by one pixel as in
// PIQ) and a warm-colour prior (σC = 0.001) on min-max normalised a, b.
// Their product is resized back with bilinear interpolation (aligned
// corners) and min-max normalised to [0, 1].
//
// Similarity: with f = max(1, round(min(W,H)/256)) (half to even), the
// saliency maps and the LMN channels are padded by edge replication
// (f/2 before, (f−1)/2 after) and average-pooled by f. With Scharr
// gradient magnitudes G of L,
//
//	S = S(VSx, VSy; 1.27) · S(Gx, Gy; 386)^0.4 · Re((S(Mx,My;130)·S(Nx,Ny;130))^0.02)
//	VSI = (Σ S·max(VSx,VSy) + eps) / (Σ max(VSx,VSy) + eps)
//
// where S(a, b; c) = (2ab + c)/(a² + b² + c) and the power of a negative
// chroma term is the real part of the complex power. The pooled full-size
// saliency map is never materialised: pooling and the bilinear resize are
// both linear, so the pooled map is computed from the 256×256 map with
// precomputed band weights (simd.MeansVF64 down the rows, simd.BandF64
// along them), and its minimum and maximum are taken at the only samples
// where a bilinear cell can reach them (the first and last output row and
// column of each source cell).
//
// Speed: the full-size planes are read once, each group of f rows pooled
// (simd.Pool4RowF64 for f = 4) and, while those rows are in cache, the
// 256×256 rows that read them resampled (simd.LerpColsF32). The final
// pass works row by row on buffers that stay in the L1 cache: Scharr
// magnitudes of L (simd.ScharrRowF64), the three similarities with one
// division per sample (simd.VSISimRow), their powers (simd.PowTableRow)
// and the sums.
//
// The score is 1 for identical pictures and higher is better. Every
// intermediate is float64. The fractional powers (the sRGB curve, S_G^0.4,
// |S_C|^0.02) are read from tables over the binary exponent and cubic
// Hermite polynomials over the mantissa, with a relative error below
// 1e-13; the scores agree with PIQ to about 2e-14.
package vsi
