#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace steward::validate {

// The version tag of the JSON report; bumped when a field changes meaning or goes away.
inline constexpr std::string_view kValidationReportFormat = "steward.validation/1";

enum class ExpectationStatus : uint8_t {
  kPassed,
  kFailed,
  kSkipped,  // could not apply: its column is absent or of another kind (reported separately)
};

std::string_view ExpectationStatusName(ExpectationStatus status);  // "pass", "fail", "skip"

// What an expectation saw: a number (a minimum, a missing rate, a count), or text (a kind,
// a list of unexpected values), or nothing (a mean of no values).
struct Observation {
  std::optional<double> number;
  std::string text;
};

// A row that failed an expectation. Row numbers count data records from 1 (the first record
// after the header is row 1), across batches; records dropped as bad rows are not counted.
struct FailingRow {
  uint64_t row = 0;
  // The values involved, by column name; nullopt where the value is missing.
  std::vector<std::pair<std::string, std::optional<std::string>>> values;
  std::optional<uint64_t> same_as_row;  // duplicates: the earlier row with the same value(s)
};

struct ExpectationResult {
  std::string id;        // "table:max_rows", "column:age:min", "row:adults or consent"
  std::string expected;  // for people: ">= 18", "missing rate <= 0.05", the expression
  ExpectationStatus status = ExpectationStatus::kPassed;
  Observation observed;
  std::string note;                  // why it was skipped, or a remark on what was observed
  uint64_t failing_rows = 0;         // rows that broke it (0 for aggregate expectations)
  std::vector<FailingRow> examples;  // the first few failing rows, in row order
};

struct ValidationReport {
  std::string source;  // what was validated and with which suite, as the caller names them
  std::string suite;
  uint64_t rows = 0;      // records validated
  uint64_t bad_rows = 0;  // records the reader left out (--bad-rows skip or quarantine)
  size_t columns = 0;
  std::vector<ExpectationResult> results;  // table, then columns, then rows, in suite order

  size_t Count(ExpectationStatus status) const;
  bool passed() const { return Count(ExpectationStatus::kFailed) == 0; }
};

// The report as a JSON document (docs/formats/suite.md, "Report"):
// {"format": "steward.validation/1", "source", "suite", "rows", "bad_rows", "columns", "passed",
//  "summary": {"expectations", "passed", "failed", "skipped"}, "expectations": [...]}.
nlohmann::json ValidationReportToJson(const ValidationReport& report);

}  // namespace steward::validate
