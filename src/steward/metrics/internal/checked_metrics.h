#pragma once

#include "steward/core/status.h"
#include "steward/metrics/binary_metrics.h"
#include "steward/metrics/multiclass_metrics.h"
#include "steward/metrics/regression_metrics.h"

namespace steward::metrics::internal {

// The public Compute*Metrics split into their input checks and the computation, so per-slice
// metrics check the whole input once and compute each slice without checking it again.

Status CheckBinaryInput(const BinaryInput& input, const BinaryOptions& options);
// REQUIRES: CheckBinaryInput(input, options) passed.
BinaryMetrics ComputeCheckedBinaryMetrics(const BinaryInput& input, const BinaryOptions& options);

Status CheckMulticlassInput(const MulticlassInput& input, const MulticlassOptions& options);
// REQUIRES: CheckMulticlassInput(input, options) passed.
MulticlassMetrics ComputeCheckedMulticlassMetrics(const MulticlassInput& input,
                                                  const MulticlassOptions& options);

Status CheckRegressionInput(const RegressionInput& input);
// REQUIRES: CheckRegressionInput(input) passed.
RegressionMetrics ComputeCheckedRegressionMetrics(const RegressionInput& input);

}  // namespace steward::metrics::internal
