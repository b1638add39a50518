#pragma once
// The model's performance and fairness over time, once labels arrive: the current rows cut into
// windows of equal length, each evaluated with the metrics module (as `steward evaluate`) and
// audited with the fairness module (as `steward fairness`), and judged against the metrics the
// bundle stored at training and the fairness band. Format: docs/formats/monitor.md.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/monitor/drift_policy.h"
#include "steward/monitor/drift_report.h"
#include "steward/monitor/scored_rows.h"

namespace steward::monitor {

inline constexpr int64_t kMicrosPerDay = int64_t{86'400'000'000};

// "90s", "30m", "1h", "1d", "7d", "2w" as microseconds; fails naming the text otherwise.
Result<int64_t> ParseWindowLength(std::string_view text);

// The metrics a bundle's metrics.json stores for its booster (docs/formats/bundle.md), by the
// names of kPerformanceMetrics. Metrics it lacks or holds as null are absent.
std::map<std::string, double> StoredMetrics(const nlohmann::json& metrics_json,
                                            fairness::AuditTask task);

struct PerformanceOptions {
  // Window length; windows start at multiples of it since 1970-01-01T00:00Z, so 1d windows
  // are UTC days. Ignored when the rows have no time (one window holds them all).
  int64_t window_us = kMicrosPerDay;
  std::map<std::string, double> stored;  // see StoredMetrics
  PerformancePolicy policy;
};

struct MetricCheck {
  std::string metric;
  double value = 0;
  double stored = 0;
  double limit = 0;  // alert below it (higher is better) or above it (error metrics)
  bool higher_is_better = true;
  bool alert = false;
};

struct GroupRates {
  std::string name;
  uint64_t rows = 0;      // all the window's rows in the group
  uint64_t labelled = 0;  // of them, labelled
  bool small = false;     // fewer rows than the policy's min_group_size: not compared
  double selection_rate = fairness::kUndefined;    // binary: P(predicted positive), all rows
  double disparate_impact = fairness::kUndefined;  // against the reference group
  double tpr = fairness::kUndefined;               // binary, labelled rows
  double fpr = fairness::kUndefined;
};

struct WindowFairness {
  std::string column;
  std::string reference_group;
  std::vector<GroupRates> groups;
  double min_ratio = fairness::kUndefined;  // disparate impact (regression: mean prediction)
  double max_ratio = fairness::kUndefined;
  double eo_ratio = fairness::kUndefined;  // binary: min of the TPR and FPR ratios, labelled
  bool passed = true;
  std::vector<std::string> violations;
};

struct PerformanceWindow {
  int64_t start_us = 0, end_us = 0;
  bool timed = false;  // false: the one window of rows without time
  uint64_t rows = 0;
  uint64_t labelled = 0;
  // The metrics object of steward.metrics/1 over the labelled rows; null when none.
  nlohmann::json metrics;
  bool judged = false;  // labelled >= policy.min_labelled_rows
  std::vector<MetricCheck> checks;
  std::vector<WindowFairness> fairness;
  bool alert = false;
};

struct PerformanceReport {
  std::vector<PerformanceWindow> windows;
  uint64_t rows = 0, labelled = 0;
  uint64_t rows_without_time = 0;  // timed rows whose own time is unknown: in no window
  std::vector<Alert> alerts;       // kind "performance" or "fairness"
  std::vector<std::string> notes;
};

// Cuts `rows` into windows and evaluates each. Rows without a label count in `rows`, never in
// the metrics. Fails when the metrics module refuses a window's input (a score that is not a
// probability), naming the window.
Result<PerformanceReport> EvaluateWindows(const ScoredRows& rows,
                                          const PerformanceOptions& options);

// The "performance" section of steward.monitor/1.
nlohmann::json PerformanceJson(const PerformanceReport& report, const PerformanceOptions& options);

// "2026-11-23T06:00:00Z" for UTC microseconds.
std::string FormatUtc(int64_t micros);

}  // namespace steward::monitor
