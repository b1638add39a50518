#include "steward/sketch/moments.h"

#include <cmath>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "steward/sketch/internal/random.h"

namespace steward::sketch {
namespace {

using ::testing::HasSubstr;

Moments FromValues(const std::vector<double>& values) {
  Moments moments;
  for (double x : values)
    moments.Add(x);
  return moments;
}

// The statistics from an exact long double two-pass computation, as pandas defines them.
struct Reference {
  double mean, variance, skewness, kurtosis;
};

Reference TwoPass(const std::vector<double>& values) {
  long double n = values.size(), sum = 0;
  for (double x : values)
    sum += x;
  const long double mean = sum / n;
  long double m2 = 0, m3 = 0, m4 = 0;
  for (double x : values) {
    long double d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  Reference r;
  r.mean = static_cast<double>(mean);
  r.variance = static_cast<double>(m2 / (n - 1));
  r.skewness = static_cast<double>(n * std::sqrt(n - 1) / (n - 2) * m3 / std::pow(m2, 1.5L));
  r.kurtosis = static_cast<double>(n * (n + 1) * (n - 1) * m4 / ((n - 2) * (n - 3) * m2 * m2) -
                                   3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3)));
  return r;
}

std::vector<double> Normal(size_t n, double mean, double sd, uint64_t seed) {
  internal::SplitMix64 rng(seed);
  std::vector<double> values(n);
  for (double& x : values)
    x = mean + sd * rng.NextNormal();
  return values;
}

std::vector<double> LogNormal(size_t n, uint64_t seed) {
  std::vector<double> values = Normal(n, 0.0, 1.5, seed);
  for (double& x : values)
    x = std::exp(x);
  return values;
}

// Relative agreement, with an absolute floor for statistics near zero (a symmetric sample's
// skewness is a difference of large terms).
void ExpectClose(double actual, double expected, const char* what) {
  EXPECT_NEAR(actual, expected, 1e-9 * std::max(1.0, std::fabs(expected))) << what;
}

void ExpectMatches(const Moments& moments, const Reference& r) {
  ExpectClose(moments.mean(), r.mean, "mean");
  ExpectClose(moments.variance(), r.variance, "variance");
  ExpectClose(moments.skewness(), r.skewness, "skewness");
  ExpectClose(moments.kurtosis(), r.kurtosis, "kurtosis");
}

TEST(Moments, MatchesPandasOnSmallSamples) {
  // Reference values from Debian 12's python3-pandas 1.5.3:
  //   s = pd.Series([2.5, 3.1, -1.2, 7.7, 0.0, 4.4, 4.4, 10.25, -3.5, 1.0])
  //   s.mean(), s.var(), s.std(), s.skew(), s.kurt(), s.sum()
  //   pd.Series([1.0, 2.0, 3.0, 100.0]).skew(), .kurt()
  //   u = pd.Series([1e9 + 0.5, 1e9 + 1.5, 1e9 + 4.0, 1e9 + 2.25, 1e9 - 3.0]); u.var()
  // u's skewness and kurtosis are exact rationals (Python's fractions.Fraction, two-pass);
  // pandas gives -0.9265312854175297 and 1.4842266506213448, off by 1e-7 because it centres on
  // the rounded mean 1e9 + 1.05.
  Moments s = FromValues({2.5, 3.1, -1.2, 7.7, 0.0, 4.4, 4.4, 10.25, -3.5, 1.0});
  EXPECT_NEAR(s.mean(), 2.8649999999999998, 1e-15);
  EXPECT_NEAR(s.variance(), 16.83780555555556, 1e-13);
  EXPECT_NEAR(s.stddev(), 4.103389520330182, 1e-14);
  EXPECT_NEAR(s.skewness(), 0.3376141554090345, 1e-14);
  EXPECT_NEAR(s.kurtosis(), -0.08533227704159518, 1e-14);
  EXPECT_NEAR(s.sum(), 28.65, 1e-14);
  EXPECT_EQ(s.min(), -3.5);
  EXPECT_EQ(s.max(), 10.25);

  Moments t = FromValues({1.0, 2.0, 3.0, 100.0});
  EXPECT_NEAR(t.skewness(), 1.9983346633184749, 1e-14);
  EXPECT_NEAR(t.kurtosis(), 3.9944496482269756, 1e-14);

  // Large offset, small spread: a naive sum of squares loses every digit here.
  Moments u = FromValues({1e9 + 0.5, 1e9 + 1.5, 1e9 + 4.0, 1e9 + 2.25, 1e9 - 3.0});
  EXPECT_NEAR(u.variance(), 6.762500000000003, 1e-12);
  EXPECT_NEAR(u.skewness(), -0.9265313771000321, 1e-12);
  EXPECT_NEAR(u.kurtosis(), 1.4842268544934587, 1e-12);
}

TEST(Moments, StreamingMatchesExactTwoPass) {
  for (const auto& values :
       {Normal(200000, 1000.0, 5.0, 1), LogNormal(200000, 2), Normal(100000, -3.0, 1e-3, 3)}) {
    ExpectMatches(FromValues(values), TwoPass(values));
  }
}

TEST(Moments, BatchMatchesExactTwoPass) {
  for (const auto& values : {Normal(200001, 1000.0, 5.0, 4), LogNormal(200003, 5)}) {
    Moments moments;
    moments.AddBatch(values);
    ExpectMatches(moments, TwoPass(values));
    EXPECT_EQ(moments.count(), values.size());
  }
}

TEST(Moments, MergedShardsOfUnevenSizesMatchExactTwoPass) {
  const std::vector<double> values = LogNormal(300000, 6);
  Moments merged;
  size_t start = 0;
  for (size_t size : {1, 2, 7, 1000, 50000, 3, 148987, 100000}) {
    Moments shard;
    std::span<const double> part(values.data() + start, size);
    if (size % 2 == 0) {
      shard.AddBatch(part);
    } else {
      for (double x : part)
        shard.Add(x);
    }
    merged.Merge(shard);
    start += size;
  }
  ASSERT_EQ(start, values.size());
  ExpectMatches(merged, TwoPass(values));
}

TEST(Moments, UndefinedStatisticsAreNaN) {
  Moments moments;
  EXPECT_TRUE(std::isnan(moments.mean()));
  EXPECT_TRUE(std::isnan(moments.min()));
  EXPECT_EQ(moments.sum(), 0.0);
  moments.Add(1.0);
  EXPECT_TRUE(std::isnan(moments.variance()));
  moments.Add(2.0);
  EXPECT_EQ(moments.variance(), 0.5);
  EXPECT_TRUE(std::isnan(moments.skewness()));
  moments.Add(4.0);
  EXPECT_FALSE(std::isnan(moments.skewness()));
  EXPECT_TRUE(std::isnan(moments.kurtosis()));
  moments.Add(8.0);
  EXPECT_FALSE(std::isnan(moments.kurtosis()));
}

TEST(Moments, ConstantValuesHaveZeroSkewAndKurtosis) {
  const std::vector<double> constant(1001, 0.1);
  Moments streamed = FromValues(constant);
  Moments batched;
  batched.AddBatch(constant);
  for (const Moments& moments : {streamed, batched}) {
    EXPECT_EQ(moments.mean(), 0.1);
    EXPECT_EQ(moments.variance(), 0.0);
    EXPECT_EQ(moments.skewness(), 0.0);
    EXPECT_EQ(moments.kurtosis(), 0.0);
  }
}

TEST(Moments, MergeWithEmptyChangesNothing) {
  Moments values = FromValues({1, 2, 3, 10});
  Moments copy = values;
  copy.Merge(Moments());
  EXPECT_EQ(copy.ToJson(), values.ToJson());
  Moments empty;
  empty.Merge(values);
  EXPECT_EQ(empty.ToJson(), values.ToJson());
}

TEST(Moments, SumIsCompensated) {
  Moments moments;
  moments.Add(1e16);
  for (int i = 0; i < 1000; ++i)
    moments.Add(1.0);
  moments.Add(-1e16);
  EXPECT_EQ(moments.sum(), 1000.0);
}

TEST(Moments, JsonRoundTripIsBitExact) {
  Moments moments = FromValues(LogNormal(1000, 7));
  nlohmann::json json = nlohmann::json::parse(moments.ToJson().dump());
  Result<Moments> back = Moments::FromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->count(), moments.count());
  EXPECT_EQ(back->mean(), moments.mean());
  EXPECT_EQ(back->m2(), moments.m2());
  EXPECT_EQ(back->m3(), moments.m3());
  EXPECT_EQ(back->m4(), moments.m4());
  EXPECT_EQ(back->min(), moments.min());
  EXPECT_EQ(back->max(), moments.max());
  EXPECT_EQ(back->sum(), moments.sum());
  Result<Moments> empty = Moments::FromJson(nlohmann::json::parse(Moments().ToJson().dump()));
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_EQ(empty->count(), 0u);
}

TEST(Moments, FromJsonRejectsBadInput) {
  const nlohmann::json good = FromValues({1, 2, 4}).ToJson();
  auto expect_error = [](const nlohmann::json& json, const std::string& text) {
    Result<Moments> result = Moments::FromJson(json);
    ASSERT_FALSE(result.ok()) << json.dump();
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(result.status().message(), HasSubstr(text)) << result.status().message();
  };
  nlohmann::json bad = good;
  bad["count"] = -3;
  expect_error(bad, "field 'count' must be an unsigned integer");
  bad = good;
  bad["mean"] = "abc";
  expect_error(bad, "field 'mean' must be a number");
  bad = good;
  bad["m2"] = -1.0;
  expect_error(bad, "field 'm2' must not be negative");
  bad = good;
  bad["m3"] = "nan";
  expect_error(bad, "field 'm3' must be finite");
  bad = good;
  bad["mean"] = 10.0;
  expect_error(bad, "field 'mean' lies outside [min, max]");
  bad = good;
  bad["min"] = 5.0;
  expect_error(bad, "field 'min' is greater than 'max'");
  bad = good;
  bad["count"] = 0;
  expect_error(bad, "field 'count' is 0 but");
  bad = FromValues({3}).ToJson();
  bad["m2"] = 1.0;
  expect_error(bad, "when count is 1");
  bad = good;
  bad.erase("sum_compensation");
  expect_error(bad, "field 'sum_compensation' is missing");
  expect_error(nlohmann::json("moments"), "expected an object");
}

}  // namespace
}  // namespace steward::sketch
