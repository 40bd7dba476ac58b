package fusion

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// solveRidge returns the weights w minimising
//
//	(1/n) Σ_i (t_i − w·z_i)² + λ‖w‖²
//
// for the rows z (already centred, so no intercept) and targets t, by
// solving (ZᵀZ/n + λI) w = Zᵀt/n with a Cholesky factorisation.
func solveRidge(z [][]float64, t []float64, lambda float64) ([]float64, error) {
	n, d := len(z), len(z[0])
	a := mat.NewSymDense(d, nil)
	b := mat.NewVecDense(d, nil)
	for i, row := range z {
		for p := 0; p < d; p++ {
			b.SetVec(p, b.AtVec(p)+row[p]*t[i])
			for q := p; q < d; q++ {
				a.SetSym(p, q, a.At(p, q)+row[p]*row[q])
			}
		}
	}
	inv := 1 / float64(n)
	for p := 0; p < d; p++ {
		b.SetVec(p, b.AtVec(p)*inv)
		for q := p; q < d; q++ {
			v := a.At(p, q) * inv
			if p == q {
				v += lambda
			}
			a.SetSym(p, q, v)
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(a) {
		return nil, fmt.Errorf("fusion: ridge system is not positive definite (lambda %g): use a larger lambda", lambda)
	}
	w := mat.NewVecDense(d, nil)
	if err := ch.SolveVecTo(w, b); err != nil {
		return nil, fmt.Errorf("fusion: ridge solve: %w", err)
	}
	return w.RawVector().Data, nil
}
