#pragma once

#include <cstdint>
#include <limits>
#include <span>

#include <nlohmann/json_fwd.hpp>

#include "steward/core/result.h"

namespace steward::sketch {

// Count, mean and central moments of a stream of finite doubles, mergeable across shards:
// one-value updates by Pébay (2008) / Terriberry, pairwise merges by Chan et al. (1979) as
// generalized to third and fourth moments by Pébay. The statistics match pandas:
// variance() = Series.var(), skewness() = Series.skew(), kurtosis() = Series.kurt().
//
// Not thread-safe; distinct instances may be used from different threads.
class Moments {
 public:
  // REQUIRES: x is finite (a NaN or infinity poisons every statistic but count, min and max).
  void Add(double x);

  // Same result as Add() for each value, but more accurate: the batch's moments are computed in
  // two passes (mean first, then centered powers) and merged. REQUIRES: every value is finite.
  void AddBatch(std::span<const double> values);

  void Merge(const Moments& other);

  uint64_t count() const { return count_; }
  double mean() const { return count_ == 0 ? kNaN : mean_; }
  double sum() const { return sum_ + sum_compensation_; }
  // NaN when empty.
  double min() const { return count_ == 0 ? kNaN : min_; }
  double max() const { return count_ == 0 ? kNaN : max_; }

  // Sample variance (ddof = 1); NaN when count < 2.
  double variance() const;
  double stddev() const;
  // Adjusted Fisher-Pearson skewness G1; NaN when count < 3, 0 when the values are constant.
  double skewness() const;
  // Unbiased excess kurtosis G2; NaN when count < 4, 0 when the values are constant.
  double kurtosis() const;

  // Central moment sums: m2() = sum of (x - mean)^2, and so on.
  double m2() const { return m2_; }
  double m3() const { return m3_; }
  double m4() const { return m4_; }

  // {"type": "moments", "count", "mean", "m2", "m3", "m4", "min", "max", "sum",
  //  "sum_compensation"}; doubles round-trip exactly.
  nlohmann::json ToJson() const;
  static Result<Moments> FromJson(const nlohmann::json& json);

 private:
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  void AddToSum(double x);
  // True when m2 is zero or only rounding noise relative to the values' magnitude, where
  // skewness and kurtosis are 0 by pandas' convention rather than noise divided by noise.
  bool SpreadIsNegligible() const;

  uint64_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double m3_ = 0.0;
  double m4_ = 0.0;
  double min_ = kInf;
  double max_ = -kInf;
  // Neumaier's compensated sum: sum() stays exact to about one rounding however long the stream.
  double sum_ = 0.0;
  double sum_compensation_ = 0.0;
};

}  // namespace steward::sketch
