#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "steward/core/result.h"
#include "steward/metrics/calibration.h"
#include "steward/metrics/metric_value.h"

namespace steward::metrics {

// scikit-learn 1.2's log_loss default, eps="auto": numpy.finfo(float64).eps.
inline constexpr double kDefaultLogLossEpsilon = 2.220446049250313e-16;

// Labelled predictions of a binary classifier, one entry per row. The spans are borrowed for
// the duration of the call.
struct BinaryInput {
  std::span<const int32_t> labels;  // 0 or 1
  std::span<const double> scores;   // predicted probability of label 1, in [0, 1]
  std::span<const double> weights;  // empty: every row weighs 1; else finite and >= 0
};

struct BinaryOptions {
  // A row is predicted positive when its score is >= threshold.
  double threshold = 0.5;
  int calibration_bins = 10;
  // Probabilities are clipped to [epsilon, 1 - epsilon] before the log-loss.
  double log_loss_epsilon = kDefaultLogLossEpsilon;
  // The ROC curve has up to one point per distinct score, too many for every metrics.json;
  // reports ask for it.
  bool roc_curve = false;
};

// Weighted counts at the threshold.
struct BinaryConfusion {
  double true_negatives = 0;
  double false_positives = 0;
  double false_negatives = 0;
  double true_positives = 0;
};

// sklearn.metrics.roc_curve(drop_intermediate=True) of scikit-learn 1.2.
struct RocCurve {
  std::vector<double> false_positive_rate;
  std::vector<double> true_positive_rate;
  std::vector<double> thresholds;  // descending; the first is the highest score + 1
};

// Each metric equals scikit-learn 1.2's on the same input (tests/oracle/metrics_vs_sklearn.py),
// except where docs/formats/metrics.md says sklearn has no value and this one is undefined.
struct BinaryMetrics {
  uint64_t rows = 0;
  double total_weight = 0;
  double positive_weight = 0;  // weight of rows labelled 1
  double threshold = 0.5;

  MetricValue roc_auc;            // roc_auc_score
  MetricValue average_precision;  // average_precision_score: the PR AUC reported by default
  MetricValue pr_auc_trapezoid;   // auc(recall, precision) over precision_recall_curve
  MetricValue log_loss;           // log_loss(eps=options.log_loss_epsilon)
  MetricValue brier_score;        // brier_score_loss
  // At the threshold, with sklearn's zero_division default: a ratio whose denominator is
  // zero is 0.
  MetricValue accuracy;
  MetricValue precision;
  MetricValue recall;
  MetricValue f1;
  BinaryConfusion confusion;
  Calibration calibration;
  RocCurve roc_curve;  // filled when options.roc_curve and both classes have weight
};

// Every binary metric over `input`. Returns kInvalidArgument for empty input, spans of different
// lengths, a label other than 0/1, a score outside [0, 1] or NaN, a negative or non-finite
// weight, or bad options; the message names the first offending row. When the total weight is
// zero every metric is undefined. Pure function; safe to call from any thread.
Result<BinaryMetrics> ComputeBinaryMetrics(const BinaryInput& input,
                                           const BinaryOptions& options = {});

}  // namespace steward::metrics
