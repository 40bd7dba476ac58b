package decode

//#cgo pkg-config: libavutil libavcodec libavformat libswscale
//#include <libavutil/frame.h>
//#include <libavutil/pixdesc.h>
//#include <libavutil/imgutils.h>
//#include <libswscale/swscale.h>
//#cgo CFLAGS: -O3
/*
#include <stdint.h>
#include <stddef.h>
#include <string.h>

// The two hot conversions, integer samples to float32, one call per plane.
// gcc and clang vectorise these loops; on x86-64 Linux an AVX2 clone is
// chosen at load time when the CPU has it.
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__)
#define FR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define FR_CLONES
#endif

FR_CLONES static void fr_row_u8(float *restrict dst, const uint8_t *restrict src, ptrdiff_t n) {
	for (ptrdiff_t i = 0; i < n; i++) dst[i] = (float)src[i];
}

FR_CLONES static void fr_row_u16(float *restrict dst, const uint8_t *restrict src, ptrdiff_t n, uint16_t mask) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (ptrdiff_t i = 0; i < n; i++) {
		uint16_t v;
		memcpy(&v, src + 2*i, 2);
		dst[i] = (float)(v & mask);
	}
#else
	for (ptrdiff_t i = 0; i < n; i++) dst[i] = (float)((uint16_t)(src[2*i] | src[2*i+1] << 8) & mask);
#endif
}

static void fr_plane_u8(float *dst, ptrdiff_t stride, const uint8_t *src, ptrdiff_t ls, ptrdiff_t w, ptrdiff_t h) {
	for (ptrdiff_t y = 0; y < h; y++) fr_row_u8(dst + y*stride, src + y*ls, w);
}

static void fr_plane_u16(float *dst, ptrdiff_t stride, const uint8_t *src, ptrdiff_t ls, ptrdiff_t w, ptrdiff_t h, uint16_t mask) {
	for (ptrdiff_t y = 0; y < h; y++) fr_row_u16(dst + y*stride, src + y*ls, w, mask);
}
*/
import "C"

import (
	"fmt"
	"strings"
	"unsafe"

	"github.com/asticode/go-astiav"

	"github.com/fr-metrics/fr-metrics/frame"
)

// This file holds the little C access go-astiav v0.16.0 does not offer
// without copying: the pixel-format descriptor and the AVFrame's data
// pointers and colour fields (go-astiav's FrameData.Bytes and ToImage copy
// or allocate per call, which the per-frame path must not do), and the two
// hot sample conversions. Those are C because the Go compiler does not
// vectorise loops: converting a 1080p 4:2:0 frame took 2–5 ms in the best
// Go loop and about 0.7 ms in vectorised C on the development machine, and
// PSNR must stay decode-bound. One cgo call converts a whole plane.

// compPlan says where one delivered plane's samples are in a libav frame:
// the sample of column x, row y (on the plane's own, possibly subsampled,
// grid) is the little-endian word of size bytes at byte
// data[plane] + y*linesize[plane] + offset + x*step, shifted right by
// shift and masked to depth bits.
type compPlan struct {
	plane          int
	offset, step   int
	size           int // 1 or 2 bytes
	shift          uint
	mask           uint32
	shiftX, shiftY int // log2 subsampling of this plane
}

// plan is how the frames of one pixel format become a frame.Picture.
type plan struct {
	pixfmt  astiav.PixelFormat
	name    string
	kind    frame.Kind
	depth   int
	chromaX int
	chromaY int
	comps   []compPlan // 1 (gray) or 3 (Y, Cb, Cr or R, G, B)
}

// pixDesc returns libav's descriptor of pf, or nil.
func pixDesc(pf astiav.PixelFormat) *C.AVPixFmtDescriptor {
	if pf < 0 {
		return nil
	}
	return C.av_pix_fmt_desc_get(C.enum_AVPixelFormat(pf))
}

// nativePlan returns the plan that reads pf's samples directly, or false
// when pf must first be converted by swscale (palette, big-endian,
// bit-packed, float, Bayer, XYZ or hardware formats, mixed or odd depths).
func nativePlan(pf astiav.PixelFormat) (*plan, bool) {
	d := pixDesc(pf)
	if d == nil {
		return nil, false
	}
	const bad = C.AV_PIX_FMT_FLAG_BE | C.AV_PIX_FMT_FLAG_PAL | C.AV_PIX_FMT_FLAG_BITSTREAM |
		C.AV_PIX_FMT_FLAG_HWACCEL | C.AV_PIX_FMT_FLAG_BAYER | C.AV_PIX_FMT_FLAG_FLOAT
	name := C.GoString(d.name)
	if uint64(d.flags)&bad != 0 || strings.HasPrefix(name, "xyz") || d.nb_components == 0 {
		return nil, false
	}
	p := &plan{pixfmt: pf, name: name}
	n := 3
	switch {
	case uint64(d.flags)&C.AV_PIX_FMT_FLAG_RGB != 0:
		if d.nb_components < 3 {
			return nil, false
		}
		p.kind = frame.RGB
	case d.nb_components <= 2:
		p.kind, n = frame.Gray, 1
	default:
		p.kind = frame.YUV
		p.chromaX, p.chromaY = int(d.log2_chroma_w), int(d.log2_chroma_h)
	}
	p.depth = int(d.comp[0].depth)
	if p.depth < 8 || p.depth > 16 {
		return nil, false
	}
	for i := range n {
		c := d.comp[i]
		if int(c.depth) != p.depth || int(c.shift)+p.depth > 16 || c.step <= 0 || c.offset < 0 {
			return nil, false
		}
		cp := compPlan{
			plane: int(c.plane), offset: int(c.offset), step: int(c.step),
			size: 1, shift: uint(c.shift), mask: 1<<uint(p.depth) - 1,
		}
		if int(c.shift)+p.depth > 8 {
			cp.size = 2
		}
		if p.kind == frame.YUV && i > 0 {
			cp.shiftX, cp.shiftY = p.chromaX, p.chromaY
		}
		p.comps = append(p.comps, cp)
	}
	return p, true
}

// convertTarget returns the pixel format swscale converts pf to when pf
// cannot be read directly: the nearest of gray, gray10le/12le/16le,
// yuv420p/422p/444p (+10le/12le/16le), rgb24 and gbrp10le/12le/16le.
func convertTarget(pf astiav.PixelFormat) (astiav.PixelFormat, error) {
	d := pixDesc(pf)
	if d == nil {
		return astiav.PixelFormatNone, fmt.Errorf("unknown pixel format %d", int(pf))
	}
	flags := uint64(d.flags)
	name := C.GoString(d.name)
	if flags&C.AV_PIX_FMT_FLAG_HWACCEL != 0 {
		return astiav.PixelFormatNone, fmt.Errorf("hardware pixel format %s is not supported", name)
	}
	depth := 0
	for i := range int(d.nb_components) {
		depth = max(depth, int(d.comp[i].depth))
	}
	suffix := ""
	switch {
	case flags&C.AV_PIX_FMT_FLAG_FLOAT != 0 || depth > 12:
		suffix = "16le"
	case depth > 10:
		suffix = "12le"
	case depth > 8:
		suffix = "10le"
	}
	var target string
	switch {
	case flags&(C.AV_PIX_FMT_FLAG_RGB|C.AV_PIX_FMT_FLAG_PAL|C.AV_PIX_FMT_FLAG_BAYER) != 0 || strings.HasPrefix(name, "xyz"):
		// 8-bit RGB goes to packed rgb24: swscale's palette and packed
		// RGB paths to it are exact, while its path to gbrp is not for
		// pal8 (it passes through YUV).
		target = "gbrp" + suffix
		if suffix == "" {
			target = "rgb24"
		}
	case d.nb_components <= 2:
		target = "gray" + suffix
		if suffix == "" {
			target = "gray"
		}
	default:
		sub := "444"
		switch {
		case d.log2_chroma_w == 1 && d.log2_chroma_h == 1:
			sub = "420"
		case d.log2_chroma_w == 1 && d.log2_chroma_h == 0:
			sub = "422"
		}
		target = "yuv" + sub + "p" + suffix
	}
	t := astiav.FindPixelFormatByName(target)
	if t == astiav.PixelFormatNone {
		return t, fmt.Errorf("no conversion target for pixel format %s", name)
	}
	return t, nil
}

// libavFrameSize returns the bytes of one w×h frame of pf packed with no
// padding (libav's av_image_get_buffer_size with alignment 1), and checks
// that the size fits the format's chroma subsampling.
func libavFrameSize(w, h int, pf astiav.PixelFormat) (int64, error) {
	d := pixDesc(pf)
	if d == nil {
		return 0, fmt.Errorf("unknown pixel format %d", int(pf))
	}
	if w <= 0 || h <= 0 || w > maxDim || h > maxDim {
		return 0, fmt.Errorf("invalid size %dx%d (each side must be 1..%d)", w, h, maxDim)
	}
	sx, sy := 1<<int(d.log2_chroma_w), 1<<int(d.log2_chroma_h)
	if w%sx != 0 || h%sy != 0 {
		return 0, fmt.Errorf("size %dx%d does not fit %s: its chroma is subsampled by %dx%d, so the width must be a multiple of %d and the height a multiple of %d",
			w, h, C.GoString(d.name), sx, sy, sx, sy)
	}
	n := C.av_image_get_buffer_size(C.enum_AVPixelFormat(pf), C.int(w), C.int(h), 1)
	if n < 0 {
		return 0, fmt.Errorf("pixel format %s cannot hold %dx%d: %v", C.GoString(d.name), w, h, astiav.Error(n))
	}
	return int64(n), nil
}

// avFrame returns the C frame behind f.
func avFrame(f *astiav.Frame) *C.AVFrame { return (*C.AVFrame)(f.UnsafePointer()) }

// planeBytes returns plane i of f as a Go slice over libav's buffer and its
// linesize. The slice covers exactly linesize × rows bytes, rows being the
// number of rows of that plane; it is valid until f is unreferenced. It
// returns nil if the plane is missing or its linesize is not positive.
func planeBytes(f *astiav.Frame, i, rows int) ([]byte, int) {
	cf := avFrame(f)
	if i < 0 || i >= C.AV_NUM_DATA_POINTERS || cf.data[i] == nil || cf.linesize[i] <= 0 || rows <= 0 {
		return nil, 0
	}
	ls := int(cf.linesize[i])
	return unsafe.Slice((*byte)(unsafe.Pointer(cf.data[i])), ls*rows), ls
}

// colorFields returns the colour fields of f as libav enum values:
// matrix (colorspace), range, primaries, transfer.
func colorFields(f *astiav.Frame) [4]int {
	cf := avFrame(f)
	return [4]int{int(cf.colorspace), int(cf.color_range), int(cf.color_primaries), int(cf.color_trc)}
}

// colorName returns FFmpeg's name of a colour enum value; which is 0 for
// the matrix, 1 range, 2 primaries, 3 transfer. Unset and unnamed values
// are "unknown".
func colorName(which, v int) string {
	var s *C.char
	switch which {
	case 0:
		s = C.av_color_space_name(C.enum_AVColorSpace(v))
	case 1:
		s = C.av_color_range_name(C.enum_AVColorRange(v))
	case 2:
		s = C.av_color_primaries_name(C.enum_AVColorPrimaries(v))
	case 3:
		s = C.av_color_transfer_name(C.enum_AVColorTransferCharacteristic(v))
	}
	if s == nil {
		return "unknown"
	}
	return C.GoString(s)
}

// swsExtraFlags are added to the user's scaling algorithm: accurate
// rounding and full chroma interpolation, so that format conversions are as
// exact as swscale can make them.
const swsExtraFlags = astiav.SoftwareScaleContextFlag(C.SWS_ACCURATE_RND | C.SWS_FULL_CHR_H_INT | C.SWS_FULL_CHR_H_INP)

// planeU8 converts h rows of w 8-bit samples, row y of src starting at
// byte y*ls, into dst (row y at dst.Data[y*dst.Stride]). The caller has
// checked the bounds: w ≤ dst.W, h ≤ dst.H, w ≤ ls, len(src) ≥ ls*h.
func planeU8(dst frame.Plane, src []byte, ls, w, h int) {
	C.fr_plane_u8((*C.float)(unsafe.Pointer(&dst.Data[0])), C.ptrdiff_t(dst.Stride),
		(*C.uint8_t)(unsafe.Pointer(&src[0])), C.ptrdiff_t(ls), C.ptrdiff_t(w), C.ptrdiff_t(h))
}

// planeU16 is planeU8 for little-endian 16-bit samples masked with mask;
// the caller has checked 2*w ≤ ls.
func planeU16(dst frame.Plane, src []byte, ls, w, h int, mask uint16) {
	C.fr_plane_u16((*C.float)(unsafe.Pointer(&dst.Data[0])), C.ptrdiff_t(dst.Stride),
		(*C.uint8_t)(unsafe.Pointer(&src[0])), C.ptrdiff_t(ls), C.ptrdiff_t(w), C.ptrdiff_t(h), C.uint16_t(mask))
}
