#include <cmath>
#include <limits>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "steward/sketch/internal/random.h"
#include "steward/sketch/kll_sketch.h"

namespace steward::sketch {
namespace {

using ::testing::HasSubstr;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::vector<double> Values(size_t n, uint64_t seed) {
  internal::SplitMix64 rng(seed);
  std::vector<double> values(n);
  for (double& x : values)
    x = std::exp(rng.NextNormal()) * (rng.Next() % 2 ? 1 : -1);
  return values;
}

KllSketch RoundTrip(const KllSketch& sketch) {
  Result<KllSketch> back = KllSketch::FromJson(nlohmann::json::parse(sketch.ToJson().dump()));
  EXPECT_TRUE(back.ok()) << back.status().message();
  return back.ok() ? std::move(back).value() : KllSketch();
}

void ExpectFromJsonError(const nlohmann::json& json, const std::string& text) {
  Result<KllSketch> result = KllSketch::FromJson(json);
  ASSERT_FALSE(result.ok()) << json.dump().substr(0, 300);
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr(text)) << result.status().message();
}

TEST(KllSketchJson, RoundTripGivesIdenticalQuantilesAndFuture) {
  const std::vector<double> qs = {0.0, 0.01, 0.3, 0.5, 0.77, 0.99, 1.0};
  for (uint64_t exact_limit : {uint64_t{100000}, uint64_t{1000}}) {
    KllSketch sketch(KllSketch::kDefaultK, exact_limit, 17);
    sketch.UpdateBatch(Values(50000, 1));
    KllSketch back = RoundTrip(sketch);
    EXPECT_EQ(back.is_exact(), sketch.is_exact());
    EXPECT_EQ(back.count(), sketch.count());
    EXPECT_EQ(back.Quantiles(qs), sketch.Quantiles(qs));
    EXPECT_EQ(back.ToJson(), sketch.ToJson());
    // The generator state travels too, so both go on identically.
    const std::vector<double> more = Values(70000, 2);
    sketch.UpdateBatch(more);
    back.UpdateBatch(more);
    EXPECT_EQ(back.ToJson(), sketch.ToJson());
  }
}

TEST(KllSketchJson, EmptyAndInfiniteValuesRoundTrip) {
  KllSketch empty = RoundTrip(KllSketch());
  EXPECT_EQ(empty.count(), 0u);
  EXPECT_TRUE(std::isnan(empty.Quantile(0.5)));

  KllSketch infinite;
  infinite.UpdateBatch(
      std::vector<double>{kInfinity, -kInfinity, 0.1, 5e-324, 1.7976931348623157e308});
  const nlohmann::json json = infinite.ToJson();
  EXPECT_EQ(json["min"], "-inf");
  EXPECT_EQ(json["max"], "inf");
  KllSketch back = RoundTrip(infinite);
  EXPECT_EQ(back.Quantiles(std::vector<double>{0, 0.25, 0.5, 0.75, 1}),
            infinite.Quantiles(std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
  EXPECT_EQ(back.Quantile(0.5), 0.1);
  EXPECT_EQ(back.Quantile(0.25), 5e-324);

  KllSketch sketched(KllSketch::kDefaultK, 0);
  sketched.UpdateBatch(Values(10000, 3));
  sketched.Update(kInfinity);
  EXPECT_EQ(RoundTrip(sketched).max(), kInfinity);
}

TEST(KllSketchJson, RejectsMalformedExactSketches) {
  KllSketch sketch(KllSketch::kDefaultK, 10);
  sketch.UpdateBatch(std::vector<double>{3, 1, 2});
  const nlohmann::json good = sketch.ToJson();
  ASSERT_TRUE(KllSketch::FromJson(good).ok());

  ExpectFromJsonError(nlohmann::json::array({1, 2}), "KllSketch JSON: expected an object");
  nlohmann::json bad = good;
  bad["type"] = "moments";
  ExpectFromJsonError(bad, "field 'type' must be \"kll_sketch\"");
  bad = good;
  bad["k"] = 7;
  ExpectFromJsonError(bad, "field 'k' must be in [8, 65535]");
  bad = good;
  bad["k"] = 1.5;
  ExpectFromJsonError(bad, "field 'k' must be an unsigned integer");
  bad = good;
  bad["min_k"] = 400;
  ExpectFromJsonError(bad, "field 'min_k' must be in [8, 341]");
  bad = good;
  bad["count"] = -3;
  ExpectFromJsonError(bad, "field 'count' must be an unsigned integer");
  bad = good;
  bad["count"] = 4;
  ExpectFromJsonError(bad, "holds 3 values but count is 4");
  bad = good;
  bad["exact_limit"] = 2;
  ExpectFromJsonError(bad, "more than exact_limit");
  bad = good;
  bad["values"][1] = "nan";
  ExpectFromJsonError(bad, "field 'values' element 1 must be a number");
  bad = good;
  bad["values"][1] = "1.0";
  ExpectFromJsonError(bad, "field 'values' element 1 must be a number");
  bad = good;
  bad["values"][1] = 9.0;
  ExpectFromJsonError(bad, "field 'values' element 1 lies outside [min, max]");
  bad = good;
  bad["min"] = 0.5;
  ExpectFromJsonError(bad, "must be the smallest and largest");
  bad = good;
  bad["min"] = "nan";
  ExpectFromJsonError(bad, "field 'min' must not be NaN");
  bad = good;
  bad["levels"] = nlohmann::json::array({nlohmann::json::array()});
  ExpectFromJsonError(bad, "not both");
  bad = good;
  bad.erase("values");
  ExpectFromJsonError(bad, "not both");
  bad = good;
  bad.erase("rng_state");
  ExpectFromJsonError(bad, "field 'rng_state' is missing");
  bad = KllSketch().ToJson();
  bad["min"] = 0;
  ExpectFromJsonError(bad, "when count is 0");
}

TEST(KllSketchJson, RejectsMalformedLevels) {
  KllSketch sketch(KllSketch::kDefaultK, 0);
  sketch.UpdateBatch(Values(5000, 4));
  const nlohmann::json good = sketch.ToJson();
  ASSERT_GE(good["levels"].size(), 3u);
  ASSERT_TRUE(KllSketch::FromJson(good).ok());

  nlohmann::json bad = good;
  // Swap two items of a sorted level that differ.
  nlohmann::json& level = bad["levels"][good["levels"].size() - 1];
  ASSERT_GE(level.size(), 2u);
  std::swap(level[0], level[level.size() - 1]);
  ExpectFromJsonError(bad, "is not sorted");
  bad = good;
  bad["count"] = good["count"].get<uint64_t>() + 1;
  ExpectFromJsonError(bad, "in total (items of level h weigh 2^h), but count is");
  bad = good;
  bad["levels"][0].push_back(bad["levels"][0][0]);
  ExpectFromJsonError(bad, "but count is");
  bad = good;
  bad["levels"] = nlohmann::json::array();
  ExpectFromJsonError(bad, "must hold 1 to 61 levels, got 0");
  bad = good;
  bad["levels"] = nlohmann::json::array();
  for (int i = 0; i < 70; ++i)
    bad["levels"].push_back(nlohmann::json::array());
  ExpectFromJsonError(bad, "must hold 1 to 61 levels, got 70");
  bad = good;
  bad["levels"][1] = 5;
  ExpectFromJsonError(bad, "element 1 must be an array");
  bad = good;
  // A claimed huge level: more items than the capacity of the levels, rejected before decoding.
  bad["levels"][0] = nlohmann::json::array();
  for (int i = 0; i < 5000; ++i)
    bad["levels"][0].push_back(0.0);
  ExpectFromJsonError(bad, "more than the capacity");
  bad = good;
  // Weights that overflow 64 bits.
  bad["levels"] = nlohmann::json::array();
  for (int i = 0; i < 61; ++i)
    bad["levels"].push_back(nlohmann::json::array({0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}));
  bad["min"] = 0.0;
  bad["max"] = 0.0;
  ExpectFromJsonError(bad, "more than 2^64");
}

}  // namespace
}  // namespace steward::sketch
