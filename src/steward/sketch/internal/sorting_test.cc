#include "steward/sketch/internal/sorting.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "steward/sketch/internal/random.h"

namespace steward::sketch::internal {
namespace {

// Bit patterns, so -0.0 and 0.0 count as different values.
std::vector<uint64_t> Bits(const std::vector<double>& values) {
  std::vector<uint64_t> bits;
  for (double x : values)
    bits.push_back(std::bit_cast<uint64_t>(x));
  std::sort(bits.begin(), bits.end());
  return bits;
}

TEST(SmallSort, SortsEverySizeAsAPermutation) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> specials = {inf, -inf, 0.0, -0.0, 1.0, 1.0, -5e-324, 1e308};
  SplitMix64 rng(1);
  for (size_t size = 0; size <= 300; ++size) {
    for (int trial = 0; trial < 5; ++trial) {
      std::vector<double> values(size);
      for (double& x : values) {
        uint64_t pick = rng.NextBelow(10);
        // Few distinct values, specials, and plain random ones.
        x = pick < 2 ? specials[rng.NextBelow(specials.size())]
                     : (pick < 5 ? static_cast<double>(rng.NextBelow(4)) : rng.NextNormal());
      }
      std::vector<double> sorted = values;
      SmallSort(sorted.data(), sorted.size());
      EXPECT_TRUE(std::is_sorted(sorted.begin(), sorted.end())) << size;
      EXPECT_EQ(Bits(sorted), Bits(values)) << size;
    }
  }
}

TEST(SmallSort, SortsEveryZeroOneInputUpToTwelve) {
  // Compare-exchanges and merges sort everything iff they sort every 0-1 input (Knuth's 0-1
  // principle), so this covers the networks and the run boundaries exhaustively.
  for (size_t size = 1; size <= 12; ++size) {
    for (unsigned bits = 0; bits < (1u << size); ++bits) {
      std::vector<double> values(size);
      for (size_t i = 0; i < size; ++i)
        values[i] = (bits >> i) & 1;
      SmallSort(values.data(), values.size());
      EXPECT_TRUE(std::is_sorted(values.begin(), values.end())) << size << " " << bits;
    }
  }
}

TEST(MergeSorted, EqualsStdMergeForEverySplit) {
  SplitMix64 rng(2);
  for (size_t a_size = 0; a_size <= 40; ++a_size) {
    for (size_t b_size = 0; b_size <= 40; b_size += 3) {
      std::vector<double> a(a_size), b(b_size);
      // Small integers collide; infinities test the stand-ins for exhausted runs.
      auto draw = [&rng] {
        const double inf = std::numeric_limits<double>::infinity();
        const uint64_t pick = rng.NextBelow(10);
        return pick == 0 ? inf : (pick == 1 ? -inf : static_cast<double>(rng.NextBelow(8)));
      };
      for (double& x : a)
        x = draw();
      for (double& x : b)
        x = draw();
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      std::vector<double> expected(a_size + b_size), merged(a_size + b_size);
      std::merge(a.begin(), a.end(), b.begin(), b.end(), expected.begin());
      MergeSorted(a.data(), a_size, b.data(), b_size, merged.data());
      EXPECT_EQ(merged, expected) << a_size << " " << b_size;
    }
  }
}

}  // namespace
}  // namespace steward::sketch::internal
