// Package dss implements DSS, the DCT subband similarity index of Balanis,
// Tenenbaum and others ("Image quality assessment based on DCT subband
// similarity", ICIP 2015), exactly as PIQ 0.8.0 computes it.
//
// The luma (Y of YIQ for RGB input, the plane itself for gray input), on
// the byte scale v/Peak·255 and cropped to a multiple of 8, is cut into 8×8
// blocks, each transformed with the orthonormal DCT-II. Coefficient (m, n)
// of every block forms subband (m, n). Only the 17 low-frequency subbands
// whose Gaussian weight exp(−((m+½)²+(n+½)²)/(2·1.55²)) is at least 0.01
// are compared. For each, local variances and covariance under a 3×3
// Gaussian window (σ = 1.5, zero padding) give a variance-similarity map
// (and for the DC subband also a structure map); each map is pooled as the
// mean of its worst 5 % of pixels, and the subband scores are combined
// with the normalised weights. 1 means identical.
//
// Arithmetic is float64 throughout except for one PIQ detail that is kept
// on purpose: each subband score is rounded to float32 (PIQ stores them in
// a float32 array) before weighting, so values agree with PIQ's float64
// run to ~1e-15 (where a score lies next to a float32 rounding boundary,
// one rounding step, ~1e-8) rather than to ~1e-7.
//
// The pictures are streamed one block row (8 picture rows) at a time, so
// that the working set stays in cache: the vertical pass of the block DCT
// runs as simd.DCT8Cols5F32 straight from the float32 rows (the RGB luma is
// formed first and goes through simd.DCT8Cols5F64), the horizontal pass
// as simd.DCT8Rows5F64, which transposes blocks in registers; only the 17
// kept subbands are computed, and only their last three rows are kept, in
// a ring with a zero border. As soon as a subband row below it exists,
// each similarity row is computed (simd.DSSSimRow for the DC subband,
// simd.DSSSimRowLT, without the structure map, for the others). The
// worst-5 % pooling brackets the k-th smallest value between two order
// statistics of a sample and filters the map against them in one vector
// pass (simd.RangeFilterF64: the values below are summed, those inside
// kept), repeating on the few kept, then selects the rest with
// quickselect, instead of sorting.
//
// Sizes: the input must be at least 8×8 (NewScorer returns a
// *metrics.SizeError otherwise). When a subband has at most 10 samples
// (floor(H/8)·floor(W/8) ≤ 10, e.g. 16×16) the worst 5 % is an empty set
// and PIQ's score is NaN; the scorer then reports NaN rather than refusing,
// and the report layer writes it as JSON null with a warning.
package dss
