package goldentest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
)

// LoadYUV reads the first frame of an 8-bit Y4M golden file (path relative
// to Dir()) as a YUV picture with its three planes. The chroma layout comes
// from the C tag (420jpeg, 420, 420mpeg2, 420paldv, 422, 444; default 420)
// and the range from XCOLORRANGE (LIMITED → "tv", FULL → "pc", default
// "tv"). Y4M does not record a colour matrix; the golden files are BT.709,
// so the picture says "bt709".
func LoadYUV(t testing.TB, rel string) *frame.Picture {
	t.Helper()
	p, err := loadY4M(filepath.Join(Dir(), rel))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return p
}

func loadY4M(path string) (*frame.Picture, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 || !bytes.HasPrefix(data, []byte("YUV4MPEG2 ")) {
		return nil, fmt.Errorf("not a Y4M file")
	}
	w, h := 0, 0
	sx, sy := 1, 1
	rng := "tv"
	for _, tok := range strings.Fields(string(data[:nl]))[1:] {
		switch tok[0] {
		case 'W':
			w, _ = strconv.Atoi(tok[1:])
		case 'H':
			h, _ = strconv.Atoi(tok[1:])
		case 'C':
			switch c := tok[1:]; c {
			case "420jpeg", "420", "420mpeg2", "420paldv":
				sx, sy = 1, 1
			case "422":
				sx, sy = 1, 0
			case "444":
				sx, sy = 0, 0
			default:
				return nil, fmt.Errorf("unsupported Y4M colour space %q", c)
			}
		case 'X':
			switch tok {
			case "XCOLORRANGE=FULL":
				rng = "pc"
			case "XCOLORRANGE=LIMITED":
				rng = "tv"
			}
		}
	}
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("bad Y4M size %dx%d", w, h)
	}
	rest := data[nl+1:]
	fnl := bytes.IndexByte(rest, '\n')
	if fnl < 0 || !bytes.HasPrefix(rest, []byte("FRAME")) {
		return nil, fmt.Errorf("no FRAME header")
	}
	buf := rest[fnl+1:]
	cw, ch := (w+(1<<sx)-1)>>sx, (h+(1<<sy)-1)>>sy
	if len(buf) < w*h+2*cw*ch {
		return nil, fmt.Errorf("short frame: %d bytes, want %d", len(buf), w*h+2*cw*ch)
	}
	planes := []frame.Plane{frame.NewPlane(w, h), frame.NewPlane(cw, ch), frame.NewPlane(cw, ch)}
	for _, p := range planes {
		for r := 0; r < p.H; r++ {
			row := p.Row(r)
			for c := range row {
				row[c] = float32(buf[r*p.W+c])
			}
		}
		buf = buf[p.W*p.H:]
	}
	pixFmt := map[[2]int]string{{1, 1}: "yuv420p", {1, 0}: "yuv422p", {0, 0}: "yuv444p"}[[2]int{sx, sy}]
	return &frame.Picture{
		Kind: frame.YUV, Planes: planes, BitDepth: 8, PixFmt: pixFmt,
		ChromaShiftX: sx, ChromaShiftY: sy, ColorMatrix: "bt709", ColorRange: rng,
	}, nil
}
