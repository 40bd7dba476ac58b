package fusion

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// linearKernel returns the n×n matrix of dot products of the rows of x.
func linearKernel(x [][]float64) []float64 {
	n := len(x)
	k := make([]float64, n*n)
	for i := range x {
		for j := range x {
			for d := range x[i] {
				k[i*n+j] += x[i][d] * x[j][d]
			}
		}
	}
	return k
}

// TestSolveSVRKnown checks the solver on problems solved by hand. With a
// linear kernel and points (0,0), (1,1), ε = 0.1 and a loose C, the
// flattest function inside the tube is f(x) = 0.8x + 0.1: w = 0.8, so
// β = (−0.8, 0.8), and b = 0.1. With C = 0.1 the box binds: β = (−0.1, 0.1).
func TestSolveSVRKnown(t *testing.T) {
	x := [][]float64{{0}, {1}}
	y := []float64{0, 1}
	tests := []struct {
		c        float64
		beta     []float64
		bias     float64
		checkB   bool
		tol      float64
		describe string
	}{
		{c: 100, beta: []float64{-0.8, 0.8}, bias: 0.1, checkB: true, describe: "tube binds"},
		{c: 0.1, beta: []float64{-0.1, 0.1}, describe: "box binds (bias not unique)"},
	}
	for _, tc := range tests {
		t.Run(tc.describe, func(t *testing.T) {
			sol := solveSVR(linearKernel(x), 2, y, tc.c, 0.1, 1e-9)
			if !sol.Converged {
				t.Fatalf("not converged after %d iterations", sol.Iter)
			}
			for i, want := range tc.beta {
				if math.Abs(sol.Beta[i]-want) > 1e-9 {
					t.Errorf("beta[%d] = %v, want %v", i, sol.Beta[i], want)
				}
			}
			if tc.checkB && math.Abs(sol.Bias-tc.bias) > 1e-9 {
				t.Errorf("bias = %v, want %v", sol.Bias, tc.bias)
			}
		})
	}
}

// TestSolveSVRKKT checks the optimality conditions of the ε-SVR dual,
// which are necessary and sufficient for this convex problem, on random
// RBF problems: Σβ = 0, |β| ≤ C, and for the residual r = f(x)−y of every
// row: β = 0 ⇒ |r| ≤ ε; 0 < |β| < C ⇒ r = −sign(β)·ε; |β| = C ⇒
// −sign(β)·r ≥ ε.
func TestSolveSVRKKT(t *testing.T) {
	for _, tc := range []struct {
		n             int
		c, gamma, eps float64
	}{
		{40, 10, 0.5, 0.1},
		{60, 1, 2, 0.05},
		{80, 100, 0.1, 0.2},
		{30, 0.5, 1, 0},
		{300, 10, 0.5, 0.1},
		{400, 1, 2, 0.05},
	} {
		t.Run(fmt.Sprintf("n=%d/C=%g", tc.n, tc.c), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tc.n), 7))
			x := make([][]float64, tc.n)
			y := make([]float64, tc.n)
			for i := range x {
				x[i] = []float64{rng.Float64()*4 - 2, rng.Float64()*4 - 2}
				y[i] = math.Sin(x[i][0]) + 0.5*x[i][1] + 0.2*rng.NormFloat64()
			}
			k := rbfMatrix(x, tc.gamma)
			const tol = 1e-8
			sol := solveSVR(k, tc.n, y, tc.c, tc.eps, tol)
			if !sol.Converged {
				t.Fatalf("not converged after %d iterations", sol.Iter)
			}
			var sum float64
			for _, b := range sol.Beta {
				sum += b
			}
			if math.Abs(sum) > 1e-9 {
				t.Errorf("sum(beta) = %g, want 0", sum)
			}
			const slack = 1e-6
			for i, b := range sol.Beta {
				f := sol.Bias
				for j, bj := range sol.Beta {
					f += bj * k[i*tc.n+j]
				}
				r := f - y[i]
				ab := math.Abs(b)
				switch {
				case ab > tc.c+1e-12:
					t.Errorf("row %d: |beta| = %g > C", i, ab)
				case ab == 0:
					if math.Abs(r) > tc.eps+slack {
						t.Errorf("row %d: beta = 0 but |r| = %g > eps", i, math.Abs(r))
					}
				case ab < tc.c:
					if math.Abs(-math.Copysign(tc.eps, b)-r) > slack {
						t.Errorf("row %d: free beta %g but r = %g, want %g", i, b, r, -math.Copysign(tc.eps, b))
					}
				default:
					if -math.Copysign(1, b)*r < tc.eps-slack {
						t.Errorf("row %d: beta at bound %g but r = %g inside the tube", i, b, r)
					}
				}
			}
		})
	}
}

func BenchmarkSolveSVR(b *testing.B) {
	for _, n := range []int{100, 340} {
		for _, c := range []float64{1, 100} {
			b.Run(fmt.Sprintf("n=%d/C=%g", n, c), func(b *testing.B) {
				rng := rand.New(rand.NewPCG(1, 2))
				x := make([][]float64, n)
				y := make([]float64, n)
				for i := range x {
					x[i] = make([]float64, 12)
					for d := range x[i] {
						x[i][d] = rng.NormFloat64()
					}
					y[i] = x[i][0] + math.Sin(x[i][1]) + 0.3*rng.NormFloat64()
				}
				k := rbfMatrix(x, 0.2/12)
				b.SetBytes(int64(8 * n * n))
				b.ReportAllocs()
				var iter int
				for b.Loop() {
					iter = solveSVR(k, n, y, c, 0.1, 1e-3).Iter
				}
				b.ReportMetric(float64(iter), "iter")
			})
		}
	}
}

// BenchmarkFit measures one model fit on synthetic data the size of the
// CVQAD open data (1,022 rows × 12 features): ridge, and an SVR ensemble
// of 10 members on half the rows each.
func BenchmarkFit(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	const rows, feats = 1022, 12
	d := &Data{}
	for k := range feats {
		d.Features = append(d.Features, fmt.Sprintf("f%d", k))
	}
	for i := range rows {
		q := rng.Float64()
		x := make([]float64, feats)
		for k := range x {
			x[k] = q + 0.2*rng.NormFloat64()
		}
		d.X = append(d.X, x)
		d.Y = append(d.Y, 5*q+0.3*rng.NormFloat64())
		d.Groups = append(d.Groups, fmt.Sprintf("g%d", i/18))
		d.FoldKeys = append(d.FoldKeys, fmt.Sprintf("r%d", i/28))
	}
	for _, tc := range []struct {
		cfg Config
		p   Params
	}{
		{Config{Kind: Ridge, Target: Pairwise}, Params{Lambda: 0.01}},
		{Config{Kind: SVR, Target: Raw}, Params{C: 1, Gamma: 0.05 / feats, Epsilon: 0.1}},
	} {
		b.Run(fmt.Sprintf("model=%s/rows=%d", tc.cfg.Kind, rows), func(b *testing.B) {
			b.SetBytes(int64(8 * rows * feats))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Fit(d, nil, tc.cfg, tc.p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
