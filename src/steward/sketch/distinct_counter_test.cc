#include "steward/sketch/distinct_counter.h"

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "steward/sketch/hashing.h"

namespace steward::sketch {
namespace {

using ::testing::HasSubstr;

void AddRange(DistinctCounter* counter, uint64_t begin, uint64_t end, uint64_t seed = 0) {
  for (uint64_t i = begin; i < end; ++i)
    counter->AddHash(
        HashBytes(std::string_view(reinterpret_cast<const char*>(&i), sizeof i), seed));
}

TEST(DistinctCounter, ExactUpToTheLimit) {
  DistinctCounter counter(1000);
  AddRange(&counter, 0, 1000);
  AddRange(&counter, 0, 1000);  // duplicates
  EXPECT_TRUE(counter.is_exact());
  EXPECT_EQ(counter.Estimate(), 1000.0);
  counter.AddHash(0);  // the value 0 is a hash like any other
  EXPECT_FALSE(counter.is_exact());
  EXPECT_NEAR(counter.Estimate(), 1001.0, 1001.0 * 0.03);
}

TEST(DistinctCounter, ZeroLimitSketchesFromTheStart) {
  DistinctCounter counter(0);
  EXPECT_TRUE(counter.is_exact());
  counter.AddHash(HashNumber(1.0));
  EXPECT_FALSE(counter.is_exact());
  EXPECT_NEAR(counter.Estimate(), 1.0, 0.01);
}

TEST(DistinctCounter, MillionDistinctWithinTwoPercent) {
  const double rse = HyperLogLog::RelativeStandardError(14);
  for (uint64_t seed = 0; seed < 4; ++seed) {
    DistinctCounter counter;
    AddRange(&counter, 0, 1000000, seed);
    EXPECT_FALSE(counter.is_exact());
    double error = std::fabs(counter.Estimate() / 1e6 - 1.0);
    EXPECT_LE(error, 0.02) << "seed " << seed;
    EXPECT_LE(error, 3 * rse) << "seed " << seed;
  }
}

TEST(DistinctCounter, MergeOfExactShardsStaysExact) {
  DistinctCounter a(100), b(100);
  AddRange(&a, 0, 60);
  AddRange(&b, 30, 90);
  ASSERT_TRUE(a.Merge(b).ok());
  EXPECT_TRUE(a.is_exact());
  EXPECT_EQ(a.Estimate(), 90.0);
}

TEST(DistinctCounter, MergeOfShardsMatchesWholeStream) {
  DistinctCounter whole;
  AddRange(&whole, 0, 400000);
  DistinctCounter merged;
  for (uint64_t shard = 0; shard < 8; ++shard) {
    DistinctCounter part;
    // Shards overlap by 10,000 values; some stay exact, the union does not.
    AddRange(&part, shard * 50000, std::min<uint64_t>(400000, shard * 50000 + 60000));
    ASSERT_TRUE(merged.Merge(part).ok());
  }
  EXPECT_FALSE(merged.is_exact());
  EXPECT_EQ(merged.Estimate(), whole.Estimate());
}

TEST(DistinctCounter, MergeRejectsOtherPrecision) {
  DistinctCounter a(10, 12), b(10, 14);
  EXPECT_EQ(a.Merge(b).code(), StatusCode::kInvalidArgument);
}

TEST(DistinctCounter, JsonRoundTripInBothModes) {
  for (uint64_t n : {0, 1, 500, 5000}) {
    DistinctCounter counter(1000, 12);
    AddRange(&counter, 0, n);
    Result<DistinctCounter> back =
        DistinctCounter::FromJson(nlohmann::json::parse(counter.ToJson().dump()));
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(back->is_exact(), counter.is_exact());
    EXPECT_EQ(back->Estimate(), counter.Estimate());
    EXPECT_EQ(back->ToJson(), counter.ToJson());
    // It goes on counting exactly like the original.
    AddRange(&counter, n, n + 700);
    AddRange(&*back, n, n + 700);
    EXPECT_EQ(back->Estimate(), counter.Estimate()) << n;
  }
}

TEST(DistinctCounter, FromJsonRejectsBadInput) {
  DistinctCounter counter(4, 12);
  AddRange(&counter, 0, 3);
  const nlohmann::json good = counter.ToJson();
  auto expect_error = [](const nlohmann::json& json, const std::string& text) {
    Result<DistinctCounter> result = DistinctCounter::FromJson(json);
    ASSERT_FALSE(result.ok()) << json.dump();
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(result.status().message(), HasSubstr(text)) << result.status().message();
  };
  nlohmann::json bad = good;
  bad["exact_limit"] = -1;
  expect_error(bad, "field 'exact_limit' must be an unsigned integer");
  bad = good;
  bad["exact_limit"] = 2;
  expect_error(bad, "more than exact_limit 2");
  bad = good;
  bad["hashes"] = "AAAAAAAAAAAAAAAAAAAAAA==";  // 16 bytes: two zero hashes, not ascending
  expect_error(bad, "strictly ascending");
  bad = good;
  bad["hashes"] = "AAAA";  // 3 bytes
  expect_error(bad, "8-byte hashes");
  bad = good;
  bad["hll"] = HyperLogLog(14).ToJson();
  expect_error(bad, "not both");
  bad.erase("hashes");
  expect_error(bad, "has precision 14, not the counter's 12");
  bad["hll"]["precision"] = 99;
  expect_error(bad, "HyperLogLog JSON: field 'precision'");
}

}  // namespace
}  // namespace steward::sketch
