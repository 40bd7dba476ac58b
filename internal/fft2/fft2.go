package fft2

import (
	"fmt"

	"gonum.org/v1/gonum/dsp/fourier"
)

// Plan transforms H×W arrays stored row-major (element (i, j) at i*W+j).
// A Plan holds scratch memory and is not safe for concurrent use; give
// each worker its own.
type Plan struct {
	H, W int
	rows *fourier.CmplxFFT // length W
	cols *fourier.CmplxFFT // length H
	col  []complex128      // one column, gathered
}

// NewPlan returns a plan for h×w arrays.
func NewPlan(h, w int) *Plan {
	if h < 1 || w < 1 {
		panic(fmt.Sprintf("fft2: bad size %dx%d", h, w))
	}
	return &Plan{
		H: h, W: w,
		rows: fourier.NewCmplxFFT(w),
		cols: fourier.NewCmplxFFT(h),
		col:  make([]complex128, h),
	}
}

func (p *Plan) check(a []complex128) {
	if len(a) != p.H*p.W {
		panic(fmt.Sprintf("fft2: array of %d elements for a %dx%d plan", len(a), p.H, p.W))
	}
}

// Forward replaces a with its unnormalised 2-D DFT.
func (p *Plan) Forward(a []complex128) {
	p.check(a)
	for i := 0; i < p.H; i++ {
		r := a[i*p.W : (i+1)*p.W]
		p.rows.Coefficients(r, r)
	}
	p.columns(a, false)
}

// ForwardReal writes the 2-D DFT of the real array src into dst.
func (p *Plan) ForwardReal(dst []complex128, src []float64) {
	p.check(dst)
	if len(src) != len(dst) {
		panic("fft2: ForwardReal: src and dst differ in length")
	}
	for i, v := range src {
		dst[i] = complex(v, 0)
	}
	p.Forward(dst)
}

// Inverse replaces a with its inverse 2-D DFT, divided by H·W.
func (p *Plan) Inverse(a []complex128) {
	p.check(a)
	for i := 0; i < p.H; i++ {
		r := a[i*p.W : (i+1)*p.W]
		p.rows.Sequence(r, r)
	}
	p.columns(a, true)
	s := complex(1/float64(p.H*p.W), 0)
	for i := range a {
		a[i] *= s
	}
}

// columns transforms every column of a in place.
func (p *Plan) columns(a []complex128, inverse bool) {
	w := p.W
	for j := 0; j < w; j++ {
		for i := range p.col {
			p.col[i] = a[i*w+j]
		}
		if inverse {
			p.cols.Sequence(p.col, p.col)
		} else {
			p.cols.Coefficients(p.col, p.col)
		}
		for i, v := range p.col {
			a[i*w+j] = v
		}
	}
}
