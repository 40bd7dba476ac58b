package fusion

import (
	"fmt"
	"math/rand/v2"
	"sort"
)

// Folds assigns each of the given rows to one of k folds so that rows with
// the same key are always in the same fold. It returns the fold of each
// position of rows (all rows of keys when rows is nil).
//
// The distinct keys are sorted, shuffled with the seed, and each in turn
// goes to the fold with the fewest rows so far (the lowest-numbered on a
// tie), which keeps the folds' sizes close. The result depends only on the
// keys, k and the seed.
func Folds(keys []string, rows []int, k int, seed uint64) ([]int, error) {
	if rows == nil {
		rows = make([]int, len(keys))
		for i := range rows {
			rows[i] = i
		}
	}
	count := map[string]int{}
	for _, i := range rows {
		count[keys[i]]++
	}
	if k < 2 {
		return nil, fmt.Errorf("fusion: %d folds: need at least 2", k)
	}
	if len(count) < k {
		return nil, fmt.Errorf("fusion: %d folds but only %d distinct fold keys", k, len(count))
	}
	uniq := make([]string, 0, len(count))
	for key := range count {
		uniq = append(uniq, key)
	}
	sort.Strings(uniq)
	rng := rand.New(rand.NewPCG(seed, 0x5851f42d4c957f2d))
	rng.Shuffle(len(uniq), func(a, b int) { uniq[a], uniq[b] = uniq[b], uniq[a] })
	size := make([]int, k)
	fold := make(map[string]int, len(uniq))
	for _, key := range uniq {
		f := 0
		for j := 1; j < k; j++ {
			if size[j] < size[f] {
				f = j
			}
		}
		fold[key] = f
		size[f] += count[key]
	}
	out := make([]int, len(rows))
	for r, i := range rows {
		out[r] = fold[keys[i]]
	}
	return out, nil
}
