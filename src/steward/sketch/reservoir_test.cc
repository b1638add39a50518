#include "steward/sketch/reservoir.h"

#include <cmath>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace steward::sketch {
namespace {

using ::testing::HasSubstr;

// Streams items first..last-1 (their own index as the item) through `reservoir`.
void Stream(Reservoir<int>* reservoir, int first, int last) {
  for (int item = first; item < last; ++item) {
    if (auto slot = reservoir->NextSlot())
      reservoir->Store(*slot, item);
  }
}

// Pearson's chi-square of observed counts against one common expected count.
double ChiSquare(const std::vector<double>& observed, double expected) {
  double chi = 0;
  for (double count : observed)
    chi += (count - expected) * (count - expected) / expected;
  return chi;
}

// An upper bound that a chi-square with `df` degrees of freedom exceeds with probability about
// 1e-6 (normal approximation, 5 standard deviations): loose, but a biased sampler fails it.
double ChiSquareLimit(double df) {
  return df + 5 * std::sqrt(2 * df);
}

TEST(Reservoir, KeepsTheFirstItemsUntilFull) {
  Reservoir<int> reservoir(5, 1);
  Stream(&reservoir, 0, 5);
  EXPECT_EQ(reservoir.items(), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(reservoir.seen(), 5u);
  Stream(&reservoir, 5, 1000);
  EXPECT_EQ(reservoir.items().size(), 5u);
  EXPECT_EQ(reservoir.seen(), 1000u);
}

TEST(Reservoir, ZeroCapacityKeepsNothing) {
  Reservoir<int> reservoir(0, 1);
  Stream(&reservoir, 0, 100);
  EXPECT_TRUE(reservoir.items().empty());
  EXPECT_EQ(reservoir.seen(), 100u);
}

TEST(Reservoir, EveryItemEquallyLikely) {
  constexpr int kItems = 100, kCapacity = 10, kTrials = 20000;
  std::vector<double> inclusions(kItems, 0);
  for (int seed = 0; seed < kTrials; ++seed) {
    Reservoir<int> reservoir(kCapacity, static_cast<uint64_t>(seed));
    Stream(&reservoir, 0, kItems);
    for (int item : reservoir.items())
      ++inclusions[item];
  }
  EXPECT_LT(ChiSquare(inclusions, kTrials * kCapacity / double(kItems)),
            ChiSquareLimit(kItems - 1));
}

TEST(Reservoir, LongStreamsStayUniformAndSkipCheaply) {
  constexpr int kItems = 100000, kCapacity = 50, kTrials = 400, kBuckets = 20;
  std::vector<double> per_bucket(kBuckets, 0);
  double kept_after_full = 0;
  for (int seed = 0; seed < kTrials; ++seed) {
    Reservoir<int> reservoir(kCapacity, static_cast<uint64_t>(seed) + 1000);
    for (int item = 0; item < kItems; ++item) {
      if (auto slot = reservoir.NextSlot()) {
        reservoir.Store(*slot, item);
        kept_after_full += item >= kCapacity;
      }
    }
    for (int item : reservoir.items())
      ++per_bucket[item * kBuckets / kItems];
  }
  EXPECT_LT(ChiSquare(per_bucket, kTrials * kCapacity / double(kBuckets)),
            ChiSquareLimit(kBuckets - 1));
  // Items kept after the reservoir fills: k (H_n - H_k), about k ln(n / k).
  const double expected = kCapacity * std::log(double(kItems) / kCapacity);
  EXPECT_NEAR(kept_after_full / kTrials, expected, 0.05 * expected);
}

TEST(Reservoir, MergedSampleIsUniformOverTheUnion) {
  // A sees 30 items, B sees 70: every one of the 100 should be in the merge with chance 1/10,
  // and items streamed after the merge with chance 10 / 150.
  constexpr int kCapacity = 10, kTrials = 20000;
  std::vector<double> inclusions(150, 0);
  for (int seed = 0; seed < kTrials; ++seed) {
    Reservoir<int> a(kCapacity, static_cast<uint64_t>(seed));
    Reservoir<int> b(kCapacity, static_cast<uint64_t>(seed) + 77777);
    Stream(&a, 0, 30);
    Stream(&b, 30, 100);
    a.Merge(std::move(b));
    EXPECT_EQ(a.seen(), 100u);
    ASSERT_EQ(a.items().size(), size_t{kCapacity});
    Stream(&a, 100, 150);
    for (int item : a.items())
      ++inclusions[item];
  }
  EXPECT_LT(ChiSquare(inclusions, kTrials * kCapacity / 150.0), ChiSquareLimit(149));
}

TEST(Reservoir, MergeOfUnfilledReservoirsKeepsEverything) {
  Reservoir<int> a(10, 1), b(10, 2);
  Stream(&a, 0, 3);
  Stream(&b, 3, 7);
  a.Merge(std::move(b));
  std::vector<int> items = a.items();
  std::sort(items.begin(), items.end());
  EXPECT_EQ(items, (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(b.seen(), 0u);  // NOLINT(bugprone-use-after-move): Merge leaves `other` empty
}

TEST(Reservoir, DeterministicForSeed) {
  auto sample = [](uint64_t seed) {
    Reservoir<int> reservoir(20, seed);
    Stream(&reservoir, 0, 10000);
    Reservoir<int> other(20, seed + 1);
    Stream(&other, 10000, 15000);
    reservoir.Merge(std::move(other));
    return reservoir.items();
  };
  EXPECT_EQ(sample(5), sample(5));
  EXPECT_NE(sample(5), sample(6));
}

TEST(Reservoir, JsonRoundTripContinuesIdentically) {
  Reservoir<std::string> reservoir(8, 3);
  for (int i = 0; i < 500; ++i) {
    if (auto slot = reservoir.NextSlot())
      reservoir.Store(*slot, "row" + std::to_string(i));
  }
  Result<Reservoir<std::string>> back =
      Reservoir<std::string>::FromJson(nlohmann::json::parse(reservoir.ToJson().dump()));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->items(), reservoir.items());
  EXPECT_EQ(back->seen(), reservoir.seen());
  for (int i = 500; i < 5000; ++i) {
    auto slot = reservoir.NextSlot();
    EXPECT_EQ(back->NextSlot(), slot);
    if (slot) {
      reservoir.Store(*slot, "row" + std::to_string(i));
      back->Store(*slot, "row" + std::to_string(i));
    }
  }
  EXPECT_EQ(back->ToJson(), reservoir.ToJson());
}

TEST(Reservoir, FromJsonRejectsBadInput) {
  Reservoir<int> reservoir(3, 1);
  Stream(&reservoir, 0, 50);
  const nlohmann::json good = reservoir.ToJson();
  ASSERT_TRUE(Reservoir<int>::FromJson(good).ok());
  auto expect_error = [](const nlohmann::json& json, const std::string& text) {
    Result<Reservoir<int>> result = Reservoir<int>::FromJson(json);
    ASSERT_FALSE(result.ok()) << json.dump();
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(result.status().message(), HasSubstr(text)) << result.status().message();
  };
  nlohmann::json bad = good;
  bad["items"].push_back(7);
  expect_error(bad, "must hold min(seen, capacity) = 3 items, got 4");
  bad = good;
  bad["items"][0] = "seven";
  expect_error(bad, "field 'items' element 0");
  bad = good;
  bad["w"] = 1.5;
  expect_error(bad, "field 'w' must be in (0, 1)");
  bad = good;
  bad["next_take"] = 10;
  expect_error(bad, "field 'next_take' must be greater than 'seen'");
  bad = good;
  bad["seen"] = -1;
  expect_error(bad, "field 'seen' must be an unsigned integer");
  bad = good;
  bad["type"] = "kll_sketch";
  expect_error(bad, "Reservoir JSON: field 'type'");
}

}  // namespace
}  // namespace steward::sketch
