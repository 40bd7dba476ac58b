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
		fn[i], fd[i] = vifFactor(mx[i], my[i], exx[i], eyy[i], exy[i], eps, sn2, rsn2)
	}
}

// vifFactor is the loop body of VifFactors for one pixel; rsn2 is 1/sn2.
func vifFactor(a, b, exx, eyy, exy, eps, sn2, rsn2 float64) (fn, fd float64) {
	// The explicit conversions keep the products rounded (no FMA), as in
	// the assembly.
	sx := max(exx-float64(a*a), 0)
	sy := max(eyy-float64(b*b), 0)
	sxy := exy - float64(a*b)
	if sy < eps {
		sy = 0
	}
	fn = 1
	if sy > 0 && sx >= eps && sxy > 0 {
		d := sy + eps
		p := float64(sxy * sxy)
		q := max(float64(sx*d)-p, float64(eps*d)) + float64(sn2*d)
		fn = 1 + float64(p*sy)/float64(d*q)
	}
	return fn, 1 + sy*rsn2
}

func scaleF32ToF64Generic(dst []float64, src []float32, k float64) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] = float64(v) * k
	}
}

func momentsVF64PairGeneric(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	n := len(mx) / 2
	for r := range 2 {
		lo, hi := r*n, (r+1)*n
		momentsVF64Generic(mx[lo:hi], my[lo:hi], mxx[lo:hi], myy[lo:hi], mxy[lo:hi], x[r*stride:], y[r*stride:], stride, taps)
	}
}

func momentsVF64QuadGeneric(mx, my, mxx, myy, mxy, x, y []float64, stride int, taps []float64) {
	n := len(mx) / 4
	for r := range 4 {
		lo, hi := r*n, (r+1)*n
		momentsVF64Generic(mx[lo:hi], my[lo:hi], mxx[lo:hi], myy[lo:hi], mxy[lo:hi], x[r*stride:], y[r*stride:], stride, taps)
	}
}

func meansVF64Generic(mx, my, x, y []float64, stride int, taps []float64) {
	n := len(mx)
	my = my[:n]
	clear(mx)
	clear(my)
	for k, t := range taps {
		xr := x[k*stride : k*stride+n]
		yr := y[k*stride : k*stride+n]
		for j := range xr {
			mx[j] += t * xr[j]
			my[j] += t * yr[j]
		}
	}
}
