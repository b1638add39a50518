#include "steward/metrics/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "steward/metrics/internal/compensated_sum.h"

namespace steward::metrics {
namespace {

// numpy.linspace(0, 1, bin_count + 1): i * step with the last edge set to exactly 1, so a score
// such as 0.3 lands in the same bin as in sklearn (3 * 0.1 is 0.30000000000000004).
std::vector<double> UniformEdges(int bin_count) {
  std::vector<double> edges(static_cast<size_t>(bin_count) + 1);
  const double step = 1.0 / bin_count;
  for (size_t i = 0; i < edges.size(); ++i)
    edges[i] = static_cast<double>(i) * step;
  edges.back() = 1.0;
  return edges;
}

struct BinSums {
  uint64_t rows = 0;
  internal::CompensatedSum weight;
  internal::CompensatedSum weighted_score;
  internal::CompensatedSum weighted_positives;
};

}  // namespace

Calibration ComputeCalibration(std::span<const int32_t> labels, std::span<const double> scores,
                               std::span<const double> weights, int bin_count) {
  const std::vector<double> edges = UniformEdges(bin_count);
  std::vector<BinSums> sums(static_cast<size_t>(bin_count));
  // numpy.searchsorted(inner_edges, score, side="left"): the number of inner edges below it.
  const auto inner_begin = edges.begin() + 1;
  const auto inner_end = edges.end() - 1;
  internal::CompensatedSum total_weight;
  for (size_t row = 0; row < scores.size(); ++row) {
    const double weight = weights.empty() ? 1.0 : weights[row];
    const size_t bin =
        static_cast<size_t>(std::lower_bound(inner_begin, inner_end, scores[row]) - inner_begin);
    BinSums& bin_sums = sums[bin];
    ++bin_sums.rows;
    bin_sums.weight.Add(weight);
    bin_sums.weighted_score.Add(weight * scores[row]);
    bin_sums.weighted_positives.Add(weight * labels[row]);
    total_weight.Add(weight);
  }

  Calibration calibration;
  calibration.bin_count = bin_count;
  internal::CompensatedSum expected_error;
  double max_error = 0;
  for (size_t bin = 0; bin < sums.size(); ++bin) {
    const double weight = sums[bin].weight.value();
    if (weight == 0)
      continue;
    CalibrationBin out;
    out.lower = edges[bin];
    out.upper = edges[bin + 1];
    out.rows = sums[bin].rows;
    out.weight = weight;
    out.mean_predicted = sums[bin].weighted_score.value() / weight;
    out.fraction_positive = sums[bin].weighted_positives.value() / weight;
    const double gap = std::fabs(out.fraction_positive - out.mean_predicted);
    expected_error.Add(weight / total_weight.value() * gap);
    max_error = std::max(max_error, gap);
    calibration.bins.push_back(out);
  }
  if (calibration.bins.empty()) {
    calibration.expected_error = MetricValue::Undefined("total sample weight is zero");
    calibration.max_error = MetricValue::Undefined("total sample weight is zero");
  } else {
    calibration.expected_error = MetricValue::Of(expected_error.value());
    calibration.max_error = MetricValue::Of(max_error);
  }
  return calibration;
}

}  // namespace steward::metrics
