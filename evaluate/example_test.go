package evaluate_test

import (
	"fmt"

	"github.com/fr-metrics/fr-metrics/evaluate"
)

func ExampleEvaluate() {
	// Two sequences of sixteen encodes each; the metric ranks the first
	// perfectly and swaps two encodes of the second. Spearman needs
	// groups of at least 15.
	var groups []string
	var subjective, metric []float64
	for i := range 16 {
		groups = append(groups, "seqA")
		subjective = append(subjective, float64(i))
		metric = append(metric, 30+2*float64(i))
	}
	for i := range 16 {
		groups = append(groups, "seqB")
		subjective = append(subjective, float64(i))
		m := float64(i)
		if i == 7 || i == 8 {
			m = float64(15 - i)
		}
		metric = append(metric, 0.9+m/100)
	}
	res, err := evaluate.Evaluate(groups, subjective, metric, evaluate.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range []struct {
		name string
		c    evaluate.Coef
	}{{"SROCC", res.SROCC}, {"KROCC", res.KROCC}, {"PLCC", res.PLCC}, {"Result", res.Result}} {
		if c.c.OK {
			fmt.Printf("%-6s %.4f (groups %d)\n", c.name, c.c.Value, c.c.GroupsUsed)
		} else {
			fmt.Printf("%-6s no result: %s\n", c.name, c.c.Reason)
		}
	}
	for _, g := range res.PerGroup {
		fmt.Printf("%s n=%d SROCC %.4f KROCC %.4f PLCC %.4f\n", g.Group, g.N, g.SROCC, g.KROCC, g.PLCC)
	}
	// Output:
	// SROCC  0.9946 (groups 2)
	// KROCC  0.9871 (groups 2)
	// PLCC   0.9946 (groups 2)
	// Result 0.9921 (groups 2)
	// seqA n=16 SROCC 1.0000 KROCC 1.0000 PLCC 1.0000
	// seqB n=16 SROCC 0.9971 KROCC 0.9833 PLCC 0.9971
}
