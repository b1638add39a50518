#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "steward/core/result.h"
#include "steward/metrics/binary_metrics.h"
#include "steward/metrics/metric_value.h"

namespace steward::metrics {

// Labelled predictions of a K-class classifier. The spans are borrowed for the call.
struct MulticlassInput {
  std::span<const int32_t> labels;        // in 0..num_classes-1
  std::span<const double> probabilities;  // rows x num_classes, row-major; each row sums to 1
  size_t num_classes = 0;                 // K >= 2
  std::span<const double> weights;        // empty: every row weighs 1; else finite and >= 0
};

struct MulticlassOptions {
  double log_loss_epsilon = kDefaultLogLossEpsilon;
  // One sort per class; skip it when only threshold metrics are wanted.
  bool roc_auc = true;
};

// Per class, for the predicted class argmax(row) (the first on ties, like numpy.argmax).
struct ClassMetrics {
  double support = 0;    // weight of rows labelled with this class
  double predicted = 0;  // weight of rows predicted as this class
  // sklearn's zero_division default: 0 when the denominator is zero.
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  // Appears as a label or a prediction (any weight): the classes macro and weighted F1 average
  // over, as sklearn's unique_labels(y_true, y_pred).
  bool present = false;
};

struct MulticlassMetrics {
  uint64_t rows = 0;
  size_t num_classes = 0;
  double total_weight = 0;
  MetricValue accuracy;     // accuracy_score
  MetricValue macro_f1;     // f1_score(average="macro")
  MetricValue weighted_f1;  // f1_score(average="weighted")
  // log_loss(labels=range(K)): clipped to [eps, 1 - eps], rows renormalised.
  MetricValue log_loss;
  // roc_auc_score(multi_class="ovr", average="macro", labels=range(K)): the unweighted mean of
  // each class's one-vs-rest AUC; undefined if any class is absent (or has all the weight).
  MetricValue macro_roc_auc_ovr;
  std::vector<ClassMetrics> classes;  // K entries
  std::vector<double> confusion;      // K x K row-major, [label][predicted], weighted
};

// Largest |row sum - 1| accepted: numpy.allclose's defaults (rtol 1e-5, atol 1e-8), the check
// sklearn's multiclass roc_auc_score makes.
inline constexpr double kRowSumTolerance = 1e-5 + 1e-8;

// Every multiclass metric over `input`. Returns kInvalidArgument for empty input, K < 2,
// mismatched lengths, a label outside 0..K-1, a probability outside [0, 1] or NaN, a row whose
// sum is not 1 within kRowSumTolerance, or a bad weight; the message names the first offending
// row. When the total weight is zero every metric is undefined. Pure; safe from any thread.
Result<MulticlassMetrics> ComputeMulticlassMetrics(const MulticlassInput& input,
                                                   const MulticlassOptions& options = {});

}  // namespace steward::metrics
