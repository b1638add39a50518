#include "steward/sketch/hashing.h"

#include <bit>
#include <cmath>
#include <limits>
#include <unordered_set>

#include <gtest/gtest.h>

namespace steward::sketch {
namespace {

TEST(Hashing, BytesAreXxh3WithSeed) {
  EXPECT_EQ(HashBytes("abc"), XXH3_64bits("abc", 3));
  EXPECT_EQ(HashBytes("abc", 7), XXH3_64bits_withSeed("abc", 3, 7));
  EXPECT_NE(HashBytes("abc", 1), HashBytes("abc", 2));
  EXPECT_NE(HashBytes(""), HashBytes(std::string_view("\0", 1)));
}

TEST(Hashing, NumberTreatsSignedZerosAndNaNsAlike) {
  EXPECT_EQ(HashNumber(0.0), HashNumber(-0.0));
  const double quiet = std::numeric_limits<double>::quiet_NaN();
  const double negative_nan = -quiet;
  const double payload_nan = std::bit_cast<double>(uint64_t{0x7FF0000000000123ULL});
  ASSERT_TRUE(std::isnan(payload_nan));
  EXPECT_EQ(HashNumber(quiet), HashNumber(negative_nan));
  EXPECT_EQ(HashNumber(quiet), HashNumber(payload_nan));
  EXPECT_NE(HashNumber(1.0), HashNumber(-1.0));
  EXPECT_NE(HashNumber(std::numeric_limits<double>::infinity()),
            HashNumber(-std::numeric_limits<double>::infinity()));
}

TEST(Hashing, ConsecutiveIntegersGetDistinctWellSpreadHashes) {
  std::unordered_set<uint64_t> seen;
  int top_bit_set = 0;
  constexpr int kCount = 100000;
  for (int i = 0; i < kCount; ++i) {
    uint64_t hash = HashNumber(i);
    EXPECT_TRUE(seen.insert(hash).second) << i;
    top_bit_set += static_cast<int>(hash >> 63);
  }
  // Each bit should be set about half the time: 50000 +- 5 standard deviations (158).
  EXPECT_NEAR(top_bit_set, kCount / 2, 800);
}

TEST(Hashing, CombineIsOrderDependent) {
  const uint64_t a = HashBytes("a"), b = HashBytes("b");
  EXPECT_NE(HashCombine(HashCombine(0, a), b), HashCombine(HashCombine(0, b), a));
  EXPECT_NE(HashCombine(0, a), HashCombine(a, 0));
}

TEST(Hashing, CombineAvalanches) {
  // Flipping one input bit should flip about half of the 64 output bits.
  double total_flipped = 0;
  int trials = 0;
  for (uint64_t seed = 1; seed < 65; ++seed) {
    const uint64_t base = HashCombine(seed * 0x1234567ULL, seed);
    for (int bit = 0; bit < 64; ++bit) {
      total_flipped += std::popcount(base ^ HashCombine(seed * 0x1234567ULL, seed ^ (1ULL << bit)));
      total_flipped +=
          std::popcount(base ^ HashCombine((seed * 0x1234567ULL) ^ (1ULL << bit), seed));
      trials += 2;
    }
  }
  EXPECT_NEAR(total_flipped / trials, 32.0, 0.5);
}

TEST(Hashing, RowsDifferingInOneColumnNeverCollide) {
  // Rows (i, j, 7) for small i, j: any two differ in at least one column.
  std::unordered_set<uint64_t> seen;
  for (int i = 0; i < 300; ++i) {
    for (int j = 0; j < 300; ++j) {
      uint64_t row =
          HashCombine(HashCombine(HashCombine(0, HashNumber(i)), HashNumber(j)), HashNumber(7));
      EXPECT_TRUE(seen.insert(row).second) << i << "," << j;
    }
  }
}

}  // namespace
}  // namespace steward::sketch
