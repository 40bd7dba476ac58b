package fusion_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/fr-metrics/fr-metrics/fusion"
)

// Two equally noisy views of a hidden quality, in 8 references of 10
// videos: the cross-validated fusion, scored on references it never saw,
// ranks the videos of each reference better than either view alone.
func ExampleCrossValidate() {
	rng := rand.New(rand.NewPCG(1, 2))
	d := &fusion.Data{Features: []string{"sharp", "noisy"}}
	for r := range 8 {
		for range 10 {
			q := rng.Float64()
			d.X = append(d.X, []float64{q + 0.15*rng.NormFloat64(), q + 0.15*rng.NormFloat64()})
			d.Y = append(d.Y, q)
			d.Groups = append(d.Groups, fmt.Sprint("ref", r))
			d.FoldKeys = append(d.FoldKeys, fmt.Sprint("ref", r))
		}
	}
	res, err := fusion.CrossValidate(d, fusion.Config{Kind: fusion.Ridge, Target: fusion.Pairwise, Seed: 1},
		fusion.CVOptions{Folds: 4, SearchOptions: fusion.SearchOptions{Grid: fusion.DefaultGrid(fusion.Ridge, 2)}})
	if err != nil {
		panic(err)
	}
	for k, name := range d.Features {
		col := make([]float64, d.Len())
		for i := range col {
			col[i] = d.X[i][k]
		}
		fmt.Printf("%s alone: %.2f\n", name, fusion.GroupedSpearman(d.Groups, d.Y, col))
	}
	fmt.Printf("fused, out of fold: %.2f\n", fusion.GroupedSpearman(d.Groups, d.Y, res.Pred))
	// Output:
	// sharp alone: 0.88
	// noisy alone: 0.88
	// fused, out of fold: 0.91
}
