#pragma once
// The performance part of `steward monitor`: the bundle's model judged on current rows whose
// labels arrived later (--labels FILE, or the feedback in the prediction log), per time window.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/monitor_command.h"
#include "steward/core/result.h"
#include "steward/io/prediction_log.h"
#include "steward/monitor/drift_policy.h"
#include "steward/monitor/drift_report.h"

namespace steward::cli {

struct PerformanceSection {
  nlohmann::json json;  // the "performance" section of steward.monitor/1
  std::vector<monitor::Alert> alerts;
  std::vector<std::string> notes;
  std::string text;  // the terminal table
};

// Nothing when there are no labels to judge with (no --labels, and a prediction log without
// feedback, or --current) or no --bundle to judge. `scan` is the prediction log when the
// current rows come from one. Fails naming the file, line and what for a bad labels file, and
// when the current data lacks the bundle's id column to join on.
Result<std::optional<PerformanceSection>> MonitorPerformance(
    const MonitorFlags& flags, const monitor::PerformancePolicy& policy,
    const io::PredictionLogScan* scan, const GlobalOptions& global);

}  // namespace steward::cli
