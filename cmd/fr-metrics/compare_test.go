package main

import (
	"testing"

	"github.com/fr-metrics/fr-metrics/decode"
)

func TestGuessRaw(t *testing.T) {
	tests := []struct {
		path     string
		given    decode.Options // what the command line set
		want     decode.Options
		wantNote bool
	}{
		{"a/clip__x265.decoded_640x360_yuv420p_25fps.yuv", decode.Options{}, decode.Options{Width: 640, Height: 360, PixFmt: "yuv420p", FPS: 25}, true},
		{"foo_1920x1080_yuv420p10le.yuv", decode.Options{}, decode.Options{Width: 1920, Height: 1080, PixFmt: "yuv420p10le"}, true},
		{"foo-3840x2160-29.97fps.yuv", decode.Options{}, decode.Options{Width: 3840, Height: 2160, PixFmt: "yuv420p", FPS: 29.97}, true},
		// The command line wins over the name.
		{"foo_1920x1080_yuv420p10le_50fps.yuv", decode.Options{Width: 1280, Height: 720, PixFmt: "yuv444p", FPS: 30},
			decode.Options{Width: 1280, Height: 720, PixFmt: "yuv444p", FPS: 30}, false},
		// Nothing in the name: yuv420p by default (ffmpeg's), no size.
		{"plain.yuv", decode.Options{}, decode.Options{PixFmt: "yuv420p"}, false},
	}
	for _, tc := range tests {
		opt := tc.given
		note := guessRaw(tc.path, &opt, tc.given.Width == 0, tc.given.PixFmt == "", tc.given.FPS == 0)
		if opt != tc.want || (note != "") != tc.wantNote {
			t.Errorf("guessRaw(%s) = %+v, note %q; want %+v, note %v", tc.path, opt, note, tc.want, tc.wantNote)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w, h int
		ok   bool
	}{{"640x360", 640, 360, true}, {"1920X1080", 1920, 1080, true}, {"640", 0, 0, false}, {"0x10", 0, 0, false}, {"ax360", 0, 0, false}, {"-2x4", 0, 0, false}} {
		w, h, err := parseSize(tc.in)
		if (err == nil) != tc.ok || w != tc.w || h != tc.h {
			t.Errorf("parseSize(%q) = %d, %d, %v", tc.in, w, h, err)
		}
	}
}
