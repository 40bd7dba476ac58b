// Package fft2 computes two-dimensional discrete Fourier transforms of
// row-major complex128 arrays with gonum's dsp/fourier, using a plan built
// once for a size and reused for every frame without allocating.
//
// The conventions are numpy's and PyTorch's: the forward transform is
// unnormalised, X[u,v] = Σ x[i,j]·exp(−2πi(ui/H + vj/W)), and the inverse
// divides by H·W, so Inverse(Forward(x)) == x.
package fft2
