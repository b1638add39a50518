#include "steward/policy/gates.h"

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace steward::policy {
namespace {

using nlohmann::json;

constexpr std::array<const char*, 3> kRatioMetrics = {"dp_ratio", "eo_ratio",
                                                      "min_disparate_impact"};
constexpr std::array<const char*, 3> kDifferenceMetrics = {"dp_difference", "eo_difference",
                                                           "eop_difference"};

std::string Format(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.6g", value);
  return text;
}

// A number at `summary[name].value` (fairness.json) or `summary[name]` (a bare number).
std::optional<double> SummaryValue(const json& summary, const char* name) {
  auto found = summary.find(name);
  if (found == summary.end())
    return std::nullopt;
  const json& node = found->is_object() ? found->value("value", json()) : *found;
  if (!node.is_number())
    return std::nullopt;
  return node.get<double>();
}

void CheckMetric(const json& metrics, const std::string& name, double limit, bool minimum,
                 GateDecision& decision) {
  GateOutcome outcome;
  outcome.gate = std::string(minimum ? "min_metrics." : "max_metrics.") + name;
  auto found = metrics.is_object() ? metrics.find(name) : metrics.end();
  if (!metrics.is_object()) {
    outcome.detail = "the version has no metrics";
  } else if (found == metrics.end()) {
    outcome.detail = "the version's metrics have no " + name;
  } else if (!found->is_number()) {
    outcome.detail = name + " is undefined for this version (null in its metrics.json)";
  } else {
    const double value = found->get<double>();
    outcome.passed = minimum ? value >= limit : value <= limit;
    outcome.detail = name + " " + Format(value) + (outcome.passed ? "" : " not") +
                     (minimum ? " >= " : " <= ") + Format(limit);
  }
  decision.outcomes.push_back(std::move(outcome));
}

const json* FindAttribute(const json& fairness, const std::string& name) {
  auto attributes = fairness.find("attributes");
  if (attributes == fairness.end() || !attributes->is_array())
    return nullptr;
  for (const json& attribute : *attributes) {
    if (attribute.is_object() && attribute.value("name", json()) == name)
      return &attribute;
  }
  return nullptr;
}

void CheckLimits(const json& attribute, const std::string& name, const FairnessLimits& limits,
                 GateDecision& decision) {
  const json summary = attribute.value("summary", json::object());
  auto check = [&](const char* metric, double limit, bool minimum) {
    GateOutcome outcome;
    outcome.gate = "fairness." + name + "." + metric;
    std::optional<double> value = SummaryValue(summary, metric);
    if (!value) {
      outcome.detail = std::string(metric) + " was not computed for '" + name + "'";
    } else {
      outcome.passed = minimum ? *value >= limit : *value <= limit;
      outcome.detail = std::string(metric) + " " + Format(*value) + (outcome.passed ? "" : " not") +
                       (minimum ? " >= " : " <= ") + Format(limit);
    }
    decision.outcomes.push_back(std::move(outcome));
  };
  if (limits.min_ratio) {
    for (const char* metric : kRatioMetrics)
      check(metric, *limits.min_ratio, true);
  }
  if (limits.max_difference) {
    for (const char* metric : kDifferenceMetrics)
      check(metric, *limits.max_difference, false);
  }
}

void CheckFairness(const AliasGates& gates, const json& fairness, GateDecision& decision) {
  const bool any_limit = gates.fairness_all.min_ratio || gates.fairness_all.max_difference;
  if (!gates.require_fairness_passed && !any_limit && gates.fairness_attributes.empty())
    return;
  if (!fairness.is_object()) {
    decision.outcomes.push_back(
        {"fairness", false, "the version has no fairness audit (fairness.json in its bundle)"});
    return;
  }
  if (gates.require_fairness_passed) {
    const json passed = fairness.value("passed", json());
    decision.outcomes.push_back(
        {"fairness.require_passed", passed == true,
         passed == true ? "the fairness audit passed" : "the fairness audit did not pass"});
  }
  if (any_limit) {
    const json attributes = fairness.value("attributes", json::array());
    for (const json& attribute : attributes) {
      if (attribute.is_object() && attribute.value("name", json()).is_string())
        CheckLimits(attribute, attribute["name"].get<std::string>(), gates.fairness_all, decision);
    }
  }
  for (const auto& [name, limits] : gates.fairness_attributes) {
    const json* attribute = FindAttribute(fairness, name);
    if (attribute == nullptr) {
      decision.outcomes.push_back(
          {"fairness." + name, false, "the fairness audit has no attribute '" + name + "'"});
      continue;
    }
    CheckLimits(*attribute, name, limits, decision);
  }
}

// A pseudonymised column holds HMAC pseudonyms, which the scanner does not take for personal
// data; so a feature that needed --allow-pii still held the raw values when it was trained on.
GateOutcome CheckPii(const json& pii) {
  GateOutcome outcome{"no_unpseudonymised_pii", false, ""};
  if (!pii.is_object()) {
    outcome.detail =
        "the version's card records no PII scan (bundles from 'steward train' record one)";
    return outcome;
  }
  const json allowed = pii.value("allowed_features_with_pii", json::array());
  std::vector<std::string> columns;
  if (allowed.is_array()) {
    for (const json& column : allowed) {
      if (column.is_string())
        columns.push_back(column.get<std::string>());
    }
  }
  if (!allowed.is_array() || columns.size() != allowed.size()) {
    outcome.detail = "the card's allowed_features_with_pii is not a list of column names";
    return outcome;
  }
  if (columns.empty()) {
    outcome.passed = true;
    outcome.detail = "no feature holds high-confidence personal data";
    return outcome;
  }
  std::string names;
  for (const std::string& column : columns)
    names += (names.empty() ? "" : ", ") + column;
  outcome.detail = "trained with --allow-pii on feature column(s) " + names +
                   " holding high-confidence personal data, not pseudonymised; pseudonymise "
                   "them ('steward pseudonymize') and retrain";
  return outcome;
}

}  // namespace

bool GateDecision::allowed() const {
  for (const GateOutcome& outcome : outcomes) {
    if (!outcome.passed)
      return false;
  }
  return true;
}

std::vector<std::string> GateDecision::FailureReasons() const {
  std::vector<std::string> reasons;
  for (const GateOutcome& outcome : outcomes) {
    if (!outcome.passed)
      reasons.push_back(outcome.gate + ": " + outcome.detail);
  }
  return reasons;
}

GateDecision EvaluateGates(const AliasGates& gates, const Evidence& evidence) {
  GateDecision decision;
  for (const auto& [name, limit] : gates.min_metrics)
    CheckMetric(evidence.metrics, name, limit, true, decision);
  for (const auto& [name, limit] : gates.max_metrics)
    CheckMetric(evidence.metrics, name, limit, false, decision);
  CheckFairness(gates, evidence.fairness, decision);
  if (gates.require_validation_passed) {
    GateOutcome outcome{"require_validation_passed", false, ""};
    if (!evidence.validation.is_object()) {
      outcome.detail =
          "no validation report was registered with the version (register --validation REPORT)";
    } else {
      outcome.passed = evidence.validation.value("passed", json()) == true;
      outcome.detail = outcome.passed ? "the validation report passed"
                                      : "the registered validation report did not pass";
    }
    decision.outcomes.push_back(std::move(outcome));
  }
  if (gates.no_unpseudonymised_pii)
    decision.outcomes.push_back(CheckPii(evidence.pii));
  for (const auto& [role, needed] : gates.approvals) {
    auto found = evidence.approvals.find(role);
    const int64_t have = found == evidence.approvals.end() ? 0 : found->second;
    decision.outcomes.push_back({"approvals." + role, have >= needed,
                                 std::to_string(have) + " of " + std::to_string(needed) +
                                     " approval" + (needed == 1 ? "" : "s") + " by role " + role});
  }
  return decision;
}

}  // namespace steward::policy
