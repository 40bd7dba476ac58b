package metrics

import (
	"fmt"

	"github.com/fr-metrics/fr-metrics/frame"
)

// ShapeOf returns the shape of the pictures a metric sees, ref being one of
// them and src the decoded picture it came from.
func ShapeOf(ref, src *frame.Picture) Shape {
	return Shape{W: ref.Width(), H: ref.Height(), Channels: len(ref.Planes), Peak: ref.Peak(), Source: src.Kind}
}

// ScoreOnce scores one pair of pictures (gray or RGB, as metrics see them)
// with m and returns its output names and values. It is meant for tests and
// single images; a video goes through the pipeline, which keeps scorers and
// workspaces across frames.
func ScoreOnce(m Metric, ref, dist *frame.Picture) ([]string, []float64, error) {
	if ref.Width() != dist.Width() || ref.Height() != dist.Height() || len(ref.Planes) != len(dist.Planes) {
		return nil, nil, fmt.Errorf("%s: pictures differ in size or channels: %dx%dx%d vs %dx%dx%d", m.Name(),
			ref.Width(), ref.Height(), len(ref.Planes), dist.Width(), dist.Height(), len(dist.Planes))
	}
	s := ShapeOf(ref, ref)
	sc, err := m.NewScorer(s)
	if err != nil {
		return nil, nil, err
	}
	names := m.Outputs(s)
	out := make([]float64, len(names))
	ws := NewWorkspace()
	ws.Set(ref, dist, ref, dist, s.Peak)
	if err := sc.Score(ws, out); err != nil {
		return nil, nil, err
	}
	return names, out, nil
}
