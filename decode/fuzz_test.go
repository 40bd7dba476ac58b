package decode

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzRawFrameSize checks that rawFrameSize never panics, refuses what it
// cannot represent, and returns a size consistent with the layout: at
// least one byte per luma sample and at most 8, and for 4:2:0 exactly
// w·h·3/2 samples.
func FuzzRawFrameSize(f *testing.F) {
	f.Add(640, 360, "yuv420p")
	f.Add(1920, 1080, "yuv420p10le")
	f.Add(641, 360, "yuv420p")
	f.Add(640, 361, "yuv422p")
	f.Add(0, 10, "gray")
	f.Add(-4, 10, "rgb24")
	f.Add(1<<40, 2, "gray16le")
	f.Add(64, 48, "yuv420p10be")
	f.Add(64, 48, "nope")
	f.Add(66, 48, "yuv411p")
	f.Fuzz(func(t *testing.T, w, h int, pixfmt string) {
		n, err := rawFrameSize(w, h, pixfmt)
		if err != nil {
			if n != 0 {
				t.Fatalf("error %v with size %d", err, n)
			}
			return
		}
		if w <= 0 || h <= 0 || w > maxDim || h > maxDim {
			t.Fatalf("accepted %dx%d", w, h)
		}
		px := int64(w) * int64(h)
		if n < px || n > 8*px {
			t.Fatalf("%dx%d %s: %d bytes", w, h, pixfmt, n)
		}
		if strings.HasPrefix(pixfmt, "yuv420p") {
			if w%2 != 0 || h%2 != 0 {
				t.Fatalf("%s accepted odd size %dx%d", pixfmt, w, h)
			}
			bps := int64(1)
			if pixfmt != "yuv420p" {
				bps = 2
			}
			if n != px*3/2*bps {
				t.Fatalf("%dx%d %s: %d bytes, want %d", w, h, pixfmt, n, px*3/2*bps)
			}
		}
	})
}

// FuzzY4M checks that the Y4M header parser and frame walker never panic
// on arbitrary bytes, and that what they accept is consistent: the header
// ends with a newline inside the data, the geometry is valid for its
// pixel format, and the frames fit in the stream.
func FuzzY4M(f *testing.F) {
	f.Add([]byte("YUV4MPEG2 W4 H2 F25:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\nFRAME\n" + strings.Repeat("x", 12)))
	f.Add([]byte("YUV4MPEG2 W2 H2 C444p10 XCOLORRANGE=FULL\nFRAME\n" + strings.Repeat("x", 24) + "FRAME Ixyz\n" + strings.Repeat("y", 24)))
	f.Add([]byte("YUV4MPEG2 W3 H2 C420\nFRAME\n0123456789"))
	f.Add([]byte("YUV4MPEG2 W4 H4 Cmono\nFRAME\n0123456789abcdef"))
	f.Add([]byte("YUV4MPEG2 W4 H2\nFRAME\n012345"))
	f.Add([]byte("YUV4MPEG2 W99999999999999999999 H2\n"))
	f.Add([]byte("YUV4MPEG2W4 H2\n"))
	f.Add([]byte("YUV4MPEG2 W4 H2 Cbogus\n"))
	f.Add([]byte("YUV4MPEG2 W4 H2 F30000:\n"))
	f.Add([]byte("YUV4MPEG2 W4 H2"))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := parseY4MHeader(data)
		if err == nil {
			if h.Len <= 0 || h.Len > len(data) || data[h.Len-1] != '\n' {
				t.Fatalf("header length %d in %d bytes", h.Len, len(data))
			}
			if h.W <= 0 || h.H <= 0 || h.W > maxDim || h.H > maxDim {
				t.Fatalf("accepted size %dx%d", h.W, h.H)
			}
			if _, ok := rawLayout(h.PixFmt); !ok {
				t.Fatalf("header maps to unknown pixel format %q", h.PixFmt)
			}
		}
		h2, n, err := y4mFrames(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		fs, err := rawFrameSize(h2.W, h2.H, h2.PixFmt)
		if err != nil {
			t.Fatalf("frames counted for a size rawFrameSize refuses: %v", err)
		}
		if min := int64(h2.Len) + int64(n)*(int64(len(y4mFrameMagic))+1+fs); min > int64(len(data)) {
			t.Fatalf("%d frames of %d bytes cannot fit in %d bytes", n, fs, len(data))
		}
	})
}
