package ssim

import (
	"math"

	"github.com/fr-metrics/fr-metrics/frame"
)

// ref64 is a direct float64 transcription of METRICS.md §2 (no pooling):
// the mean SSIM and cs maps of x and y with a valid 2-D Gaussian window.
// It is slow and only used to check Window.
func ref64(x, y frame.Plane, size int, sigma, c1, c2 float64) (ssim, cs float64) {
	g := make([]float64, size)
	var s float64
	for i := range g {
		d := float64(i) - float64(size-1)/2
		g[i] = math.Exp(-d * d / (2 * sigma * sigma))
		s += g[i]
	}
	for i := range g {
		g[i] /= s
	}
	ow, oh := x.W-size+1, x.H-size+1
	for r := 0; r < oh; r++ {
		for c := 0; c < ow; c++ {
			var mx, my, mxx, myy, mxy float64
			for a := 0; a < size; a++ {
				for b := 0; b < size; b++ {
					w := g[a] * g[b]
					u, v := float64(x.At(c+b, r+a)), float64(y.At(c+b, r+a))
					mx += w * u
					my += w * v
					mxx += w * u * u
					myy += w * v * v
					mxy += w * u * v
				}
			}
			sxx, syy, sxy := mxx-mx*mx, myy-my*my, mxy-mx*my
			k := (2*sxy + c2) / (sxx + syy + c2)
			cs += k
			ssim += (2*mx*my + c1) / (mx*mx + my*my + c1) * k
		}
	}
	n := float64(ow * oh)
	return ssim / n, cs / n
}
