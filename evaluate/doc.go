// Package evaluate scores quality metrics against subjective scores the
// way the MSU video quality metrics benchmark and the AIM 2024 compressed
// video quality assessment challenge do, and reproduces the MSU code's
// numbers to the last bit.
//
// # Protocol
//
// Rows (videos) are partitioned into groups, one per (reference
// sequence, preset) in the benchmark; a group with fewer than three rows
// is never formed. Inside each group the metric is correlated with the
// subjective score over the rows where both are finite:
//
//   - SROCC: Spearman, the Pearson correlation of average ranks (ties
//     share their mean rank);
//   - KROCC: Kendall tau-b, corrected for ties (gonum's stat.Kendall is
//     tau-a, which the protocol does not use);
//   - PLCC: plain linear Pearson, with no logistic fit first.
//
// A group counts for SROCC when n >= 15 and for KROCC and PLCC when
// n >= 6, n being the group's row count (ThresholdRule GT makes these
// n > 15 and n > 6, as the AIM paper words it). The coefficients of the
// eligible groups are pooled by Fisher's z: z = atanh(r), where only an
// r of exactly ±1 becomes atanh(±0.99); the mean of z weighted by n;
// tanh; the absolute value (so a metric where lower is better scores as
// its negation); and a value of exactly 0.99 becomes 1. Result is the
// mean of the pooled SROCC, KROCC and PLCC. The 95% interval is the one
// the MSU notebook prints: statsmodels DescrStatsW's mean ± 1.96·std_mean
// in z, back through tanh, reported as absolute values, lower first.
//
// # Where the MSU code has no answer
//
// Under the default MSU policy, any undefined coefficient in an eligible
// group (a side constant within the group, or a Pearson r that rounds to
// 1.0000000000000002 so that atanh is NaN) makes the pooled coefficient
// NaN in the MSU code, and with no group of three rows it crashes. Here
// such a coefficient has OK false and a Reason naming the groups and the
// cause; it is never a silent NaN. The Careful policy never lets one bad
// group spoil the pool: n counts finite pairs, a group with constant
// subjective scores is skipped, a constant prediction counts as r = 0,
// and coefficients are clipped to [-1, 1].
//
// # The last bit
//
// Near |r| = 1 the floating-point formula decides the result: scipy's
// tau-b of a perfect group of 12 is 0.9999999999999998, whose z is 18.4
// rather than the capped 2.65, and pandas' one-pass Pearson can exceed 1.
// The coefficients are therefore computed with the formulas of the
// libraries the MSU code runs (FormulaPandas: pandas DataFrame.corr and
// scipy's kendalltau), or those of scipy.stats (FormulaSciPy, used for
// any departure from the MSU code: rule GT or policy Careful). The MSU code also reads its CSV files with pandas,
// whose default float parser can be one unit in the last place off the
// correctly rounded value; ParsePandas reproduces it, and Table.Parse
// selects it. gonum's stat.Correlation and stat.Kendall serve as
// independent checks in the tests; they are not used for the results,
// because their two-pass formula rounds differently near |r| = 1 and
// their Kendall is tau-a.
package evaluate
