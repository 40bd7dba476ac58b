package planes

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/simd"
)

// The keys under which the shared planes are stored in a Workspace.
const (
	KeyLuma     = "yiq.y"
	KeyYIQPool2 = "yiq.pool2"
)

// Prewitt gives the weights of the Prewitt kernel pair for
// simd.GradMagWindowRow: Kx = [[-1,0,1],[-1,0,1],[-1,0,1]]/3.
const PrewittEdge, PrewittCenter = float32(1.0 / 3), float32(1.0 / 3)

// YIQ is the RGB → YIQ matrix, row-major.
var YIQ = [9]float64{
	0.299, 0.587, 0.114,
	0.5959, -0.2746, -0.3213,
	0.2115, -0.5227, 0.3112,
}

// Matrix32 returns m scaled by k as float32, for simd.Mat3Row.
func Matrix32(m *[9]float64, k float64) [9]float32 {
	var r [9]float32
	for i, v := range m {
		r[i] = float32(v * k)
	}
	return r
}

// byteScale returns 255/Peak, the factor from code values to the byte
// scale the metrics work in.
func byteScale(ws *metrics.Workspace) float64 { return 255 / ws.Peak }

// Luma returns the Y of YIQ of the reference and distorted pictures at
// full resolution on the byte scale (KeyLuma). For gray pictures whose
// peak is 255 it returns their planes themselves. The planes must not be
// modified.
func Luma(ws *metrics.Workspace) (ref, dist frame.Plane, err error) {
	if len(ws.Ref.Planes) == 1 && ws.Peak == 255 {
		return ws.Ref.Planes[0], ws.Dist.Planes[0], nil
	}
	p, err := ws.Shared(KeyLuma, 2, ws.Ref.Width(), ws.Ref.Height(), fillLuma)
	if err != nil {
		return frame.Plane{}, frame.Plane{}, err
	}
	return p[0], p[1], nil
}

func fillLuma(ws *metrics.Workspace, dst []frame.Plane) error {
	k := byteScale(ws)
	c0, c1, c2 := float32(YIQ[0]*k), float32(YIQ[1]*k), float32(YIQ[2]*k)
	for i, pic := range [2]*frame.Picture{ws.Ref, ws.Dist} {
		d := dst[i]
		for y := range d.H {
			if len(pic.Planes) == 3 {
				simd.Mat1Row(d.Row(y), pic.Planes[0].Row(y), pic.Planes[1].Row(y), pic.Planes[2].Row(y), c0, c1, c2)
			} else {
				simd.ColorScaleRow(d.Row(y), pic.Planes[0].Row(y), float32(k))
			}
		}
	}
	return nil
}

// YIQPool2 returns the pooled Y (gray) or Y, I, Q (RGB) planes of the
// reference and of the distorted picture (KeyYIQPool2), each of size
// simd.Pool2ZeroSize(W, H).
func YIQPool2(ws *metrics.Workspace) (ref, dist []frame.Plane, err error) {
	c := len(ws.Ref.Planes)
	w, h := simd.Pool2ZeroSize(ws.Ref.Width(), ws.Ref.Height())
	p, err := ws.Shared(KeyYIQPool2, 2*c, w, h, fillYIQPool2)
	if err != nil {
		return nil, nil, err
	}
	return p[:c], p[c:], nil
}

// fillYIQPool2 is the FillFunc of KeyYIQPool2. A gray picture is pooled
// row by row with PoolYIQRow, which metrics that pool in their own pass
// also use (see ClaimYIQPool2Gray).
func fillYIQPool2(ws *metrics.Workspace, dst []frame.Plane) error {
	c := len(ws.Ref.Planes)
	k := byteScale(ws)
	m := Matrix32(&YIQ, k)
	for i, pic := range [2]*frame.Picture{ws.Ref, ws.Dist} {
		out := dst[i*c : (i+1)*c]
		if c == 1 {
			for y := range out[0].H {
				PoolYIQRow(out[0], pic.Planes[0], y, float32(k))
			}
			continue
		}
		for ch := range c {
			s := pic.Planes[ch]
			simd.Pool2ZeroPlane(out[ch].Data, out[ch].Stride, s.Data, s.Stride, s.W, s.H)
		}
		for y := range out[0].H {
			simd.Mat3Row(out[0].Row(y), out[1].Row(y), out[2].Row(y), out[0].Row(y), out[1].Row(y), out[2].Row(y), &m)
		}
	}
	return nil
}

// PoolFactor returns the pooling factor f = max(1, round(min(w,h)/256))
// of MDSI, SR-SIM and others, rounding halves to even as Python does.
func PoolFactor(w, h int) int {
	return max(1, int(math.RoundToEven(float64(min(w, h))/256)))
}

// PoolFSize returns the size of a w×h picture pooled f×f with zero
// padding ((f−1)/2 rows and columns on the top and left, f/2 on the
// bottom and right), as MDSI pools it: ⌈w/f⌉×⌈h/f⌉ with f =
// PoolFactor(w, h) (the padded size w+f−1 pooled with the remainder
// dropped).
func PoolFSize(w, h int) (ow, oh, f int) {
	f = PoolFactor(w, h)
	return (w + f - 1) / f, (h + f - 1) / f, f
}

// ClaimYIQPool2Gray returns the KeyYIQPool2 planes of a gray pair (the
// pooled, byte-scaled luma of the reference and of the distorted picture)
// and whether they still have to be computed for this pair. When fresh is
// true the caller fills every row i of both with PoolYIQRow before any
// other metric reads them (see metrics.Workspace.Claim); this lets a
// metric that pools row by row in its own pass share the result.
func ClaimYIQPool2Gray(ws *metrics.Workspace) (ref, dist frame.Plane, fresh bool) {
	w, h := simd.Pool2ZeroSize(ws.Ref.Width(), ws.Ref.Height())
	p, fresh := ws.Claim(KeyYIQPool2, 2, w, h)
	return p[0], p[1], fresh
}

// PoolYIQRow computes row i of the KeyYIQPool2 plane dst of a gray source
// plane src, exactly as YIQPool2 does: the zero-padded 2×2 mean, scaled to
// the byte scale by k = 255/peak when k ≠ 1.
func PoolYIQRow(dst, src frame.Plane, i int, k float32) {
	row := dst.Row(i)
	simd.Pool2ZeroPlaneRow(row, src.Data, src.Stride, src.W, src.H, i)
	if k != 1 {
		simd.ColorScaleRow(row, row, k)
	}
}
