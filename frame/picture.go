package frame

import "fmt"

// Align is the number of float32 samples a plane's stride is rounded up to
// (64 bytes), so that every row starts on a cache line.
const Align = 16

// Kind says how the planes of a Picture are to be read.
type Kind int

// The picture kinds.
const (
	Gray Kind = iota // one plane: luma or a gray image
	YUV              // three planes: Y, Cb, Cr (chroma possibly subsampled)
	RGB              // three planes: R, G, B
)

// String returns "gray", "yuv" or "rgb".
func (k Kind) String() string {
	switch k {
	case Gray:
		return "gray"
	case YUV:
		return "yuv"
	case RGB:
		return "rgb"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Plane is one component of a picture: H rows of W float32 samples, row y
// starting at Data[y*Stride].
type Plane struct {
	W, H   int
	Stride int
	Data   []float32
}

// NewPlane allocates a w×h plane whose stride is Stride(w).
func NewPlane(w, h int) Plane {
	stride := Stride(w)
	return Plane{W: w, H: h, Stride: stride, Data: make([]float32, stride*h)}
}

// Stride returns the stride of a plane of width w as NewPlane makes it: w
// rounded up to a multiple of Align, and at least Align.
func Stride(w int) int {
	return max((w+Align-1)/Align*Align, Align)
}

// Row returns the W samples of row y.
func (p Plane) Row(y int) []float32 {
	o := y * p.Stride
	return p.Data[o : o+p.W : o+p.W]
}

// Rows returns the memory of rows lo … hi−1 of p clipped to the rows
// inside p: Data from the start of the first such row to the end of the
// last (strides included), or nil when no row of the range is inside p.
// It serves, for example, as the span a kernel prefetches.
func (p Plane) Rows(lo, hi int) []float32 {
	lo, hi = max(lo, 0), min(hi, p.H)
	if lo >= hi {
		return nil
	}
	return p.Data[lo*p.Stride : min(len(p.Data), hi*p.Stride)]
}

// At returns the sample at column x, row y.
func (p Plane) At(x, y int) float32 { return p.Data[y*p.Stride+x] }

// Picture is one decoded frame (or still image) as planar float32 samples.
type Picture struct {
	Kind   Kind
	Planes []Plane // Gray: [Y]; YUV: [Y, Cb, Cr]; RGB: [R, G, B]

	BitDepth int    // bits per sample as stored: 8, 10, 12, 16
	PixFmt   string // FFmpeg pixel-format name as decoded, e.g. "yuv420p10le"

	// ChromaShiftX and ChromaShiftY are log2 of the chroma subsampling
	// (1, 1 for 4:2:0; 1, 0 for 4:2:2; 0, 0 for 4:4:4).
	ChromaShiftX, ChromaShiftY int

	// Colour metadata as the stream declares it, in FFmpeg's names
	// ("bt709", "bt470bg", "unknown", …); Range is "tv", "pc" or "unknown".
	ColorMatrix string
	ColorRange  string
	Primaries   string
	Transfer    string

	// Index is the frame's position in decode order, counting from 0.
	Index int
}

// Width returns the width of the first plane.
func (p *Picture) Width() int { return p.Planes[0].W }

// Height returns the height of the first plane.
func (p *Picture) Height() int { return p.Planes[0].H }

// Peak returns the largest code value of the picture's bit depth,
// 2^BitDepth − 1 (255 for 8-bit, 1023 for 10-bit).
func (p *Picture) Peak() float64 { return float64(int(1)<<p.BitDepth - 1) }

// Luma returns a gray view of the picture's first plane (the Y of a YUV
// picture) sharing its samples.
func (p *Picture) Luma() Picture {
	v := *p
	v.Kind = Gray
	v.Planes = p.Planes[:1]
	v.ChromaShiftX, v.ChromaShiftY = 0, 0
	return v
}
