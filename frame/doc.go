// Package frame holds the picture types that flow from the decoder to the
// metrics: planar float32 pictures with a padded stride, the colour
// metadata their stream declared, a bounded pool that recycles them, and
// the conversions between pixel representations (integer samples to float,
// YUV to RGB by matrix and range).
//
// Samples are stored as float32 code values exactly as decoded: an 8-bit
// plane holds 0..255, a 10-bit plane 0..1023. Nothing is rescaled or
// range-expanded here; metrics rescale by the picture's peak value.
package frame
