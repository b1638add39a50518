#pragma once
// Which test decides drift for each column, and the thresholds of every alert. Defaults follow
// Evidently's; a policy file (docs/formats/monitor.md) overrides them per column.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"

namespace steward::monitor {

enum class DriftTest { kKs, kChiSquare, kWasserstein, kJensenShannon, kPsi };

std::string_view DriftTestName(DriftTest test);
Result<DriftTest> ParseDriftTest(std::string_view name);
// True for the tests whose score is a p-value (drift when below the threshold); the others are
// distances (drift when at or above it).
bool IsPValueTest(DriftTest test);
double DefaultThreshold(DriftTest test);

struct ColumnPolicy {
  std::optional<DriftTest> test;
  std::optional<double> threshold;
  bool ignore = false;
};

// A metric windows are judged on: its name in the metrics module's documents, and the keys a
// bundle's metrics.json stores it under (docs/formats/bundle.md).
struct PerformanceMetric {
  std::string_view name;
  std::string_view stored;
  std::string_view stored_multiclass;
  bool higher_is_better;
};
inline constexpr PerformanceMetric kPerformanceMetrics[] = {
    {"roc_auc", "auc", "", true},
    {"accuracy", "accuracy", "accuracy", true},
    {"log_loss", "logloss", "mlogloss", false},
    {"rmse", "rmse", "", false},
    {"mae", "mae", "", false},
    {"r2", "r2", "", true},
};
const PerformanceMetric* FindPerformanceMetric(std::string_view name);

// When a window's performance or fairness is an alert (the [performance] table of a policy).
struct PerformancePolicy {
  // Metrics where higher is better (roc_auc, accuracy, r2): alert when a window's value is
  // below the bundle's stored value by more than this.
  double tolerance = 0.05;
  // Error metrics (log_loss, rmse, mae): alert when above the stored value by more than this
  // share of it.
  double error_tolerance = 0.2;
  std::map<std::string, double> metric_tolerances;  // per metric, replacing the above
  std::vector<std::string> ignore_metrics;
  // Windows with fewer labelled rows report their metrics without judging them: a handful of
  // labels would raise alerts by chance.
  uint64_t min_labelled_rows = 30;
  // Fairness: every group's ratio to the reference group must lie within [low, high].
  double band_low = 0.8;
  double band_high = 1.25;
  uint64_t min_group_size = 30;  // smaller groups are reported, not compared
};

struct DriftPolicy {
  // Evidently: references of at most this many rows are judged by p-values (KS, chi-square),
  // larger ones by distances (normalised Wasserstein, Jensen-Shannon).
  uint64_t small_reference_rows = 1000;
  // Numeric columns with at most this many distinct values (both sides together) are tested
  // like categorical ones, as Evidently does.
  uint64_t categorical_distinct_values = 5;
  double dataset_drift_share = 0.5;  // data set drift when at least this share of columns drift
  // Data quality alerts in the current window.
  double missing_rate_increase = 0.05;  // current missing rate above the reference's by this
  double out_of_range_share = 0.05;     // numeric values outside the reference's [min, max]
  double unseen_category_share = 0.05;  // categorical values the reference never had
  // Alert on each drifted column, not only on data set drift.
  bool alert_on_column_drift = true;
  // Calibrated alarms (calibration.h), reported beside the fixed thresholds' verdicts, which
  // still decide the alerts.
  bool calibrate = false;
  uint32_t calibration_rounds = 1000;  // permutations per column
  double calibration_fdr = 0.05;       // Benjamini–Hochberg false discovery rate
  uint64_t calibration_seed = 42;
  std::map<std::string, ColumnPolicy> columns;
  PerformancePolicy performance;
};

// Reads a policy file's TOML text; `where` (the file name) starts every error.
Result<DriftPolicy> ParseDriftPolicy(std::string_view toml, const std::string& where);

}  // namespace steward::monitor
