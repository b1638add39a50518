#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/cli/audit_input.h"
#include "steward/core/result.h"
#include "steward/fairness/audit.h"
#include "steward/fairness/thresholds.h"
#include "steward/model/model_schema.h"

namespace steward::cli {

struct ThresholdMitigation {
  std::string bundle;      // the audited bundle
  std::string out_bundle;  // the mitigated bundle to write
  std::vector<std::string> sensitive;
  bool intersectional = false;
  fairness::Constraint constraint = fairness::Constraint::kDemographicParity;
  double tolerance = 0.02;
  double choose_fraction = 0.5;  // share of rows the thresholds are chosen on
  fairness::AuditOptions audit;
};

// Per-group thresholds chosen on a seeded share of the audited rows, then both models (the
// bundle's single threshold, and the per-group thresholds) audited on the other rows. Writes
// the mitigated bundle: the same model with schema.json's group_thresholds and fairness.json
// holding the re-audit. Binary models only.
struct MitigationResult {
  fairness::FairnessReport before;
  fairness::FairnessReport after;
  nlohmann::json document;  // the re-audit with a "mitigation" object: thresholds, before/after
};
Result<MitigationResult> MitigateWithThresholds(const ThresholdMitigation& request,
                                                const model::ModelSchema& schema,
                                                const Table& table, const ModelAuditData& audited,
                                                const std::string& source);

// The before/after comparison for people: accuracy and each disparity, with the thresholds.
void PrintMitigation(const MitigationResult& result, std::ostream& out);

// Two audits of the same rows, before and after a mitigation: accuracy (and its cost) and per
// attribute dp_difference, eo_difference, eop_difference, min_disparate_impact and the band.
nlohmann::json CompareAudits(const fairness::FairnessReport& before,
                             const fairness::FairnessReport& after, double accuracy_before,
                             double accuracy_after);
void PrintComparison(const nlohmann::json& comparison, std::ostream& out);
double Accuracy(const fairness::AuditData& data);

}  // namespace steward::cli
