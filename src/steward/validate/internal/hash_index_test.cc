#include "steward/validate/internal/hash_index.h"

#include <cmath>

#include <gtest/gtest.h>

namespace steward::validate::internal {
namespace {

TEST(FirstSeenIndex, RemembersWhereEachKeyFirstAppeared) {
  FirstSeenIndex index;
  EXPECT_EQ(index.Insert(42, 0), std::nullopt);
  EXPECT_EQ(index.Insert(0, 1), std::nullopt);
  EXPECT_EQ(index.Insert(42, 2), 0u);
  EXPECT_EQ(index.Insert(42, 3), 0u);
  EXPECT_EQ(index.Insert(0, 4), 1u);
  EXPECT_EQ(index.size(), 2u);
}

TEST(FirstSeenIndex, KeepsEveryKeyWhileGrowing) {
  FirstSeenIndex index;
  constexpr uint64_t kKeys = 100'000;
  for (uint64_t key = 0; key < kKeys; ++key)
    ASSERT_EQ(index.Insert(key * 0x10000, key), std::nullopt) << key;
  for (uint64_t key = 0; key < kKeys; ++key)
    ASSERT_EQ(index.Insert(key * 0x10000, kKeys + key), key) << key;
  EXPECT_EQ(index.size(), kKeys);
}

TEST(ValueKeys, NumbersCompareAsValues) {
  EXPECT_EQ(NumberKey(0.0), NumberKey(-0.0));
  EXPECT_NE(NumberKey(1.0), NumberKey(-1.0));
  EXPECT_EQ(NumberKey(std::nan("1")), NumberKey(-std::nan("2")));
  EXPECT_EQ(TextKey("abc"), TextKey(std::string("abc")));
  EXPECT_NE(TextKey("abc"), TextKey("abd"));
}

}  // namespace
}  // namespace steward::validate::internal
