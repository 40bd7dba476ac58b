package metrics

import "github.com/fr-metrics/fr-metrics/frame"

// Workspace is one worker's view of the current frame pair plus the
// intermediate planes that several metrics share. A worker owns one
// Workspace and reuses it for every frame pair; it is not safe for
// concurrent use.
type Workspace struct {
	// Ref and Dist are the pictures the metrics see: gray (1 plane) or
	// RGB (3 planes), float32 code values in [0, Peak].
	Ref, Dist *frame.Picture
	// SrcRef and SrcDist are the pictures as decoded (a YUV video keeps its
	// chroma here even when metrics see only its Y plane).
	SrcRef, SrcDist *frame.Picture
	// Peak is the data range of Ref and Dist: 2^bits − 1.
	Peak float64

	gen    uint64
	shared map[string]*sharedPlanes
}

type sharedPlanes struct {
	gen    uint64
	planes []frame.Plane
	err    error
}

// NewWorkspace returns an empty workspace.
func NewWorkspace() *Workspace {
	return &Workspace{shared: map[string]*sharedPlanes{}}
}

// Set installs the next frame pair and forgets every shared plane computed
// for the previous one (their memory is kept for reuse).
func (ws *Workspace) Set(ref, dist, srcRef, srcDist *frame.Picture, peak float64) {
	ws.Ref, ws.Dist = ref, dist
	ws.SrcRef, ws.SrcDist = srcRef, srcDist
	ws.Peak = peak
	ws.gen++
}

// FillFunc computes shared planes for the current pair into dst. It should
// be a package-level function (not a closure) so that calling Shared
// allocates nothing.
type FillFunc func(ws *Workspace, dst []frame.Plane) error

// Shared returns the n planes of size w×h stored under key, computing them
// with fill the first time they are asked for in the current frame pair.
// Later calls with the same key in the same pair return the same planes
// without recomputing. The planes belong to the workspace: callers read
// them and must not keep them past the current pair. Every caller of one
// key must agree on n, w, h and fill.
func (ws *Workspace) Shared(key string, n, w, h int, fill FillFunc) ([]frame.Plane, error) {
	s, fresh := ws.claim(key, n, w, h)
	if fresh {
		s.err = fill(ws, s.planes)
	}
	return s.planes, s.err
}

// Claim returns the n planes of size w×h stored under key and whether
// they still have to be computed for the current frame pair. When fresh is
// true the caller must fill them, exactly as the key's FillFunc would,
// before any other metric reads them: they count as computed from now on.
// It lets a metric that produces a shared plane as a by-product of its own
// pass (row by row, while the rows are in cache) publish it instead of
// computing it a second time.
func (ws *Workspace) Claim(key string, n, w, h int) (planes []frame.Plane, fresh bool) {
	s, fresh := ws.claim(key, n, w, h)
	return s.planes, fresh
}

// claim returns the entry of key, holding n planes of size w×h, and
// whether they still have to be computed for the current frame pair (see
// Claim).
func (ws *Workspace) claim(key string, n, w, h int) (s *sharedPlanes, fresh bool) {
	s = ws.shared[key]
	if s == nil {
		s = &sharedPlanes{}
		ws.shared[key] = s
	}
	if len(s.planes) != n || n > 0 && (s.planes[0].W != w || s.planes[0].H != h) {
		s.planes = make([]frame.Plane, n)
		for i := range s.planes {
			s.planes[i] = frame.NewPlane(w, h)
		}
		s.gen = 0
	}
	if s.gen == ws.gen {
		return s, false
	}
	s.gen = ws.gen
	s.err = nil
	return s, true
}
