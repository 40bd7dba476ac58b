// Package f64 holds the small float64 building blocks that the
// PIQ-conformant metrics of the feature-similarity family (FSIM, VSI,
// SR-SIM) share: the Scharr gradient magnitude with zero padding, the
// similarity map S(a, b; c) = (2ab + c)/(a² + b² + c), the YIQ and LMN
// colour matrices applied in place, the BT.601 luma of RGB rows (DSS and
// VIF-p), the extremes of a plane, and quickselect (DSS pools the mean of
// its smallest values, FSIM's noise estimate needs a median).
//
// These metrics run in float64 to agree with PIQ's float64 reference to
// 1e-8 or better, so the expressions here are written in the order PIQ
// evaluates them and must not be reassociated: every metric that uses
// them gets bit-identical results.
package f64
