#include "steward/profile/internal/value_counts.h"

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace steward::profile::internal {
namespace {

// The definition the vectorized counts must agree with.
ValueCounts Reference(const std::vector<double>& values) {
  ValueCounts counts;
  for (double value : values) {
    if (std::isinf(value))
      ++(value > 0 ? counts.positive_infinities : counts.negative_infinities);
    if (!std::isfinite(value))
      continue;
    ++counts.finite;
    counts.zeros += value == 0;
    counts.negatives += value < 0;
    counts.non_integers += value != std::trunc(value);
  }
  return counts;
}

void ExpectCounts(const std::vector<double>& values) {
  const ValueCounts expected = Reference(values);
  const ValueCounts actual = CountValues(values);
  EXPECT_EQ(actual.finite, expected.finite);
  EXPECT_EQ(actual.zeros, expected.zeros);
  EXPECT_EQ(actual.negatives, expected.negatives);
  EXPECT_EQ(actual.non_integers, expected.non_integers);
  EXPECT_EQ(actual.positive_infinities, expected.positive_infinities);
  EXPECT_EQ(actual.negative_infinities, expected.negative_infinities);
}

TEST(ValueCountsTest, EdgeValues) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double two52 = std::ldexp(1.0, 52);
  const std::vector<double> values = {0.0,
                                      -0.0,
                                      1.0,
                                      -1.0,
                                      0.5,
                                      -0.5,
                                      1.5,
                                      -2.5,
                                      two52 - 0.5,
                                      -(two52 - 0.5),
                                      two52 - 1.0,
                                      two52,
                                      two52 + 1.0,
                                      std::ldexp(1.0, 53) + 2.0,
                                      std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::lowest(),
                                      std::numeric_limits<double>::min(),
                                      std::numeric_limits<double>::denorm_min(),
                                      -std::numeric_limits<double>::denorm_min(),
                                      0.49999999999999994,
                                      kInf,
                                      -kInf,
                                      std::numeric_limits<double>::quiet_NaN(),
                                      -std::numeric_limits<double>::quiet_NaN()};
  // Every length, so both the paired and the leftover paths see every value.
  for (size_t size = 0; size <= values.size(); ++size)
    ExpectCounts(
        std::vector<double>(values.begin(), values.begin() + static_cast<ptrdiff_t>(size)));
}

TEST(ValueCountsTest, RandomValues) {
  std::mt19937_64 random(7);
  std::normal_distribution<double> normal(0.0, 1e6);
  std::vector<double> values;
  for (int i = 0; i < 10001; ++i) {
    const double value = normal(random);
    values.push_back(i % 3 == 0 ? std::round(value) : value);
  }
  ExpectCounts(values);
}

}  // namespace
}  // namespace steward::profile::internal
