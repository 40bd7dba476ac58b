package decode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// This file is the pure-Go geometry of raw and Y4M video: how many bytes a
// frame takes, which sizes a pixel format allows, and what a Y4M header
// says. It never calls libav, so it can be fuzzed and checked before any C
// code sees the file.

// rawPlane is one plane of a raw pixel format: its sample grid is the
// picture size shifted right (rounding up) by shiftX, shiftY, and each grid
// point takes bytes bytes.
type rawPlane struct {
	shiftX, shiftY int
	bytes          int
}

// rawLayouts are the raw pixel formats whose frame size is known here.
// Big-endian twins of the little-endian formats ("yuv420p10be") share
// their layout and are found by rawLayout.
var rawLayouts = map[string][]rawPlane{
	"gray":     planes1(1),
	"gray9le":  planes1(2),
	"gray10le": planes1(2),
	"gray12le": planes1(2),
	"gray14le": planes1(2),
	"gray16le": planes1(2),

	"yuv420p": planes3(1, 1, 1), "yuvj420p": planes3(1, 1, 1),
	"yuv422p": planes3(1, 1, 0), "yuvj422p": planes3(1, 1, 0),
	"yuv444p": planes3(1, 0, 0), "yuvj444p": planes3(1, 0, 0),
	"yuv440p": planes3(1, 0, 1), "yuvj440p": planes3(1, 0, 1),
	"yuv411p": planes3(1, 2, 0), "yuvj411p": planes3(1, 2, 0),
	"yuv410p": planes3(1, 2, 2),

	"yuv420p9le": planes3(2, 1, 1), "yuv420p10le": planes3(2, 1, 1), "yuv420p12le": planes3(2, 1, 1),
	"yuv420p14le": planes3(2, 1, 1), "yuv420p16le": planes3(2, 1, 1),
	"yuv422p9le": planes3(2, 1, 0), "yuv422p10le": planes3(2, 1, 0), "yuv422p12le": planes3(2, 1, 0),
	"yuv422p14le": planes3(2, 1, 0), "yuv422p16le": planes3(2, 1, 0),
	"yuv444p9le": planes3(2, 0, 0), "yuv444p10le": planes3(2, 0, 0), "yuv444p12le": planes3(2, 0, 0),
	"yuv444p14le": planes3(2, 0, 0), "yuv444p16le": planes3(2, 0, 0),
	"yuv440p10le": planes3(2, 0, 1), "yuv440p12le": planes3(2, 0, 1),

	"yuva420p": {{0, 0, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 1}},
	"yuva422p": {{0, 0, 1}, {1, 0, 1}, {1, 0, 1}, {0, 0, 1}},
	"yuva444p": {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}},

	"nv12":   {{0, 0, 1}, {1, 1, 2}},
	"nv21":   {{0, 0, 1}, {1, 1, 2}},
	"nv16":   {{0, 0, 1}, {1, 0, 2}},
	"nv24":   {{0, 0, 1}, {0, 0, 2}},
	"p010le": {{0, 0, 2}, {1, 1, 4}},
	"p016le": {{0, 0, 2}, {1, 1, 4}},

	"yuyv422": {{1, 0, 4}},
	"uyvy422": {{1, 0, 4}},
	"yvyu422": {{1, 0, 4}},

	"rgb24": planes1(3), "bgr24": planes1(3),
	"rgba": planes1(4), "bgra": planes1(4), "argb": planes1(4), "abgr": planes1(4),
	"rgb0": planes1(4), "bgr0": planes1(4), "0rgb": planes1(4), "0bgr": planes1(4),
	"rgb48le": planes1(6), "bgr48le": planes1(6),
	"rgba64le": planes1(8), "bgra64le": planes1(8),

	"gbrp":     planes3(1, 0, 0),
	"gbrp9le":  planes3(2, 0, 0),
	"gbrp10le": planes3(2, 0, 0),
	"gbrp12le": planes3(2, 0, 0),
	"gbrp14le": planes3(2, 0, 0),
	"gbrp16le": planes3(2, 0, 0),
	"gbrap":    {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}},
}

func planes1(bytes int) []rawPlane { return []rawPlane{{0, 0, bytes}} }

func planes3(bytes, sx, sy int) []rawPlane {
	return []rawPlane{{0, 0, bytes}, {sx, sy, bytes}, {sx, sy, bytes}}
}

// rawLayout returns the planes of the named pixel format, or false when the
// format is not in rawLayouts.
func rawLayout(pixfmt string) ([]rawPlane, bool) {
	if l, ok := rawLayouts[pixfmt]; ok {
		return l, true
	}
	if base, ok := strings.CutSuffix(pixfmt, "be"); ok {
		l, ok := rawLayouts[base+"le"]
		return l, ok && l[0].bytes%2 == 0
	}
	return nil, false
}

// errUnknownPixFmt is returned by rawFrameSize for a pixel format it does
// not know.
var errUnknownPixFmt = errors.New("unknown pixel format")

// maxDim bounds raw and Y4M dimensions (libav's own limit is lower for most
// codecs); it keeps every size computation far from overflow.
const maxDim = 1 << 16

// rawFrameSize returns the number of bytes of one w×h frame of the named
// raw pixel format (planes packed with no padding, as ffmpeg writes .yuv
// files). It refuses sizes the format's chroma subsampling cannot represent
// (an odd width or height for 4:2:0, an odd width for 4:2:2, …).
func rawFrameSize(w, h int, pixfmt string) (int64, error) {
	l, ok := rawLayout(pixfmt)
	if !ok {
		return 0, fmt.Errorf("%w %q", errUnknownPixFmt, pixfmt)
	}
	if w <= 0 || h <= 0 || w > maxDim || h > maxDim {
		return 0, fmt.Errorf("invalid size %dx%d (each side must be 1..%d)", w, h, maxDim)
	}
	var size int64
	for _, p := range l {
		if w%(1<<p.shiftX) != 0 || h%(1<<p.shiftY) != 0 {
			return 0, fmt.Errorf("size %dx%d does not fit %s: its chroma is subsampled by %dx%d, so the width must be a multiple of %d and the height a multiple of %d",
				w, h, pixfmt, 1<<p.shiftX, 1<<p.shiftY, 1<<p.shiftX, 1<<p.shiftY)
		}
		size += int64(w>>p.shiftX) * int64(h>>p.shiftY) * int64(p.bytes)
	}
	return size, nil
}

// y4mHeader is what a YUV4MPEG2 stream header declares.
type y4mHeader struct {
	W, H           int
	PixFmt         string // FFmpeg name of the C tag ("yuv420p" when absent)
	FPSNum, FPSDen int    // 0, 0 when absent
	Range          string // "tv", "pc" or "unknown" (XCOLORRANGE)
	Len            int    // header length in bytes, including its newline
}

// y4mMagic starts every Y4M file; y4mFrameMagic starts every frame.
const (
	y4mMagic      = "YUV4MPEG2"
	y4mFrameMagic = "FRAME"
	y4mMaxHeader  = 1024 // longer headers are refused
	y4mMaxFrameHd = 256  // longest FRAME line accepted
)

// y4mColorspaces maps Y4M C tags to FFmpeg pixel formats, in the order
// FFmpeg's demuxer tries them (it matches tags by prefix).
var y4mColorspaces = []struct{ tag, pixfmt string }{
	{"420jpeg", "yuv420p"}, {"420mpeg2", "yuv420p"}, {"420paldv", "yuv420p"},
	{"420p16", "yuv420p16le"}, {"422p16", "yuv422p16le"}, {"444p16", "yuv444p16le"},
	{"420p14", "yuv420p14le"}, {"422p14", "yuv422p14le"}, {"444p14", "yuv444p14le"},
	{"420p12", "yuv420p12le"}, {"422p12", "yuv422p12le"}, {"444p12", "yuv444p12le"},
	{"420p10", "yuv420p10le"}, {"422p10", "yuv422p10le"}, {"444p10", "yuv444p10le"},
	{"420p9", "yuv420p9le"}, {"422p9", "yuv422p9le"}, {"444p9", "yuv444p9le"},
	{"420", "yuv420p"}, {"411", "yuv411p"}, {"422", "yuv422p"},
	{"444alpha", "yuva444p"}, {"444", "yuv444p"},
	{"mono16", "gray16le"}, {"mono12", "gray12le"}, {"mono10", "gray10le"},
	{"mono9", "gray9le"}, {"mono", "gray"},
}

// parseY4MHeader parses the stream header at the start of b (which must
// hold the whole header line).
func parseY4MHeader(b []byte) (y4mHeader, error) {
	h := y4mHeader{PixFmt: "yuv420p", Range: "unknown"}
	if !bytes.HasPrefix(b, []byte(y4mMagic)) {
		return h, errors.New("not a YUV4MPEG2 stream (no YUV4MPEG2 signature)")
	}
	if len(b) > y4mMaxHeader {
		b = b[:y4mMaxHeader]
	}
	end := bytes.IndexByte(b, '\n')
	if end < 0 {
		return h, fmt.Errorf("YUV4MPEG2 header has no end of line within %d bytes", y4mMaxHeader)
	}
	h.Len = end + 1
	line := string(b[len(y4mMagic):end])
	if line != "" && line[0] != ' ' {
		return h, errors.New("not a YUV4MPEG2 stream (bad signature)")
	}
	var err error
	for _, tok := range strings.Fields(line) {
		v := tok[1:]
		switch tok[0] {
		case 'W':
			h.W, err = y4mDim(v)
		case 'H':
			h.H, err = y4mDim(v)
		case 'F':
			h.FPSNum, h.FPSDen, err = y4mRatio(v)
		case 'C':
			h.PixFmt = ""
			for _, c := range y4mColorspaces {
				if strings.HasPrefix(v, c.tag) {
					h.PixFmt = c.pixfmt
					break
				}
			}
			if h.PixFmt == "" {
				err = fmt.Errorf("unknown colour space C%s", v)
			}
		case 'X':
			switch v {
			case "COLORRANGE=FULL":
				h.Range = "pc"
			case "COLORRANGE=LIMITED":
				h.Range = "tv"
			}
		}
		if err != nil {
			return h, fmt.Errorf("YUV4MPEG2 header: %v", err)
		}
	}
	if h.W == 0 || h.H == 0 {
		return h, errors.New("YUV4MPEG2 header lacks the width (W) or height (H)")
	}
	return h, nil
}

func y4mDim(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > maxDim {
		return 0, fmt.Errorf("bad dimension %q (must be 1..%d)", s, maxDim)
	}
	return n, nil
}

func y4mRatio(s string) (num, den int, err error) {
	a, b, ok := strings.Cut(s, ":")
	if ok {
		num, err = strconv.Atoi(a)
		if err == nil {
			den, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || num < 0 || den < 0 {
		return 0, 0, fmt.Errorf("bad frame rate %q", s)
	}
	return num, den, nil
}

// y4mFrames reads the Y4M stream of the given size from r and returns its
// header and its exact number of frames, walking from frame header to frame
// header. A stream whose last frame is cut short is an error that says so.
func y4mFrames(r io.ReaderAt, size int64) (y4mHeader, int, error) {
	buf := make([]byte, y4mMaxHeader)
	n, err := r.ReadAt(buf, 0)
	if n == 0 && err != nil {
		return y4mHeader{}, 0, err
	}
	h, err := parseY4MHeader(buf[:n])
	if err != nil {
		return h, 0, err
	}
	fs, err := rawFrameSize(h.W, h.H, h.PixFmt)
	if err != nil {
		return h, 0, err
	}
	off, frames := int64(h.Len), 0
	for off < size {
		n, err := r.ReadAt(buf[:y4mMaxFrameHd], off)
		if n == 0 && err != nil {
			return h, frames, err
		}
		line := buf[:n]
		if !bytes.HasPrefix(line, []byte(y4mFrameMagic)) {
			return h, frames, fmt.Errorf("frame %d: no FRAME header at byte %d", frames, off)
		}
		end := bytes.IndexByte(line, '\n')
		if end < 0 {
			return h, frames, fmt.Errorf("frame %d: FRAME header at byte %d has no end of line", frames, off)
		}
		data := off + int64(end) + 1
		if left := size - data; left < fs {
			return h, frames, fmt.Errorf("truncated: frame %d has %d of its %d bytes (%dx%d %s)", frames, max(left, 0), fs, h.W, h.H, h.PixFmt)
		}
		off = data + fs
		frames++
	}
	return h, frames, nil
}
