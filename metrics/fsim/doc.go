// Package fsim implements FSIM and FSIMc, the feature similarity index
// (Zhang, Zhang, Mou and Zhang, IEEE TIP 2011), as PIQ 0.8.0 computes it
// (testdata/golden/METRICS.md §8).
//
// Both pictures are brought to byte scale (v/Peak·255) and average-pooled
// by f = max(1, round(min(W,H)/256)) (half to even; remainder rows and
// columns dropped). RGB pictures are then converted to YIQ; gray pictures
// (and the Y plane of YUV video) are used as Y.
//
// The phase congruency PC of each Y is computed in the frequency domain
// with a bank of 4 scales × 4 orientations of log-Gabor filters (minimum
// wavelength 6, scale factor 2, σ_f = 0.55, angular spread π/(4·1.2)),
// with float64 FFTs (simd.FFT2): one forward transform for both pictures
// (packed as x + i·y and split by Hermitian symmetry) and 16 inverse
// transforms per picture, whose results are consumed panel by panel of
// columns while they are in cache. The noise threshold per orientation
// follows Kovesi's estimate from the median of the smallest scale's energy
// (the lower middle element for an even count, as torch.median), k = 2,
// divided by 1.7. The median is exact; a scorer keeps a window around
// each median of the previous frame and gathers the values inside it
// while the responses are in cache, so that usually only those go through
// a selection. The filter bank and everything in the threshold that
// depends only on the size are built once per scorer; the filters' sums
// Σ a_s·a_t over the pixels of their real spatial responses are taken in
// the frequency domain (Parseval), so no transform is needed for them.
//
// With Scharr gradient magnitudes G of Y (zero padding),
//
//	S = S(PCx, PCy; 0.85) · S(Gx, Gy; 160) · max(PCx, PCy)
//	FSIM = Σ S / Σ max(PCx, PCy)
//
// where S(a, b; c) = (2ab + c)/(a² + b² + c). FSIMc (option
// chromatic=true, the default, as in PIQ) multiplies each S by
// |S(Ix, Iy; 200)·S(Qx, Qy; 200)|^0.03. On a one-channel picture there is
// no chroma and chromatic is ignored.
//
// The score is 1 for identical pictures and higher is better. Pictures
// whose pooled size is below 2×2 are refused (PIQ's frequency grid is not
// defined for a side of 1). Every intermediate is float64.
package fsim
