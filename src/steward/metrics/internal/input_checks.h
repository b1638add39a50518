#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "steward/core/status.h"

namespace steward::metrics::internal {

// Why a metric is undefined when CheckWeights passed but the weights sum to zero.
inline constexpr const char* kZeroWeightReason = "total sample weight is zero";

// Shortest text that reads back as `value` ("0.1", "nan"), for error messages.
std::string FormatDouble(double value);

// Each check returns kInvalidArgument naming the input and the first offending row, e.g.
// "row 17: score 1.2 is not a probability in [0, 1]".

// Fails when `rows` is zero.
Status CheckNotEmpty(size_t rows);
// Fails when `name` has `actual` values where `expected` were needed.
Status CheckLength(std::string_view name, size_t actual, size_t expected);
// `weights` may be empty (every row weighs 1); otherwise one finite, non-negative value per row
// whose sum is finite.
Status CheckWeights(std::span<const double> weights, size_t rows);
// Every value in [0, 1] (NaN fails). `name` is singular: "score".
Status CheckProbabilities(std::span<const double> values, std::string_view name);
// Every value finite. `name` is singular: "target".
Status CheckFinite(std::span<const double> values, std::string_view name);
// Every label is 0 or 1.
Status CheckBinaryLabels(std::span<const int32_t> labels);
// Every label in [0, num_classes).
Status CheckClassLabels(std::span<const int32_t> labels, size_t num_classes);
// Every code is -1 (missing) or non-negative.
Status CheckSliceCodes(std::span<const int32_t> codes);
// A finite threshold.
Status CheckThreshold(double threshold);
// Between 1 and 10,000 calibration bins.
Status CheckCalibrationBins(int bins);
// 0 < epsilon < 0.5, so clipping keeps every probability in (0, 1).
Status CheckLogLossEpsilon(double epsilon);

}  // namespace steward::metrics::internal
