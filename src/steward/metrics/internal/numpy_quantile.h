#pragma once

#include <span>

namespace steward::metrics::internal {

// numpy.quantile(sorted, q, method="linear") on a non-empty ascending array of finite values,
// bit for bit. The same algorithm as steward::sketch::NumpyQuantileOfSorted; metrics depends
// only on core, so it keeps its own copy until the function moves down into core.
double NumpyQuantileOfSorted(std::span<const double> sorted, double q);

}  // namespace steward::metrics::internal
