package goldentest

import (
	"sync"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
)

var cache struct {
	sync.Mutex
	pics map[string]*frame.Picture
}

// LoadCached is Load with a process-wide cache, for tests that score the
// same golden pictures many times (every row, every SIMD level). The
// pictures are shared: callers must not modify them.
func LoadCached(t testing.TB, rel string) *frame.Picture {
	t.Helper()
	cache.Lock()
	defer cache.Unlock()
	if p, ok := cache.pics[rel]; ok {
		return p
	}
	p := Load(t, rel)
	if cache.pics == nil {
		cache.pics = map[string]*frame.Picture{}
	}
	cache.pics[rel] = p
	return p
}

// PicturesCached is Pictures through LoadCached.
func (r Row) PicturesCached(t testing.TB) (ref, dist *frame.Picture) {
	t.Helper()
	a, b := r.RefFile, r.DistFile
	if r.Swap {
		a, b = b, a
	}
	return LoadCached(t, a), LoadCached(t, b)
}
