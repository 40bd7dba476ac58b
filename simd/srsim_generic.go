package simd

import "math"

func scharrRowF64Generic(dst, u, m, d []float64) {
	n := len(dst)
	u, m, d = u[:n+2], m[:n+2], d[:n+2]
	for j := range dst {
		dst[j] = math.Sqrt(srsimScharrSq(u, m, d, j))
	}
}

func resizeVertF32Generic(dst, src []float32, offs []int, w []float32, cut int) {
	// Whole rows are added tap after tap, a chunk of the row at a time.
	const chunk = 64
	var rest [chunk]float32
	for j0 := 0; j0 < len(dst); j0 += chunk {
		d := dst[j0:min(j0+chunk, len(dst))]
		clear(d)
		for k, wk := range w[:cut] {
			s := src[offs[k]+j0:][:len(d)]
			for j := range d {
				d[j] += float32(s[j] * wk)
			}
		}
		if len(w) > cut {
			b := rest[:len(d)]
			clear(b)
			for k := cut; k < len(w); k++ {
				s, wk := src[offs[k]+j0:][:len(d)], w[k]
				for j := range b {
					b[j] += float32(s[j] * wk)
				}
			}
			for j := range d {
				d[j] = b[j] + d[j]
			}
		}
	}
}

// resizeHorizF32Generic computes outputs c0, c0+1, … of r into dst, four
// at a time so that their sums proceed side by side.
func resizeHorizF32Generic(dst, src []float32, r *ResizeTaps, c0 int) {
	out, taps, cut := r.out, r.taps, r.cut
	i := 0
	for ; i+4 <= len(dst); i += 4 {
		c := c0 + i
		var a0, a1, a2, a3 float32
		for k := range cut {
			ik, wk := r.idx[k*out+c:][:4], r.w[k*out+c:][:4]
			a0 += float32(src[ik[0]] * wk[0])
			a1 += float32(src[ik[1]] * wk[1])
			a2 += float32(src[ik[2]] * wk[2])
			a3 += float32(src[ik[3]] * wk[3])
		}
		if taps > cut {
			var b0, b1, b2, b3 float32
			for k := cut; k < taps; k++ {
				ik, wk := r.idx[k*out+c:][:4], r.w[k*out+c:][:4]
				b0 += float32(src[ik[0]] * wk[0])
				b1 += float32(src[ik[1]] * wk[1])
				b2 += float32(src[ik[2]] * wk[2])
				b3 += float32(src[ik[3]] * wk[3])
			}
			a0, a1, a2, a3 = b0+a0, b1+a1, b2+a2, b3+a3
		}
		dst[i], dst[i+1], dst[i+2], dst[i+3] = a0, a1, a2, a3
	}
	for ; i < len(dst); i++ {
		c := c0 + i
		var a float32
		for k := range cut {
			a += float32(src[r.idx[k*out+c]] * r.w[k*out+c])
		}
		if taps > cut {
			var b float32
			for k := cut; k < taps; k++ {
				b += float32(src[r.idx[k*out+c]] * r.w[k*out+c])
			}
			a = b + a
		}
		dst[i] = a
	}
}

func narrowF64ToF32Generic(dst []float32, src []float64) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] = float32(v)
	}
}

// srsimScharrSq is gx² + gy² of the Scharr gradient centred on column j+1 of
// the rows u, m, d, rounded as in ScharrRowF64.
func srsimScharrSq(u, m, d []float64, j int) float64 {
	gx := (3*(u[j+2]-u[j]) + 10*(m[j+2]-m[j]) + 3*(d[j+2]-d[j])) / 16
	gy := (3*(d[j]-u[j]) + 10*(d[j+1]-u[j+1]) + 3*(d[j+2]-u[j+2])) / 16
	return gx*gx + gy*gy
}

func srsimRowF64Generic(vx, vy, xu, xm, xd, yu, ym, yd []float64, cv, cg float64) (num, den float64) {
	vy = vy[:len(vx)]
	for i := range vx {
		mx := srsimScharrSq(xu, xm, xd, i)
		my := srsimScharrSq(yu, ym, yd, i)
		ng, dg := 2*math.Sqrt(mx*my)+cg, mx+my+cg
		a, b := vx[i], vy[i]
		nv, dv := 2*a*b+cv, a*a+b*b+cv
		vm := b
		if a > b {
			vm = a
		}
		num += math.Sqrt((nv*nv*ng)/(dv*dv*dg)) * vm
		den += vm
	}
	return num, den
}
