package decode

import (
	"context"
	"encoding/csv"
	"errors"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fr-metrics/fr-metrics/frame"
)

// testdata returns the path of a file under the module's testdata folder.
func testdata(rel ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "testdata"}, rel...)...)
}

// corpusEntry is one file of testdata/corpus with its expected geometry.
type corpusEntry struct {
	rel           string
	width, height int
	pixfmt        string
	depth         int
	frames        int
	fps           float64
	raw           bool
}

// corpusFiles reads testdata/corpus/manifest.csv and returns every
// reference and distorted file once.
func corpusFiles(t testing.TB) []corpusEntry {
	t.Helper()
	f, err := os.Open(testdata("corpus", "manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	atoi := func(r []string, name string) int {
		n, err := strconv.Atoi(r[col[name]])
		if err != nil {
			t.Fatalf("manifest %s: %v", name, err)
		}
		return n
	}
	seen := map[string]bool{}
	var out []corpusEntry
	for _, r := range recs[1:] {
		fps, _ := strconv.ParseFloat(r[col["fps"]], 64)
		for _, key := range []string{"ref", "dist"} {
			rel := r[col[key]]
			if seen[rel] {
				continue
			}
			seen[rel] = true
			out = append(out, corpusEntry{
				rel: rel, width: atoi(r, "width"), height: atoi(r, "height"),
				pixfmt: r[col["pix_fmt"]], depth: atoi(r, "bit_depth"), frames: atoi(r, "frames"),
				fps: fps, raw: strings.HasSuffix(rel, ".yuv"),
			})
		}
	}
	if len(out) == 0 {
		t.Fatal("empty manifest")
	}
	return out
}

// rawOptions returns the options that open a corpus entry.
func (e corpusEntry) options() Options {
	if !e.raw {
		return Options{}
	}
	return Options{Width: e.width, Height: e.height, PixFmt: e.pixfmt, FPS: e.fps}
}

// checkSamples checks that every sample of p is an integer in [0, peak].
func checkSamples(t *testing.T, p *frame.Picture) {
	t.Helper()
	peak := float32(p.Peak())
	for i, pl := range p.Planes {
		for y := range pl.H {
			for x, v := range pl.Row(y) {
				if v < 0 || v > peak || v != float32(math.Trunc(float64(v))) {
					t.Fatalf("frame %d plane %d (%d,%d) = %v: not an integer code value in [0, %v]", p.Index, i, x, y, v, peak)
				}
			}
		}
	}
}

// TestCorpus opens every corpus file and checks its geometry, pixel
// format, bit depth, frame count and samples against manifest.csv.
func TestCorpus(t *testing.T) {
	for _, e := range corpusFiles(t) {
		t.Run(filepath.Base(e.rel), func(t *testing.T) {
			path := testdata("corpus", e.rel)
			s, err := Open(path, e.options())
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			in := s.Info()
			if in.Width != e.width || in.Height != e.height || in.PixFmt != e.pixfmt || in.BitDepth != e.depth || in.Kind != frame.YUV {
				t.Errorf("info %dx%d %s %d-bit %v, manifest says %dx%d %s %d-bit yuv",
					in.Width, in.Height, in.PixFmt, in.BitDepth, in.Kind, e.width, e.height, e.pixfmt, e.depth)
			}
			if in.Frames != e.frames && in.Frames != -1 {
				t.Errorf("info frames %d, manifest says %d", in.Frames, e.frames)
			}
			if (e.raw || strings.HasSuffix(e.rel, ".y4m")) && in.Frames != e.frames {
				t.Errorf("raw/y4m frame count %d, want exactly %d", in.Frames, e.frames)
			}
			if math.Abs(in.FrameRate-e.fps) > 0.01 {
				t.Errorf("frame rate %v, manifest says %v", in.FrameRate, e.fps)
			}
			if in.Still {
				t.Error("a video reported as a still image")
			}
			max255 := false
			n := 0
			for {
				p, err := s.Next(context.Background())
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if p.Index != n {
					t.Errorf("frame %d has Index %d", n, p.Index)
				}
				if len(p.Planes) != 3 || p.Width() != e.width || p.Height() != e.height ||
					p.Planes[1].W != e.width/2 || p.Planes[1].H != e.height/2 || p.Planes[2].W != e.width/2 ||
					p.ChromaShiftX != 1 || p.ChromaShiftY != 1 || p.BitDepth != e.depth || p.PixFmt != e.pixfmt {
					t.Fatalf("frame %d: %d planes %dx%d chroma %dx%d shift %d,%d %d-bit %s", n, len(p.Planes),
						p.Width(), p.Height(), p.Planes[1].W, p.Planes[1].H, p.ChromaShiftX, p.ChromaShiftY, p.BitDepth, p.PixFmt)
				}
				if p.ColorRange != "tv" && !e.raw { // raw video declares nothing
					t.Errorf("frame %d: colour range %q, want tv", n, p.ColorRange)
				}
				if n == 0 || n == e.frames-1 {
					checkSamples(t, p)
				}
				for _, v := range p.Planes[0].Data {
					max255 = max255 || v > 255
				}
				s.Release(p)
				n++
			}
			if n != e.frames {
				t.Errorf("decoded %d frames, manifest says %d", n, e.frames)
			}
			if e.depth > 8 && !max255 {
				t.Errorf("%d-bit video has no luma sample above 255", e.depth)
			}
		})
	}
}

// TestLosslessReference checks that a lossless reference decodes to
// integer limited-range luma with real detail (not a flat or scaled
// picture), the same in every run.
func TestLosslessReference(t *testing.T) {
	path := testdata("corpus", "ref", "forest_1080p.mkv")
	pics := make([][]float32, 2)
	for run := range pics {
		s, err := Open(path, Options{PoolSize: 1, Threads: run + 1})
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.Next(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		checkSamples(t, p)
		y := p.Planes[0]
		lo, hi := float32(255), float32(0)
		for _, v := range y.Data {
			lo, hi = min(lo, v), max(hi, v)
		}
		if lo < 16 || hi > 235 || hi-lo < 100 {
			t.Errorf("luma range [%v, %v]: want limited range content with detail", lo, hi)
		}
		pics[run] = append([]float32(nil), y.Data...)
		s.Close()
	}
	for i := range pics[0] {
		if pics[0][i] != pics[1][i] {
			t.Fatalf("sample %d differs between one and two decoder threads: %v vs %v", i, pics[0][i], pics[1][i])
		}
	}
}

// stdPNG decodes a PNG with the standard library.
func stdPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// decodeOne opens a one-frame file and returns its picture.
func decodeOne(t *testing.T, path string, opt Options) (*frame.Picture, Info) {
	t.Helper()
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Next(context.Background()); err != io.EOF {
		t.Fatalf("second Next: %v, want io.EOF", err)
	}
	return p, s.Info()
}

// decodeOneOf opens path and returns its first picture.
func decodeOneOf(t *testing.T, path string, opt Options) (*frame.Picture, Info) {
	t.Helper()
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return p, s.Info()
}

// TestGoldenImages checks, for the golden images, that gray PNGs decode to
// Gray pictures and RGB PNGs to R, G, B planes equal to the standard
// library's decoding, and that each Y4M's Y plane equals its gray PNG
// exactly (the golden README's contract).
func TestGoldenImages(t *testing.T) {
	dir := testdata("golden", "images")
	grays, err := filepath.Glob(filepath.Join(dir, "*.gray.png"))
	if err != nil || len(grays) == 0 {
		t.Fatal("no golden gray PNGs", err)
	}
	y4ms := 0
	for _, gp := range grays {
		base := strings.TrimSuffix(filepath.Base(gp), ".gray.png")
		t.Run(base, func(t *testing.T) {
			g, gi := decodeOne(t, gp, Options{})
			if g.Kind != frame.Gray || len(g.Planes) != 1 || g.BitDepth != 8 || !gi.Still || gi.Frames != 1 {
				t.Fatalf("gray PNG: kind %v, %d planes, %d-bit, still %v, frames %d", g.Kind, len(g.Planes), g.BitDepth, gi.Still, gi.Frames)
			}
			want := stdPNG(t, gp).(*image.Gray)
			for y := range g.Planes[0].H {
				for x, v := range g.Planes[0].Row(y) {
					if w := float32(want.GrayAt(x, y).Y); v != w {
						t.Fatalf("gray (%d,%d) = %v, stdlib %v", x, y, v, w)
					}
				}
			}

			rp := filepath.Join(dir, base+".rgb.png")
			r, _ := decodeOne(t, rp, Options{})
			if r.Kind != frame.RGB || len(r.Planes) != 3 || r.Width() != g.Width() || r.Height() != g.Height() {
				t.Fatalf("rgb PNG: kind %v, %d planes %dx%d", r.Kind, len(r.Planes), r.Width(), r.Height())
			}
			img := stdPNG(t, rp)
			for y := range r.Height() {
				for x := range r.Width() {
					cr, cg, cb, _ := img.At(x, y).RGBA()
					got := [3]float32{r.Planes[0].At(x, y), r.Planes[1].At(x, y), r.Planes[2].At(x, y)}
					if w := [3]float32{float32(cr >> 8), float32(cg >> 8), float32(cb >> 8)}; got != w {
						t.Fatalf("rgb (%d,%d) = %v, stdlib %v", x, y, got, w)
					}
				}
			}

			yp := filepath.Join(dir, base+".y4m")
			if _, err := os.Stat(yp); err != nil {
				return
			}
			y4ms++
			v, vi := decodeOne(t, yp, Options{})
			if v.Kind != frame.YUV || vi.Frames != 1 || vi.Still || v.PixFmt != "yuv420p" {
				t.Fatalf("y4m: kind %v frames %d still %v %s", v.Kind, vi.Frames, vi.Still, v.PixFmt)
			}
			if v.Width() != g.Width() || v.Height() != g.Height() {
				t.Fatalf("y4m %dx%d, gray PNG %dx%d", v.Width(), v.Height(), g.Width(), g.Height())
			}
			for y := range g.Height() {
				a, b := v.Planes[0].Row(y), g.Planes[0].Row(y)
				for x := range a {
					if a[x] != b[x] {
						t.Fatalf("Y (%d,%d) = %v, gray PNG %v", x, y, a[x], b[x])
					}
				}
			}
		})
	}
	if y4ms == 0 {
		t.Error("no Y4M compared")
	}
}

// TestScale checks that scaling delivers the requested size (chroma at its
// subsampled size) while Info keeps the decoded size, and that unknown
// algorithms and half-given sizes are refused.
func TestScale(t *testing.T) {
	path := testdata("corpus", "dist", "boats_360p__x264_fast_200k.mp4")
	for _, algo := range []string{"", "bilinear", "lanczos", "neighbor", "area"} {
		s, err := Open(path, Options{ScaleW: 322, ScaleH: 180, ScaleAlgo: algo})
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.Next(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		in := s.Info()
		if in.Width != 640 || in.Height != 360 {
			t.Errorf("%s: info %dx%d, want the decoded 640x360", algo, in.Width, in.Height)
		}
		if p.Width() != 322 || p.Height() != 180 || p.Planes[1].W != 161 || p.Planes[1].H != 90 || p.PixFmt != "yuv420p" || p.BitDepth != 8 {
			t.Errorf("%s: picture %dx%d chroma %dx%d %s %d-bit, want 322x180 chroma 161x90 yuv420p 8-bit",
				algo, p.Width(), p.Height(), p.Planes[1].W, p.Planes[1].H, p.PixFmt, p.BitDepth)
		}
		checkSamples(t, p)
		s.Close()
	}
	// 10-bit video keeps its depth through scaling.
	p, _ := decodeOneOf(t, testdata("corpus", "dist", "forest10_360p__vp9_fast_500k.webm"), Options{ScaleW: 320, ScaleH: 180})
	if p.BitDepth != 10 || p.PixFmt != "yuv420p10le" || p.Width() != 320 || p.Height() != 180 {
		t.Errorf("10-bit scaled: %d-bit %s %dx%d", p.BitDepth, p.PixFmt, p.Width(), p.Height())
	}
	checkSamples(t, p)
	over := false
	for _, v := range p.Planes[0].Data {
		over = over || v > 255
	}
	if !over {
		t.Error("10-bit scaled picture has no luma sample above 255")
	}
	// Scaling to the decoded size is no scaling: samples are untouched.
	a, _ := decodeOne(t, testdata("golden", "images", "p01_x264_crf40.y4m"), Options{})
	b, _ := decodeOne(t, testdata("golden", "images", "p01_x264_crf40.y4m"), Options{ScaleW: 1920, ScaleH: 1080})
	for i := range a.Planes[0].Data {
		if a.Planes[0].Data[i] != b.Planes[0].Data[i] {
			t.Fatalf("scaling to the same size changed sample %d", i)
		}
	}
	for _, opt := range []Options{{ScaleW: 100, ScaleAlgo: "bogus", ScaleH: 100}, {ScaleW: 100}, {ScaleW: -1, ScaleH: 5}} {
		if _, err := Open(path, opt); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%+v: error %v, want a refusal naming the file", opt, err)
		}
	}
}

// writeFile creates a file in dir and returns its path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// head returns the first frac of a testdata file.
func head(t *testing.T, rel string, frac float64) []byte {
	t.Helper()
	b, err := os.ReadFile(testdata(rel))
	if err != nil {
		t.Fatal(err)
	}
	return b[:int(float64(len(b))*frac)]
}

// decodeAll opens path and decodes it to the end, returning the number of
// frames and the first error (from Open or Next).
func decodeAll(path string, opt Options) (int, error) { return Count(path, opt) }

// TestBadInput checks that every kind of bad input gives one error naming
// the file and the problem, without panicking or hanging.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	yuv420 := Options{Width: 64, Height: 48, PixFmt: "yuv420p"}
	y4m := head(t, "corpus/ref/boats_360p.y4m", 1)
	y4mHeaderLen := strings.IndexByte(string(y4m[:200]), '\n') + 1
	unreadable := writeFile(t, dir, "secret.mp4", head(t, "corpus/dist/boats_360p__x264_fast_200k.mp4", 1))
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		path  string
		opt   Options
		wants []string // each must appear in the error text
		skip  string
	}{
		{name: "missing", path: filepath.Join(dir, "nope.mp4"), wants: []string{"no such file"}},
		{name: "directory", path: dir, wants: []string{"directory"}},
		{name: "unreadable", path: unreadable, wants: []string{"permission denied"},
			skip: map[bool]string{true: "running as root: file permissions do not apply"}[os.Geteuid() == 0]},
		{name: "empty", path: writeFile(t, dir, "empty.mkv", nil), wants: []string{"empty file"}},
		{name: "text named mp4", path: writeFile(t, dir, "text.mp4", []byte("this is not a video\n")),
			wants: []string{"cannot open", "Invalid data"}},
		{name: "truncated mp4 (index at the end)", path: writeFile(t, dir, "half.mp4", head(t, "corpus/dist/forest_1080p__x264_fast_2000k.mp4", 0.5)),
			wants: []string{"cannot open", "moov atom not found"}},
		{name: "truncated mkv (no whole frame)", path: writeFile(t, dir, "half.mkv", head(t, "corpus/dist/forest_1080p__x265_fast_1000k.mkv", 0.5)),
			wants: []string{"no decodable frames", "File ended prematurely"}},
		{name: "truncated webm (no frame at probing)", path: writeFile(t, dir, "half.webm", head(t, "corpus/dist/boats_360p__vp9_fast_400k.webm", 0.5)),
			wants: []string{"pixel format", "truncated or corrupt"}},
		{name: "truncated ivf", path: writeFile(t, dir, "half.ivf", head(t, "corpus/dist/forest_1080p__svtav1_fast_1000k.ivf", 0.5)),
			wants: []string{"Invalid data"}},
		{name: "truncated y4m", path: writeFile(t, dir, "cut.y4m", y4m[:len(y4m)-1000]),
			wants: []string{"truncated", "frame 9"}},
		{name: "y4m header only", path: writeFile(t, dir, "header.y4m", y4m[:y4mHeaderLen]), wants: []string{"no frames"}},
		{name: "raw without geometry", path: writeFile(t, dir, "a.yuv", make([]byte, 64*48*3/2)), wants: []string{"width, height and pixel format"}},
		{name: "raw unknown pix_fmt", path: writeFile(t, dir, "b.yuv", make([]byte, 64*48*3/2)),
			opt: Options{Width: 64, Height: 48, PixFmt: "yuv420q"}, wants: []string{"unknown pixel format", "yuv420q"}},
		{name: "raw odd 4:2:0", path: writeFile(t, dir, "c.yuv", make([]byte, 65*48*2)),
			opt: Options{Width: 65, Height: 48, PixFmt: "yuv420p"}, wants: []string{"65x48", "multiple of 2"}},
		{name: "raw odd 4:2:2 height is fine, odd width is not", path: writeFile(t, dir, "d.yuv", make([]byte, 63*47*2)),
			opt: Options{Width: 63, Height: 47, PixFmt: "yuv422p"}, wants: []string{"63x47", "width must be a multiple of 2"}},
		{name: "raw size not whole frames", path: writeFile(t, dir, "e.yuv", make([]byte, 64*48*3/2*3+100)),
			opt: yuv420, wants: []string{"not a whole number", "13924 bytes", "4608 bytes", "3 frames and 100 bytes"}},
		{name: "raw smaller than a frame", path: writeFile(t, dir, "f.yuv", make([]byte, 100)),
			opt: yuv420, wants: []string{"not a whole number", "100 bytes"}},
		{name: "unknown forced format", path: writeFile(t, dir, "g.bin", []byte("x")), opt: Options{Format: "nosuchformat"},
			wants: []string{"unknown container format"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.skip != "" {
				t.Skip(c.skip)
			}
			done := make(chan struct{})
			var n int
			var err error
			go func() {
				defer close(done)
				n, err = decodeAll(c.path, c.opt)
			}()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("decoding hung")
			}
			if err == nil {
				t.Fatalf("decoded %d frames without error", n)
			}
			msg := err.Error()
			if !strings.Contains(msg, c.path) {
				t.Errorf("error does not name the file: %v", err)
			}
			for _, w := range c.wants {
				if !strings.Contains(msg, w) {
					t.Errorf("error does not say %q: %v", w, err)
				}
			}
			if strings.Count(msg, "decode: ") != 1 {
				t.Errorf("error is not one message: %v", err)
			}
		})
	}
}

// TestTruncatedPartial cuts streams after a few whole frames: decoding
// must stop after at most the frames present, never hang or panic. A
// decoder error is an error naming the file and the frame; a demuxer that
// ends cleanly (Matroska drops a cut block) ends with io.EOF.
func TestTruncatedPartial(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		path    string
		wantErr string // "" when libav ends cleanly
	}{
		// boats_360p__x264_fast_200k.mp4 remuxed with the index first
		// (-movflags +faststart) and cut at 10500 of its 11127 bytes.
		{path: filepath.Join("testdata", "truncated_faststart.mp4"), wantErr: "decoding frame 3"},
		{path: writeFile(t, dir, "cut90.webm", head(t, "corpus/dist/boats_360p__vp9_fast_400k.webm", 0.90))},
		{path: writeFile(t, dir, "cut97.webm", head(t, "corpus/dist/boats_360p__vp9_fast_400k.webm", 0.97))},
		{path: writeFile(t, dir, "cut99.mkv", head(t, "corpus/dist/forest_1080p__x265_fast_1000k.mkv", 0.995))},
		{path: writeFile(t, dir, "cut97.ivf", head(t, "corpus/dist/forest10_360p__svtav1_fast_300k.ivf", 0.97)), wantErr: "Invalid data"},
	}
	for _, c := range cases {
		n, err := decodeAll(c.path, Options{})
		t.Logf("%s: %d frames, err %v", c.path, n, err)
		if n >= 10 {
			t.Errorf("%s: decoded %d frames from a cut file", c.path, n)
		}
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: %v, want a clean end", c.path, err)
		case c.wantErr != "" && err == nil:
			t.Errorf("%s: no error, want %q", c.path, c.wantErr)
		case err != nil && (!strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: error %q does not name the file and say %q", c.path, err, c.wantErr)
		}
	}
}

// TestLifecycle checks io.EOF after the last frame (repeatedly), that
// Close is idempotent, and that Next after Close is an error.
func TestLifecycle(t *testing.T) {
	s, err := Open(testdata("golden", "images", "coffee_64x64_yuv.y4m"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.Release(p)
	s.Release(p) // a second release is ignored
	s.Release(nil)
	for range 3 {
		if _, err := s.Next(context.Background()); err != io.EOF {
			t.Fatalf("Next after the last frame: %v, want io.EOF", err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := s.Next(context.Background()); err == nil || errors.Is(err, io.EOF) {
		t.Fatalf("Next after Close: %v, want an error", err)
	}
}

// TestPoolBounds checks that Next blocks (until its context ends) when
// PoolSize pictures are out, that a released picture is reused, and that
// steady-state decoding reuses the pool's memory.
func TestPoolBounds(t *testing.T) {
	path := testdata("corpus", "ref", "boats_360p.y4m")
	s, err := Open(path, Options{PoolSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	a, err := s.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if p, err := s.Next(tctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("third Next with 2 pictures out: %v, %v; want context.DeadlineExceeded", p, err)
	}
	if d := time.Since(start); d < 90*time.Millisecond {
		t.Errorf("Next returned after %v without blocking", d)
	}
	// A release from another goroutine unblocks a waiting Next.
	go func() {
		time.Sleep(20 * time.Millisecond)
		s.Release(a)
	}()
	c, err := s.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c != a {
		t.Error("the released picture was not reused")
	}
	if c.Index != 2 {
		t.Errorf("Index %d after a cancelled Next, want 2 (no frame lost)", c.Index)
	}
	s.Release(b)
	s.Release(c)
	allocs := testing.AllocsPerRun(5, func() {
		p, err := s.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s.Release(p)
	})
	// A 640x360 picture is 3 allocations of ~1 MB; the per-frame overhead
	// (libav error values boxed by go-astiav) must stay far below that.
	if allocs > 4 {
		t.Errorf("%v allocations per frame in steady state", allocs)
	}
	t.Logf("%v allocations per frame in steady state", allocs)
}

// TestFrameSizeMatchesLibav checks the pure-Go raw frame sizes against
// libav's own computation for every format in the table.
func TestFrameSizeMatchesLibav(t *testing.T) {
	for name := range rawLayouts {
		for _, be := range []bool{false, true} {
			n := name
			if be {
				var ok bool
				if n, ok = strings.CutSuffix(name, "le"); !ok {
					continue
				}
				n += "be"
			}
			pf := pixFmtByName(n)
			if pf < 0 {
				t.Errorf("%s: unknown to libav", n)
				continue
			}
			for _, wh := range [][2]int{{64, 48}, {1920, 1080}, {4, 4}, {640, 360}} {
				got, err := rawFrameSize(wh[0], wh[1], n)
				if err != nil {
					t.Fatalf("%s %v: %v", n, wh, err)
				}
				want, err := libavFrameSize(wh[0], wh[1], pf)
				if err != nil {
					t.Fatalf("%s %v: libav: %v", n, wh, err)
				}
				if got != want {
					t.Errorf("%s %dx%d: %d bytes, libav says %d", n, wh[0], wh[1], got, want)
				}
			}
		}
	}
}

// TestRawFormats decodes a small raw file of each listed format written
// from a known pattern and checks the delivered kind, depth and a sample.
func TestRawFormats(t *testing.T) {
	dir := t.TempDir()
	const w, h = 16, 8
	cases := []struct {
		pixfmt string
		kind   frame.Kind
		depth  int
		planes int
	}{
		{"gray", frame.Gray, 8, 1},
		{"gray10le", frame.Gray, 10, 1},
		{"gray16be", frame.Gray, 16, 1}, // converted by swscale
		{"yuv420p", frame.YUV, 8, 3},
		{"yuv422p10le", frame.YUV, 10, 3},
		{"yuv444p12le", frame.YUV, 12, 3},
		{"nv12", frame.YUV, 8, 3},
		{"yuyv422", frame.YUV, 8, 3},
		{"p010le", frame.YUV, 10, 3},
		{"rgb24", frame.RGB, 8, 3},
		{"bgra", frame.RGB, 8, 3},
		{"gbrp", frame.RGB, 8, 3},
		{"gbrp10le", frame.RGB, 10, 3},
		{"rgb48le", frame.RGB, 16, 3},
		{"yuv411p", frame.YUV, 8, 3},
	}
	for _, c := range cases {
		t.Run(c.pixfmt, func(t *testing.T) {
			size, err := rawFrameSize(w, h, c.pixfmt)
			if err != nil {
				t.Fatal(err)
			}
			data := make([]byte, size*2)
			for i := range data {
				data[i] = byte(i * 7)
			}
			path := writeFile(t, dir, c.pixfmt+".yuv", data)
			s, err := Open(path, Options{Width: w, Height: h, PixFmt: c.pixfmt})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if in := s.Info(); in.Frames != 2 || in.Kind != c.kind || in.BitDepth != c.depth {
				t.Errorf("info: %d frames, %v, %d-bit; want 2, %v, %d-bit", in.Frames, in.Kind, in.BitDepth, c.kind, c.depth)
			}
			p, err := s.Next(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if p.Kind != c.kind || p.BitDepth != c.depth || len(p.Planes) != c.planes || p.Width() != w || p.Height() != h {
				t.Fatalf("picture %v %d-bit %d planes %dx%d", p.Kind, p.BitDepth, len(p.Planes), p.Width(), p.Height())
			}
			checkSamples(t, p)
			if p.PixFmt != c.pixfmt {
				t.Errorf("PixFmt %q, want %q", p.PixFmt, c.pixfmt)
			}
		})
	}
}

// TestRawSampleLayout checks exact sample values for layouts read
// directly: planar 8-bit, little-endian 16-bit, semi-planar, packed YUV,
// packed RGB and gbrp's plane order.
func TestRawSampleLayout(t *testing.T) {
	dir := t.TempDir()
	const w, h = 4, 2
	type px = [3]float32 // first sample of each plane
	cases := []struct {
		pixfmt string
		data   []byte
		first  px // planes[i] at (0,0)
		second px // planes[i] at (1,0)
	}{
		{"yuv420p", []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, px{1, 9, 11}, px{2, 10, 12}},
		{"yuv420p10le", []byte{0xff, 0x03, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 8, 0, 9, 0, 10, 0}, px{1023, 7, 9}, px{258, 8, 10}},
		{"nv12", []byte{1, 2, 3, 4, 5, 6, 7, 8, 20, 30, 21, 31}, px{1, 20, 30}, px{2, 21, 31}},
		{"yuyv422", []byte{1, 20, 2, 30, 3, 21, 4, 31, 5, 22, 6, 32, 7, 23, 8, 33}, px{1, 20, 30}, px{2, 21, 31}},
		{"bgr24", []byte{3, 2, 1, 6, 5, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, px{1, 2, 3}, px{4, 5, 6}},
		{"gbrp", []byte{2, 5, 0, 0, 0, 0, 0, 0, 3, 6, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0, 0, 0}, px{1, 2, 3}, px{4, 5, 6}},
		{"p010le", []byte{0xc0, 0xff, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0xc0, 0, 0, 1, 0x40, 1}, px{1023, 2, 3}, px{1, 4, 5}},
	}
	for _, c := range cases {
		t.Run(c.pixfmt, func(t *testing.T) {
			if n, err := rawFrameSize(w, h, c.pixfmt); err != nil || n != int64(len(c.data)) {
				t.Fatalf("test data %d bytes, frame is %d (%v)", len(c.data), n, err)
			}
			p, _ := decodeOne(t, writeFile(t, dir, c.pixfmt+".yuv", c.data), Options{Width: w, Height: h, PixFmt: c.pixfmt})
			if got := (px{p.Planes[0].At(0, 0), p.Planes[1].At(0, 0), p.Planes[2].At(0, 0)}); got != c.first {
				t.Errorf("first samples %v, want %v", got, c.first)
			}
			if got := (px{p.Planes[0].At(1, 0), p.Planes[1].At(1, 0), p.Planes[2].At(1, 0)}); got != c.second {
				t.Errorf("second samples %v, want %v", got, c.second)
			}
		})
	}
}

// TestCount checks Count against the manifest for a container, a Y4M and a
// raw file, and that it reports errors.
func TestCount(t *testing.T) {
	for _, e := range corpusFiles(t) {
		if !strings.HasPrefix(e.rel, "dist/boats") {
			continue
		}
		n, err := Count(testdata("corpus", e.rel), e.options())
		if err != nil || n != e.frames {
			t.Errorf("%s: Count = %d, %v; want %d", e.rel, n, err, e.frames)
		}
	}
	if _, err := Count(filepath.Join(t.TempDir(), "missing.mkv"), Options{}); err == nil {
		t.Error("Count of a missing file: no error")
	}
}
