#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/policy/policy.h"

namespace steward::policy {

// What the registry knows about one version, as the gates read it.
struct Evidence {
  nlohmann::json metrics;     // metrics.json's "booster" object; null if none
  nlohmann::json fairness;    // fairness.json (steward.fairness/1); null if none
  nlohmann::json validation;  // a validation report (steward.validation/1); null if none
  // What the training PII scan recorded (card.json "pii_scan": high_confidence_columns,
  // allowed_features_with_pii); null if the card records no scan.
  nlohmann::json pii;
  std::map<std::string, int64_t> approvals;  // role -> distinct approvers
};

struct GateOutcome {
  std::string gate;  // "min_metrics.auc", "approvals.risk", ...
  bool passed = false;
  std::string detail;  // "auc 0.91 >= 0.8", "no fairness.json in the bundle", ...
};

struct GateDecision {
  std::vector<GateOutcome> outcomes;  // every gate, in a fixed order
  bool allowed() const;
  std::vector<std::string> FailureReasons() const;  // "gate: detail" of each failed gate
};

// Evaluates every gate of `gates` against `evidence`; missing evidence fails the gate that
// needs it, with a reason that says what is missing. Pure.
GateDecision EvaluateGates(const AliasGates& gates, const Evidence& evidence);

}  // namespace steward::policy
