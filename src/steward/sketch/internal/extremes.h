#pragma once

#include <span>

namespace steward::sketch::internal {

// Folds `values` into a running minimum and maximum as `lo = x < lo ? x : lo` (and `x > hi`)
// would, value by value: NaN never replaces an extreme, and of -0.0 and 0.0 the one seen first
// stays. Returns whether any value is NaN. Two values per SSE2 instruction where available.
bool FoldExtremes(std::span<const double> values, double& lo, double& hi);
bool FoldExtremesScalar(std::span<const double> values, double& lo, double& hi);

}  // namespace steward::sketch::internal
