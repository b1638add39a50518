// libFuzzer target for policy files (policy/policy.cc) and the gates they set
// (policy/gates.cc). Beyond "no crash", it checks:
// - a failure is a one-line, valid UTF-8 message starting "FILE:LINE:COLUMN: ";
// - a parsed policy names only valid aliases and roles, limits in range, metrics in their
//   direction;
// - evaluating every alias's gates against fixed evidence gives one outcome per gate, and the
//   decision is "allowed" exactly when no outcome failed.
#include "steward/policy/policy.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "steward/policy/gates.h"

#include "table_checks.h"

namespace {

using steward::fuzz::Check;
using steward::fuzz::CheckString;

constexpr std::string_view kFile = "fuzz.toml";

const steward::policy::Evidence& FixedEvidence() {
  static const steward::policy::Evidence evidence = [] {
    steward::policy::Evidence built;
    built.metrics = {{"auc", 0.83}, {"accuracy", 0.79}, {"logloss", 0.44}};
    built.fairness = nlohmann::json::parse(R"({"format":"steward.fairness/1","passed":false,
      "attributes":[{"name":"sex","passed":false,"summary":{
        "dp_ratio":{"value":0.91,"low":0.8,"high":0.97},"dp_difference":{"value":0.04},
        "eo_ratio":{"value":null},"eo_difference":{"value":0.12},
        "eop_difference":{"value":0.02},"min_disparate_impact":{"value":0.77}}}]})");
    built.validation = {{"passed", true}};
    built.approvals = {{"risk", 1}};
    return built;
  }();
  return evidence;
}

void CheckLimit(const std::optional<double>& limit) {
  if (limit)
    Check(*limit >= 0 && *limit <= 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = steward::policy::ParsePolicy(text, kFile);
  if (!parsed.ok()) {
    const std::string& message = parsed.status().message();
    CheckString(message);
    Check(message.find('\n') == std::string::npos);
    Check(message.rfind(std::string(kFile) + ":", 0) == 0);
    return 0;
  }
  for (const auto& [alias, gates] : parsed->aliases) {
    CheckString(alias);
    Check(!alias.empty() && alias.find("..") == std::string::npos &&
          alias.find('/') == std::string::npos);
    size_t expected = gates.min_metrics.size() + gates.max_metrics.size() + gates.approvals.size() +
                      (gates.require_validation_passed ? 1 : 0);
    for (const auto& [metric, limit] : gates.min_metrics)
      Check(steward::policy::IsHigherBetterMetric(metric) && std::isfinite(limit));
    for (const auto& [metric, limit] : gates.max_metrics)
      Check(steward::policy::IsLowerBetterMetric(metric) && std::isfinite(limit));
    for (const auto& [role, count] : gates.approvals)
      Check(!role.empty() && role.find('/') == std::string::npos && count >= 1 && count <= 100);
    CheckLimit(gates.fairness_all.min_ratio);
    CheckLimit(gates.fairness_all.max_difference);
    for (const auto& [name, limits] : gates.fairness_attributes) {
      CheckLimit(limits.min_ratio);
      CheckLimit(limits.max_difference);
    }
    const auto decision = steward::policy::EvaluateGates(gates, FixedEvidence());
    Check(decision.outcomes.size() >= expected);
    bool any_failed = false;
    for (const auto& outcome : decision.outcomes) {
      Check(!outcome.gate.empty() && !outcome.detail.empty());
      CheckString(outcome.detail);
      any_failed = any_failed || !outcome.passed;
    }
    Check(decision.allowed() == !any_failed);
    Check(decision.FailureReasons().size() <= decision.outcomes.size());
  }
  return 0;
}
