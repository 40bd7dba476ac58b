// Package report writes the scores of one comparison: JSON in libvmaf's
// shape (version, fps, frames[{frameNum, metrics}], pooled_metrics) with
// the inputs, the alignment applied and the warnings added, JSON lines, a
// CSV of one row per frame, and a short human summary.
//
// Numbers are written with full float64 precision (the shortest text that
// reads back to the same float64, strconv's 'g' with precision −1), so that
// a conformance check sees the exact values. A NaN or infinite value is
// written as null (JSON) or an empty cell (CSV), is left out of pooling,
// and adds a warning naming the output and the frames.
//
// Files are written through WriteFile: into a temporary file in the target
// directory, renamed over the target only once everything was written, so
// a failed or cancelled run leaves no partial file.
package report
