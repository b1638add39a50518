#include "steward/validate/internal/exact_quantile.h"

#include <algorithm>
#include <cmath>

namespace steward::validate::internal {

double QuantileOfSorted(std::span<const double> sorted, double q) {
  const size_t n = sorted.size();
  const double virtual_index = static_cast<double>(n - 1) * q;
  const double previous = std::floor(virtual_index);
  const double gamma = virtual_index - previous;
  const auto lower = std::min(static_cast<size_t>(previous), n - 1);
  const size_t upper = std::min(lower + 1, n - 1);
  const double a = sorted[lower];
  const double b = sorted[upper];
  const double difference = b - a;
  return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
}

}  // namespace steward::validate::internal
