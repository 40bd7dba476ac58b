// Package haar implements HaarPSI, the Haar wavelet-based perceptual
// similarity index (Reisenhofer, Bosse, Kutyniok, Wiegand, "A Haar
// wavelet-based perceptual similarity index for image quality assessment",
// Signal Processing: Image Communication 2018), exactly as PIQ 0.8.0
// computes it.
//
// On the byte scale (v·255/Peak), the Y of YIQ (RGB) or the gray plane is
// pooled 2×2 after one zero row and column are added when a side is odd.
// Haar responses at kernel sizes 2, 4 and 8 (k×k kernels of ±1/k, upper
// half positive, zero padding k/2−1 on the top/left and k/2 on the
// bottom/right) are taken horizontally and vertically. Per orientation,
// the local similarity is the mean of S(|Hr|, |Hd|; C) over the two finest
// scales, S(a, b; C) = (2ab + C)/(a² + b² + C) with C = 30, and the weight
// is max(|Hr|, |Hd|) at the coarsest scale. For RGB a third map compares
// the absolute 2×2 means (stride 1, zero-padded bottom/right) of I and Q,
// weighted by the mean of the two weights. With the logistic
// σ(t) = 1/(1+e^{−t}) and α = 4.2,
//
//	p = (Σ σ(α·L)·W + eps) / (Σ W + eps),  HaarPSI = (ln(p/(1−p))/α)²
//
// over every map and pixel. 1 means identical; higher is better. The
// input must be at least 16×16.
//
// The responses are computed from dyadic box sums (see simd.HaarBoxRow),
// and 1−p is accumulated directly (Σ W·σ(−α·L)) so that the logit keeps
// float64 precision although the logistic is evaluated in float32.
package haar
