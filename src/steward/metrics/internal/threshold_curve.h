#pragma once

#include <vector>

#include "steward/metrics/metric_value.h"

namespace steward::metrics::internal {

// One row as the ranking metrics see it.
struct RankedRow {
  double score;
  double weight;
  bool positive;
};

// sklearn's _binary_clf_curve: for each distinct score, from the highest down, the weight of
// negatives (`false_positives`) and positives (`true_positives`) scoring at least that much.
// Rows of zero weight are dropped first, as sklearn does.
struct ThresholdCurve {
  std::vector<double> thresholds;
  std::vector<double> false_positives;
  std::vector<double> true_positives;

  double positive_weight() const { return true_positives.empty() ? 0 : true_positives.back(); }
  double negative_weight() const { return false_positives.empty() ? 0 : false_positives.back(); }
};

// Takes `rows` by value because it sorts them.
ThresholdCurve BuildThresholdCurve(std::vector<RankedRow> rows);

// sklearn.metrics.roc_auc_score: the trapezoid area under (fpr, tpr) over the distinct
// thresholds, so tied scores count half. Undefined unless both classes have weight.
MetricValue RocAuc(const ThresholdCurve& curve);

// sklearn.metrics.average_precision_score: sum over thresholds of (R_n - R_{n-1}) * P_n.
// Undefined without positive weight (sklearn returns 0 there, with a warning).
MetricValue AveragePrecision(const ThresholdCurve& curve);

// sklearn.metrics.auc(recall, precision) on precision_recall_curve's points, which end at
// (recall 0, precision 1). Undefined without positive weight.
MetricValue PrAucTrapezoid(const ThresholdCurve& curve);

// sklearn.metrics.roc_curve(drop_intermediate=True) as of scikit-learn 1.2: the first
// threshold is the highest score + 1. Empty unless both classes have weight.
struct RocPoints {
  std::vector<double> false_positive_rate;
  std::vector<double> true_positive_rate;
  std::vector<double> thresholds;
};
RocPoints RocCurvePoints(const ThresholdCurve& curve);

}  // namespace steward::metrics::internal
