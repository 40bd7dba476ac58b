// Package fusion learns one quality score from many full-reference
// features and proves it on references the model never saw.
//
// A fusion model maps a row of features (for example the pooled SSIM,
// MS-SSIM, GMSD, … of one video) to a score that should order videos the
// way viewers did. Two model kinds are provided:
//
//   - Ridge: linear least squares with an L2 penalty on standardised
//     features, solved in closed form with gonum. It is the baseline.
//   - SVR: a bagging ensemble of ε-support-vector regressors with an RBF
//     kernel, the "Test IQA" recipe. Each member is trained on a random
//     subsample of the rows by an SMO solver written here (the working-set
//     selection of Fan, Chen and Lin, JMLR 2005, as in LIBSVM); the
//     ensemble predicts the mean of its members.
//
// Subjective scores from pairwise comparisons (Bradley–Terry per reference
// and preset) are only comparable inside their group, so the training
// target can be handled per group (see Target): kept raw, z-scored inside
// each group, replaced by its rank inside the group, or, for the linear
// model, fitted through a pairwise objective that only looks at differences
// between videos of the same group.
//
// Bounded features crowd against one end of [0, 1] (FSIM and VSI near 1,
// GMSD near 0); Transform Logit spreads them with log(v/(1−v)) before
// standardisation, whatever the feature's direction.
//
// The target handling, the transform and the hyper-parameters can all be
// left to the search (SearchOptions.Targets, Transforms and Grid): every
// combination is scored by an inner cross-validation and the best is kept.
//
// Honest validation is the point of the package. Folds assigns whole
// references (any key column) to folds, so no reference is ever in the
// training and the test part of the same split; CrossValidate tunes the
// hyper-parameters by an inner cross-validation on the training folds only
// (nested CV) and returns out-of-fold predictions, deterministic for a given
// seed whatever the number of threads.
//
// The features are standardised with the training rows' mean and standard
// deviation, and that standardisation is part of the saved Model, together
// with the feature names: a Model refuses a table that lacks any of them.
package fusion
