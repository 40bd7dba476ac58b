// Package srsim implements SR-SIM, the spectral-residual based similarity
// index of Zhang and Li ("SR-SIM: A fast and high performance IQA index
// based on spectral residual", ICIP 2012), and its chromatic variant
// SR-SIMc, exactly as PIQ 0.8.0's srsim computes them.
//
// Both pictures are taken on the byte scale v/Peak·255, average-pooled by
// f = max(1, round(min(H, W)/256)) (half to even) after zero padding of
// (f−1)/2 rows and columns before and f/2 after, and RGB is converted to
// YIQ (gray is used as Y). For each luma a visual-saliency map is computed
// from the spectral residual (Hou and Zhang, CVPR 2007):
//
//  1. shrink by 4 with MATLAB's antialiased bicubic imresize;
//  2. F = FFT2(small); residual = log|F| − its 3×3 mean (edges replicated);
//  3. saliency = |IFFT2(exp(residual)·e^{i·arg F})|², smoothed by a 10×10
//     Gaussian (σ = 3.8) placed as MATLAB places an even kernel;
//  4. min-max normalise and enlarge back with bicubic imresize.
//
// With Scharr gradient magnitudes G and saliency maps V,
//
//	S = S(Vx, Vy; 0.40) · S(Gx, Gy; 225)^0.5 · max(Vx, Vy)
//	SR-SIM = Σ S / (Σ max(Vx, Vy) + eps),   S(a, b; c) = (2ab + c)/(a² + b² + c)
//
// and SR-SIMc multiplies S by |S(Ix, Iy; 200)·S(Qx, Qy; 200)|^0.03.
// 1 means identical.
//
// PIQ runs the imresize steps in float32 even on float64 input; this
// package does too (with PyTorch's summation order), so its values agree
// with PIQ's float64 run to about 1e-8. Everything else is float64.
//
// Speed: the 4×4 pooling of 1080p reads the picture rows once
// (simd.Pool4RowF64); imresize adds whole source rows along the height
// (simd.ResizeVertF32) and gathers the taps of each output along the width
// (simd.ResizeTaps), both with the products and additions of the
// definition, so no transposes are needed; the FFTs use simd.FFT2, with
// plans built once per scorer; the spectral residual keeps the phase as
// F/|F| rather than through atan2, cos and sin. Without chroma the
// Scharr gradients and both similarity sums are computed in one pass per
// row (simd.SRSIMRowF64), with S(Gx, Gy)^½·S(Vx, Vy) as one square root
// of a quotient; with chroma the gradient maps are made first
// (f64.Scharr, on simd.ScharrRowF64) and the colour matrix is the shared
// metrics/internal/f64 one.
//
// Refusals: the pooled picture must be at least 40×40 (NewScorer returns
// a *metrics.SizeError), and chromatic=true needs an RGB picture
// (ErrChromaticGray); on YUV video that means --color rgb.
package srsim
