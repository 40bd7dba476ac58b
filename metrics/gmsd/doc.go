// Package gmsd implements GMSD, the gradient magnitude similarity
// deviation (Xue, Zhang, Mou, Bovik, "Gradient Magnitude Similarity
// Deviation: A Highly Efficient Perceptual Image Quality Index", IEEE TIP
// 2014), and its multi-scale form MS-GMSD (Zhang, Zhang, Mou, "Gradient
// magnitude similarity deviation on multiple scales for color image
// quality assessment", ICASSP 2017), exactly as PIQ 0.8.0 computes them.
//
// gmsd: the Y of YIQ (RGB) or the gray plane, pooled 2×2 after one zero
// row and column are added when a side is odd; Prewitt gradient
// magnitudes with zero "same" padding; the similarity map
// GMS = (2·mr·md + T)/(mr² + md² + T) with T = 170 on the byte scale
// (PIQ's 170/255² on the unit scale); the score is the population
// standard deviation of GMS. Lower is better; identical pictures give 0.
//
// ms_gmsd: four scales (the full-resolution Y, then the same zero-padded
// 2×2 pooling three times) with weights 0.096, 0.596, 0.289, 0.019; at each
// scale the similarity map has the masking term α = 0.5:
// ((2−α)·mr·md + 170)/(mr² + md² − α·mr·md + 170); the score is
// sqrt(Σ w_s·d_s²) with d_s the standard deviation at scale s. With
// chromatic=true (RGB only) the I and Q channels at the coarsest scale add
// a colour term: r = sqrt(mean((Id−Ir)²) + mean((Qd−Qr)²)),
// γ = 2/(1 + 0.32·exp(−15·MSG)) − 1, result γ·MSG + (1−γ)·0.01·r. MS-GMSD
// needs at least 17×17 pixels.
//
// Both work on the byte scale (v·255/Peak) and compute each similarity
// row straight from three rows of the pictures (the gradients are never
// stored as planes), and the map's mean and deviation row by row: one
// kernel per row (simd.GradSimMomentsRow) makes the similarity values and
// sums them and their squares in float64, shifted by 1 so that the
// variance loses nothing to cancellation; the rows are merged exactly
// (Chan, Golub, LeVeque). On gray pictures the 2×2 pooling is done in the
// same pass (gmsd pools one row ahead of its similarity rows and has the
// similarity kernel prefetch the source rows of the next pooled row, so
// memory is read while the map is computed; ms_gmsd pools scale 1 while
// the scale 0 rows are in cache), so each picture is read once; RGB
// pictures use the pooled YIQ planes of package planes, shared with other
// metrics. The Prewitt gradients are taken with unit weights and T·9
// (the same map, exact gradients on integer samples). The similarity
// maps are float32; the means and deviations are float64.
package gmsd
