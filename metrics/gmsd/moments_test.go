package gmsd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMoments checks the row-by-row mean/deviation merge against a direct
// two-pass computation over the whole map, for rows of varying lengths.
func TestMoments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var all []float32
	var m moments
	for i := range 50 {
		row := make([]float32, 1+i*7%61)
		for j := range row {
			row[j] = 0.9 + 0.1*r.Float32() + float32(i%3)*0.01
		}
		all = append(all, row...)
		m.addRow(row)
	}
	var s float64
	for _, v := range all {
		s += float64(v)
	}
	mean := s / float64(len(all))
	var d float64
	for _, v := range all {
		d += (float64(v) - mean) * (float64(v) - mean)
	}
	want := math.Sqrt(d / float64(len(all)))
	if got := m.std(); math.Abs(got-want) > 1e-15 {
		t.Errorf("std = %.17g, want %.17g", got, want)
	}
	var one moments
	for range 3 {
		one.addRow([]float32{1, 1, 1, 1})
	}
	if one.std() != 0 {
		t.Errorf("constant map: std %g, want 0", one.std())
	}
}

// addRow merges the samples of row, shifted by 1 as simMap shifts them.
func (m *moments) addRow(row []float32) {
	var s, q float64
	for _, v := range row {
		s += float64(v) - 1
		q += (float64(v) - 1) * (float64(v) - 1)
	}
	m.add(len(row), s, q)
}
