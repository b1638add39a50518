#include "steward/metrics/binary_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "steward/metrics/internal/checked_metrics.h"
#include "steward/metrics/internal/compensated_sum.h"
#include "steward/metrics/internal/input_checks.h"
#include "steward/metrics/internal/threshold_curve.h"

namespace steward::metrics {
namespace {

// sklearn's _prf_divide with zero_division="warn": 0 when nothing was divided.
double RatioOrZero(double numerator, double denominator) {
  return denominator == 0 ? 0.0 : numerator / denominator;
}

// sklearn's F-beta for beta = 1: (1 + b^2) p r / (b^2 p + r), 0 when p + r is 0.
double F1(double precision, double recall) {
  const double denominator = precision + recall;
  return denominator == 0 ? 0.0 : 2.0 * precision * recall / denominator;
}

// sklearn.metrics.log_loss for one row: clip, expand to [1 - p, p], renormalise the pair (its
// sum can differ from 1 by a rounding) and take -log of the true class's share.
double RowLogLoss(int32_t label, double score, double epsilon) {
  const double clipped = std::clamp(score, epsilon, 1.0 - epsilon);
  const double negative = 1.0 - clipped;
  const double sum = negative + clipped;
  return -std::log((label == 1 ? clipped : negative) / sum);
}

void SetThresholdMetrics(const BinaryConfusion& c, double total_weight, BinaryMetrics& metrics) {
  const double precision = RatioOrZero(c.true_positives, c.true_positives + c.false_positives);
  const double recall = RatioOrZero(c.true_positives, c.true_positives + c.false_negatives);
  metrics.accuracy = MetricValue::Of((c.true_positives + c.true_negatives) / total_weight);
  metrics.precision = MetricValue::Of(precision);
  metrics.recall = MetricValue::Of(recall);
  metrics.f1 = MetricValue::Of(F1(precision, recall));
}

void SetAllUndefined(BinaryMetrics& metrics, const char* reason) {
  for (MetricValue* value : {&metrics.roc_auc, &metrics.average_precision,
                             &metrics.pr_auc_trapezoid, &metrics.log_loss, &metrics.brier_score,
                             &metrics.accuracy, &metrics.precision, &metrics.recall, &metrics.f1}) {
    *value = MetricValue::Undefined(reason);
  }
}

}  // namespace

namespace internal {

Status CheckBinaryInput(const BinaryInput& input, const BinaryOptions& options) {
  const size_t rows = input.labels.size();
  STEWARD_RETURN_IF_ERROR(CheckNotEmpty(rows));
  STEWARD_RETURN_IF_ERROR(CheckLength("scores", input.scores.size(), rows));
  STEWARD_RETURN_IF_ERROR(CheckWeights(input.weights, rows));
  STEWARD_RETURN_IF_ERROR(CheckBinaryLabels(input.labels));
  STEWARD_RETURN_IF_ERROR(CheckProbabilities(input.scores, "score"));
  STEWARD_RETURN_IF_ERROR(CheckThreshold(options.threshold));
  STEWARD_RETURN_IF_ERROR(CheckCalibrationBins(options.calibration_bins));
  return CheckLogLossEpsilon(options.log_loss_epsilon);
}

BinaryMetrics ComputeCheckedBinaryMetrics(const BinaryInput& input, const BinaryOptions& options) {
  const size_t rows = input.labels.size();
  BinaryMetrics metrics;
  metrics.rows = rows;
  metrics.threshold = options.threshold;

  CompensatedSum total_weight, positive_weight, log_loss, brier;
  CompensatedSum confusion[2][2];  // [label][predicted]
  std::vector<RankedRow> ranked(rows);
  for (size_t row = 0; row < rows; ++row) {
    const double weight = input.weights.empty() ? 1.0 : input.weights[row];
    const int32_t label = input.labels[row];
    const double score = input.scores[row];
    const int predicted = score >= options.threshold ? 1 : 0;
    total_weight.Add(weight);
    if (label == 1)
      positive_weight.Add(weight);
    confusion[label][predicted].Add(weight);
    log_loss.Add(weight * RowLogLoss(label, score, options.log_loss_epsilon));
    const double error = label - score;
    brier.Add(weight * error * error);
    ranked[row] = {score, weight, label == 1};
  }
  metrics.total_weight = total_weight.value();
  metrics.positive_weight = positive_weight.value();
  metrics.confusion = {confusion[0][0].value(), confusion[0][1].value(), confusion[1][0].value(),
                       confusion[1][1].value()};
  metrics.calibration =
      ComputeCalibration(input.labels, input.scores, input.weights, options.calibration_bins);
  if (metrics.total_weight == 0) {
    SetAllUndefined(metrics, internal::kZeroWeightReason);
    return metrics;
  }
  metrics.log_loss = MetricValue::Of(log_loss.value() / metrics.total_weight);
  metrics.brier_score = MetricValue::Of(brier.value() / metrics.total_weight);
  SetThresholdMetrics(metrics.confusion, metrics.total_weight, metrics);

  const ThresholdCurve curve = BuildThresholdCurve(std::move(ranked));
  metrics.roc_auc = RocAuc(curve);
  metrics.average_precision = AveragePrecision(curve);
  metrics.pr_auc_trapezoid = PrAucTrapezoid(curve);
  if (options.roc_curve) {
    RocPoints points = RocCurvePoints(curve);
    metrics.roc_curve = {std::move(points.false_positive_rate),
                         std::move(points.true_positive_rate), std::move(points.thresholds)};
  }
  return metrics;
}

}  // namespace internal

Result<BinaryMetrics> ComputeBinaryMetrics(const BinaryInput& input, const BinaryOptions& options) {
  STEWARD_RETURN_IF_ERROR(internal::CheckBinaryInput(input, options));
  return internal::ComputeCheckedBinaryMetrics(input, options);
}

}  // namespace steward::metrics
