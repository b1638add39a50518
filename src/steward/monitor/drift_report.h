#pragma once
// Compares the current window with the reference, column by column: every drift statistic, the
// test that decides (drift_policy.h), data quality in the window, and the alerts.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "steward/core/result.h"
#include "steward/monitor/calibration.h"
#include "steward/monitor/distribution.h"
#include "steward/monitor/drift_policy.h"
#include "steward/monitor/drift_tests.h"

namespace steward::monitor {

struct ColumnDrift {
  std::string name;
  bool numeric = true;  // else compared as categories
  DriftTest test = DriftTest::kKs;
  double score = 0;
  double threshold = 0;
  bool drift = false;
  // Numeric columns.
  std::optional<KsResult> ks;
  std::optional<double> wasserstein, wasserstein_norm, psi;
  // Both kinds (numeric: over the decile bins).
  double js_distance = 0;
  // Categorical columns, and numeric ones with few distinct values.
  std::optional<ChiSquareResult> chi2;
  std::optional<double> unseen_share;
  // Data quality in the window.
  double reference_missing_rate = 0, current_missing_rate = 0;
  std::optional<double> out_of_range_share;
  uint64_t reference_values = 0, current_values = 0;  // non-missing values compared
  bool exact = true;                                  // false: a side was a sketch
  double rank_error = 0;
  BinnedShares distribution;  // for the reader: bins (numeric) or categories
  // With DriftPolicy::calibrate and raw values on both sides.
  std::optional<Calibration> calibration;
};

struct Alert {
  std::string kind;  // "dataset_drift", "drift", "data_quality", "prediction_drift"
  std::string column;
  std::string message;
};

struct DriftSummary {
  size_t columns = 0;
  size_t drifted = 0;
  size_t calibrated = 0, calibrated_drifted = 0;  // with DriftPolicy::calibrate
  double share = 0;
  double threshold = 0.5;
  bool drift = false;
};

struct DriftReport {
  std::vector<ColumnDrift> columns;  // drifted first, then by score against threshold
  std::optional<ColumnDrift> prediction;
  DriftSummary dataset;
  std::vector<Alert> alerts;
  std::vector<std::string> notes;  // columns left out and why
};

// Compares every column present on both sides (by name), in the reference's order before ranking.
// `reference_rows` decides Evidently's small-reference rule.
// A policy that does not fit the data (a numeric test on a categorical column) is an error;
// columns that cannot be compared (no values on a side) are left out with a note.
// Consumes both sides: each column's values are sorted in place and freed once it is compared.
Result<DriftReport> CompareColumns(std::vector<ColumnValues> reference,
                                   std::vector<ColumnValues> current, uint64_t reference_rows,
                                   const DriftPolicy& policy);

// Compares one column (the prediction score, say) with the same rules. kFailedPrecondition when a
// side has no values or the kinds differ; kInvalidArgument when the policy does not fit.
Result<ColumnDrift> CompareColumn(ColumnValues reference, ColumnValues current,
                                  uint64_t reference_rows, const DriftPolicy& policy);

nlohmann::json ColumnDriftJson(const ColumnDrift& column);

}  // namespace steward::monitor
