#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "steward/core/result.h"
#include "steward/metrics/metric_value.h"

namespace steward::metrics {

// Targets and predictions of a regression model. The spans are borrowed for the call.
struct RegressionInput {
  std::span<const double> targets;      // finite
  std::span<const double> predictions;  // finite
  std::span<const double> weights;      // empty: every row weighs 1; else finite and >= 0
};

// The residual quantiles reported, as numpy.quantile levels.
inline constexpr std::array<double, 5> kResidualQuantileLevels = {0.05, 0.25, 0.5, 0.75, 0.95};

struct ResidualQuantile {
  double level = 0;
  double value = 0;
};

// residual = target - prediction (positive: the model predicted too low).
struct RegressionMetrics {
  uint64_t rows = 0;
  double total_weight = 0;
  MetricValue rmse;  // sqrt(mean_squared_error)
  MetricValue mae;   // mean_absolute_error
  // r2_score with its force_finite default: 1 for a perfect fit, 0 for an imperfect fit of a
  // constant target, undefined (sklearn: NaN) below two rows.
  MetricValue r2;
  MetricValue mean_residual;  // weighted mean of the residuals
  // numpy.quantile(residuals, kResidualQuantileLevels), linear interpolation, over all rows
  // whatever their weight: numpy has no weighted linear quantile to match.
  std::vector<ResidualQuantile> residual_quantiles;
};

// Every regression metric over `input`. Returns kInvalidArgument for empty input, mismatched
// lengths, a non-finite target or prediction, or a bad weight, naming the first offending row.
// When the total weight is zero every weighted metric is undefined. Pure; safe from any thread.
Result<RegressionMetrics> ComputeRegressionMetrics(const RegressionInput& input);

}  // namespace steward::metrics
