package simd

func momentsVF64Generic(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
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
			a, b := xr[j], yr[j]
			ta, tb := t*a, t*b
			mx[j] += ta
			my[j] += tb
			mxx[j] += ta * a
			myy[j] += tb * b
			mxy[j] += ta * b
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

func vifFactorsGeneric(fn, fd, mx, my, exx, eyy, exy []float64, eps, sn2 float64) {
	rsn2 := 1 / sn2
	n := len(fn)
	fd, mx, my, exx, eyy, exy = fd[:n], mx[:n], my[:n], exx[:n], eyy[:n], exy[:n]
	for i := range fn {
		a, b := mx[i], my[i]
		// The explicit conversions keep the products rounded (no FMA), as
		// in the assembly.
		sx := max(exx[i]-float64(a*a), 0)
		sy := max(eyy[i]-float64(b*b), 0)
		sxy := exy[i] - float64(a*b)
		g := sxy / (sy + eps)
		sv := sx - float64(g*sxy)
		if sy < eps {
			g, sv, sy = 0, sx, 0
		}
		if sx < eps {
			g, sv = 0, 0
		}
		if g < 0 {
			sv, g = sx, 0
		}
		if sv <= eps {
			sv = eps
		}
		fn[i] = 1 + float64(g*g*sy)/(sv+sn2)
		fd[i] = 1 + sy*rsn2
	}
}

func scaleF32ToF64Generic(dst []float64, src []float32, k float64) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] = float64(v) * k
	}
}
