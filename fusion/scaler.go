package fusion

import "math"

// Scaler standardises features: z = (x - Mean) / Scale, column by column.
type Scaler struct {
	Mean  []float64 `json:"mean"`
	Scale []float64 `json:"scale"`
}

// fitScaler computes the mean and the population standard deviation of
// every column over the given rows. A constant column gets Scale 1.
func fitScaler(x [][]float64, rows []int) Scaler {
	d := len(x[rows[0]])
	s := Scaler{Mean: make([]float64, d), Scale: make([]float64, d)}
	n := float64(len(rows))
	for _, i := range rows {
		for k, v := range x[i] {
			s.Mean[k] += v
		}
	}
	for k := range s.Mean {
		s.Mean[k] /= n
	}
	for _, i := range rows {
		for k, v := range x[i] {
			dv := v - s.Mean[k]
			s.Scale[k] += dv * dv
		}
	}
	for k := range s.Scale {
		sd := math.Sqrt(s.Scale[k] / n)
		if sd == 0 || math.IsNaN(sd) {
			sd = 1
		}
		s.Scale[k] = sd
	}
	return s
}

// apply writes the standardised x into dst and returns it.
func (s Scaler) apply(dst, x []float64) []float64 {
	for k, v := range x {
		dst[k] = (v - s.Mean[k]) / s.Scale[k]
	}
	return dst
}

// matrix standardises the given rows into a new row-major matrix.
func (s Scaler) matrix(x [][]float64, rows []int) [][]float64 {
	d := len(s.Mean)
	flat := make([]float64, len(rows)*d)
	out := make([][]float64, len(rows))
	for r, i := range rows {
		out[r] = s.apply(flat[r*d:(r+1)*d:(r+1)*d], x[i])
	}
	return out
}
