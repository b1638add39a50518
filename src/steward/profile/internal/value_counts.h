#pragma once

#include <cstdint>
#include <span>

namespace steward::profile::internal {

// How many values of a numeric batch are of each kind.
struct ValueCounts {
  uint64_t finite = 0;
  uint64_t zeros = 0;         // 0.0 and -0.0
  uint64_t negatives = 0;     // finite values below zero
  uint64_t non_integers = 0;  // finite values with a fraction
  uint64_t positive_infinities = 0;
  uint64_t negative_infinities = 0;
};

// One pass over every column's values, so it runs two values per instruction where SSE2 is
// there (GCC does not vectorize comparisons counted into integers without SSE4.1).
ValueCounts CountValues(std::span<const double> values);

}  // namespace steward::profile::internal
