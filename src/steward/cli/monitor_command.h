#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/source_flags.h"
#include "steward/monitor/column_values.h"

namespace steward::cli {

struct MonitorFlags {
  std::string bundle;
  std::string reference;
  std::string current;
  std::string prediction_log;
  std::string since, until;
  uint64_t last = 0;
  std::string labels;       // CSV of id,label
  std::string window;       // e.g. "1d"; empty: one window per UTC day
  std::string time_column;  // --current: the column of the rows' times
  std::string policy;
  std::string out;
  std::string html;
  std::string webhook;
  uint64_t exact_limit = monitor::CollectOptions{}.exact_limit;
  bool calibrate = false;
  uint32_t calibration_rounds = 0;  // 0: the policy's (1,000 by default)
  SourceFlags source;
};

// What one monitor run found: the JSON report (steward.monitor/1), its terminal view, and
// whether an alert fired.
struct MonitorOutcome {
  nlohmann::json json;
  std::string text;
  bool alert = false;
};

// Compares the current window with the reference as `flags` say, and writes --out if given;
// `steward monitor` and `steward demo` both run it.
Result<MonitorOutcome> RunMonitorChecks(const MonitorFlags& flags, const GlobalOptions& global);

}  // namespace steward::cli
