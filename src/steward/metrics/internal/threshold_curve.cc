#include "steward/metrics/internal/threshold_curve.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include "steward/metrics/internal/compensated_sum.h"

namespace steward::metrics::internal {
namespace {

// Both classes must carry weight for rates against each of them to mean anything.
MetricValue BothClassesOrReason(const ThresholdCurve& curve) {
  if (curve.thresholds.empty())
    return MetricValue::Undefined("total sample weight is zero");
  if (curve.negative_weight() <= 0)
    return MetricValue::Undefined("only one class present: no negative rows with weight");
  if (curve.positive_weight() <= 0)
    return MetricValue::Undefined("only one class present: no positive rows with weight");
  return MetricValue::Of(0);
}

}  // namespace

ThresholdCurve BuildThresholdCurve(std::vector<RankedRow> rows) {
  std::erase_if(rows, [](const RankedRow& row) { return row.weight == 0; });
  std::sort(rows.begin(), rows.end(),
            [](const RankedRow& a, const RankedRow& b) { return a.score > b.score; });
  ThresholdCurve curve;
  // Running sums in order, like sklearn's stable_cumsum, so unit weights give exact counts.
  double true_positives = 0;
  double false_positives = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].positive) {
      true_positives += rows[i].weight;
    } else {
      false_positives += rows[i].weight;
    }
    if (i + 1 == rows.size() || rows[i + 1].score != rows[i].score) {
      curve.thresholds.push_back(rows[i].score);
      curve.true_positives.push_back(true_positives);
      curve.false_positives.push_back(false_positives);
    }
  }
  return curve;
}

MetricValue RocAuc(const ThresholdCurve& curve) {
  if (MetricValue check = BothClassesOrReason(curve); !check.defined())
    return check;
  const double negatives = curve.negative_weight();
  const double positives = curve.positive_weight();
  CompensatedSum area;
  double previous_fpr = 0;
  double previous_tpr = 0;
  for (size_t i = 0; i < curve.thresholds.size(); ++i) {
    // Rates first, then the trapezoid, in numpy.trapz's order of operations.
    const double fpr = curve.false_positives[i] / negatives;
    const double tpr = curve.true_positives[i] / positives;
    area.Add((fpr - previous_fpr) * (tpr + previous_tpr) / 2.0);
    previous_fpr = fpr;
    previous_tpr = tpr;
  }
  return MetricValue::Of(area.value());
}

MetricValue AveragePrecision(const ThresholdCurve& curve) {
  if (curve.thresholds.empty())
    return MetricValue::Undefined("total sample weight is zero");
  const double positives = curve.positive_weight();
  if (positives <= 0)
    return MetricValue::Undefined("no positive rows with weight: recall is undefined");
  CompensatedSum sum;
  double previous_recall = 0;
  for (size_t i = 0; i < curve.thresholds.size(); ++i) {
    const double predicted = curve.true_positives[i] + curve.false_positives[i];
    const double precision = curve.true_positives[i] / predicted;
    const double recall = curve.true_positives[i] / positives;
    sum.Add((recall - previous_recall) * precision);
    previous_recall = recall;
  }
  return MetricValue::Of(sum.value());
}

MetricValue PrAucTrapezoid(const ThresholdCurve& curve) {
  if (curve.thresholds.empty())
    return MetricValue::Undefined("total sample weight is zero");
  const double positives = curve.positive_weight();
  if (positives <= 0)
    return MetricValue::Undefined("no positive rows with weight: recall is undefined");
  CompensatedSum area;
  double previous_recall = 0;
  double previous_precision = 1;
  for (size_t i = 0; i < curve.thresholds.size(); ++i) {
    const double predicted = curve.true_positives[i] + curve.false_positives[i];
    const double precision = curve.true_positives[i] / predicted;
    const double recall = curve.true_positives[i] / positives;
    area.Add((recall - previous_recall) * (precision + previous_precision) / 2.0);
    previous_recall = recall;
    previous_precision = precision;
  }
  return MetricValue::Of(area.value());
}

RocPoints RocCurvePoints(const ThresholdCurve& curve) {
  RocPoints points;
  if (!BothClassesOrReason(curve).defined())
    return points;
  const size_t n = curve.thresholds.size();
  const auto& fps = curve.false_positives;
  const auto& tps = curve.true_positives;
  // sklearn keeps a point where either cumulative count bends (non-zero second difference),
  // always keeping both ends; collinear points in between add nothing to the curve.
  auto keep = [&](size_t i) {
    if (n <= 2 || i == 0 || i + 1 == n)
      return true;
    return (fps[i + 1] - fps[i]) - (fps[i] - fps[i - 1]) != 0 ||
           (tps[i + 1] - tps[i]) - (tps[i] - tps[i - 1]) != 0;
  };
  const double negatives = curve.negative_weight();
  const double positives = curve.positive_weight();
  points.false_positive_rate.push_back(0);
  points.true_positive_rate.push_back(0);
  points.thresholds.push_back(curve.thresholds[0] + 1);
  for (size_t i = 0; i < n; ++i) {
    if (!keep(i))
      continue;
    points.false_positive_rate.push_back(fps[i] / negatives);
    points.true_positive_rate.push_back(tps[i] / positives);
    points.thresholds.push_back(curve.thresholds[i]);
  }
  return points;
}

}  // namespace steward::metrics::internal
