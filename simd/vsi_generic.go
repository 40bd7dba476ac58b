package simd

import "math"

func vsiSimRowGeneric(sg, sc, neg, sv, vm, vx, vy, gx, gy, mx, my, nx, ny []float64, k *VSIConsts) {
	n := len(sg)
	sc, neg, sv, vm = sc[:n], neg[:n], sv[:n], vm[:n]
	vx, vy, gx, gy, mx, my, nx, ny = vx[:n], vy[:n], gx[:n], gy[:n], mx[:n], my[:n], nx[:n], ny[:n]
	for i := range sg {
		a, b := (vx[i]-k.MinX)*k.RX, (vy[i]-k.MinY)*k.RY
		vm[i] = max(a, b)
		nV, dV := 2*a*b+k.C1, a*a+b*b+k.C1
		g0, g1 := gx[i], gy[i]
		nG, dG := 2*g0*g1+k.C2, g0*g0+g1*g1+k.C2
		m0, m1, n0, n1 := mx[i], my[i], nx[i], ny[i]
		nC := (2*m0*m1 + k.C3) * (2*n0*n1 + k.C3)
		dC := (m0*m0 + m1*m1 + k.C3) * (n0*n0 + n1*n1 + k.C3)
		t := dG * dC
		r := 1 / (t * dV)
		sv[i] = nV * t * r
		sg[i] = nG * (dC * dV) * r
		c := nC * (dG * dV) * r
		neg[i] = 1
		if c < 0 {
			c, neg[i] = -c, k.Neg
		}
		sc[i] = c
	}
}

// vsiSimRowGrayGeneric computes the chroma channels of a chunk of samples
// into buffers on the stack and hands the chunk to vsiSimRowGeneric.
func vsiSimRowGrayGeneric(sg, sc, neg, sv, vm, vx, vy, gx, gy, ux, uy []float64, k *VSIConsts) {
	var mx, my, nx, ny [64]float64
	n := len(sg)
	for lo := 0; lo < n; lo += len(mx) {
		hi := min(lo+len(mx), n)
		c := hi - lo
		for i, u := range ux[lo:hi] {
			mx[i] = k.M[0]*u + k.M[1]*u + k.M[2]*u
			nx[i] = k.N[0]*u + k.N[1]*u + k.N[2]*u
		}
		for i, w := range uy[lo:hi] {
			my[i] = k.M[0]*w + k.M[1]*w + k.M[2]*w
			ny[i] = k.N[0]*w + k.N[1]*w + k.N[2]*w
		}
		vsiSimRowGeneric(sg[lo:hi], sc[lo:hi], neg[lo:hi], sv[lo:hi], vm[lo:hi], vx[lo:hi], vy[lo:hi],
			gx[lo:hi], gy[lo:hi], mx[:c], my[:c], nx[:c], ny[:c], k)
	}
}

func powTableRowGeneric(x, c, p2 []float64, shift uint) int {
	mask := uint64(1)<<shift - 1
	scale := math.Ldexp(1, -int(shift))
	n := uint64(len(c)/4 - 1)
	for i, v := range x {
		b := math.Float64bits(v)
		if b-1<<52 >= 2046<<52 {
			return i
		}
		f := float64(b&mask) * scale
		p := c[4*(b>>shift&n):]
		p = p[:4:4]
		x[i] = p2[b>>52-1] * (p[0] + f*(p[1]+f*(p[2]+f*p[3])))
	}
	return len(x)
}

// bandRowF64Generic reads the weights of tap q at wt[q*stride:].
func bandRowF64Generic(dst, src []float64, first []int32, wt []float64, k, stride int) {
	// Tap by tap over the whole row: each sum still starts from zero and
	// adds its products in order, and the weights are read in sequence.
	n := len(dst)
	first = first[:n]
	for q := range k {
		w := wt[q*stride : q*stride+n]
		for j, f := range first {
			p := w[j] * src[int(f)+q]
			if q == 0 {
				dst[j] = 0 + p
			} else {
				dst[j] += p
			}
		}
	}
}

func lerpRowMinMaxGeneric(dst, a, b []float64, h0, h1 float64) (mn, mx float64) {
	mn, mx = math.Inf(1), math.Inf(-1)
	for i := range dst {
		v := h0*a[i] + h1*b[i]
		dst[i] = v
		if v < mn {
			mn = v
		}
		if v > mx {
			mx = v
		}
	}
	return mn, mx
}

func srgbBaseRowGeneric(dst, src []float64) {
	for i, x := range src {
		dst[i] = 1
		if c := x / 255; c > 0.04045 {
			dst[i] = (c + 0.055) / 1.055
		}
	}
}

func pool4RowF64Generic(dst []float64, r0, r1, r2, r3 []float32, k float64) {
	for j := range dst {
		x := 4 * j
		a, b, c, d := r0[x:x+4:x+4], r1[x:x+4:x+4], r2[x:x+4:x+4], r3[x:x+4:x+4]
		s := float64(a[0]) + float64(b[0]) + float64(c[0]) + float64(d[0])
		s += float64(a[1]) + float64(b[1]) + float64(c[1]) + float64(d[1])
		s += float64(a[2]) + float64(b[2]) + float64(c[2]) + float64(d[2])
		s += float64(a[3]) + float64(b[3]) + float64(c[3]) + float64(d[3])
		dst[j] = s * k
	}
}

func lerpColsF32Generic(d []float64, r0, r1 []float32, i0, i1 []int32, w0, w1 []float64, h0, h1, scale float64) {
	n := len(d)
	i0, i1, w0, w1 = i0[:n], i1[:n], w0[:n], w1[:n]
	for x := range d {
		a, b := i0[x], i1[x]
		d[x] = h0*(w0[x]*float64(r0[a])*scale+w1[x]*float64(r0[b])*scale) +
			h1*(w0[x]*float64(r1[a])*scale+w1[x]*float64(r1[b])*scale)
	}
}
