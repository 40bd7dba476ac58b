package decode

import (
	"context"
	"path/filepath"
	"testing"
)

// TestProbeInfoMatchesFrames checks, on every corpus file, that what Open
// reports without decoding while probing (pixel format, colour fields)
// agrees with the first decoded frame, both for streams whose pixel format
// the parsers give and for H.264, whose first frame Open decodes itself
// and Next then hands out as frame 0.
func TestProbeInfoMatchesFrames(t *testing.T) {
	for _, e := range corpusFiles(t) {
		t.Run(filepath.Base(e.rel), func(t *testing.T) {
			s, err := Open(testdata("corpus", e.rel), e.options())
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			in := s.Info()
			p, err := s.Next(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if p.Index != 0 {
				t.Errorf("first picture has Index %d", p.Index)
			}
			got := [5]string{in.PixFmt, in.ColorMatrix, in.ColorRange, in.Primaries, in.Transfer}
			want := [5]string{p.PixFmt, p.ColorMatrix, p.ColorRange, p.Primaries, p.Transfer}
			if got != want {
				t.Errorf("info pixel format and colours %q, first frame %q", got, want)
			}
		})
	}
}
