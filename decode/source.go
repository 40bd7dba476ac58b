package decode

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/asticode/go-astiav"

	"github.com/fr-metrics/fr-metrics/frame"
)

// Options says how to open a file. The zero value probes the container and
// delivers frames at their decoded size.
type Options struct {
	// Width and Height give the geometry of raw video; required for
	// headerless .yuv (or any file when Format is "rawvideo").
	Width, Height int
	// PixFmt is the FFmpeg pixel-format name of raw video, e.g.
	// "yuv420p10le"; required for raw input.
	PixFmt string
	// FPS is the frame rate of raw video (default 25).
	FPS float64
	// Format forces a demuxer by its ffmpeg -f name; "" probes the file.
	// A ".yuv" extension implies "rawvideo".
	Format string

	// ScaleW and ScaleH, when ScaleW > 0, scale every decoded frame to
	// ScaleW×ScaleH with swscale, using ScaleAlgo: "bicubic" (default),
	// "bilinear", "fast_bilinear", "lanczos", "spline", "area",
	// "neighbor" (or "point"), "gauss", "sinc", "bicublin".
	ScaleW, ScaleH int
	ScaleAlgo      string

	// Threads is the number of libav decoder threads (frame and slice
	// threading); 0 lets libav choose from the number of cores.
	Threads int
	// PoolSize is the number of pictures in the Source's bounded pool
	// (0 means 4). Next blocks while all of them are handed out.
	PoolSize int
}

// Info describes an opened file.
type Info struct {
	Path      string
	Container string // libav demuxer name, e.g. "matroska,webm"
	Codec     string // libav codec name, e.g. "h264"

	Width, Height int    // as decoded (before scaling)
	PixFmt        string // as decoded, e.g. "yuv420p10le"
	BitDepth      int    // bits per sample of the delivered planes, e.g. 10
	Kind          frame.Kind

	// Delivered is the pixel layout of the delivered planes: PixFmt itself
	// when its samples are read directly, otherwise the format swscale
	// converts to (e.g. "gbrp" for a palette PNG).
	Delivered string

	// Colour metadata as the stream declares it, in FFmpeg's names;
	// "unknown" when unset.
	ColorMatrix, ColorRange, Primaries, Transfer string

	FrameRate float64
	// Frames is the number of frames: exact for raw video, Y4M and still
	// images, the container's count when it has one, else -1.
	Frames int
	// Still is true for a still image (PNG, PGM, BMP, TIFF, JPEG, …) opened
	// as a one-frame video.
	Still bool
}

// Source is an opened input. Next, Info and Close are meant to be called
// from one goroutine; Release may be called from any goroutine.
type Source struct {
	info Info
	opt  Options

	fc     *astiav.FormatContext
	cc     *astiav.CodecContext
	stream int
	pkt    *astiav.Packet
	frm    *astiav.Frame

	// Conversion state, rebuilt only when the decoded format or size
	// changes.
	srcFmt     astiav.PixelFormat
	srcW, srcH int
	srcName    string // FFmpeg name of srcFmt
	direct     *plan  // reads the decoded frame itself, or nil
	conv       *plan  // reads swsFrm, or nil
	sws        *astiav.SoftwareScaleContext
	swsFrm     *astiav.Frame
	swsFlags   astiav.SoftwareScaleContextFlags
	colorVals  [4]int
	colorNames [4]string
	pending    bool // pkt holds a packet the decoder has not taken yet
	primed     bool // frm holds frame 0, decoded by setup; Next hands it out
	demuxDone  bool // the demuxer is drained and the decoder flushed
	done       bool // the decoder returned its last frame
	err        error
	closed     bool
	index      int
	openMark   uint64 // log position when the file was opened

	free     chan *frame.Picture
	mu       sync.Mutex
	out      map[*frame.Picture]bool
	made     int
	poolSize int
}

// scaleAlgos maps ScaleAlgo names to swscale flags.
var scaleAlgos = map[string]astiav.SoftwareScaleContextFlag{
	"":              astiav.SoftwareScaleContextFlagBicubic,
	"bicubic":       astiav.SoftwareScaleContextFlagBicubic,
	"bilinear":      astiav.SoftwareScaleContextFlagBilinear,
	"fast_bilinear": astiav.SoftwareScaleContextFlagFastBilinear,
	"lanczos":       astiav.SoftwareScaleContextFlagLanczos,
	"spline":        astiav.SoftwareScaleContextFlagSpline,
	"area":          astiav.SoftwareScaleContextFlagArea,
	"neighbor":      astiav.SoftwareScaleContextFlagPoint,
	"point":         astiav.SoftwareScaleContextFlagPoint,
	"gauss":         astiav.SoftwareScaleContextFlagGauss,
	"sinc":          astiav.SoftwareScaleContextFlagSinc,
	"bicublin":      astiav.SoftwareScaleContextFlagBicublin,
}

// Open opens path for decoding. Every problem (missing or unreadable file,
// unknown format, bad raw geometry, no video stream, no decoder) is one
// error naming the file.
func Open(path string, opt Options) (*Source, error) {
	setupLog()
	fail := func(format string, a ...any) (*Source, error) {
		return nil, fmt.Errorf("decode: %s: %s", path, fmt.Sprintf(format, a...))
	}
	size, err := checkFile(path)
	if err != nil {
		return fail("%v", err)
	}
	if opt.ScaleW < 0 || opt.ScaleH < 0 || (opt.ScaleW > 0) != (opt.ScaleH > 0) || opt.ScaleW > maxDim || opt.ScaleH > maxDim {
		return fail("invalid scaling size %dx%d (both sides must be 1..%d)", opt.ScaleW, opt.ScaleH, maxDim)
	}
	algo, ok := scaleAlgos[strings.ToLower(opt.ScaleAlgo)]
	if !ok {
		return fail("unknown scaling algorithm %q (known: bicubic, bilinear, fast_bilinear, lanczos, spline, area, neighbor, gauss, sinc, bicublin)", opt.ScaleAlgo)
	}
	if opt.PoolSize < 0 || opt.Threads < 0 {
		return fail("invalid pool size %d or thread count %d", opt.PoolSize, opt.Threads)
	}

	format := opt.Format
	if format == "" && strings.EqualFold(filepath.Ext(path), ".yuv") {
		format = "rawvideo"
	}
	s := &Source{opt: opt, out: map[*frame.Picture]bool{}, srcFmt: astiav.PixelFormatNone}
	s.swsFlags = astiav.NewSoftwareScaleContextFlags(algo, swsExtraFlags)
	s.poolSize = opt.PoolSize
	if s.poolSize == 0 {
		s.poolSize = 4
	}
	s.free = make(chan *frame.Picture, s.poolSize)
	s.info = Info{Path: path, Frames: -1}

	// Geometry we can check in Go before libav sees the file.
	var dict *astiav.Dictionary
	switch {
	case format == "rawvideo":
		if opt.Width <= 0 || opt.Height <= 0 || opt.PixFmt == "" {
			return fail("raw video needs its width, height and pixel format (got %dx%d, pixel format %q)", opt.Width, opt.Height, opt.PixFmt)
		}
		pf := astiav.FindPixelFormatByName(opt.PixFmt)
		if pf == astiav.PixelFormatNone {
			return fail("unknown pixel format %q", opt.PixFmt)
		}
		fsize, err := rawFrameSize(opt.Width, opt.Height, opt.PixFmt)
		if errors.Is(err, errUnknownPixFmt) {
			fsize, err = libavFrameSize(opt.Width, opt.Height, pf)
		}
		if err != nil {
			return fail("raw video: %v", err)
		}
		if size%fsize != 0 {
			return fail("file size %d bytes is not a whole number of raw %dx%d %s frames of %d bytes (%d frames and %d bytes left over)",
				size, opt.Width, opt.Height, opt.PixFmt, fsize, size/fsize, size%fsize)
		}
		fps := opt.FPS
		if fps == 0 {
			fps = 25
		}
		if !(fps > 0 && fps < 1e6) {
			return fail("invalid frame rate %v", opt.FPS)
		}
		s.info.Frames = int(size / fsize)
		s.info.FrameRate = fps
		dict = astiav.NewDictionary()
		defer dict.Free()
		for _, kv := range [][2]string{
			{"video_size", fmt.Sprintf("%dx%d", opt.Width, opt.Height)},
			{"pixel_format", opt.PixFmt},
			{"framerate", strconv.FormatFloat(fps, 'g', -1, 64)},
		} {
			if err := dict.Set(kv[0], kv[1], 0); err != nil {
				return fail("setting raw option %s: %v", kv[0], err)
			}
		}
	case format == "" || format == "yuv4mpegpipe":
		if isY4M(path) || format == "yuv4mpegpipe" {
			f, err := os.Open(path)
			if err != nil {
				return fail("%v", err)
			}
			h, n, err := y4mFrames(f, size)
			f.Close()
			if err != nil {
				return fail("%v", err)
			}
			if n == 0 {
				return fail("no frames: the Y4M file has a header only")
			}
			s.info.Frames = n
			if h.FPSNum > 0 && h.FPSDen > 0 {
				s.info.FrameRate = float64(h.FPSNum) / float64(h.FPSDen)
			}
		}
	}

	var ifmt *astiav.InputFormat
	if format != "" {
		if ifmt = astiav.FindInputFormat(format); ifmt == nil {
			return fail("unknown container format %q", format)
		}
	}
	s.fc = astiav.AllocFormatContext()
	if s.fc == nil {
		return fail("cannot allocate a format context")
	}
	mark := logMark()
	s.openMark = mark
	if err := s.fc.OpenInput(path, ifmt, dict); err != nil {
		err = s.avErr("cannot open", err, mark)
		s.fc.Free() // libav has freed the context; this forgets it
		s.fc = nil
		return nil, err
	}
	if err := s.setup(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// setup finds the video stream and opens its decoder.
//
// Stream information is read with the probing decoders told to skip every
// frame (skip_frame=all): avformat_find_stream_info otherwise decodes the
// packets it reads, up to seven frames of an H.264 stream without
// B-frames, and the first (intra) frame of a short clip can cost as much
// as the rest of it, decoded a second time right after. The demuxer and
// the parsers still give the codec, size, frame rate and, for most codecs,
// the pixel format. When the pixel format is still unknown (H.264), setup
// decodes frame 0 with the real decoder, takes the pixel format and colour
// fields from it, and the first Next hands that frame out. go-astiav
// passes one options dictionary to avformat_find_stream_info, which reads
// one per stream, so frames are skipped only in files of a single stream.
func (s *Source) setup() error {
	mark := logMark()
	var probeOpts *astiav.Dictionary
	if s.fc.NbStreams() == 1 {
		probeOpts = astiav.NewDictionary()
		defer probeOpts.Free()
		if err := probeOpts.Set("skip_frame", "all", 0); err != nil {
			return s.errorf("setting a probing option: %v", err)
		}
	}
	if err := s.fc.FindStreamInfo(probeOpts); err != nil {
		return s.avErr("cannot read stream information", err, mark)
	}
	st := videoStream(s.fc.Streams())
	if st == nil {
		return s.errorf("no video stream")
	}
	s.stream = st.Index()
	cp := st.CodecParameters()
	codec := astiav.FindDecoder(cp.CodecID())
	if codec == nil {
		return s.errorf("no decoder for codec %s", cp.CodecID().Name())
	}
	s.cc = astiav.AllocCodecContext(codec)
	if s.cc == nil {
		return s.errorf("cannot allocate a decoder")
	}
	if err := cp.ToCodecContext(s.cc); err != nil {
		return s.avErr("cannot set up the decoder", err, mark)
	}
	s.cc.SetThreadCount(s.opt.Threads)
	s.cc.SetThreadType(astiav.ThreadTypeFrame | astiav.ThreadTypeSlice)
	if err := s.cc.Open(codec, nil); err != nil {
		return s.avErr("cannot open the "+codec.Name()+" decoder", err, mark)
	}
	s.pkt = astiav.AllocPacket()
	s.frm = astiav.AllocFrame()

	in := &s.info
	in.Container = s.fc.InputFormat().Name()
	in.Codec = codec.Name()
	in.Width, in.Height = cp.Width(), cp.Height()
	if in.Width <= 0 || in.Height <= 0 {
		return s.errorf("the video stream has no size (%dx%d)", in.Width, in.Height)
	}
	pf := cp.PixelFormat()
	colors := [4]int{int(cp.ColorSpace()), int(cp.ColorRange()), int(cp.ColorPrimaries()), int(cp.ColorTransferCharacteristic())}
	if pixDesc(pf) == nil {
		if err := s.decode(context.Background()); err != nil {
			return s.avErr("cannot determine the pixel format of the "+in.Codec+" stream",
				errors.New("no frame could be decoded (truncated or corrupt file?)"), mark)
		}
		s.primed = true
		pf, colors = s.frm.PixelFormat(), colorFields(s.frm)
		if pixDesc(pf) == nil {
			return s.errorf("the first frame of the %s stream has no known pixel format", in.Codec)
		}
	}
	in.PixFmt = pf.Name()
	p, err := s.planFor(pf)
	if err != nil {
		return s.errorf("%v", err)
	}
	in.Kind, in.BitDepth, in.Delivered = p.kind, p.depth, p.name
	in.ColorMatrix = colorName(0, colors[0])
	in.ColorRange = colorName(1, colors[1])
	in.Primaries = colorName(2, colors[2])
	in.Transfer = colorName(3, colors[3])
	if in.FrameRate == 0 {
		if r := st.AvgFrameRate(); r.Num() > 0 && r.Den() > 0 {
			in.FrameRate = r.Float64()
		} else if r := st.RFrameRate(); r.Num() > 0 && r.Den() > 0 {
			in.FrameRate = r.Float64()
		}
	}
	in.Still = in.Container == "image2" || strings.HasSuffix(in.Container, "_pipe")
	switch {
	case in.Still:
		in.Frames = 1
	case in.Frames < 0 && st.NbFrames() > 0:
		in.Frames = int(st.NbFrames())
	}
	return nil
}

// imageCodecs are codecs of still pictures. A file with a video stream
// besides one of these (cover art in mp4 or mkv) is decoded from the video
// stream.
var imageCodecs = map[string]bool{"png": true, "mjpeg": true, "bmp": true, "tiff": true, "webp": true, "gif": true}

// videoStream returns the first video stream that is not a still picture,
// else the first video stream, else nil.
func videoStream(streams []*astiav.Stream) *astiav.Stream {
	var first *astiav.Stream
	for _, x := range streams {
		cp := x.CodecParameters()
		if cp.MediaType() != astiav.MediaTypeVideo {
			continue
		}
		if !imageCodecs[cp.CodecID().Name()] {
			return x
		}
		if first == nil {
			first = x
		}
	}
	return first
}

// planFor returns the plan of the pictures delivered for frames of pf
// (converted or not), without changing the Source's conversion state.
func (s *Source) planFor(pf astiav.PixelFormat) (*plan, error) {
	if p, ok := nativePlan(pf); ok {
		return p, nil
	}
	t, err := convertTarget(pf)
	if err != nil {
		return nil, err
	}
	p, ok := nativePlan(t)
	if !ok {
		return nil, fmt.Errorf("cannot read pixel format %s", t.Name())
	}
	return p, nil
}

// checkFile checks that path is a readable regular file and returns its
// size.
func checkFile(path string) (int64, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0, errors.New("no such file")
	case err != nil:
		return 0, err
	case st.IsDir():
		return 0, errors.New("is a directory, not a video file")
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrPermission) {
		return 0, errors.New("permission denied (the file is not readable)")
	}
	if err != nil {
		return 0, err
	}
	f.Close()
	if st.Mode().IsRegular() && st.Size() == 0 {
		return 0, errors.New("empty file")
	}
	return st.Size(), nil
}

// isY4M reports whether path starts with the YUV4MPEG2 signature.
func isY4M(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, len(y4mMagic))
	n, _ := io.ReadFull(f, b)
	return string(b[:n]) == y4mMagic
}

// errorf returns an error naming the file.
func (s *Source) errorf(format string, a ...any) error {
	return fmt.Errorf("decode: %s: %s", s.info.Path, fmt.Sprintf(format, a...))
}

// avErr wraps a libav error with what was being done and what libav logged
// about this file since mark.
func (s *Source) avErr(what string, err error, mark uint64) error {
	var cs []astiav.Classer
	if s.fc != nil {
		cs = append(cs, s.fc)
	}
	if s.cc != nil {
		cs = append(cs, s.cc)
	}
	msg := ""
	if said := logSince(mark, cs...); said != "" && !strings.Contains(said, err.Error()) {
		msg = " (libav: " + said + ")"
	}
	return fmt.Errorf("decode: %s: %s: %w%s", s.info.Path, what, err, msg)
}

// Info describes the opened file.
func (s *Source) Info() Info { return s.info }

// Next returns the next decoded picture in decode order (Index counts from
// 0) or io.EOF after the last one. Pictures come from the Source's bounded
// pool; give each back with Release when done. When all pooled pictures
// are out, Next blocks until one is released or ctx is done (then it
// returns ctx.Err()). After io.EOF or an error, Next keeps returning it.
func (s *Source) Next(ctx context.Context) (*frame.Picture, error) {
	if s.closed {
		return nil, s.errorf("source is closed")
	}
	if s.err != nil {
		return nil, s.err
	}
	if s.done {
		return nil, io.EOF
	}
	p, err := s.get(ctx)
	if err != nil {
		return nil, err
	}
	if s.primed {
		s.primed = false // setup decoded this frame
	} else if err := s.decode(ctx); err != nil {
		s.put(p)
		if err != io.EOF && ctx.Err() == nil {
			s.err = err
		}
		return nil, err
	}
	err = s.fill(p)
	s.frm.Unref()
	if err != nil {
		s.put(p)
		s.err = err
		return nil, err
	}
	p.Index = s.index
	s.index++
	return p, nil
}

// decode leaves the next decoded frame in s.frm, or returns io.EOF.
func (s *Source) decode(ctx context.Context) error {
	mark := s.openMark
	for {
		err := s.cc.ReceiveFrame(s.frm)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, astiav.ErrEof):
			s.done = true
			if s.index == 0 {
				s.err = s.avErr("no decodable frames", errors.New("the decoder returned no frame (truncated or corrupt file?)"), s.openMark)
				return s.err
			}
			return io.EOF
		case !errors.Is(err, astiav.ErrEagain):
			return s.avErr(fmt.Sprintf("decoding frame %d", s.index), err, mark)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if s.demuxDone {
			// Flushed decoders never ask for more input.
			return s.errorf("decoder wants more data after the end of the stream")
		}
		if !s.pending {
			if err := s.fc.ReadFrame(s.pkt); err != nil {
				if !errors.Is(err, astiav.ErrEof) {
					return s.avErr(fmt.Sprintf("reading after frame %d", s.index), err, mark)
				}
				s.demuxDone = true
				if err := s.cc.SendPacket(nil); err != nil && !errors.Is(err, astiav.ErrEof) {
					return s.avErr("flushing the decoder", err, mark)
				}
				continue
			}
			if s.pkt.StreamIndex() != s.stream {
				s.pkt.Unref()
				continue
			}
		}
		err = s.cc.SendPacket(s.pkt)
		if errors.Is(err, astiav.ErrEagain) {
			s.pending = true // receive first, then send it again
			continue
		}
		s.pending = false
		s.pkt.Unref()
		if err != nil {
			return s.avErr(fmt.Sprintf("decoding frame %d", s.index), err, mark)
		}
	}
}

// fill converts s.frm into p, scaling or converting it first if needed.
func (s *Source) fill(p *frame.Picture) error {
	f := s.frm
	pf, w, h := f.PixelFormat(), f.Width(), f.Height()
	if pf != s.srcFmt || w != s.srcW || h != s.srcH {
		if err := s.reconfigure(pf, w, h); err != nil {
			return err
		}
	}
	pl, src := s.direct, f
	if pl == nil {
		if err := s.sws.ScaleFrame(f, s.swsFrm); err != nil {
			return s.errorf("frame %d: converting %dx%d %s to %s: %v", s.index, w, h, pf.Name(), s.conv.name, err)
		}
		pl, src = s.conv, s.swsFrm
	}
	ow, oh := src.Width(), src.Height()
	p.Kind, p.BitDepth, p.PixFmt = pl.kind, pl.depth, s.srcName
	p.ChromaShiftX, p.ChromaShiftY = pl.chromaX, pl.chromaY
	// A pooled picture keeps its planes while the frames keep their size.
	var sizes [3][2]int
	same := len(p.Planes) == len(pl.comps)
	for i, c := range pl.comps {
		sizes[i] = [2]int{ceilShift(ow, c.shiftX), ceilShift(oh, c.shiftY)}
		same = same && p.Planes[i].W == sizes[i][0] && p.Planes[i].H == sizes[i][1]
	}
	if !same {
		p.Planes = make([]frame.Plane, len(pl.comps))
		allocPlanes(p.Planes, sizes[:len(pl.comps)])
	}
	for i, c := range pl.comps {
		pp := &p.Planes[i]
		// The data plane holding this component has the rows of the
		// component's grid (chroma planes of 4:2:0 have half the rows).
		b, ls := planeBytes(src, c.plane, pp.H)
		if b == nil {
			return s.errorf("frame %d: plane %d of %s is missing", s.index, c.plane, pl.name)
		}
		if err := convertPlane(*pp, b, ls, c); err != nil {
			return s.errorf("frame %d: %v", s.index, err)
		}
	}
	cv := colorFields(f)
	for i := range cv {
		if cv[i] != s.colorVals[i] || s.colorNames[i] == "" {
			s.colorVals[i], s.colorNames[i] = cv[i], colorName(i, cv[i])
		}
	}
	p.ColorMatrix, p.ColorRange, p.Primaries, p.Transfer = s.colorNames[0], s.colorNames[1], s.colorNames[2], s.colorNames[3]
	return nil
}

func ceilShift(v, s int) int { return (v + 1<<s - 1) >> s }

// reconfigure prepares the conversion of w×h frames of pf.
func (s *Source) reconfigure(pf astiav.PixelFormat, w, h int) error {
	s.freeSws()
	s.srcFmt, s.srcW, s.srcH = astiav.PixelFormatNone, 0, 0
	s.direct, s.conv = nil, nil
	s.srcName = pf.Name()
	if w <= 0 || h <= 0 {
		return s.errorf("frame %d has no size (%dx%d)", s.index, w, h)
	}
	p, native := nativePlan(pf)
	scale := s.opt.ScaleW > 0 && (s.opt.ScaleW != w || s.opt.ScaleH != h)
	if native && !scale {
		s.direct = p
		s.srcFmt, s.srcW, s.srcH = pf, w, h
		return nil
	}
	target := pf
	if !native {
		t, err := convertTarget(pf)
		if err != nil {
			return s.errorf("frame %d: %v", s.index, err)
		}
		target = t
		if p, native = nativePlan(t); !native {
			return s.errorf("frame %d: cannot read pixel format %s", s.index, t.Name())
		}
	}
	ow, oh := w, h
	if s.opt.ScaleW > 0 {
		ow, oh = s.opt.ScaleW, s.opt.ScaleH
	}
	sws, err := astiav.CreateSoftwareScaleContext(w, h, pf, ow, oh, target, s.swsFlags)
	if err != nil {
		return s.errorf("frame %d: swscale cannot convert %dx%d %s to %dx%d %s", s.index, w, h, pf.Name(), ow, oh, target.Name())
	}
	s.sws = sws
	s.swsFrm = astiav.AllocFrame()
	s.swsFrm.SetWidth(ow)
	s.swsFrm.SetHeight(oh)
	s.swsFrm.SetPixelFormat(target)
	if err := s.swsFrm.AllocBuffer(0); err != nil {
		s.freeSws()
		return s.errorf("frame %d: allocating a %dx%d %s frame: %v", s.index, ow, oh, target.Name(), err)
	}
	s.conv = p
	s.srcFmt, s.srcW, s.srcH = pf, w, h
	return nil
}

func (s *Source) freeSws() {
	if s.sws != nil {
		s.sws.Free()
		s.sws = nil
	}
	if s.swsFrm != nil {
		s.swsFrm.Free()
		s.swsFrm = nil
	}
}

// get takes a picture from the pool, making one if the pool is not full
// yet, or waits for a Release.
func (s *Source) get(ctx context.Context) (*frame.Picture, error) {
	select {
	case p := <-s.free:
		s.mark(p)
		return p, nil
	default:
	}
	s.mu.Lock()
	if s.made < s.poolSize {
		s.made++
		p := &frame.Picture{}
		s.out[p] = true
		s.mu.Unlock()
		return p, nil
	}
	s.mu.Unlock()
	select {
	case p := <-s.free:
		s.mark(p)
		return p, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *Source) mark(p *frame.Picture) {
	s.mu.Lock()
	s.out[p] = true
	s.mu.Unlock()
}

// put returns a picture to the pool.
func (s *Source) put(p *frame.Picture) {
	s.mu.Lock()
	ok := s.out[p]
	delete(s.out, p)
	s.mu.Unlock()
	if ok {
		s.free <- p // never blocks: at most poolSize pictures exist
	}
}

// Release gives p back to the pool. Releasing nil, or a picture that is
// not out (already released, or from another Source), does nothing.
func (s *Source) Release(p *frame.Picture) {
	if p != nil {
		s.put(p)
	}
}

// Close frees the libav resources. It is idempotent; pictures already
// handed out stay valid Go memory.
func (s *Source) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.freeSws()
	if s.frm != nil {
		s.frm.Free()
		s.frm = nil
	}
	if s.pkt != nil {
		s.pkt.Free()
		s.pkt = nil
	}
	if s.cc != nil {
		s.cc.Free()
		s.cc = nil
	}
	if s.fc != nil {
		s.fc.CloseInput()
		s.fc.Free()
		s.fc = nil
	}
	return nil
}

// Count decodes the whole file and returns its number of frames.
func Count(path string, opt Options) (int, error) {
	if opt.PoolSize == 0 {
		opt.PoolSize = 1
	}
	s, err := Open(path, opt)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	n := 0
	for {
		p, err := s.Next(context.Background())
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
		s.Release(p)
	}
}
