#pragma once
// Which test decides drift for each column, and the thresholds of every alert. Defaults follow
// Evidently's; a policy file (docs/formats/monitor.md) overrides them per column.

#include <map>
#include <optional>
#include <string>
#include <string_view>

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
  std::map<std::string, ColumnPolicy> columns;
};

// Reads a policy file's TOML text; `where` (the file name) starts every error.
Result<DriftPolicy> ParseDriftPolicy(std::string_view toml, const std::string& where);

}  // namespace steward::monitor
