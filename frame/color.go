package frame

import (
	"fmt"

	"github.com/fr-metrics/fr-metrics/simd"
)

// Matrix holds the luma coefficients Kr and Kb of a Y'CbCr colour matrix
// (Kg = 1 − Kr − Kb).
type Matrix struct {
	Name   string
	Kr, Kb float64
}

// The colour matrices ToRGB knows.
var (
	BT601     = Matrix{"bt601", 0.299, 0.114}
	BT709     = Matrix{"bt709", 0.2126, 0.0722}
	BT2020    = Matrix{"bt2020", 0.2627, 0.0593}
	SMPTE240M = Matrix{"smpte240m", 0.212, 0.087}
	FCC       = Matrix{"fcc", 0.30, 0.11}
)

// MatrixFor returns the matrix named by an FFmpeg colour-space name
// ("bt709", "bt470bg", "smpte170m", "bt2020nc", …). For an empty,
// "unknown", "unspecified" or unrecognised name it guesses from the size as
// players do: BT.709 when w ≥ 1280 or h > 576 (HD), BT.601 otherwise (SD).
// The second result reports whether the matrix was guessed.
func MatrixFor(name string, w, h int) (Matrix, bool) {
	switch name {
	case "bt709":
		return BT709, false
	case "bt470bg", "smpte170m", "bt601", "bt601-6-525", "bt601-6-625":
		return BT601, false
	case "bt2020nc", "bt2020c", "bt2020_ncl", "bt2020_cl", "bt2020":
		return BT2020, false
	case "smpte240m":
		return SMPTE240M, false
	case "fcc":
		return FCC, false
	}
	if w >= 1280 || h > 576 {
		return BT709, true
	}
	return BT601, true
}

// FullRange reports whether an FFmpeg colour-range name means full range
// ("pc", "jpeg", "full"). Everything else, including "unknown", is read as
// limited ("tv") range, the default of video streams.
func FullRange(name string) bool {
	switch name {
	case "pc", "jpeg", "full":
		return true
	}
	return false
}

// NewRGBLike allocates an RGB picture for ToRGB(dst, src): three planes at
// the size of src's first plane, src's bit depth, index and colour
// metadata.
func NewRGBLike(src *Picture) *Picture {
	w, h := src.Width(), src.Height()
	dst := &Picture{
		Kind:        RGB,
		Planes:      []Plane{NewPlane(w, h), NewPlane(w, h), NewPlane(w, h)},
		BitDepth:    src.BitDepth,
		PixFmt:      "gbrpf32",
		ColorMatrix: src.ColorMatrix,
		ColorRange:  "pc",
		Primaries:   src.Primaries,
		Transfer:    src.Transfer,
		Index:       src.Index,
	}
	return dst
}

// ToRGB converts src into the RGB picture dst (allocated by NewRGBLike or
// of the same shape), as a Python pipeline would before handing frames to
// an RGB metric:
//
//   - YUV: each chroma sample is repeated over the 2^ChromaShiftX ×
//     2^ChromaShiftY luma pixels it covers (no interpolation); the samples
//     are normalised by the stream's range (limited: Y' = (Y − 16·s)/(219·s),
//     C' = (C − 128·s)/(224·s) with s = 2^(BitDepth−8); full:
//     Y' = Y/Peak, C' = (C − 2^(BitDepth−1))/Peak) and turned into R'G'B' by
//     the stream's matrix (see MatrixFor for unknown matrices):
//     R = Y' + 2(1−Kr)·Cr', B = Y' + 2(1−Kb)·Cb', G = (Y' − Kr·R − Kb·B)/Kg.
//   - Gray: the plane is copied into R, G and B.
//   - RGB: the planes are copied.
//
// The results are scaled to [0, Peak], rounded to the nearest integer code
// value (halves away from zero) and clipped to [0, Peak], which is what
// writing an 8-bit (or 2^BitDepth) RGB file would store; the golden RGB
// pictures were made that way. Arithmetic is float64 (simd.YUVToRGBRow;
// input samples are clipped to [0, Peak] first). Horizontal chroma
// subsampling by more than 2 (4:1:1) is refused. dst keeps its bit depth
// equal to src's and takes src's index and colour metadata.
func ToRGB(dst, src *Picture) error {
	w, h := src.Width(), src.Height()
	if dst.Kind != RGB || len(dst.Planes) != 3 {
		return fmt.Errorf("frame: ToRGB: destination is %s with %d planes, want rgb with 3", dst.Kind, len(dst.Planes))
	}
	for i := range dst.Planes {
		if dst.Planes[i].W != w || dst.Planes[i].H != h {
			return fmt.Errorf("frame: ToRGB: destination plane %d is %dx%d, want %dx%d", i, dst.Planes[i].W, dst.Planes[i].H, w, h)
		}
	}
	dst.BitDepth = src.BitDepth
	dst.Index = src.Index
	dst.ColorMatrix, dst.Primaries, dst.Transfer = src.ColorMatrix, src.Primaries, src.Transfer
	switch src.Kind {
	case Gray:
		for i := range dst.Planes {
			copyPlane(dst.Planes[i], src.Planes[0])
		}
		return nil
	case RGB:
		if len(src.Planes) != 3 {
			return fmt.Errorf("frame: ToRGB: rgb source has %d planes", len(src.Planes))
		}
		for i := range dst.Planes {
			copyPlane(dst.Planes[i], src.Planes[i])
		}
		return nil
	case YUV:
	default:
		return fmt.Errorf("frame: ToRGB: unsupported picture kind %s", src.Kind)
	}
	if len(src.Planes) != 3 {
		return fmt.Errorf("frame: ToRGB: yuv source has %d planes", len(src.Planes))
	}
	sx, sy := src.ChromaShiftX, src.ChromaShiftY
	if sx < 0 || sx > 1 || sy < 0 || sy > 1 {
		return fmt.Errorf("frame: ToRGB: unsupported chroma subsampling (shift %d, %d)", sx, sy)
	}
	cw, ch := (w+(1<<sx)-1)>>sx, (h+(1<<sy)-1)>>sy
	for i := 1; i < 3; i++ {
		if p := src.Planes[i]; p.W < cw || p.H < ch {
			return fmt.Errorf("frame: ToRGB: chroma plane %d is %dx%d, want at least %dx%d", i, p.W, p.H, cw, ch)
		}
	}
	if src.BitDepth < 8 || src.BitDepth > 16 {
		return fmt.Errorf("frame: ToRGB: unsupported bit depth %d", src.BitDepth)
	}
	m, _ := MatrixFor(src.ColorMatrix, w, h)
	k := yuvCoefficients(m, FullRange(src.ColorRange), src.BitDepth)
	Y, U, V := src.Planes[0], src.Planes[1], src.Planes[2]
	R, G, B := dst.Planes[0], dst.Planes[1], dst.Planes[2]
	for y := 0; y < h; y++ {
		simd.YUVToRGBRow(R.Row(y), G.Row(y), B.Row(y), Y.Row(y), U.Row(y >> sy)[:cw], V.Row(y >> sy)[:cw], &k, sx)
	}
	return nil
}

// yuvCoefficients returns the conversion constants of a matrix, range and
// bit depth on the output scale [0, Peak]:
// R = Peak·(Y' + 2(1−Kr)·Cr'), B = Peak·(Y' + 2(1−Kb)·Cb'),
// G = Peak·(Y' − 2(1−Kb)Kb/Kg·Cb' − 2(1−Kr)Kr/Kg·Cr').
func yuvCoefficients(m Matrix, full bool, bits int) simd.YUVToRGB {
	peak := float64(int(1)<<bits - 1)
	s := float64(int(1) << (bits - 8))
	var yOff, yScale, cOff, cScale float64
	if full {
		yOff, yScale = 0, peak
		cOff, cScale = float64(int(1)<<(bits-1)), peak
	} else {
		yOff, yScale = 16*s, 219*s
		cOff, cScale = 128*s, 224*s
	}
	kg := 1 - m.Kr - m.Kb
	return simd.YUVToRGB{
		Peak: peak,
		YOff: yOff,
		KY:   peak / yScale,
		COff: cOff,
		CrR:  peak * 2 * (1 - m.Kr) / cScale,
		CbG:  -peak * 2 * (1 - m.Kb) * m.Kb / kg / cScale,
		CrG:  -peak * 2 * (1 - m.Kr) * m.Kr / kg / cScale,
		CbB:  peak * 2 * (1 - m.Kb) / cScale,
	}
}

func copyPlane(dst, src Plane) {
	for y := 0; y < src.H; y++ {
		copy(dst.Row(y), src.Row(y))
	}
}
