package bench

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"

	"github.com/fr-metrics/fr-metrics/frame"
)

// Synth returns a deterministic synthetic YUV 4:2:0 frame pair of size
// w×h at the given bit depth (8 or 10), number k of a sequence: the
// reference is a smooth gradient with a drifting sinusoidal texture and a
// little noise, the distorted frame is the reference blurred by a 3×3 box
// and with added noise. Samples are integer code values in limited range
// (16–235 for luma, 16–240 for chroma, times 2^(bits−8)), as a decoder
// delivers them. The same arguments always give the same pictures.
func Synth(w, h, bits, k int) (ref, dist *frame.Picture, err error) {
	if w < 2 || h < 2 {
		return nil, nil, fmt.Errorf("bench: generated size %dx%d: want at least 2x2", w, h)
	}
	if bits != 8 && bits != 10 {
		return nil, nil, fmt.Errorf("bench: generated bit depth %d: want 8 or 10", bits)
	}
	ref, dist = newYUV420(w, h, bits, k), newYUV420(w, h, bits, k)
	rng := rand.New(rand.NewPCG(uint64(w)<<32|uint64(h), uint64(bits)<<32|uint64(k)))
	s := float64(int(1) << (bits - 8))
	t := float64(k) * 0.15
	for i := range ref.Planes {
		rp, dp := ref.Planes[i], dist.Planes[i]
		lo, hi := 16*s, 235*s
		if i > 0 {
			hi = 240 * s
		}
		pw, ph := float64(rp.W), float64(rp.H)
		for y := 0; y < rp.H; y++ {
			row := rp.Row(y)
			fy := float64(y) / ph
			for x := range row {
				fx := float64(x) / pw
				v := 0.35 + 0.3*fx*(1-0.5*fy) + 0.15*float64(i)*fy
				v += 0.12 * math.Sin(40*fx+t+float64(i)) * math.Cos(23*fy-0.5*t)
				v += 0.04 * math.Sin(170*fx*fy+3*t)
				v = lo + (hi-lo)*v + 1.5*s*rng.NormFloat64()
				row[x] = quantise(v, lo, hi)
			}
		}
		// Distorted: 3×3 box blur (edges clamped) plus noise.
		for y := 0; y < rp.H; y++ {
			drow := dp.Row(y)
			for x := range drow {
				var sum float64
				for dy := -1; dy <= 1; dy++ {
					yy := min(max(y+dy, 0), rp.H-1)
					r := rp.Row(yy)
					for dx := -1; dx <= 1; dx++ {
						sum += float64(r[min(max(x+dx, 0), rp.W-1)])
					}
				}
				drow[x] = quantise(sum/9+2*s*rng.NormFloat64(), lo, hi)
			}
		}
	}
	return ref, dist, nil
}

func quantise(v, lo, hi float64) float32 {
	return float32(math.Round(min(max(v, lo), hi)))
}

// newYUV420 allocates a w×h YUV 4:2:0 picture with BT.709 limited-range
// metadata.
func newYUV420(w, h, bits, index int) *frame.Picture {
	cw, ch := (w+1)/2, (h+1)/2
	pf := "yuv420p"
	if bits > 8 {
		pf = fmt.Sprintf("yuv420p%dle", bits)
	}
	return &frame.Picture{
		Kind:         frame.YUV,
		Planes:       []frame.Plane{frame.NewPlane(w, h), frame.NewPlane(cw, ch), frame.NewPlane(cw, ch)},
		BitDepth:     bits,
		PixFmt:       pf,
		ChromaShiftX: 1,
		ChromaShiftY: 1,
		ColorMatrix:  "bt709",
		ColorRange:   "tv",
		Primaries:    "bt709",
		Transfer:     "bt709",
		Index:        index,
	}
}

// WriteY4M writes pics as a YUV4MPEG2 stream at 25 fps. The pictures
// must be YUV 4:2:0 of one size and bit depth, with integer code values;
// samples of more than 8 bits are written as 16-bit little-endian words.
func WriteY4M(w io.Writer, pics []*frame.Picture) error {
	if len(pics) == 0 {
		return fmt.Errorf("bench: no picture to write")
	}
	p0 := pics[0]
	if p0.Kind != frame.YUV || p0.ChromaShiftX != 1 || p0.ChromaShiftY != 1 {
		return fmt.Errorf("bench: Y4M writer takes YUV 4:2:0 pictures, not %s", p0.PixFmt)
	}
	color := "420jpeg XYSCSS=420JPEG"
	if p0.BitDepth > 8 {
		color = fmt.Sprintf("420p%d XYSCSS=420P%d", p0.BitDepth, p0.BitDepth)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if _, err := fmt.Fprintf(bw, "YUV4MPEG2 W%d H%d F25:1 Ip A1:1 C%s XCOLORRANGE=LIMITED\n", p0.Width(), p0.Height(), color); err != nil {
		return err
	}
	var buf []byte
	for _, p := range pics {
		if p.Width() != p0.Width() || p.Height() != p0.Height() || p.BitDepth != p0.BitDepth || len(p.Planes) != 3 {
			return fmt.Errorf("bench: Y4M writer: pictures differ in size, depth or planes")
		}
		if _, err := bw.WriteString("FRAME\n"); err != nil {
			return err
		}
		for _, pl := range p.Planes {
			for y := 0; y < pl.H; y++ {
				buf = buf[:0]
				for _, v := range pl.Row(y) {
					if p.BitDepth > 8 {
						buf = binary.LittleEndian.AppendUint16(buf, uint16(v))
					} else {
						buf = append(buf, uint8(v))
					}
				}
				if _, err := bw.Write(buf); err != nil {
					return err
				}
			}
		}
	}
	return bw.Flush()
}

// writeY4MFile writes n pictures, cycling over pics, to a new file path.
func writeY4MFile(path string, pics []*frame.Picture, n int) error {
	seq := make([]*frame.Picture, n)
	for i := range seq {
		seq[i] = pics[i%len(pics)]
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteY4M(f, seq); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
