#include "steward/metrics/regression_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "steward/core/numpy_quantile.h"
#include "steward/metrics/internal/checked_metrics.h"
#include "steward/metrics/internal/compensated_sum.h"
#include "steward/metrics/internal/input_checks.h"

namespace steward::metrics {
namespace {

// sklearn.metrics.r2_score(force_finite=True) from its two sums of squares.
MetricValue R2(size_t rows, double residual_squares, double total_squares) {
  if (rows < 2)
    return MetricValue::Undefined("R2 needs at least two rows");
  if (residual_squares == 0)
    return MetricValue::Of(1.0);
  if (total_squares == 0)
    return MetricValue::Of(0.0);
  return MetricValue::Of(1.0 - residual_squares / total_squares);
}

std::vector<ResidualQuantile> ResidualQuantiles(std::vector<double> residuals) {
  std::sort(residuals.begin(), residuals.end());
  std::vector<ResidualQuantile> quantiles;
  for (double level : kResidualQuantileLevels)
    quantiles.push_back({level, NumpyQuantileOfSorted(residuals, level)});
  return quantiles;
}

}  // namespace

namespace internal {

Status CheckRegressionInput(const RegressionInput& input) {
  const size_t rows = input.targets.size();
  STEWARD_RETURN_IF_ERROR(CheckNotEmpty(rows));
  STEWARD_RETURN_IF_ERROR(CheckLength("predictions", input.predictions.size(), rows));
  STEWARD_RETURN_IF_ERROR(CheckWeights(input.weights, rows));
  STEWARD_RETURN_IF_ERROR(CheckFinite(input.targets, "target"));
  return CheckFinite(input.predictions, "prediction");
}

RegressionMetrics ComputeCheckedRegressionMetrics(const RegressionInput& input) {
  const size_t rows = input.targets.size();
  RegressionMetrics metrics;
  metrics.rows = rows;

  CompensatedSum total_weight, weighted_target, squares, absolutes, residual_sum;
  std::vector<double> residuals(rows);
  for (size_t row = 0; row < rows; ++row) {
    const double weight = input.weights.empty() ? 1.0 : input.weights[row];
    const double residual = input.targets[row] - input.predictions[row];
    residuals[row] = residual;
    total_weight.Add(weight);
    weighted_target.Add(weight * input.targets[row]);
    squares.Add(weight * residual * residual);
    absolutes.Add(weight * std::fabs(residual));
    residual_sum.Add(weight * residual);
  }
  metrics.total_weight = total_weight.value();
  metrics.residual_quantiles = ResidualQuantiles(std::move(residuals));
  if (metrics.total_weight == 0) {
    for (MetricValue* value : {&metrics.rmse, &metrics.mae, &metrics.r2, &metrics.mean_residual})
      *value = MetricValue::Undefined(internal::kZeroWeightReason);
    return metrics;
  }
  // The weighted mean first, then squares about it: two passes, as sklearn's r2_score.
  const double mean_target = weighted_target.value() / metrics.total_weight;
  CompensatedSum total_squares;
  // A constant target has no variance, whatever the rounding of its weighted mean.
  const auto [min_target, max_target] =
      std::minmax_element(input.targets.begin(), input.targets.end());
  for (size_t row = 0; row < rows; ++row) {
    const double weight = input.weights.empty() ? 1.0 : input.weights[row];
    const double deviation = *min_target == *max_target ? 0.0 : input.targets[row] - mean_target;
    total_squares.Add(weight * deviation * deviation);
  }
  metrics.rmse = MetricValue::Of(std::sqrt(squares.value() / metrics.total_weight));
  metrics.mae = MetricValue::Of(absolutes.value() / metrics.total_weight);
  metrics.r2 = R2(rows, squares.value(), total_squares.value());
  metrics.mean_residual = MetricValue::Of(residual_sum.value() / metrics.total_weight);
  return metrics;
}

}  // namespace internal

Result<RegressionMetrics> ComputeRegressionMetrics(const RegressionInput& input) {
  STEWARD_RETURN_IF_ERROR(internal::CheckRegressionInput(input));
  return internal::ComputeCheckedRegressionMetrics(input);
}

}  // namespace steward::metrics
