#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "steward/metrics/metric_value.h"

namespace steward::metrics {

// One non-empty bin of a reliability diagram. Bins are (lower, upper], the first [0, upper].
struct CalibrationBin {
  double lower = 0;
  double upper = 0;
  uint64_t rows = 0;  // rows in the bin, whatever their weight
  double weight = 0;  // their total weight
  double mean_predicted = 0;
  double fraction_positive = 0;
};

struct Calibration {
  int bin_count = 0;                 // bins asked for; `bins` holds the non-empty ones
  std::vector<CalibrationBin> bins;  // ascending
  MetricValue expected_error;        // ECE: sum over bins of weight share * |gap|
  MetricValue max_error;             // MCE: the largest |gap| over non-empty bins
};

// sklearn.calibration.calibration_curve(labels, scores, n_bins=bin_count, strategy="uniform"):
// edges are numpy.linspace(0, 1, bin_count + 1), a score on an inner edge falls in the lower
// bin, and bins without weight are dropped. With weights, each row counts by its weight (sklearn
// 1.2 takes no weights; unit weights give its result exactly).
//
// gap = fraction_positive - mean_predicted. ECE weights each bin's |gap| by its share of the
// total weight; both errors are undefined when the total weight is zero.
//
// REQUIRES: labels are 0/1, scores in [0, 1], weights empty or one per row, bin_count >= 1.
// Pure function; safe to call from any thread.
Calibration ComputeCalibration(std::span<const int32_t> labels, std::span<const double> scores,
                               std::span<const double> weights, int bin_count);

}  // namespace steward::metrics
