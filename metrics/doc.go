// Package metrics defines what a full-reference metric is to the engine:
// a Descriptor in an explicit registry, a Metric configured from options,
// and one Scorer per worker that scores frame pairs out of a Workspace.
//
// The Workspace holds the pair of pictures a metric sees (a gray picture
// or an RGB picture, float32 code values with their peak) and the
// intermediate planes several metrics share, each computed at most once per
// frame pair. Scorers allocate their scratch in NewScorer and nothing per
// frame afterwards; they are not safe for concurrent use.
package metrics
