#include "steward/sketch/hash_set64.h"

#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "steward/sketch/internal/random.h"

namespace steward::sketch {
namespace {

TEST(HashSet64, InsertReportsNewValuesOnly) {
  HashSet64 set;
  EXPECT_TRUE(set.Insert(5));
  EXPECT_FALSE(set.Insert(5));
  EXPECT_TRUE(set.Insert(6));
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.Contains(5));
  EXPECT_FALSE(set.Contains(7));
}

TEST(HashSet64, ZeroIsAValueLikeAnyOther) {
  HashSet64 set;
  EXPECT_FALSE(set.Contains(0));
  EXPECT_TRUE(set.Insert(0));
  EXPECT_FALSE(set.Insert(0));
  EXPECT_TRUE(set.Contains(0));
  EXPECT_EQ(set.size(), 1u);
  std::vector<uint64_t> values;
  set.ForEach([&values](uint64_t value) { values.push_back(value); });
  EXPECT_EQ(values, std::vector<uint64_t>{0});
}

TEST(HashSet64, MatchesStdSetThroughGrowth) {
  HashSet64 set;
  std::set<uint64_t> reference;
  internal::SplitMix64 rng(3);
  for (int i = 0; i < 200000; ++i) {
    // Small values repeat; sequential ones test the slot spreading.
    uint64_t value = i % 3 == 0 ? rng.Next() % 1000 : (i % 3 == 1 ? uint64_t(i) : rng.Next());
    EXPECT_EQ(set.Insert(value), reference.insert(value).second);
  }
  EXPECT_EQ(set.size(), reference.size());
  std::set<uint64_t> listed;
  set.ForEach([&listed](uint64_t value) { EXPECT_TRUE(listed.insert(value).second); });
  EXPECT_EQ(listed, reference);
  for (uint64_t probe = 0; probe < 2000; ++probe)
    EXPECT_EQ(set.Contains(probe), reference.count(probe) == 1) << probe;
}

TEST(HashSet64, LoadStaysAtMostHalf) {
  HashSet64 set;
  for (uint64_t i = 1; i <= 1000; ++i)
    set.Insert(i);
  EXPECT_GE(set.MemoryBytes(), 2 * 1000 * sizeof(uint64_t));
  EXPECT_LE(set.MemoryBytes(), 4 * 1000 * sizeof(uint64_t));
}

TEST(HashSet64, ReserveMakesRoomWithoutLaterGrowth) {
  HashSet64 set;
  set.Reserve(1000);
  const size_t reserved = set.MemoryBytes();
  EXPECT_GE(reserved, 2 * 1000 * sizeof(uint64_t));
  for (uint64_t i = 1; i <= 1000; ++i)
    set.Insert(i * 7919);
  EXPECT_EQ(set.MemoryBytes(), reserved);
  EXPECT_EQ(set.size(), 1000u);
  EXPECT_TRUE(set.Contains(7919));
}

TEST(HashSet64, InsertingAnotherSetsValuesInItsOrder) {
  // A big set's slot order fed into a reserved set: every value arrives, none lost.
  HashSet64 big;
  for (uint64_t i = 1; i <= 50000; ++i)
    big.Insert(i * 0x9E3779B97F4A7C15ULL);
  HashSet64 copy;
  copy.Reserve(big.size());
  big.ForEach([&copy](uint64_t value) { EXPECT_TRUE(copy.Insert(value)); });
  EXPECT_EQ(copy.size(), big.size());
}

TEST(HashSet64, ClearEmptiesAndFrees) {
  HashSet64 set;
  for (uint64_t i = 0; i < 100; ++i)
    set.Insert(i);
  set.Clear();
  EXPECT_EQ(set.size(), 0u);
  EXPECT_EQ(set.MemoryBytes(), 0u);
  EXPECT_FALSE(set.Contains(0));
  EXPECT_FALSE(set.Contains(50));
  EXPECT_TRUE(set.Insert(50));
}

}  // namespace
}  // namespace steward::sketch
