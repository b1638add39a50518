#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "steward/core/result.h"
#include "steward/metrics/binary_metrics.h"
#include "steward/metrics/multiclass_metrics.h"
#include "steward/metrics/regression_metrics.h"

namespace steward::metrics {

// A slice is the rows sharing one code of a categorical column (core's dictionary codes).
inline constexpr int32_t kMissingSlice = -1;

// The metrics of one slice. `metrics.rows` is its row count.
template <typename Metrics>
struct SliceMetrics {
  int32_t code = 0;  // the category code, or kMissingSlice for rows whose key is missing
  Metrics metrics;
};

// Metrics per slice of `input`, one entry per code that occurs, in ascending code order with the
// missing slice (code -1) last. Rows with a missing key form their own slice rather than being
// dropped, so every row is accounted for in some slice. `slice_codes` has one code per row:
// -1 or a non-negative category code.
//
// A slice's metrics are exactly those of Compute*Metrics on its rows alone; a metric a slice
// cannot define (AUC of a one-class slice) is undefined with its reason. The input is checked
// once, as a whole, with the same errors as Compute*Metrics, plus a bad or mismatched slice
// code. Pure functions; safe to call from any thread.
Result<std::vector<SliceMetrics<BinaryMetrics>>> ComputeBinaryMetricsBySlice(
    const BinaryInput& input, std::span<const int32_t> slice_codes,
    const BinaryOptions& options = {});
Result<std::vector<SliceMetrics<MulticlassMetrics>>> ComputeMulticlassMetricsBySlice(
    const MulticlassInput& input, std::span<const int32_t> slice_codes,
    const MulticlassOptions& options = {});
Result<std::vector<SliceMetrics<RegressionMetrics>>> ComputeRegressionMetricsBySlice(
    const RegressionInput& input, std::span<const int32_t> slice_codes);

}  // namespace steward::metrics
