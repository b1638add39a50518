#include "steward/validate/internal/hash_index.h"

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

}  // namespace
}  // namespace steward::validate::internal
