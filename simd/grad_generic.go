package simd

import "math"

// poolBoxPlaneGeneric is the reference for PoolBoxPlane.
func poolBoxPlaneGeneric(dst []float32, dstStride, ow, oh int, src []float32, srcStride, w, h, f, top, left int) {
	inv := 1 / float32(f*f)
	for i := range oh {
		d := dst[i*dstStride : i*dstStride+ow]
		clear(d)
		for r := f*i - top; r < f*i-top+f; r++ {
			if r < 0 || r >= h {
				continue
			}
			s := src[r*srcStride : r*srcStride+w]
			for j := range d {
				var acc float32
				for c := f*j - left; c < f*j-left+f; c++ {
					if c >= 0 && c < w {
						acc += s[c]
					}
				}
				d[j] += acc
			}
		}
		for j := range d {
			d[j] *= inv
		}
	}
}

// addRowGeneric is the reference for AddRow.
func addRowGeneric(dst, src []float32) {
	src = src[:len(dst)]
	for j := range dst {
		dst[j] += src[j]
	}
}

// gradMagRowGeneric is the reference for gradMagRow, the interior of a
// GradMagWindowRow row: dst[j] is the magnitude at column j+1, so up, mid
// and down hold len(dst)+2 samples.
func gradMagRowGeneric(dst, up, mid, down []float32, e, c float32) {
	n := len(dst)
	up, mid, down = up[:n+2], mid[:n+2], down[:n+2]
	for j := range n {
		gx := e*(up[j+2]-up[j]) + c*(mid[j+2]-mid[j]) + e*(down[j+2]-down[j])
		gy := e*(down[j]-up[j]) + c*(down[j+1]-up[j+1]) + e*(down[j+2]-up[j+2])
		dst[j] = float32(math.Sqrt(float64(gx*gx + gy*gy)))
	}
}

// gradMagRowEdgeGeneric computes a whole GradMagWindowRow row (len(dst) =
// w outputs) when a neighbour row is missing (nil = zeros) or the row is
// shorter than 3.
func gradMagRowEdgeGeneric(dst, up, mid, down []float32, e, c float32) {
	w := len(dst)
	at := func(r []float32, x int) float32 {
		if r == nil || x < 0 || x >= w {
			return 0
		}
		return r[x]
	}
	for x := range w {
		gx := e*(at(up, x+1)-at(up, x-1)) + c*(at(mid, x+1)-at(mid, x-1)) + e*(at(down, x+1)-at(down, x-1))
		gy := e*(at(down, x-1)-at(up, x-1)) + c*(at(down, x)-at(up, x)) + e*(at(down, x+1)-at(up, x+1))
		dst[x] = float32(math.Sqrt(float64(gx*gx + gy*gy)))
	}
}

// gradMagEdges fills the first and last sample of a GradMagWindowRow row
// whose neighbours exist (w ≥ 3), where the columns outside are zeros.
func gradMagEdges(dst, up, mid, down []float32, e, c float32) {
	w := len(dst)
	// x = 0: column -1 is zero.
	gx := e*up[1] + c*mid[1] + e*down[1]
	gy := c*(down[0]-up[0]) + e*(down[1]-up[1])
	dst[0] = float32(math.Sqrt(float64(gx*gx + gy*gy)))
	// x = w-1: column w is zero.
	gx = -(e*up[w-2] + c*mid[w-2] + e*down[w-2])
	gy = e*(down[w-2]-up[w-2]) + c*(down[w-1]-up[w-1])
	dst[w-1] = float32(math.Sqrt(float64(gx*gx + gy*gy)))
}

// avgRowGeneric is the reference for AvgRow.
func avgRowGeneric(dst, a, b []float32) {
	n := len(dst)
	a, b = a[:n], b[:n]
	for j := range n {
		dst[j] = (a[j] + b[j]) * 0.5
	}
}

// mdsiRowGeneric is the reference for MDSIRow.
func mdsiRowGeneric(dst, gx, gy, gf, hx, hy, mx, my []float32, c1, c2, c3, alpha float32) {
	n := len(dst)
	gx, gy, gf, hx, hy, mx, my = gx[:n], gy[:n], gf[:n], hx[:n], hy[:n], mx[:n], my[:n]
	for j := range n {
		a, b, f := gx[j], gy[j], gf[j]
		gs := (2*a*b+c1)/(a*a+b*b+c1) + (2*a*f+c2)/(a*a+f*f+c2) - (2*b*f+c2)/(b*b+f*f+c2)
		cs := (2*(hx[j]*hy[j]+mx[j]*my[j]) + c3) / ((hx[j]*hx[j] + mx[j]*mx[j]) + (hy[j]*hy[j] + my[j]*my[j]) + c3)
		dst[j] = alpha*gs + (1-alpha)*cs
	}
}

// sqrtHalf is cos(π/4) = sin(π/4).
const sqrtHalf = math.Sqrt2 / 2

// gradSimMomentsRowGeneric is the reference for GradSimMomentsRow.
func gradSimMomentsRowGeneric(ru, rm, rd, du, dm, dd []float32, t, alpha float32) (sum, sumSq float64) {
	n := len(ru) - 2
	rm, rd, du, dm, dd = rm[:n+2], rd[:n+2], du[:n+2], dm[:n+2], dd[:n+2]
	k := 2 - alpha
	for j := range n {
		gx := ((ru[j+2] - ru[j]) + (rm[j+2] - rm[j])) + (rd[j+2] - rd[j])
		gy := ((rd[j] - ru[j]) + (rd[j+1] - ru[j+1])) + (rd[j+2] - ru[j+2])
		ar := float32(gx*gx) + float32(gy*gy)
		gx = ((du[j+2] - du[j]) + (dm[j+2] - dm[j])) + (dd[j+2] - dd[j])
		gy = ((dd[j] - du[j]) + (dd[j+1] - du[j+1])) + (dd[j+2] - du[j+2])
		ad := float32(gx*gx) + float32(gy*gy)
		s := float64(similarityUnit(ar, ad, t, k, alpha)) - 1
		sum += s
		sumSq += s * s
	}
	return sum, sumSq
}

// similarityUnit is the masked similarity of the squared magnitudes ar and
// ad, with k = 2 − alpha, rounded as the assembly kernels round it.
func similarityUnit(ar, ad, t, k, alpha float32) float32 {
	ab := float32(math.Sqrt(float64(ar * ad)))
	return (float32(k*ab) + t) / (float32(ar+ad) - float32(alpha*ab) + t)
}

// quarterRootsRowGeneric is the reference for QuarterRootsRow.
func quarterRootsRowGeneric(dst []float64, x []float32) (re, im float64) {
	dst = dst[:len(x)]
	var pos, neg float64
	for j, v := range x {
		r := math.Sqrt(math.Sqrt(math.Abs(float64(v))))
		if math.Signbit(float64(v)) {
			neg += r
			dst[j] = -r
		} else {
			pos += r
			dst[j] = r
		}
	}
	return pos + neg*sqrtHalf, neg * sqrtHalf
}

// quarterRootDevSumF64Generic is the reference for QuarterRootDevSumF64.
func quarterRootDevSumF64Generic(x []float64, re, im float64) float64 {
	var s float64
	for _, r := range x {
		zr, zi := r, 0.0
		if math.Signbit(r) {
			zr, zi = -r*sqrtHalf, -r*sqrtHalf
		}
		s += math.Hypot(zr-re, zi-im)
	}
	return s
}
