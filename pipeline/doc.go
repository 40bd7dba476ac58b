// Package pipeline scores one reference/distorted pair of videos (or
// images) with a list of metrics, and is the part a batch runner reuses
// for each pair of a manifest.
//
// # Flow
//
// The reference and the distorted input are opened at the same time (opening
// can decode a first frame) and each decodes on its own goroutine.
// A pairing stage takes one picture from each and pairs them by index
// (after --skip-ref / --skip-dist style offsets), stops at a frame limit,
// drops the pairs a subsampling step does not score, and sends the others
// through a bounded channel to N workers. Each worker owns a
// metrics.Workspace and one Scorer per metric, builds the pictures the
// metrics see (the Y plane of YUV video as gray, RGB on request, gray and
// RGB images as they are), scores, gives both pictures back to their
// sources at once, and stores the values under the pair's index. Memory is
// bounded by the sources' picture pools, never by the length of the video:
// Run gives each decoder a pool of workers+1 pictures (one being decoded
// while every worker scores), so with 2 workers a 4K 4:2:0 input holds
// 3 × 50 MB of float32 samples per input, plus libav's own frame buffers;
// per-frame results are a few float64 each.
//
// # Pairing is stated, not guessed
//
// Frames pair by decode index. If the inputs have different frame counts
// the run fails with an error naming both counts, unless a frame limit is
// set (Config.Frames: compare the first N pairs, an error if an input is
// shorter) or Config.AllowLengthMismatch is set (stop at the shorter input
// with a warning). Different sizes are an error unless the distorted input
// is scaled to the reference size (Config.Scale, done by swscale in the
// decoder). A distorted input of another bit depth is brought to the
// reference's depth exactly: up by multiplying code values by 2^k, down by
// the integer shift floor(v / 2^k). Everything applied is recorded in
// Result.Alignment, and every deviation from a plain one-to-one comparison
// adds a warning.
//
// # Cancellation
//
// The first error (a decoder failure, a metric that refuses its input, a
// frame of the wrong size) or the cancellation of the context stops every
// goroutine of the run before Run returns; pictures still in flight go back
// to their sources.
//
// # Sharing workers between runs
//
// A Budget bounds how many frame pairs are scored at the same time by all
// the runs that share it, so a batch runner can run several pairs
// concurrently (keeping decoders busy) without oversubscribing the cores.
package pipeline
