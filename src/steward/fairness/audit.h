#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"
#include "steward/fairness/grouping.h"

namespace steward::fairness {

enum class AuditTask { kBinary, kMulticlass, kRegression };

// What a model predicted for the rows that have a target, and what the target was.
struct AuditData {
  AuditTask task = AuditTask::kBinary;
  std::vector<std::string> classes;  // classification: index -> label; binary: 1 is positive
  std::vector<int32_t> labels;       // classification: true class per row
  std::vector<int32_t> predicted;    // classification: predicted class per row
  std::vector<float> scores;         // binary: P(class 1) per row; empty means no AUC
  std::vector<double> targets;       // regression
  std::vector<double> predictions;   // regression
  size_t rows() const { return task == AuditTask::kRegression ? targets.size() : labels.size(); }
};

struct AuditOptions {
  // Smaller groups are reported, flagged, and left out of summaries and the band.
  size_t min_group_size = 30;
  size_t bootstrap = 1000;  // resamples for the intervals; 0: no intervals
  double confidence = 0.95;
  uint64_t seed = 42;
  // The band: every group's ratio to the reference group must lie within [low, high].
  double band_low = 0.8;
  double band_high = 1.25;
  // The reference group of every attribute that has a group of this name; otherwise the largest.
  std::string reference_group;
  unsigned threads = 0;  // 0: one per core
};

inline constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// A point estimate with its bootstrap percentile interval (NaN when undefined: a rate with no
// rows under it, or an interval when fewer than half the resamples define the value).
struct Estimate {
  double value = kUndefined;
  double low = kUndefined;
  double high = kUndefined;
};

struct NamedEstimate {
  std::string name;
  Estimate estimate;
};

// The estimate called `name`, or nullptr.
const Estimate* FindEstimate(const std::vector<NamedEstimate>& estimates, std::string_view name);

struct GroupResult {
  std::string name;
  uint64_t count = 0;
  bool small = false;                  // count < min_group_size
  std::vector<NamedEstimate> metrics;  // selection_rate, tpr, ... (see docs/formats/fairness.md)
  std::vector<NamedEstimate> ratios;   // against the reference group: disparate_impact, ...
};

struct AttributeResult {
  std::string name;
  std::vector<std::string> columns;
  std::string reference_group;
  std::vector<GroupResult> groups;
  std::vector<NamedEstimate> summary;   // dp_difference, dp_ratio, eo_difference, ...
  bool four_fifths_rule = true;         // every compared group's disparate impact >= 0.8
  bool passed = true;                   // every compared group's ratios within the band
  std::vector<std::string> violations;  // why it failed, one line each, for people
};

struct FairnessReport {
  AuditTask task = AuditTask::kBinary;
  std::vector<std::string> classes;
  uint64_t rows = 0;
  AuditOptions options;
  std::vector<AttributeResult> attributes;
  bool passed = true;
};

// Audits `data` by the groups of `grouping` (whose rows are data's rows). Deterministic for a
// seed, whatever the thread count. Fails when there are no rows or the sizes disagree.
Result<FairnessReport> Audit(const AuditData& data, const Grouping& grouping,
                             const AuditOptions& options);

}  // namespace steward::fairness
