#include "steward/policy/gates.h"

#include <gtest/gtest.h>

namespace steward::policy {
namespace {

using nlohmann::json;

json Fairness(const json& dp_ratio, double dp_difference, bool passed) {
  return {{"format", "steward.fairness/1"},
          {"passed", passed},
          {"attributes",
           json::array({{{"name", "sex"},
                         {"passed", passed},
                         {"summary",
                          {{"dp_ratio", {{"value", dp_ratio}, {"low", 0.7}, {"high", 0.95}}},
                           {"dp_difference", {{"value", dp_difference}}},
                           {"eo_ratio", {{"value", 0.95}}},
                           {"eo_difference", {{"value", 0.02}}},
                           {"eop_difference", {{"value", nullptr}}},
                           {"min_disparate_impact", {{"value", 0.9}}}}}}})}};
}

TEST(EvaluateGates, PassesWhenEveryGateHolds) {
  AliasGates gates;
  gates.min_metrics["auc"] = 0.8;
  gates.max_metrics["logloss"] = 0.5;
  gates.approvals["risk"] = 1;
  Evidence evidence;
  evidence.metrics = {{"auc", 0.85}, {"logloss", 0.4}};
  evidence.approvals["risk"] = 2;
  GateDecision decision = EvaluateGates(gates, evidence);
  EXPECT_TRUE(decision.allowed());
  EXPECT_EQ(decision.outcomes.size(), 3u);
  EXPECT_EQ(decision.outcomes[0].detail, "auc 0.85 >= 0.8");
}

TEST(EvaluateGates, ListsEveryFailureIncludingMissingEvidence) {
  AliasGates gates;
  gates.min_metrics["auc"] = 0.8;
  gates.min_metrics["r2"] = 0.5;
  gates.max_metrics["logloss"] = 0.3;
  gates.require_validation_passed = true;
  gates.require_fairness_passed = true;
  gates.approvals["ml_lead"] = 2;
  Evidence evidence;
  evidence.metrics = {{"auc", 0.75}, {"logloss", 0.4}};
  evidence.approvals["ml_lead"] = 1;
  GateDecision decision = EvaluateGates(gates, evidence);
  EXPECT_FALSE(decision.allowed());
  EXPECT_EQ(decision.FailureReasons(),
            (std::vector<std::string>{
                "min_metrics.auc: auc 0.75 not >= 0.8",
                "min_metrics.r2: the version's metrics have no r2",
                "max_metrics.logloss: logloss 0.4 not <= 0.3",
                "fairness: the version has no fairness audit (fairness.json in its bundle)",
                "require_validation_passed: no validation report was registered with the "
                "version (register --validation REPORT)",
                "approvals.ml_lead: 1 of 2 approvals by role ml_lead"}));
}

TEST(EvaluateGates, AnUndefinedMetricFailsItsGate) {
  AliasGates gates;
  gates.min_metrics["auc"] = 0.5;
  Evidence evidence;
  evidence.metrics = {{"auc", nullptr}};
  EXPECT_EQ(EvaluateGates(gates, evidence).FailureReasons(),
            std::vector<std::string>{
                "min_metrics.auc: auc is undefined for this version (null in its metrics.json)"});
}

TEST(EvaluateGates, FairnessLimitsApplyToEveryAttributeAndNullsFail) {
  AliasGates gates;
  gates.require_fairness_passed = true;
  gates.fairness_all.min_ratio = 0.8;
  gates.fairness_all.max_difference = 0.1;
  Evidence evidence;
  evidence.fairness = Fairness(0.75, 0.05, true);
  GateDecision decision = EvaluateGates(gates, evidence);
  EXPECT_EQ(decision.FailureReasons(),
            (std::vector<std::string>{"fairness.sex.dp_ratio: dp_ratio 0.75 not >= 0.8",
                                      "fairness.sex.eop_difference: eop_difference was not "
                                      "computed for 'sex'"}));
  evidence.fairness = Fairness(nullptr, 0.2, false);
  decision = EvaluateGates(gates, evidence);
  EXPECT_EQ(decision.FailureReasons().size(), 4u);
  EXPECT_EQ(decision.FailureReasons()[0],
            "fairness.require_passed: the fairness audit did not pass");
}

TEST(EvaluateGates, NamedAttributeMustBeInTheAudit) {
  AliasGates gates;
  gates.fairness_attributes["race"].min_ratio = 0.8;
  gates.fairness_attributes["sex"].max_difference = 0.01;
  Evidence evidence;
  evidence.fairness = Fairness(0.9, 0.05, true);
  EXPECT_EQ(EvaluateGates(gates, evidence).FailureReasons(),
            (std::vector<std::string>{
                "fairness.race: the fairness audit has no attribute 'race'",
                "fairness.sex.dp_difference: dp_difference 0.05 not <= 0.01",
                "fairness.sex.eo_difference: eo_difference 0.02 not <= 0.01",
                "fairness.sex.eop_difference: eop_difference was not computed for 'sex'"}));
}

TEST(EvaluateGates, ValidationReportDecides) {
  AliasGates gates;
  gates.require_validation_passed = true;
  Evidence evidence;
  evidence.validation = {{"passed", false}};
  EXPECT_EQ(EvaluateGates(gates, evidence).FailureReasons(),
            std::vector<std::string>{
                "require_validation_passed: the registered validation report did not pass"});
  evidence.validation = {{"passed", true}};
  EXPECT_TRUE(EvaluateGates(gates, evidence).allowed());
  EXPECT_TRUE(EvaluateGates(AliasGates{}, Evidence{}).allowed());
}

TEST(EvaluateGates, UnpseudonymisedPiiRefusedNamingTheColumns) {
  AliasGates gates;
  gates.no_unpseudonymised_pii = true;
  Evidence evidence;
  evidence.pii = {{"high_confidence_columns", {"card_number", "email", "notes"}},
                  {"allowed_features_with_pii", {"card_number", "email"}}};
  GateDecision decision = EvaluateGates(gates, evidence);
  ASSERT_EQ(decision.outcomes.size(), 1u);
  EXPECT_FALSE(decision.allowed());
  EXPECT_EQ(decision.outcomes[0].gate, "no_unpseudonymised_pii");
  EXPECT_NE(decision.outcomes[0].detail.find("card_number, email"), std::string::npos);
}

TEST(EvaluateGates, PiiGatePassesWithNothingAllowedAndFailsWithoutAScan) {
  AliasGates gates;
  gates.no_unpseudonymised_pii = true;
  Evidence evidence;
  evidence.pii = {{"high_confidence_columns", {"notes"}},
                  {"allowed_features_with_pii", json::array()}};
  EXPECT_TRUE(EvaluateGates(gates, evidence).allowed());
  evidence.pii = nullptr;
  GateDecision decision = EvaluateGates(gates, evidence);
  EXPECT_FALSE(decision.allowed());
  EXPECT_NE(decision.outcomes[0].detail.find("no PII scan"), std::string::npos);
  evidence.pii = {{"allowed_features_with_pii", {1}}};
  EXPECT_FALSE(EvaluateGates(gates, evidence).allowed());
  gates.no_unpseudonymised_pii = false;
  EXPECT_TRUE(EvaluateGates(gates, evidence).outcomes.empty());
}

}  // namespace
}  // namespace steward::policy
