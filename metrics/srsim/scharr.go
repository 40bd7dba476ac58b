package srsim

import "math"

// scharr writes the Scharr gradient magnitude of src (w×h, row-major,
// zero outside) into dst: sqrt(gx² + gy²) with the kernels
// [[-3,0,3],[-10,0,10],[-3,0,3]]/16 and its transpose (cross-correlation).
func scharr(dst, src []float64, w, h int) {
	at := func(r, c int) float64 {
		if r < 0 || r >= h || c < 0 || c >= w {
			return 0
		}
		return src[r*w+c]
	}
	edge := func(r, c int) {
		gx := (3*(at(r-1, c+1)-at(r-1, c-1)) + 10*(at(r, c+1)-at(r, c-1)) + 3*(at(r+1, c+1)-at(r+1, c-1))) / 16
		gy := (3*(at(r+1, c-1)-at(r-1, c-1)) + 10*(at(r+1, c)-at(r-1, c)) + 3*(at(r+1, c+1)-at(r-1, c+1))) / 16
		dst[r*w+c] = math.Sqrt(gx*gx + gy*gy)
	}
	for r := range h {
		if r == 0 || r == h-1 || w < 3 {
			for c := range w {
				edge(r, c)
			}
			continue
		}
		edge(r, 0)
		u, m, d := src[(r-1)*w:r*w], src[r*w:(r+1)*w], src[(r+1)*w:(r+2)*w]
		out := dst[r*w : (r+1)*w]
		for c := 1; c < w-1; c++ {
			gx := (3*(u[c+1]-u[c-1]) + 10*(m[c+1]-m[c-1]) + 3*(d[c+1]-d[c-1])) / 16
			gy := (3*(d[c-1]-u[c-1]) + 10*(d[c]-u[c]) + 3*(d[c+1]-u[c+1])) / 16
			out[c] = math.Sqrt(gx*gx + gy*gy)
		}
		edge(r, w-1)
	}
}
