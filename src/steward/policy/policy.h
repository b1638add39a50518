#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "steward/core/result.h"

namespace steward::policy {

// Fairness limits for one sensitive attribute, read from a version's fairness.json summary.
struct FairnessLimits {
  std::optional<double> min_ratio;       // dp_ratio, eo_ratio, min_disparate_impact >= this
  std::optional<double> max_difference;  // dp_difference, eo_difference, eop_difference <= this
};

// The gates a version must pass to take one alias (docs/formats/policy.md).
struct AliasGates {
  std::map<std::string, double> min_metrics;  // higher is better: auc >= 0.8
  std::map<std::string, double> max_metrics;  // lower is better: logloss <= 0.5
  bool require_fairness_passed = false;
  FairnessLimits fairness_all;                                // every attribute in fairness.json
  std::map<std::string, FairnessLimits> fairness_attributes;  // must be present, by name
  bool require_validation_passed = false;
  // No feature the training scan found high-confidence PII in was let through --allow-pii.
  bool no_unpseudonymised_pii = false;
  std::map<std::string, int64_t> approvals;  // role -> distinct approvers needed
};

struct Policy {
  std::map<std::string, AliasGates> aliases;
  // Gates of `alias`, or nullptr when the policy sets none for it.
  const AliasGates* Find(std::string_view alias) const;
};

// Parses a policy file's text. Fails with kInvalidArgument "FILE:LINE:COLUMN: what" on a TOML
// syntax error, an unknown key, a value of the wrong type or range, a metric in the wrong
// direction (logloss under min_metrics) or a name that is not a valid alias or role.
// Pure; safe from any thread.
Result<Policy> ParsePolicy(std::string_view text, std::string_view file_name);

// Reads and parses a policy file.
Result<Policy> ReadPolicyFile(const std::string& path);

// Metric names a policy may gate on, with their direction.
bool IsHigherBetterMetric(std::string_view name);
bool IsLowerBetterMetric(std::string_view name);

}  // namespace steward::policy
