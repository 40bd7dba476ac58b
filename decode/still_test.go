package decode

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"github.com/fr-metrics/fr-metrics/frame"
)

// TestStillFormats writes small images in several formats and pixel
// layouts and checks that each opens as a one-frame video of the right
// kind and bit depth with the exact samples written (JPEG: size only).
func TestStillFormats(t *testing.T) {
	const w, h = 13, 7 // odd sizes on purpose
	gray := image.NewGray(image.Rect(0, 0, w, h))
	gray16 := image.NewGray16(image.Rect(0, 0, w, h))
	nrgba := image.NewNRGBA(image.Rect(0, 0, w, h))
	rgba64 := image.NewRGBA64(image.Rect(0, 0, w, h))
	pal := color.Palette{color.RGBA{10, 20, 30, 255}, color.RGBA{200, 100, 50, 255}, color.RGBA{0, 255, 7, 255}}
	paletted := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	for y := range h {
		for x := range w {
			v := x*17 + y*29
			gray.SetGray(x, y, color.Gray{uint8(v)})
			gray16.SetGray16(x, y, color.Gray16{uint16(v * 331)})
			nrgba.SetNRGBA(x, y, color.NRGBA{uint8(v), uint8(v * 3), uint8(v * 7), 255})
			rgba64.SetRGBA64(x, y, color.RGBA64{uint16(v * 101), uint16(v * 203), uint16(v * 307), 0xffff})
			paletted.SetColorIndex(x, y, uint8((x+y)%3))
		}
	}
	enc := func(f func(*bytes.Buffer) error) []byte {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	pgm := append([]byte(fmt.Sprintf("P5\n%d %d\n255\n", w, h)), gray.Pix...)
	cases := []struct {
		name  string
		data  []byte
		kind  frame.Kind
		depth int
		want  image.Image // nil: check kind and size only
	}{
		{"gray.png", enc(func(b *bytes.Buffer) error { return png.Encode(b, gray) }), frame.Gray, 8, gray},
		{"gray16.png", enc(func(b *bytes.Buffer) error { return png.Encode(b, gray16) }), frame.Gray, 16, gray16},
		{"rgba.png", enc(func(b *bytes.Buffer) error { return png.Encode(b, nrgba) }), frame.RGB, 8, nrgba},
		{"rgb48.png", enc(func(b *bytes.Buffer) error { return png.Encode(b, rgba64) }), frame.RGB, 16, rgba64},
		{"pal8.png", enc(func(b *bytes.Buffer) error { return png.Encode(b, paletted) }), frame.RGB, 8, paletted},
		{"rgb.bmp", enc(func(b *bytes.Buffer) error { return bmp.Encode(b, nrgba) }), frame.RGB, 8, nrgba},
		{"gray.tiff", enc(func(b *bytes.Buffer) error { return tiff.Encode(b, gray, nil) }), frame.Gray, 8, gray},
		{"rgb.tiff", enc(func(b *bytes.Buffer) error { return tiff.Encode(b, nrgba, nil) }), frame.RGB, 8, nrgba},
		{"gray.pgm", pgm, frame.Gray, 8, gray},
		{"gray.jpg", enc(func(b *bytes.Buffer) error { return jpeg.Encode(b, gray, nil) }), frame.Gray, 8, nil},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name)
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			p, in := decodeOne(t, path, Options{})
			if !in.Still || in.Frames != 1 || p.Kind != c.kind || p.BitDepth != c.depth || in.Kind != c.kind || in.BitDepth != c.depth {
				t.Fatalf("%s (%s → %s): still %v, frames %d, picture %v %d-bit, info %v %d-bit; want %v %d-bit",
					in.Container, in.PixFmt, in.Delivered, in.Still, in.Frames, p.Kind, p.BitDepth, in.Kind, in.BitDepth, c.kind, c.depth)
			}
			if p.Width() != w || p.Height() != h {
				t.Fatalf("size %dx%d, want %dx%d", p.Width(), p.Height(), w, h)
			}
			if c.want == nil {
				return
			}
			shift := uint(16 - c.depth)
			for y := range h {
				for x := range w {
					r, g, b, _ := c.want.At(x, y).RGBA()
					want := []float32{float32(r >> shift), float32(g >> shift), float32(b >> shift)}
					if c.kind == frame.Gray {
						want = want[:1]
					}
					for i, wv := range want {
						if got := p.Planes[i].At(x, y); got != wv {
							t.Fatalf("plane %d (%d,%d) = %v, want %v (%s → %s)", i, x, y, got, wv, in.PixFmt, in.Delivered)
						}
					}
				}
			}
		})
	}
}
