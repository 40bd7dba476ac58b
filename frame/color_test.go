package frame_test

import (
	"math"
	"strings"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/internal/goldentest"
	"github.com/fr-metrics/fr-metrics/simd"
)

// TestToRGBGolden converts every golden codec picture (8-bit 4:2:0 Y4M,
// BT.709 limited range) to RGB and requires the exact samples of its
// .rgb.png, which were made the same way (pixel-repeated chroma, rounded).
func TestToRGBGolden(t *testing.T) {
	for l := simd.Generic; l <= simd.Best(); l++ {
		t.Run("impl="+l.String(), func(t *testing.T) {
			defer simd.SetLevel(l)()
			testToRGBGolden(t)
		})
	}
}

func testToRGBGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range goldentest.Rows(t) {
		for _, f := range []string{r.RefFile, r.DistFile} {
			if r.Input != "yuv" || seen[f] || !strings.HasSuffix(f, ".y4m") {
				continue
			}
			seen[f] = true
			t.Run(f, func(t *testing.T) {
				src := goldentest.LoadYUV(t, f)
				want := goldentest.Load(t, strings.TrimSuffix(f, ".y4m")+".rgb.png")
				dst := frame.NewRGBLike(src)
				if err := frame.ToRGB(dst, src); err != nil {
					t.Fatal(err)
				}
				if n, d := diff(dst, want); n > 0 {
					t.Errorf("%d samples differ, max |diff| %g", n, d)
				}
			})
		}
	}
	if len(seen) < 5 {
		t.Fatalf("only %d Y4M files in golden.csv", len(seen))
	}
}

// TestToRGBGuessedMatrix checks that an HD picture without a declared
// matrix is converted as BT.709 and an SD one as BT.601.
func TestToRGBGuessedMatrix(t *testing.T) {
	for _, tc := range []struct {
		w, h int
		want frame.Matrix
	}{
		{1920, 1080, frame.BT709},
		{1280, 720, frame.BT709},
		{720, 576, frame.BT601},
		{640, 360, frame.BT601},
	} {
		for _, name := range []string{"", "unknown", "unspecified"} {
			if m, guessed := frame.MatrixFor(name, tc.w, tc.h); m != tc.want || !guessed {
				t.Errorf("MatrixFor(%q, %d, %d) = %v, %v; want %v, true", name, tc.w, tc.h, m, guessed, tc.want)
			}
		}
	}
	src := goldentest.LoadYUV(t, "images/garden_1920x1080_yuv.y4m")
	want := goldentest.Load(t, "images/garden_1920x1080_yuv.rgb.png")
	src.ColorMatrix = "unknown"
	dst := frame.NewRGBLike(src)
	if err := frame.ToRGB(dst, src); err != nil {
		t.Fatal(err)
	}
	if n, d := diff(dst, want); n > 0 {
		t.Errorf("unknown matrix at 1080p: %d samples differ from BT.709, max %g", n, d)
	}
}

// TestToRGBValues checks single pixels against hand-computed values for
// each matrix and range, at 8 and 10 bits, including clipping.
func TestToRGBValues(t *testing.T) {
	for _, tc := range []struct {
		name          string
		bits          int
		matrix, rng   string
		y, cb, cr     float32
		wr, wg, wb    float32
		shiftX, shift int
	}{
		{"709 tv black", 8, "bt709", "tv", 16, 128, 128, 0, 0, 0, 1, 1},
		{"709 tv white", 8, "bt709", "tv", 235, 128, 128, 255, 255, 255, 1, 1},
		{"709 tv superwhite clips", 8, "bt709", "tv", 250, 128, 128, 255, 255, 255, 1, 1},
		{"709 tv red", 8, "bt709", "tv", 63, 102, 240, 255, 0, 0, 0, 0},
		{"601 tv red", 8, "bt470bg", "tv", 81, 90, 240, 255, 0, 0, 1, 0},
		{"601 pc gray", 8, "smpte170m", "pc", 100, 128, 128, 100, 100, 100, 1, 1},
		{"709 tv 10-bit white", 10, "bt709", "tv", 940, 512, 512, 1023, 1023, 1023, 1, 1},
		{"709 tv 10-bit mid", 10, "bt709", "tv", 502, 512, 512, 512, 512, 512, 1, 1},
		{"2020 tv 10-bit black", 10, "bt2020nc", "tv", 64, 512, 512, 0, 0, 0, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, h := 4, 2
			src := &frame.Picture{Kind: frame.YUV, BitDepth: tc.bits, ColorMatrix: tc.matrix, ColorRange: tc.rng,
				ChromaShiftX: tc.shiftX, ChromaShiftY: tc.shift,
				Planes: []frame.Plane{frame.NewPlane(w, h), frame.NewPlane(w>>tc.shiftX, h>>tc.shift), frame.NewPlane(w>>tc.shiftX, h>>tc.shift)}}
			fill(src.Planes[0], tc.y)
			fill(src.Planes[1], tc.cb)
			fill(src.Planes[2], tc.cr)
			dst := frame.NewRGBLike(src)
			if err := frame.ToRGB(dst, src); err != nil {
				t.Fatal(err)
			}
			for i, want := range []float32{tc.wr, tc.wg, tc.wb} {
				for _, v := range dst.Planes[i].Data[:w] {
					if math.Abs(float64(v-want)) > 1 {
						t.Errorf("plane %d = %g, want %g (±1)", i, v, want)
					}
				}
			}
		})
	}
}

// TestToRGBChromaReplication checks that a 4:2:0 chroma sample covers the
// 2×2 luma pixels under it and no others, also at odd sizes.
func TestToRGBChromaReplication(t *testing.T) {
	w, h := 5, 3
	src := &frame.Picture{Kind: frame.YUV, BitDepth: 8, ColorMatrix: "bt709", ColorRange: "pc", ChromaShiftX: 1, ChromaShiftY: 1,
		Planes: []frame.Plane{frame.NewPlane(w, h), frame.NewPlane(3, 2), frame.NewPlane(3, 2)}}
	fill(src.Planes[0], 128)
	fill(src.Planes[1], 128)
	fill(src.Planes[2], 128)
	for y := 0; y < 2; y++ {
		for x := 0; x < 3; x++ {
			src.Planes[2].Data[y*src.Planes[2].Stride+x] = float32(128 + 10*(y*3+x))
		}
	}
	dst := frame.NewRGBLike(src)
	if err := frame.ToRGB(dst, src); err != nil {
		t.Fatal(err)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			want := dst.Planes[0].At(x&^1, y&^1)
			if got := dst.Planes[0].At(x, y); got != want {
				t.Errorf("R(%d,%d) = %g, want %g as at (%d,%d)", x, y, got, want, x&^1, y&^1)
			}
		}
	}
	if dst.Planes[0].At(0, 0) == dst.Planes[0].At(2, 0) || dst.Planes[0].At(0, 0) == dst.Planes[0].At(0, 2) {
		t.Errorf("neighbouring chroma samples were not distinguished")
	}
}

func TestToRGBErrors(t *testing.T) {
	src := &frame.Picture{Kind: frame.YUV, BitDepth: 8, ChromaShiftX: 1, ChromaShiftY: 1,
		Planes: []frame.Plane{frame.NewPlane(8, 8), frame.NewPlane(4, 4), frame.NewPlane(4, 4)}}
	if err := frame.ToRGB(&frame.Picture{Kind: frame.RGB, Planes: []frame.Plane{frame.NewPlane(4, 4), frame.NewPlane(4, 4), frame.NewPlane(4, 4)}}, src); err == nil {
		t.Error("wrong-size destination accepted")
	}
	if err := frame.ToRGB(&frame.Picture{Kind: frame.Gray, Planes: []frame.Plane{frame.NewPlane(8, 8)}}, src); err == nil {
		t.Error("gray destination accepted")
	}
	src.Planes[1] = frame.NewPlane(3, 3)
	if err := frame.ToRGB(frame.NewRGBLike(src), src); err == nil {
		t.Error("short chroma plane accepted")
	}
}

func fill(p frame.Plane, v float32) {
	for i := range p.Data {
		p.Data[i] = v
	}
}

// diff counts the samples of a and b that differ and returns the largest
// difference.
func diff(a, b *frame.Picture) (n int, maxd float64) {
	for i := range a.Planes {
		for y := 0; y < a.Height(); y++ {
			ra, rb := a.Planes[i].Row(y), b.Planes[i].Row(y)
			for x := range ra {
				if d := math.Abs(float64(ra[x] - rb[x])); d > 0 {
					n++
					maxd = max(maxd, d)
				}
			}
		}
	}
	return n, maxd
}

// BenchmarkToRGB converts a 1080p 8-bit 4:2:0 frame (the golden garden
// picture) to RGB.
func BenchmarkToRGB(b *testing.B) {
	src := goldentest.LoadYUV(b, "images/garden_1920x1080_yuv.y4m")
	dst := frame.NewRGBLike(src)
	b.Run("res=1080p", func(b *testing.B) {
		b.SetBytes(int64(src.Width() * src.Height() * 3 / 2))
		b.ReportAllocs()
		cpu0 := goldentest.CPUTime()
		for b.Loop() {
			if err := frame.ToRGB(dst, src); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(goldentest.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}
