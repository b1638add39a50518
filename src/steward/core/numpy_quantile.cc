#include "steward/core/numpy_quantile.h"

#include <cmath>
#include <cstddef>

namespace steward {

double NumpyLerp(double a, double b, double t) {
  if (t == 0.0 || a == b)
    return a;
  if (std::isinf(a))
    return a;
  if (std::isinf(b))
    return b;
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

double NumpyQuantileOfSorted(std::span<const double> sorted, double q) {
  const size_t n = sorted.size();
  const double h = static_cast<double>(n - 1) * q;
  if (h >= static_cast<double>(n - 1))
    return sorted[n - 1];
  const double lower = std::floor(h);
  const size_t index = static_cast<size_t>(lower);
  return NumpyLerp(sorted[index], sorted[index + 1], h - lower);
}

}  // namespace steward
