#include "steward/privacy/pii_report.h"

namespace steward::privacy {

std::string_view ConfidenceName(Confidence confidence) {
  return confidence == Confidence::kHigh ? "high" : "medium";
}

std::vector<std::string> PiiScanReport::HighConfidenceColumns() const {
  std::vector<std::string> names;
  for (const ColumnPii& column : columns) {
    for (const PiiFinding& finding : column.findings) {
      if (finding.confidence == Confidence::kHigh) {
        names.push_back(column.column);
        break;
      }
    }
  }
  return names;
}

ColumnPii JudgeColumn(const ColumnTally& tally, const PiiThresholds& thresholds) {
  ColumnPii column{tally.name, tally.values, {}};
  if (tally.values == 0)
    return column;
  const auto values = static_cast<double>(tally.values);
  const bool free_text = static_cast<double>(tally.spaces) / values >= thresholds.free_text_spaces;
  for (PiiKind kind : kAllPiiKinds) {
    const DetectorTally& detector = tally.of(kind);
    const bool evidence = tally.name_evidence.test(static_cast<size_t>(kind));
    if (NeedsColumnNameEvidence(kind) && !evidence)
      continue;
    PiiFinding finding;
    finding.kind = kind;
    finding.name_evidence = evidence;
    const double whole_share = static_cast<double>(detector.whole) / values;
    if (whole_share >= thresholds.report_share) {
      finding.matches = detector.whole;
      finding.share = whole_share;
      finding.confidence = whole_share >= thresholds.high_share || evidence ? Confidence::kHigh
                                                                            : Confidence::kMedium;
      finding.examples = detector.whole_examples;
    } else if (detector.embedded > 0 && !NeedsColumnNameEvidence(kind)) {
      // Values holding an instance inside longer text. Whole values below `report_share` are
      // not counted: in a column of IDs, a few pass a checksum by chance.
      finding.embedded = true;
      finding.matches = detector.embedded;
      finding.share = static_cast<double>(finding.matches) / values;
      finding.confidence = free_text && finding.share >= thresholds.embedded_high_share
                               ? Confidence::kHigh
                               : Confidence::kMedium;
      finding.examples = detector.embedded_examples;
    } else {
      continue;
    }
    if (!PiiKindCheck(kind).empty() && !NeedsColumnNameEvidence(kind)) {
      const uint64_t shaped = detector.whole + detector.shape_only;
      if (shaped > 0)
        finding.check_agreement = static_cast<double>(detector.whole) / static_cast<double>(shaped);
    }
    column.findings.push_back(std::move(finding));
  }
  return column;
}

nlohmann::json PiiScanReportToJson(const PiiScanReport& report) {
  nlohmann::json columns = nlohmann::json::array();
  for (const ColumnPii& column : report.columns) {
    nlohmann::json findings = nlohmann::json::array();
    for (const PiiFinding& finding : column.findings) {
      nlohmann::json entry = {
          {"detector", PiiKindName(finding.kind)},
          {"where", finding.embedded ? "embedded" : "whole_value"},
          {"matches", finding.matches},
          {"share", finding.share},
          {"confidence", ConfidenceName(finding.confidence)},
          {"name_evidence", finding.name_evidence},
          {"check", PiiKindCheck(finding.kind)},
          {"examples_masked", finding.examples},
      };
      entry["check_agreement"] =
          finding.check_agreement ? nlohmann::json(*finding.check_agreement) : nlohmann::json();
      findings.push_back(std::move(entry));
    }
    columns.push_back(
        {{"column", column.column}, {"values", column.values}, {"findings", findings}});
  }
  return {{"source", report.source},
          {"rows", report.rows},
          {"high_confidence_columns", report.HighConfidenceColumns()},
          {"columns", columns}};
}

}  // namespace steward::privacy
