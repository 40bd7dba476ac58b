package fusion

import (
	"math"
)

// tau replaces a non-positive curvature in the SMO step, as in LIBSVM.
const tau = 1e-12

// svrSolution is the solution of one ε-SVR dual problem.
type svrSolution struct {
	// Beta holds α_i − α*_i per training row: the prediction for x is
	// Σ Beta[i]·K(x_i, x) + Bias.
	Beta      []float64
	Bias      float64
	Iter      int
	Converged bool
}

// solveSVR solves the ε-SVR dual problem
//
//	min over α, α* in [0, C]:
//	  ½ (α−α*)ᵀ K (α−α*) + ε Σ (α_i+α*_i) − Σ y_i (α_i−α*_i)
//	subject to Σ (α_i − α*_i) = 0
//
// for the n×n kernel matrix k (row-major) and targets y, by sequential
// minimal optimisation with the second-order working-set selection of Fan,
// Chen and Lin (2005), the algorithm of LIBSVM without shrinking. It stops
// when the maximal KKT violation is below tol (LIBSVM's -e, 1e-3).
//
// The 2n variables are stacked as LIBSVM does: t < n is α_t with sign +1
// and t ≥ n is α*_{t−n} with sign −1, so Q_tu = s_t s_u K(t mod n, u mod n).
func solveSVR(k []float64, n int, y []float64, c, eps, tol float64) svrSolution {
	// ap, gp hold α_t and G_t for t < n; an, gn hold them for t = u+n.
	ap, an := make([]float64, n), make([]float64, n)
	gp, gn := make([]float64, n), make([]float64, n)
	qd := make([]float64, n) // the diagonal, read in every selection pass
	for u := 0; u < n; u++ {
		gp[u] = eps - y[u]
		gn[u] = eps + y[u]
		qd[u] = k[u*n+u]
	}
	at := func(t int) *float64 {
		if t < n {
			return &ap[t]
		}
		return &an[t-n]
	}
	gradAt := func(t int) float64 {
		if t < n {
			return gp[t]
		}
		return gn[t-n]
	}
	sign := func(t int) float64 {
		if t < n {
			return 1
		}
		return -1
	}

	// Select i: the maximal violator, max of −s_t·G_t over the variables
	// that may move up (s=+1 below C, s=−1 above 0).
	gmax := math.Inf(-1)
	i := -1
	for u := 0; u < n; u++ {
		if ap[u] < c && -gp[u] >= gmax {
			gmax, i = -gp[u], u
		}
		if an[u] > 0 && gn[u] >= gmax {
			gmax, i = gn[u], u+n
		}
	}
	maxIter := max(10000000, 200*n)
	iter := 0
	converged := false
	for ; iter < maxIter; iter++ {
		if i < 0 {
			converged = true
			break
		}
		// Select j by the second-order gain −(G_i−G_j)²/(K_ii+K_jj−2K_ij)
		// over the variables that may move down.
		ki := k[(i%n)*n : (i%n)*n+n]
		kii := qd[i%n]
		gmax2 := math.Inf(-1)
		j := -1
		objMin := math.Inf(1)
		for u := 0; u < n; u++ {
			q := kii + qd[u] - 2*ki[u]
			if q <= 0 {
				q = tau
			}
			if ap[u] > 0 {
				g := gp[u]
				if g >= gmax2 {
					gmax2 = g
				}
				if gd := gmax + g; gd > 0 {
					if obj := -gd * gd / q; obj <= objMin {
						objMin, j = obj, u
					}
				}
			}
			if an[u] < c {
				g := -gn[u]
				if g >= gmax2 {
					gmax2 = g
				}
				if gd := gmax + g; gd > 0 {
					if obj := -gd * gd / q; obj <= objMin {
						objMin, j = obj, u+n
					}
				}
			}
		}
		if gmax+gmax2 < tol || j < 0 {
			converged = true
			break
		}

		// Two-variable update, clipped to the box, as LIBSVM's Solver.
		kj := k[(j%n)*n : (j%n)*n+n]
		si, sj := sign(i), sign(j)
		qij := si * sj * ki[j%n]
		qii, qjj := kii, qd[j%n]
		pi, pj := at(i), at(j)
		gi, gj := gradAt(i), gradAt(j)
		oi, oj := *pi, *pj
		ai, aj := oi, oj
		if si != sj {
			q := qii + qjj + 2*qij
			if q <= 0 {
				q = tau
			}
			delta := (-gi - gj) / q
			diff := ai - aj
			ai += delta
			aj += delta
			if diff > 0 {
				if aj < 0 {
					aj, ai = 0, diff
				}
			} else if ai < 0 {
				ai, aj = 0, -diff
			}
			if diff > 0 { // C_i − C_j = 0
				if ai > c {
					ai, aj = c, c-diff
				}
			} else if aj > c {
				aj, ai = c, c+diff
			}
		} else {
			q := qii + qjj - 2*qij
			if q <= 0 {
				q = tau
			}
			delta := (gi - gj) / q
			sum := ai + aj
			ai -= delta
			aj += delta
			if sum > c {
				if ai > c {
					ai, aj = c, sum-c
				}
			} else if aj < 0 {
				aj, ai = 0, sum
			}
			if sum > c {
				if aj > c {
					aj, ai = c, sum-c
				}
			} else if ai < 0 {
				ai, aj = 0, sum
			}
		}
		*pi, *pj = ai, aj

		// G_u += Q_ui Δα_i + Q_uj Δα_j = s_u (s_i K_iu Δα_i + s_j K_ju Δα_j),
		// fused with the selection of the next i.
		di := si * (ai - oi)
		dj := sj * (aj - oj)
		gmax = math.Inf(-1)
		i = -1
		for u := 0; u < n; u++ {
			v := ki[u]*di + kj[u]*dj
			gp[u] += v
			gn[u] -= v
			if ap[u] < c && -gp[u] >= gmax {
				gmax, i = -gp[u], u
			}
			if an[u] > 0 && gn[u] >= gmax {
				gmax, i = gn[u], u+n
			}
		}
	}

	// ρ: the mean of s_t G_t over free variables, or the middle of the
	// feasible interval when none is free.
	ub, lb := math.Inf(1), math.Inf(-1)
	var sumFree float64
	nFree := 0
	for t := 0; t < 2*n; t++ {
		s := sign(t)
		a := *at(t)
		yg := s * gradAt(t)
		switch {
		case a >= c:
			if s < 0 {
				ub = min(ub, yg)
			} else {
				lb = max(lb, yg)
			}
		case a <= 0:
			if s > 0 {
				ub = min(ub, yg)
			} else {
				lb = max(lb, yg)
			}
		default:
			nFree++
			sumFree += yg
		}
	}
	rho := (ub + lb) / 2
	if nFree > 0 {
		rho = sumFree / float64(nFree)
	}
	beta := make([]float64, n)
	for u := range beta {
		beta[u] = ap[u] - an[u]
	}
	return svrSolution{Beta: beta, Bias: -rho, Iter: iter, Converged: converged}
}

// rbf returns exp(−γ‖a−b‖²).
func rbf(a, b []float64, gamma float64) float64 {
	var s float64
	for k, v := range a {
		d := v - b[k]
		s += d * d
	}
	return math.Exp(-gamma * s)
}

// rbfMatrix returns the n×n RBF kernel matrix of the rows of z, row-major.
func rbfMatrix(z [][]float64, gamma float64) []float64 {
	n := len(z)
	k := make([]float64, n*n)
	for i := 0; i < n; i++ {
		k[i*n+i] = 1
		for j := i + 1; j < n; j++ {
			v := rbf(z[i], z[j], gamma)
			k[i*n+j] = v
			k[j*n+i] = v
		}
	}
	return k
}
