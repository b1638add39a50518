#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/privacy/column_tally.h"
#include "steward/privacy/pii_kind.h"

namespace steward::privacy {

enum class Confidence : uint8_t { kMedium, kHigh };
std::string_view ConfidenceName(Confidence confidence);

// One kind of personal data found in one column.
struct PiiFinding {
  PiiKind kind = PiiKind::kEmail;
  bool embedded = false;  // inside free text rather than the whole value
  uint64_t matches = 0;   // values that are (or, embedded, contain) a valid instance
  double share = 0;       // matches / non-missing values
  Confidence confidence = Confidence::kMedium;
  bool name_evidence = false;  // the column's name announces this kind
  // Valid instances among the values of the detector's shape, for kinds with a check
  // (cards, IBANs, SSNs): IDs that merely look like card numbers pass Luhn one time in ten.
  std::optional<double> check_agreement;
  std::vector<std::string> examples;  // masked (masking.h)
};

struct ColumnPii {
  std::string column;
  uint64_t values = 0;  // non-missing
  std::vector<PiiFinding> findings;
};

struct PiiScanReport {
  std::string source;
  uint64_t rows = 0;
  std::vector<ColumnPii> columns;  // every scanned column, with or without findings

  // Columns with a high-confidence finding, in scan order.
  std::vector<std::string> HighConfidenceColumns() const;
};

// Thresholds of JudgeColumn; named so the help text and the tests quote the same values.
struct PiiThresholds {
  // Whole-value findings: high from this share of values, medium from `report_share`.
  double high_share = 0.8;
  double report_share = 0.5;
  // With the column's name announcing the kind, `report_share` is enough for high.
  // Free text: values with this many spaces on average; embedded PII in at least
  // `embedded_high_share` of its values is high confidence, any less is medium.
  double free_text_spaces = 2.0;
  double embedded_high_share = 0.01;
};

// Turns a column's tally into findings (see PiiThresholds for the rules). Kinds that need
// column-name evidence (NeedsColumnNameEvidence) are never reported without it.
ColumnPii JudgeColumn(const ColumnTally& tally, const PiiThresholds& thresholds = {});

nlohmann::json PiiScanReportToJson(const PiiScanReport& report);

}  // namespace steward::privacy
