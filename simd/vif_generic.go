package simd

import "math"

// momentsVGeneric is MomentsVF64 for input samples of either type.
func momentsVGeneric[T float32 | float64](mx, my, mxx, myy, mxy []float64, x, y []T, stride int, taps []float64) {
	n := len(mx)
	my, mxx, myy, mxy = my[:n], mxx[:n], myy[:n], mxy[:n]
	clear(mx)
	clear(my)
	clear(mxx)
	clear(myy)
	clear(mxy)
	for k, t := range taps {
		xr := x[k*stride : k*stride+n]
		yr := y[k*stride : k*stride+n]
		for j := range xr {
			a, b := float64(xr[j]), float64(yr[j])
			mx[j] = math.FMA(t, a, mx[j])
			my[j] = math.FMA(t, b, my[j])
			mxx[j] = math.FMA(t, a*a, mxx[j])
			myy[j] = math.FMA(t, b*b, myy[j])
			mxy[j] = math.FMA(t, a*b, mxy[j])
		}
	}
}

func convRowValidF64Generic(dst, src, taps []float64) {
	for i := range dst {
		var s float64
		for k, t := range taps {
			s += t * src[i+k]
		}
		dst[i] = s
	}
}

func scaleF32ToF64Generic(dst []float64, src []float32, k float64) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] = float64(v) * k
	}
}

// momentsVRowsGeneric is MomentsVF64Pair (rows = 2) and MomentsVF64Quad
// (rows = 4) for input samples of either type.
// momentsVRowsGeneric computes rows consecutive output rows of
// momentsVGeneric, len(mx)/rows samples each.
func momentsVRowsGeneric[T float32 | float64](rows int, mx, my, mxx, myy, mxy []float64, x, y []T, stride int, taps []float64) {
	n := len(mx) / rows
	for r := range rows {
		lo, hi := r*n, (r+1)*n
		momentsVGeneric(mx[lo:hi], my[lo:hi], mxx[lo:hi], myy[lo:hi], mxy[lo:hi], x[r*stride:], y[r*stride:], stride, taps)
	}
}

// meansVGeneric is MeansVF64 for input samples of either type.
func meansVGeneric[T float32 | float64](mx, my []float64, x, y []T, stride int, taps []float64) {
	n := len(mx)
	my = my[:n]
	clear(mx)
	clear(my)
	for k, t := range taps {
		xr := x[k*stride : k*stride+n]
		yr := y[k*stride : k*stride+n]
		for j := range xr {
			mx[j] = math.FMA(t, float64(xr[j]), mx[j])
			my[j] = math.FMA(t, float64(yr[j]), my[j])
		}
	}
}

func vifLogFactorsGeneric(s *[48]float64, mx, my, exx, eyy, exy []float64, eps, sn2 float64) {
	rsn2 := 1 / sn2
	n := len(mx)
	my, exx, eyy, exy = my[:n], exx[:n], eyy[:n], exy[:n]
	// Blocks of 32 samples: the 4 factors of each lane are multiplied
	// together before one split.
	for b := 0; b < n; b += 32 {
		var pt, pb, pd [8]float64
		for l := range 8 {
			pt[l], pb[l], pd[l] = 1, 1, 1
		}
		for i := b; i < min(b+32, n); i++ {
			top, bot, fd := vifTerms(mx[i], my[i], exx[i], eyy[i], exy[i], eps, sn2, rsn2)
			l := i & 7
			pt[l] *= top
			pb[l] *= bot
			pd[l] *= fd
		}
		for l := range 8 {
			s[l], s[8+l] = mulSplit(s[l], s[8+l], pt[l])
			s[16+l], s[24+l] = mulSplit(s[16+l], s[24+l], pb[l])
			s[32+l], s[40+l] = mulSplit(s[32+l], s[40+l], pd[l])
		}
	}
}

// vifTerms is the factor step of VifLogFactors for one pixel: fn =
// top/bot and fd. rsn2 is 1/sn2.
func vifTerms(a, b, exx, eyy, exy, eps, sn2, rsn2 float64) (top, bot, fd float64) {
	sx := math.FMA(-a, a, exx)
	sy := math.FMA(-b, b, eyy)
	sxy := math.FMA(-a, b, exy)
	if !(sy >= eps) {
		sy = 0
	}
	var p float64
	if sy > 0 && sx >= eps && sxy > 0 {
		p = sxy * sxy
	}
	d := sy + eps
	q := math.FMA(sn2, d, max(math.FMA(sx, d, -p), eps*d))
	bot = d * q
	return math.FMA(p, sy, bot), bot, math.FMA(sy, rsn2, 1)
}

// mulSplit multiplies f into the mantissa m (in [1, 2)) and returns the
// product's mantissa in [1, 2) and e plus its binary exponent.
func mulSplit(m, e, f float64) (float64, float64) {
	const expMask = 0x7ff << 52
	b := math.Float64bits(m * f)
	return math.Float64frombits(b&^expMask | 1023<<52), e + float64(int(b>>52)-1023)
}

func momentsVF32QuadDecGeneric(mx, my, mxx, myy, mxy, dx0, dy0, dx2, dy2 []float64, x, y []float32, stride int, taps, dtaps []float64) {
	momentsVRowsGeneric(4, mx, my, mxx, myy, mxy, x, y, stride, taps)
	meansVGeneric(dx0, dy0, x, y, stride, dtaps)
	meansVGeneric(dx2, dy2, x[2*stride:], y[2*stride:], stride, dtaps)
}

func convRowValidEvenF64Generic(dst, src, taps []float64) {
	for i := range dst {
		var s float64
		for k, t := range taps {
			s = math.FMA(t, src[2*i+k], s)
		}
		dst[i] = s
	}
}
