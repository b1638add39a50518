#include "steward/sketch/hyperloglog.h"

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "steward/sketch/hashing.h"

namespace steward::sketch {
namespace {

using ::testing::HasSubstr;

HyperLogLog SketchOf(uint64_t begin, uint64_t end, uint64_t seed, uint8_t precision = 14) {
  HyperLogLog sketch(precision);
  for (uint64_t i = begin; i < end; ++i)
    sketch.AddHash(HashBytes(std::string_view(reinterpret_cast<const char*>(&i), sizeof i), seed));
  return sketch;
}

TEST(HyperLogLog, EmptyEstimatesZero) {
  EXPECT_EQ(HyperLogLog().Estimate(), 0.0);
}

TEST(HyperLogLog, RelativeStandardErrorIsOnePointZeroFourOverRootM) {
  EXPECT_DOUBLE_EQ(HyperLogLog::RelativeStandardError(14), 1.04 / 128.0);
  EXPECT_DOUBLE_EQ(HyperLogLog::RelativeStandardError(4), 1.04 / 4.0);
}

TEST(HyperLogLog, SmallCardinalitiesAreNearlyExact) {
  // Ertl's estimator needs no linear-counting switch: small counts come out right directly.
  for (uint64_t n : {1, 2, 10, 100, 1000}) {
    EXPECT_NEAR(SketchOf(0, n, 1).Estimate(), static_cast<double>(n), 0.02 * n + 0.5) << n;
  }
}

TEST(HyperLogLog, DuplicatesDoNotCount) {
  HyperLogLog once = SketchOf(0, 5000, 2);
  HyperLogLog twice = SketchOf(0, 5000, 2);
  for (uint64_t i = 0; i < 5000; ++i)
    twice.AddHash(HashBytes(std::string_view(reinterpret_cast<const char*>(&i), sizeof i), 2));
  EXPECT_EQ(once.registers(), twice.registers());
}

TEST(HyperLogLog, MillionDistinctWithinThreeStandardErrors) {
  const double bound = 3 * HyperLogLog::RelativeStandardError(14);
  double total_error = 0;
  for (uint64_t seed = 0; seed < 5; ++seed) {
    double estimate = SketchOf(0, 1000000, seed).Estimate();
    double error = std::fabs(estimate / 1e6 - 1.0);
    EXPECT_LE(error, bound) << "seed " << seed;
    total_error += error;
  }
  EXPECT_LE(total_error / 5, HyperLogLog::RelativeStandardError(14) * 1.5);
}

TEST(HyperLogLog, NearlyUnbiasedAcrossTheRange) {
  // Below, at and far above 2.5 m, where the classic estimator switches to linear counting and
  // is biased. Ertl's estimator keeps a bias of about 1.08 / m (from alpha_infinity).
  constexpr uint8_t kPrecision = 8;
  constexpr int kSeeds = 300;
  const double m = 256;
  for (uint64_t n : {100, 640, 5000}) {
    double sum = 0;
    for (int seed = 0; seed < kSeeds; ++seed)
      sum += SketchOf(0, n, static_cast<uint64_t>(seed), kPrecision).Estimate() / n - 1.0;
    const double standard_error =
        HyperLogLog::RelativeStandardError(kPrecision) / std::sqrt(kSeeds);
    EXPECT_NEAR(sum / kSeeds, 0.0, 1.1 / m + 3 * standard_error) << n;
  }
}

TEST(HyperLogLog, MergeEqualsSketchOfUnion) {
  HyperLogLog left = SketchOf(0, 60000, 3);
  HyperLogLog right = SketchOf(40000, 100000, 3);
  ASSERT_TRUE(left.Merge(right).ok());
  EXPECT_EQ(left.registers(), SketchOf(0, 100000, 3).registers());
}

TEST(HyperLogLog, MergeRejectsOtherPrecision) {
  HyperLogLog a(12), b(14);
  Status status = a.Merge(b);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("precision 12 and 14"));
}

TEST(HyperLogLog, JsonRoundTripKeepsRegisters) {
  HyperLogLog sketch = SketchOf(0, 30000, 4, 10);
  nlohmann::json json = nlohmann::json::parse(sketch.ToJson().dump());
  Result<HyperLogLog> back = HyperLogLog::FromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->precision(), 10);
  EXPECT_EQ(back->registers(), sketch.registers());
  EXPECT_EQ(back->Estimate(), sketch.Estimate());
}

TEST(HyperLogLog, FromJsonRejectsBadInput) {
  nlohmann::json good = HyperLogLog(4).ToJson();
  auto expect_error = [](const nlohmann::json& json, const std::string& text) {
    Result<HyperLogLog> result = HyperLogLog::FromJson(json);
    ASSERT_FALSE(result.ok()) << json.dump();
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(result.status().message(), HasSubstr(text)) << json.dump();
  };
  expect_error(nlohmann::json::array(), "expected an object");
  nlohmann::json bad = good;
  bad["type"] = "kll_sketch";
  expect_error(bad, "field 'type'");
  bad = good;
  bad["precision"] = 40;
  expect_error(bad, "field 'precision' must be in [4, 18]");
  bad = good;
  bad["precision"] = "14";
  expect_error(bad, "field 'precision' must be an unsigned integer");
  bad = good;
  bad.erase("registers");
  expect_error(bad, "field 'registers' is missing");
  bad = good;
  bad["registers"] = "AAAA";
  expect_error(bad, "must encode 16 bytes");
  bad = good;
  bad["registers"] = std::string(24, '!');
  expect_error(bad, "not valid base64");
  bad = good;
  // 16 bytes of 0xFF: above the maximum rank 61.
  bad["registers"] = "/////////////////////w==";
  expect_error(bad, "above the maximum rank 61");
}

}  // namespace
}  // namespace steward::sketch
