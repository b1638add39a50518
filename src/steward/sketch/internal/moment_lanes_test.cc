#include "steward/sketch/internal/moment_lanes.h"

#include <bit>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "steward/sketch/internal/random.h"

namespace steward::sketch::internal {
namespace {

// Bit patterns, so -0.0 and 0.0 differ.
uint64_t Bits(double x) {
  return std::bit_cast<uint64_t>(x);
}

void ExpectSameLanes(const std::vector<double>& values) {
  const LaneSums fast = SumLanes(values);
  const LaneSums plain = SumLanesScalar(values);
  for (size_t lane = 0; lane < kMomentLanes; ++lane) {
    EXPECT_EQ(Bits(fast.sums[lane]), Bits(plain.sums[lane])) << values.size();
    EXPECT_EQ(Bits(fast.compensations[lane]), Bits(plain.compensations[lane])) << values.size();
  }
  EXPECT_EQ(Bits(fast.lo), Bits(plain.lo)) << values.size();
  EXPECT_EQ(Bits(fast.hi), Bits(plain.hi)) << values.size();
  const double mean = values[values.size() / 2];
  const LanePowers fast_powers = PowerLanes(values, mean);
  const LanePowers plain_powers = PowerLanesScalar(values, mean);
  for (size_t lane = 0; lane < kMomentLanes; ++lane) {
    EXPECT_EQ(Bits(fast_powers.s1[lane]), Bits(plain_powers.s1[lane]));
    EXPECT_EQ(Bits(fast_powers.s2[lane]), Bits(plain_powers.s2[lane]));
    EXPECT_EQ(Bits(fast_powers.s3[lane]), Bits(plain_powers.s3[lane]));
    EXPECT_EQ(Bits(fast_powers.s4[lane]), Bits(plain_powers.s4[lane]));
  }
}

TEST(MomentLanes, VectorPassesEqualScalarBitForBit) {
  SplitMix64 rng(3);
  for (size_t size = 1; size <= 70; ++size) {
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<double> values(size);
      for (double& x : values) {
        // Mixed magnitudes exercise both branches of the compensated sum.
        const uint64_t pick = rng.NextBelow(4);
        x = pick == 0 ? rng.NextNormal() * 1e12 : (pick == 1 ? 1.0 : rng.NextNormal());
      }
      ExpectSameLanes(values);
    }
  }
}

TEST(MomentLanes, KeepsTheFirstSignedZeroAtTheExtremes) {
  // Only -0.0 and 0.0 compare equal with different bits: the first one seen must be kept.
  for (size_t size = 1; size <= 12; ++size) {
    for (size_t first = 0; first < size; ++first) {
      std::vector<double> nonnegative(size, 1.0), nonpositive(size, -1.0);
      for (size_t i = first; i < size; ++i) {
        const double zero = (i - first) % 2 == 0 ? -0.0 : 0.0;
        nonnegative[i] = zero;
        nonpositive[i] = -zero;
      }
      ExpectSameLanes(nonnegative);
      ExpectSameLanes(nonpositive);
    }
  }
}

}  // namespace
}  // namespace steward::sketch::internal
