package fusion

import (
	"errors"
	"fmt"
	"math"
)

// Data is a training set: one row per video.
type Data struct {
	Features []string    // feature names, one per column of X
	X        [][]float64 // X[i][k]: feature k of row i
	Y        []float64   // subjective score of row i; higher is better
	// Groups holds the comparison group of each row (e.g. reference and
	// preset): subjective scores are comparable only inside a group.
	Groups []string
	// FoldKeys holds the key that cross-validation splits on (e.g. the
	// reference sequence): rows with the same key are always in the same
	// fold.
	FoldKeys []string
}

// Len returns the number of rows.
func (d *Data) Len() int { return len(d.Y) }

// check validates the shapes and that every value is finite.
func (d *Data) check() error {
	n := len(d.Y)
	if n == 0 {
		return errors.New("fusion: no rows")
	}
	if len(d.Features) == 0 {
		return errors.New("fusion: no features")
	}
	if len(d.X) != n || len(d.Groups) != n || len(d.FoldKeys) != n {
		return fmt.Errorf("fusion: data has %d scores but %d feature rows, %d groups and %d fold keys",
			n, len(d.X), len(d.Groups), len(d.FoldKeys))
	}
	for i, row := range d.X {
		if len(row) != len(d.Features) {
			return fmt.Errorf("fusion: row %d has %d features, want %d", i, len(row), len(d.Features))
		}
		for k, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("fusion: row %d: feature %q is not finite", i, d.Features[k])
			}
		}
		if math.IsNaN(d.Y[i]) || math.IsInf(d.Y[i], 0) {
			return fmt.Errorf("fusion: row %d: subjective score is not finite", i)
		}
	}
	return nil
}

// TableData builds Data from a table: the feature columns, the subjective
// column, the group columns and the fold-by columns. Rows with a missing or
// non-finite value in any of them are dropped; dropped holds their 0-based
// indices in the table.
func TableData(t *Table, features []string, subjective string, group, foldBy []string) (d *Data, dropped []int, err error) {
	x, err := t.Matrix(features)
	if err != nil {
		return nil, nil, err
	}
	y, err := t.Floats(subjective)
	if err != nil {
		return nil, nil, err
	}
	g, err := t.Key(group)
	if err != nil {
		return nil, nil, err
	}
	f, err := t.Key(foldBy)
	if err != nil {
		return nil, nil, err
	}
	d = &Data{Features: append([]string(nil), features...)}
	for i := range y {
		ok := !math.IsNaN(y[i]) && !math.IsInf(y[i], 0)
		for _, v := range x[i] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				ok = false
			}
		}
		if !ok {
			dropped = append(dropped, i)
			continue
		}
		d.X = append(d.X, x[i])
		d.Y = append(d.Y, y[i])
		d.Groups = append(d.Groups, g[i])
		d.FoldKeys = append(d.FoldKeys, f[i])
	}
	if d.Len() == 0 {
		return nil, dropped, errors.New("fusion: no row has every feature and the subjective score")
	}
	return d, dropped, nil
}
