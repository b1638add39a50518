#include "steward/metrics/internal/numpy_quantile.h"

#include <cmath>
#include <cstddef>

namespace steward::metrics::internal {
namespace {

// numpy's _lerp: two branches keep the result monotone in t and exact at both ends.
double Lerp(double a, double b, double t) {
  if (t == 0.0 || a == b)
    return a;
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

}  // namespace

double NumpyQuantileOfSorted(std::span<const double> sorted, double q) {
  const size_t n = sorted.size();
  const double h = static_cast<double>(n - 1) * q;
  if (h >= static_cast<double>(n - 1))
    return sorted[n - 1];
  const double lower = std::floor(h);
  const size_t index = static_cast<size_t>(lower);
  return Lerp(sorted[index], sorted[index + 1], h - lower);
}

}  // namespace steward::metrics::internal
