package decode

import (
	"encoding/binary"
	"fmt"

	"github.com/fr-metrics/fr-metrics/frame"
)

// convertPlane fills dst from one plane of libav frame data: src holds
// dst.H rows of ls bytes and c says where each sample sits in a row. It
// checks that every read stays inside src before reading anything.
func convertPlane(dst frame.Plane, src []byte, ls int, c compPlan) error {
	w, h := dst.W, dst.H
	if w <= 0 || h <= 0 {
		return nil
	}
	if need := c.offset + (w-1)*c.step + c.size; need > ls || len(src) < ls*h {
		return fmt.Errorf("frame data too small: a row of %d samples needs %d bytes, linesize is %d", w, need, ls)
	}
	if len(dst.Data) < (h-1)*dst.Stride+w || dst.Stride < w {
		return fmt.Errorf("destination plane too small for %dx%d", w, h)
	}
	switch {
	case c.size == 1 && c.step == 1 && c.shift == 0 && c.mask == 0xff:
		planeU8(dst, src[c.offset:], ls, w, h)
	case c.size == 2 && c.step == 2 && c.shift == 0:
		planeU16(dst, src[c.offset:], ls, w, h, uint16(c.mask))
	default:
		for y := range h {
			rowStrided(dst.Data[y*dst.Stride:y*dst.Stride+w], src[y*ls+c.offset:], c)
		}
	}
	return nil
}

// rowU8 converts len(dst) 8-bit samples: the reference of planeU8.
func rowU8(dst []float32, src []byte) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] = float32(v)
	}
}

// rowU16 converts len(dst) little-endian 16-bit samples, masked to the
// format's depth: the reference of planeU16.
func rowU16(dst []float32, src []byte, mask uint16) {
	src = src[:2*len(dst)]
	for i := range dst {
		dst[i] = float32(binary.LittleEndian.Uint16(src[2*i:]) & mask)
	}
}

// rowStrided converts len(dst) samples of any byte-aligned layout: sample
// i is the little-endian word of c.size bytes at src[i*c.step], shifted and
// masked.
func rowStrided(dst []float32, src []byte, c compPlan) {
	if c.size == 1 {
		for i := range dst {
			dst[i] = float32((uint32(src[i*c.step]) >> c.shift) & c.mask)
		}
		return
	}
	for i := range dst {
		v := uint32(binary.LittleEndian.Uint16(src[i*c.step:]))
		dst[i] = float32((v >> c.shift) & c.mask)
	}
}
