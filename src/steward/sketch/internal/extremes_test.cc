#include "steward/sketch/internal/extremes.h"

#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "steward/sketch/internal/random.h"

namespace steward::sketch::internal {
namespace {

uint64_t BitPattern(double x) {
  return std::bit_cast<uint64_t>(x);
}

TEST(FoldExtremes, EqualsTheScalarFoldBitForBit) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> specials = {0.0, -0.0, 1.0, -1.0, inf, -inf, nan, 5e-324};
  const std::vector<double> starts = {inf, -inf, 0.0, -0.0, 1.0, -1.0};
  SplitMix64 rng(5);
  for (size_t size = 0; size <= 17; ++size) {
    for (int trial = 0; trial < 200; ++trial) {
      std::vector<double> values(size);
      for (double& x : values)
        x = specials[rng.NextBelow(specials.size())];
      for (const double start : starts) {
        // A running minimum and maximum as a sketch holds them: +inf / -inf when empty.
        double lo = start, hi = -start, plain_lo = start, plain_hi = -start;
        const bool has_nan = FoldExtremes(values, lo, hi);
        const bool plain_has_nan = FoldExtremesScalar(values, plain_lo, plain_hi);
        EXPECT_EQ(has_nan, plain_has_nan);
        EXPECT_EQ(BitPattern(lo), BitPattern(plain_lo)) << size;
        EXPECT_EQ(BitPattern(hi), BitPattern(plain_hi)) << size;
      }
    }
  }
}

}  // namespace
}  // namespace steward::sketch::internal
