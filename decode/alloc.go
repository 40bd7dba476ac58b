package decode

import "github.com/fr-metrics/fr-metrics/frame"

// allocPlanes makes dst hold one plane per size (width, height), all cut
// from a single block of samples obtained from allocSamples, each with the
// stride frame.Stride gives its width and starting on a multiple of
// frame.Align.
//
// One block per picture lets the pool's pictures be backed by huge pages
// where the system offers them (see allocSamples): a 1080p 4:2:0 picture
// is 12 MB of float32 samples, about 3000 page faults of 4 KB pages when
// the pool's pictures are first written, a cost a short clip pays on
// every picture of the pool.
func allocPlanes(dst []frame.Plane, sizes [][2]int) {
	total := 0
	for _, wh := range sizes {
		total += frame.Stride(wh[0]) * wh[1]
	}
	block := allocSamples(total)
	o := 0
	for i, wh := range sizes {
		w, h := wh[0], wh[1]
		stride := frame.Stride(w)
		n := stride * h
		dst[i] = frame.Plane{W: w, H: h, Stride: stride, Data: block[o : o+n : o+n]}
		o += n
	}
}
