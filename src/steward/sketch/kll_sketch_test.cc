#include "steward/sketch/kll_sketch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "steward/sketch/internal/random.h"

namespace steward::sketch {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const std::vector<double> kProbes = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

// numpy.quantile(values, q) written out independently of the code under test.
double NumpyQuantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double h = static_cast<double>(values.size() - 1) * q;
  if (h >= static_cast<double>(values.size() - 1))
    return values.back();
  const size_t i = static_cast<size_t>(std::floor(h));
  const double t = h - std::floor(h), a = values[i], b = values[i + 1];
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

enum class Shape { kUniform, kNormal, kLogNormal, kDuplicates, kSorted, kReversed };

std::vector<double> Generate(Shape shape, size_t n, uint64_t seed) {
  internal::SplitMix64 rng(seed);
  std::vector<double> values(n);
  for (size_t i = 0; i < n; ++i) {
    switch (shape) {
      case Shape::kUniform:
        values[i] = rng.NextOpenUnit();
        break;
      case Shape::kNormal:
        values[i] = 50.0 + 10.0 * rng.NextNormal();
        break;
      case Shape::kLogNormal:
        values[i] = std::exp(2.0 * rng.NextNormal());
        break;
      case Shape::kDuplicates:
        values[i] = static_cast<double>(rng.NextBelow(20));
        break;
      case Shape::kSorted:
        values[i] = static_cast<double>(i);
        break;
      case Shape::kReversed:
        values[i] = static_cast<double>(n - i);
        break;
    }
  }
  return values;
}

KllSketch SketchOf(const std::vector<double>& values, uint64_t exact_limit, uint64_t seed = 0) {
  KllSketch sketch(KllSketch::kDefaultK, exact_limit, seed);
  sketch.UpdateBatch(values);
  return sketch;
}

// Distance from q to the true rank interval [fraction < v, fraction <= v] of v.
double RankError(const std::vector<double>& sorted, double v, double q) {
  const double n = static_cast<double>(sorted.size());
  const double below = (std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin()) / n;
  const double at_or_below =
      (std::upper_bound(sorted.begin(), sorted.end(), v) - sorted.begin()) / n;
  if (q < below)
    return below - q;
  if (q > at_or_below)
    return q - at_or_below;
  return 0.0;
}

void ExpectQuantilesWithinBound(const KllSketch& sketch, std::vector<double> values,
                                const char* what) {
  std::sort(values.begin(), values.end());
  const double bound = KllSketch::RankErrorBound(KllSketch::kDefaultK);
  std::vector<double> estimates = sketch.Quantiles(kProbes);
  for (size_t i = 0; i < kProbes.size(); ++i) {
    EXPECT_LE(RankError(values, estimates[i], kProbes[i]), bound)
        << what << " q=" << kProbes[i] << " estimate " << estimates[i];
    // Rank() is the inverse view: the estimated rank of the true quantile.
    const double truth = values[static_cast<size_t>(kProbes[i] * (values.size() - 1))];
    const double true_rank =
        (std::upper_bound(values.begin(), values.end(), truth) - values.begin()) /
        static_cast<double>(values.size());
    EXPECT_NEAR(sketch.Rank(truth), true_rank, bound) << what << " rank at q=" << kProbes[i];
  }
  EXPECT_EQ(sketch.min(), values.front());
  EXPECT_EQ(sketch.max(), values.back());
}

TEST(KllSketch, DefaultKGivesOnePercentErrorForBinsToo) {
  EXPECT_LE(KllSketch::PmfErrorBound(KllSketch::kDefaultK), 0.01);
  EXPECT_GT(KllSketch::PmfErrorBound(KllSketch::kDefaultK - 1), 0.01);
  EXPECT_LT(KllSketch::RankErrorBound(KllSketch::kDefaultK), 0.0081);
  // DataSketches documents k = 200 as about 1.33% single-sided and 1.65% double-sided.
  EXPECT_NEAR(KllSketch::RankErrorBound(200), 0.0133, 1e-4);
  EXPECT_NEAR(KllSketch::PmfErrorBound(200), 0.0165, 1e-4);
}

TEST(KllSketch, ExactModeMatchesNumpyBitForBit) {
  const std::vector<double> qs = {0.0, 0.001, 0.01, 0.1, 0.25, 1.0 / 3, 0.5,
                                  0.6, 0.7,   0.75, 0.9, 0.99, 0.999,   1.0};
  for (size_t n : {1, 2, 3, 10, 1001, 65536}) {
    std::vector<double> values = Generate(Shape::kLogNormal, n, n);
    KllSketch sketch = SketchOf(values, KllSketch::kDefaultExactLimit);
    ASSERT_TRUE(sketch.is_exact());
    std::vector<double> batch = sketch.Quantiles(qs);
    for (size_t i = 0; i < qs.size(); ++i) {
      EXPECT_EQ(sketch.Quantile(qs[i]), NumpyQuantile(values, qs[i])) << n << " " << qs[i];
      EXPECT_EQ(batch[i], NumpyQuantile(values, qs[i])) << n << " " << qs[i];
    }
  }
}

TEST(KllSketch, ExactModeMatchesHandCheckedNumpyValues) {
  // np.quantile([1.0, 2.0, 3.0, 4.0, 10.0], [0.1, 0.25, 0.5, 0.9, 0.33])
  KllSketch sketch;
  sketch.UpdateBatch(std::vector<double>{10.0, 3.0, 1.0, 4.0, 2.0});
  EXPECT_EQ(sketch.Quantile(0.1), 1.4);
  EXPECT_EQ(sketch.Quantile(0.25), 2.0);
  EXPECT_EQ(sketch.Quantile(0.5), 3.0);
  EXPECT_EQ(sketch.Quantile(0.9), 7.6000000000000005);
  EXPECT_EQ(sketch.Quantile(0.33), 2.3200000000000003);
  // np.quantile([0.2550690257394217, 0.49543508709194095], 0.6): numpy interpolates from the
  // upper end when t >= 0.5, which differs in the last bit from a + (b - a) * t here.
  KllSketch pair;
  pair.Update(0.49543508709194095);
  pair.Update(0.2550690257394217);
  EXPECT_EQ(pair.Quantile(0.6), 0.39928866255093326);
  EXPECT_NE(0.2550690257394217 + (0.49543508709194095 - 0.2550690257394217) * 0.6,
            0.39928866255093326);
  // v = [0.54, 1.51, 9.52, 6.81, 2.23, 1.16, 9.73], q = 0.6650627515572735:
  // np.quantile(v, q) = 6.765924412793873, pd.Series(v).quantile(q) = 6.765924412793877.
  KllSketch seven;
  seven.UpdateBatch(std::vector<double>{0.54, 1.51, 9.52, 6.81, 2.23, 1.16, 9.73});
  const double q = 0.6650627515572735;
  EXPECT_EQ(seven.Quantile(q), 6.765924412793873);
  EXPECT_EQ(seven.Quantile(q * 100 / 100), 6.765924412793877);
}

TEST(KllSketch, InfinitiesAreValuesWithLimitInterpolation) {
  KllSketch sketch;
  sketch.UpdateBatch(std::vector<double>{kInf, 1.0, -kInf, 2.0});
  EXPECT_EQ(sketch.count(), 4u);
  EXPECT_EQ(sketch.Quantile(0.0), -kInf);
  EXPECT_EQ(sketch.Quantile(0.1), -kInf);
  EXPECT_EQ(sketch.Quantile(1.0 / 3), 1.0);
  EXPECT_EQ(sketch.Quantile(0.5), 1.5);
  EXPECT_EQ(sketch.Quantile(0.9), kInf);
  EXPECT_EQ(sketch.Quantile(1.0), kInf);
  EXPECT_EQ(sketch.Rank(-kInf), 0.25);
  EXPECT_EQ(sketch.Rank(kInf), 1.0);
}

TEST(KllSketch, NaNIsIgnoredAndInvalidQueriesGiveNaN) {
  KllSketch sketch;
  EXPECT_TRUE(std::isnan(sketch.Quantile(0.5)));
  EXPECT_TRUE(std::isnan(sketch.Rank(1.0)));
  EXPECT_TRUE(std::isnan(sketch.min()));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  sketch.Update(nan);
  sketch.UpdateBatch(std::vector<double>{1.0, nan, 3.0});
  EXPECT_EQ(sketch.count(), 2u);
  EXPECT_EQ(sketch.Quantile(0.5), 2.0);
  EXPECT_TRUE(std::isnan(sketch.Quantile(-0.1)));
  EXPECT_TRUE(std::isnan(sketch.Quantile(1.5)));
  EXPECT_TRUE(std::isnan(sketch.Quantile(nan)));
  EXPECT_TRUE(std::isnan(sketch.Rank(nan)));
}

TEST(KllSketch, ExactRankAndCdfCountValuesAtOrBelow) {
  KllSketch sketch;
  sketch.UpdateBatch(std::vector<double>{5, 1, 3, 3, 9});
  EXPECT_EQ(sketch.Rank(0), 0.0);
  EXPECT_EQ(sketch.Rank(3), 0.6);
  EXPECT_EQ(sketch.Rank(8.9), 0.8);
  EXPECT_EQ(sketch.Cdf(std::vector<double>{1, 3, 4, 9}), (std::vector<double>{0.2, 0.6, 0.6, 1.0}));
}

TEST(KllSketch, SketchQuantilesWithinRankErrorBound) {
  const std::pair<Shape, const char*> shapes[] = {
      {Shape::kUniform, "uniform"},     {Shape::kNormal, "normal"},
      {Shape::kLogNormal, "lognormal"}, {Shape::kDuplicates, "duplicates"},
      {Shape::kSorted, "sorted"},       {Shape::kReversed, "reverse-sorted"}};
  for (const auto& [shape, name] : shapes) {
    std::vector<double> values = Generate(shape, 1000000, 11);
    KllSketch sketch = SketchOf(values, KllSketch::kDefaultExactLimit, 5);
    ASSERT_FALSE(sketch.is_exact());
    EXPECT_EQ(sketch.count(), values.size());
    EXPECT_LE(sketch.RetainedItems(), 4 * KllSketch::kDefaultK) << name;
    ExpectQuantilesWithinBound(sketch, values, name);
  }
}

TEST(KllSketch, MergedShardsWithinRankErrorBound) {
  std::vector<double> values = Generate(Shape::kLogNormal, 1000000, 12);
  for (uint64_t exact_limit : {uint64_t{1000}, KllSketch::kDefaultExactLimit}) {
    // With the default limit each shard is still exact; with 1000 each is a sketch.
    KllSketch merged(KllSketch::kDefaultK, exact_limit, 1);
    const size_t shard_size = values.size() / 16;
    for (size_t shard = 0; shard < 16; ++shard) {
      KllSketch part(KllSketch::kDefaultK, exact_limit, shard + 100);
      part.UpdateBatch(std::span<const double>(values).subspan(shard * shard_size, shard_size));
      merged.Merge(part);
    }
    ASSERT_FALSE(merged.is_exact());
    EXPECT_EQ(merged.count(), values.size());
    EXPECT_LE(merged.RetainedItems(), 4 * KllSketch::kDefaultK);
    ExpectQuantilesWithinBound(merged, values,
                               exact_limit == 1000 ? "sketch shards" : "exact shards");
    // And close to the sketch of the whole stream.
    KllSketch whole = SketchOf(values, exact_limit, 1);
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    for (double q : kProbes) {
      const double rank_whole =
          std::upper_bound(sorted.begin(), sorted.end(), whole.Quantile(q)) - sorted.begin();
      const double rank_merged =
          std::upper_bound(sorted.begin(), sorted.end(), merged.Quantile(q)) - sorted.begin();
      EXPECT_NEAR(rank_merged / sorted.size(), rank_whole / sorted.size(),
                  KllSketch::RankErrorBound(KllSketch::kDefaultK));
    }
  }
}

TEST(KllSketch, ExactMergeStaysExactUnderTheLimit) {
  KllSketch a(KllSketch::kDefaultK, 10), b(KllSketch::kDefaultK, 10);
  a.UpdateBatch(std::vector<double>{1, 2, 3, 4});
  b.UpdateBatch(std::vector<double>{10, 20, 30, 40, 50, 60});
  a.Merge(b);
  EXPECT_TRUE(a.is_exact());
  EXPECT_EQ(a.count(), 10u);
  EXPECT_EQ(a.Quantile(0.5), NumpyQuantile({1, 2, 3, 4, 10, 20, 30, 40, 50, 60}, 0.5));
  a.Merge(b);
  EXPECT_FALSE(a.is_exact());
  EXPECT_EQ(a.count(), 16u);
  EXPECT_EQ(a.max(), 60.0);
}

TEST(KllSketch, MergeWithItselfDoublesEveryWeight) {
  KllSketch sketch(KllSketch::kDefaultK, 100);
  sketch.UpdateBatch(Generate(Shape::kUniform, 5000, 3));
  const double median = sketch.Quantile(0.5);
  sketch.Merge(sketch);
  EXPECT_EQ(sketch.count(), 10000u);
  EXPECT_NEAR(sketch.Quantile(0.5), median, 0.02);
}

TEST(KllSketch, SwitchingFromExactGivesThePureSketch) {
  // Replaying the raw values makes the sketch independent of where it switched.
  std::vector<double> values = Generate(Shape::kNormal, 50000, 4);
  KllSketch late = SketchOf(values, 20000, 9);
  KllSketch never_exact = SketchOf(values, 0, 9);
  nlohmann::json late_json = late.ToJson(), never_json = never_exact.ToJson();
  late_json.erase("exact_limit");
  never_json.erase("exact_limit");
  EXPECT_EQ(late_json, never_json);
}

TEST(KllSketch, DeterministicForSeedAndCalls) {
  std::vector<double> values = Generate(Shape::kLogNormal, 300000, 6);
  KllSketch batch = SketchOf(values, 1000, 42);
  KllSketch one_by_one(KllSketch::kDefaultK, 1000, 42);
  for (double x : values)
    one_by_one.Update(x);
  EXPECT_EQ(batch.ToJson(), one_by_one.ToJson());
  EXPECT_EQ(SketchOf(values, 1000, 42).ToJson(), batch.ToJson());
  EXPECT_NE(SketchOf(values, 1000, 43).ToJson(), batch.ToJson());
}

TEST(KllSketch, ItemWeightsSumToCount) {
  for (uint64_t exact_limit : {uint64_t{100000}, uint64_t{10}}) {
    KllSketch sketch = SketchOf(Generate(Shape::kUniform, 77777, 8), exact_limit);
    uint64_t total = 0;
    size_t items = 0;
    sketch.ForEachItem([&](double value, uint64_t weight) {
      EXPECT_GE(value, sketch.min());
      EXPECT_LE(value, sketch.max());
      total += weight;
      ++items;
    });
    EXPECT_EQ(total, 77777u);
    EXPECT_EQ(items, sketch.RetainedItems());
  }
}

TEST(KllSketch, NeverSketchKeepsEveryValue) {
  std::vector<double> values = Generate(Shape::kUniform, 200000, 10);
  KllSketch sketch = SketchOf(values, KllSketch::kNeverSketch);
  EXPECT_TRUE(sketch.is_exact());
  EXPECT_EQ(sketch.RetainedItems(), values.size());
  EXPECT_EQ(sketch.Quantile(0.37), NumpyQuantile(values, 0.37));
  EXPECT_EQ(sketch.NormalizedRankError(), 0.0);
}

TEST(KllSketch, SketchQuantileEndsAreMinAndMax) {
  KllSketch sketch = SketchOf(Generate(Shape::kNormal, 100000, 13), 0);
  EXPECT_EQ(sketch.Quantile(0.0), sketch.min());
  EXPECT_EQ(sketch.Quantile(1.0), sketch.max());
  EXPECT_EQ(sketch.Rank(sketch.max()), 1.0);
  EXPECT_EQ(sketch.Cdf(std::vector<double>{sketch.min() - 1, sketch.max()}),
            (std::vector<double>{0.0, 1.0}));
  EXPECT_GT(sketch.NormalizedRankError(), 0.0);
}

}  // namespace
}  // namespace steward::sketch
