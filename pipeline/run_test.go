package pipeline

import (
	"context"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/psnr"
)

// corpus returns the path of a file of testdata/corpus.
func corpus(rel string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "corpus", filepath.FromSlash(rel))
}

// TestRunOpen checks Run on real files: it scores a corpus pair (the two
// inputs are opened at the same time), and when an input cannot be opened
// the error names that input, the reference's error winning when both
// fail.
func TestRunOpen(t *testing.T) {
	ref, dist := corpus("ref/boats_360p.y4m"), corpus("dist/boats_360p__x264_fast_200k.mp4")
	missing := corpus("no-such-file.mkv")
	for _, tc := range []struct {
		name      string
		ref, dist string
		wantErr   string // "" = success
	}{
		{"ok", ref, dist, ""},
		{"ref missing", missing, dist, "decode: " + missing + ": no such file"},
		{"dist missing", ref, missing, "decode: " + missing + ": no such file"},
		{"both missing", missing + ".ref", missing, "decode: " + missing + ".ref: no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{Metrics: []metrics.Metric{&psnr.Metric{}}, Threads: 2}
			res, err := Run(context.Background(), Pair{Ref: Input{Path: tc.ref}, Dist: Input{Path: tc.dist}}, cfg)
			if tc.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one starting %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Frames) != 10 || res.Alignment.Scored != 10 || res.Ref.Path != ref || res.Dist.Path != dist {
				t.Fatalf("%d frames, %d scored, inputs %s, %s", len(res.Frames), res.Alignment.Scored, res.Ref.Path, res.Dist.Path)
			}
			for _, f := range res.Frames {
				if v := f.Values[0]; !(v > 20 && v < 60) {
					t.Errorf("frame %d: psnr %v, want a plausible value for a 200 kbit/s encode", f.Num, v)
				}
			}
		})
	}
}
