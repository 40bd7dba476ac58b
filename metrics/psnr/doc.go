// Package psnr implements the peak signal-to-noise ratio.
//
// The output psnr follows PIQ 0.8.0 (testdata/golden/METRICS.md §1): both
// pictures are brought to unit scale (v/Peak), the mean squared error is
// taken over every sample of every channel together, and
//
//	psnr = −10·log10(MSE + 1e-8)
//
// so identical pictures give exactly 80 dB. It is computed on the picture
// the metric sees: a gray image, an RGB image (one MSE over 3·W·H samples),
// or the Y plane of YUV video. The option grayscale=true first maps RGB to
// 0.299·R + 0.587·G + 0.114·B, unrounded (PIQ's convert_to_greyscale); on
// a one-channel picture it changes nothing.
//
// On YUV video the metric also writes psnr_y, psnr_cb and psnr_cr, one per
// decoded plane at its own (possibly subsampled) size, with the convention
// of FFmpeg's psnr filter and libvmaf:
//
//	psnr_p = 10·log10(peak² / MSE_p),  peak = 2^bits − 1
//
// A plane without any error (MSE = 0) would give +Inf. Instead it is given
// the PSNR of a total squared error of half a code value squared,
// 10·log10(peak²·N/0.5) for a plane of N samples: a finite value that is
// still higher than that of any plane with an error, because planes of
// integer code values that differ have a total squared error of at least 1.
// For a 1920×1080 Y plane that is 114.3 dB at 8 bits, 126.4 dB at 10 bits.
//
// Squared errors are summed in float64, row by row with the vectorised
// simd.SSERow. Higher is better.
package psnr
