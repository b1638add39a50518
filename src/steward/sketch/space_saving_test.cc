#include "steward/sketch/space_saving.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "steward/sketch/internal/random.h"

namespace steward::sketch {
namespace {

using ::testing::HasSubstr;
using Item = SpaceSaving::Item;

// A seeded Zipf(s) stream over `distinct` values "v0", "v1", ... (v0 the most frequent).
std::vector<std::string> ZipfStream(size_t n, size_t distinct, double s, uint64_t seed) {
  std::vector<double> cumulative(distinct);
  double total = 0;
  for (size_t rank = 0; rank < distinct; ++rank) {
    total += 1.0 / std::pow(static_cast<double>(rank + 1), s);
    cumulative[rank] = total;
  }
  internal::SplitMix64 rng(seed);
  std::vector<std::string> stream(n);
  for (std::string& value : stream) {
    double u = rng.NextOpenUnit() * total;
    size_t rank = std::lower_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
    value = "v" + std::to_string(std::min(rank, distinct - 1));
  }
  return stream;
}

std::map<std::string, uint64_t> TrueCounts(const std::vector<std::string>& stream) {
  std::map<std::string, uint64_t> counts;
  for (const std::string& value : stream)
    ++counts[value];
  return counts;
}

// Every monitored item brackets its true count; nothing unmonitored exceeds the bound.
void ExpectGuarantees(const SpaceSaving& summary, const std::map<std::string, uint64_t>& truth) {
  std::vector<Item> items = summary.Top(summary.size());
  std::map<std::string, uint64_t> monitored;
  for (const Item& item : items) {
    const uint64_t true_count = truth.count(item.value) ? truth.at(item.value) : 0;
    EXPECT_LE(true_count, item.count) << item.value;
    EXPECT_GE(true_count, item.count - item.error) << item.value;
    monitored[item.value] = item.count;
  }
  for (const auto& [value, count] : truth) {
    if (!monitored.count(value)) {
      EXPECT_LE(count, summary.UnmonitoredBound()) << value;
    }
  }
}

std::vector<std::string> TopValues(const std::vector<Item>& items) {
  std::vector<std::string> values;
  for (const Item& item : items)
    values.push_back(item.value);
  return values;
}

TEST(SpaceSaving, ExactWhileDistinctFitCapacity) {
  SpaceSaving summary(4);
  for (const char* value : {"b", "a", "c", "a", "b", "a", "d"})
    summary.Add(value);
  summary.Add("d", 2);
  summary.Add("c", 0);  // ignored
  EXPECT_TRUE(summary.is_exact());
  EXPECT_EQ(summary.total(), 9u);
  EXPECT_EQ(summary.UnmonitoredBound(), 0u);
  // Ties (a and d at 3) are ordered by value.
  EXPECT_EQ(summary.Top(10),
            (std::vector<Item>{{"a", 3, 0}, {"d", 3, 0}, {"b", 2, 0}, {"c", 1, 0}}));
  EXPECT_EQ(summary.Top(2), (std::vector<Item>{{"a", 3, 0}, {"d", 3, 0}}));
}

TEST(SpaceSaving, EvictionCarriesTheMinimumAsError) {
  SpaceSaving summary(2);
  summary.Add("a", 5);
  summary.Add("b", 2);
  summary.Add("c");
  EXPECT_FALSE(summary.is_exact());
  EXPECT_EQ(summary.Top(2), (std::vector<Item>{{"a", 5, 0}, {"c", 3, 2}}));
  EXPECT_EQ(summary.UnmonitoredBound(), 3u);
  EXPECT_EQ(summary.total(), 8u);
}

TEST(SpaceSaving, FindsZipfTopTenWithinError) {
  const std::vector<std::string> stream = ZipfStream(1000000, 100000, 1.1, 1);
  const auto truth = TrueCounts(stream);
  SpaceSaving summary(256);
  for (const std::string& value : stream)
    summary.Add(value);
  EXPECT_FALSE(summary.is_exact());
  EXPECT_EQ(summary.total(), stream.size());
  std::vector<Item> top = summary.Top(10);
  EXPECT_EQ(TopValues(top),
            (std::vector<std::string>{"v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"}));
  ExpectGuarantees(summary, truth);
  // The heavy hitters' counts are tight: error well under 1% of the stream.
  for (const Item& item : top)
    EXPECT_LT(item.error, stream.size() / 100) << item.value;
}

TEST(SpaceSaving, MergedShardsKeepGuaranteesAndTopTen) {
  const std::vector<std::string> stream = ZipfStream(400000, 50000, 1.2, 2);
  SpaceSaving merged(256);
  for (size_t shard = 0; shard < 4; ++shard) {
    SpaceSaving part(256);
    for (size_t i = shard * 100000; i < (shard + 1) * 100000; ++i)
      part.Add(stream[i]);
    merged.Merge(part);
  }
  EXPECT_FALSE(merged.is_exact());
  EXPECT_EQ(merged.total(), stream.size());
  EXPECT_LE(merged.size(), 256u);
  ExpectGuarantees(merged, TrueCounts(stream));
  EXPECT_EQ(TopValues(merged.Top(10)),
            (std::vector<std::string>{"v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"}));
}

TEST(SpaceSaving, MergeOfExactSummariesAddsCounts) {
  SpaceSaving a(3), b(3);
  a.Add("x", 2);
  a.Add("y");
  b.Add("y", 4);
  b.Add("z");
  a.Merge(b);
  EXPECT_TRUE(a.is_exact());
  EXPECT_EQ(a.Top(3), (std::vector<Item>{{"y", 5, 0}, {"x", 2, 0}, {"z", 1, 0}}));
  a.Merge(b);  // still three values
  EXPECT_TRUE(a.is_exact());
  SpaceSaving c(3);
  c.Add("w", 7);
  a.Merge(c);  // four values: truncated
  EXPECT_FALSE(a.is_exact());
  EXPECT_EQ(a.Top(3), (std::vector<Item>{{"y", 9, 0}, {"w", 7, 0}, {"x", 2, 0}}));
  EXPECT_EQ(a.UnmonitoredBound(), 2u);  // z's count 2 was dropped
}

TEST(SpaceSaving, MergeAddsTheOtherSidesBoundToItemsItLacks) {
  SpaceSaving a(2), b(2);
  a.Add("p", 10);
  a.Add("q", 4);
  a.Add("r", 1);  // evicts q: r = 5 +- 4, bound 5
  b.Add("p", 1);
  b.Add("s", 3);
  a.Merge(b);
  // p: 10 + 1; r: 5 + b's bound 0 (b is exact); s: 3 + a's bound 5, error 5.
  EXPECT_EQ(a.Top(2), (std::vector<Item>{{"p", 11, 0}, {"s", 8, 5}}));
}

TEST(SpaceSaving, JsonRoundTripEvictsIdentically) {
  const std::vector<std::string> stream = ZipfStream(20000, 5000, 1.0, 3);
  SpaceSaving summary(64);
  for (size_t i = 0; i < 10000; ++i)
    summary.Add(stream[i]);
  Result<SpaceSaving> back = SpaceSaving::FromJson(nlohmann::json::parse(summary.ToJson().dump()));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->Top(64), summary.Top(64));
  EXPECT_EQ(back->total(), summary.total());
  EXPECT_EQ(back->is_exact(), summary.is_exact());
  for (size_t i = 10000; i < stream.size(); ++i) {
    summary.Add(stream[i]);
    back->Add(stream[i]);
  }
  EXPECT_EQ(back->ToJson(), summary.ToJson());
}

TEST(SpaceSaving, FromJsonRejectsBadInput) {
  SpaceSaving summary(3);
  summary.Add("a", 2);
  summary.Add("b");
  const nlohmann::json good = summary.ToJson();
  ASSERT_TRUE(SpaceSaving::FromJson(good).ok());
  auto expect_error = [](const nlohmann::json& json, const std::string& text) {
    Result<SpaceSaving> result = SpaceSaving::FromJson(json);
    ASSERT_FALSE(result.ok()) << json.dump();
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(result.status().message(), HasSubstr(text)) << result.status().message();
  };
  nlohmann::json bad = good;
  bad["capacity"] = 0;
  expect_error(bad, "field 'capacity' must be in [1, 16777216]");
  bad = good;
  bad["capacity"] = 1;
  expect_error(bad, "more than 'capacity'");
  bad = good;
  bad["items"][1] = bad["items"][0];
  expect_error(bad, "holds a value twice");
  bad = good;
  bad["items"][0] = nlohmann::json::array({"a", 2});
  expect_error(bad, "element 0 must be [string, count, error]");
  bad = good;
  bad["items"][0] = nlohmann::json::array({7, 2, 0});
  expect_error(bad, "element 0 must be [string, count, error]");
  bad = good;
  bad["exact"] = false;
  bad["items"][0][2] = 5;
  expect_error(bad, "needs 0 <= error <= count");
  bad = good;
  bad["items"][0][2] = 1;
  expect_error(bad, "has an error but 'exact' is true");
  bad = good;
  bad["total"] = 10;
  expect_error(bad, "must equal the sum of the counts");
  bad = good;
  bad["floor"] = 1;
  expect_error(bad, "field 'floor' must be 0");
  bad = good;
  bad["exact"] = "yes";
  expect_error(bad, "field 'exact' must be a boolean");
}

}  // namespace
}  // namespace steward::sketch
