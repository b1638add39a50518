#pragma once

#include <span>

namespace steward::validate::internal {

// The q-quantile of sorted values by linear interpolation between the closest ranks.
// Matches numpy.quantile(values, q, method="linear") (numpy >= 1.22) bit for bit: virtual
// index (n - 1) * q and numpy's _lerp, which interpolates from the upper neighbour when the
// fraction is at least 0.5. REQUIRES: `sorted` non-empty and ascending, 0 <= q <= 1.
double QuantileOfSorted(std::span<const double> sorted, double q);

}  // namespace steward::validate::internal
