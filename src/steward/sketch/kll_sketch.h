#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "steward/core/result.h"
#include "steward/sketch/internal/random.h"

namespace steward::sketch {

// Quantiles of a stream of doubles. Exact while there are at most `exact_limit` values (they
// are kept raw and answers equal numpy's); past that, a KLL sketch (Karnin, Lang, Liberty 2016)
// built as in Apache DataSketches: levels of items of weight 2^level (sorted above level 0),
// level capacities k * (2/3)^depth (at least 8), a level compacted by sorting it and keeping
// every other item from a random offset. Switching replays the raw values, so the sketch is the
// one a pure KLL sketch of the same stream would be. Sketch memory is O(k log(n / k)).
//
// Deterministic: the same seed and the same calls give the same sketch (the compaction coin is a
// seeded SplitMix64 whose state travels in the JSON). Not thread-safe; const methods may run
// concurrently with each other.
class KllSketch {
 public:
  // The smallest k for which PmfErrorBound(k) <= 1% (so RankErrorBound(k) is 0.80%): histogram
  // bins, as differences of two ranks, get the 1% too.
  static constexpr uint32_t kDefaultK = 341;
  static constexpr uint32_t kMinK = 8;
  static constexpr uint32_t kMaxK = 65535;
  static constexpr uint64_t kDefaultExactLimit = 65536;
  // As exact_limit: keep every value, never sketch.
  static constexpr uint64_t kNeverSketch = std::numeric_limits<uint64_t>::max();

  // `k` is clamped to [kMinK, kMaxK].
  explicit KllSketch(uint32_t k = kDefaultK, uint64_t exact_limit = kDefaultExactLimit,
                     uint64_t seed = 0);

  // NaN is ignored (it has no rank); infinities are values like any other.
  void Update(double x);
  // Same result as Update() on each value in order, with bulk copies between compactions.
  void UpdateBatch(std::span<const double> values);
  // Room for `values` raw values (at most exact_limit()), so that a caller who knows the count
  // keeps memory at the values' size instead of a vector's doubling. No effect once sketching.
  void Reserve(uint64_t values);
  // Exact mode: the raw values, moved out (the sketch is left empty). Lets a caller that is
  // done with the sketch sort its values without a copy. REQUIRES: is_exact().
  std::vector<double> TakeExactValues() &&;
  // Adds `other`'s values: stays exact while both are exact and the total fits exact_limit();
  // otherwise a KLL merge (DataSketches' merge). Keeps this sketch's k, limit and generator.
  void Merge(const KllSketch& other);

  uint64_t count() const { return count_; }
  // NaN when empty.
  double min() const { return count_ == 0 ? kNaN : min_; }
  double max() const { return count_ == 0 ? kNaN : max_; }
  bool is_exact() const { return exact_; }
  uint32_t k() const { return k_; }
  uint64_t exact_limit() const { return exact_limit_; }

  // The value at quantile q in [0, 1]; NaN if q is outside [0, 1] or NaN, or the sketch is empty.
  // Exact: numpy.quantile(values, q) (method "linear"), bit for bit, except that where numpy
  // computes inf - inf or inf * 0 and returns NaN, this returns the limit (the infinite end, or
  // the lower value when q falls exactly on it). pandas 1.5's Series.quantile(q) goes through
  // np.percentile(q * 100), so it equals Quantile(q * 100 / 100), which can differ from
  // Quantile(q) in the last bits. Sketch: the smallest retained item whose cumulative weight
  // reaches ceil(q * count); q = 0 and q = 1 give min() and max().
  double Quantile(double q) const;
  // Quantile() of each q, sorting once.
  std::vector<double> Quantiles(std::span<const double> qs) const;
  // Fraction of values <= x (estimated in sketch mode); NaN when empty or x is NaN.
  double Rank(double x) const;
  // Rank() of each split point, sorting once.
  std::vector<double> Cdf(std::span<const double> split_points) const;
  // Calls fn(value, weight) for every retained item; the weights sum to count().
  void ForEachItem(const std::function<void(double value, uint64_t weight)>& fn) const;
  size_t RetainedItems() const;

  // Normalized rank error at 99% confidence of one Rank() or Quantile(): Apache DataSketches'
  // empirical fit 2.296 / k^0.9723 (KllSketch.getNormalizedRankError(k, pmf = false)).
  static double RankErrorBound(uint32_t k);
  // The same for the mass between two split points of Cdf() (a histogram bin), "double-sided":
  // 2.446 / k^0.9433 (getNormalizedRankError(k, pmf = true)).
  static double PmfErrorBound(uint32_t k);
  // 0 while exact, else RankErrorBound of the smallest k merged in.
  double NormalizedRankError() const;

  // {"type": "kll_sketch", "k", "min_k", "exact_limit", "count", "min", "max", "rng_state",
  //  and "values" (exact mode, in arrival order) or "levels" (arrays of items, level 0 first)}.
  nlohmann::json ToJson() const;
  static Result<KllSketch> FromJson(const nlohmann::json& json);

 private:
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  using Levels = std::vector<std::vector<double>>;

  void SwitchToSketch();
  void SketchUpdate(double x);
  void SketchAppend(std::span<const double> values);
  void CompressWhileUpdating();
  // Compacts levels[level] into levels[level + 1]; returns the number of items removed.
  size_t CompactLevel(Levels& levels, size_t level);
  void MergeSketch(const KllSketch& other);
  // DataSketches' general_compress: compacts, bottom up, each level that is over capacity while
  // the whole sketch is, adding levels as needed.
  void GeneralCompress(Levels& levels);
  void ResetCapacity();
  void InitCapacities();
  uint32_t LevelCapacity(size_t num_levels, size_t level) const;
  uint64_t TotalCapacity(size_t num_levels) const;
  // Retained items sorted by value with cumulative weights (sketch mode).
  void SortedItems(std::vector<double>* values, std::vector<uint64_t>* cumulative) const;
  double QuantileOfSorted(std::span<const double> values, std::span<const uint64_t> cumulative,
                          double q) const;
  static double RankOfSorted(std::span<const double> values, std::span<const uint64_t> cumulative,
                             uint64_t count, double x);

  uint32_t k_;
  uint32_t min_k_;
  uint64_t exact_limit_;
  internal::SplitMix64 rng_;
  uint64_t count_ = 0;
  double min_ = kInf;
  double max_ = -kInf;
  bool exact_ = true;
  std::vector<double> raw_;  // exact mode
  Levels levels_;            // sketch mode; levels_[h] holds items of weight 2^h
  uint64_t retained_ = 0;
  uint64_t total_capacity_ = 0;
  std::vector<uint32_t> depth_capacity_;            // sketch mode: capacity by depth
  std::vector<uint64_t> total_capacity_by_levels_;  // sketch mode: total by number of levels
};

}  // namespace steward::sketch
