// libFuzzer target for suite files (validate/suite_parser, suite_writer, validator). Beyond
// "no crash", it checks:
// - a failure is a one-line, valid UTF-8 message starting "FILE:LINE:COLUMN: " (or "FILE: ");
// - a parsed suite written back with SuiteToToml parses to the same suite, and writing that
//   again gives the same text;
// - validating a small table with the suite either fails with such a message or gives the
//   same report in one batch as in one-row batches.
#include <cstdint>
#include <string>
#include <string_view>

#include "steward/validate/internal/test_tables.h"
#include "steward/validate/suite_parser.h"
#include "steward/validate/suite_writer.h"
#include "steward/validate/validator.h"

#include "table_checks.h"

namespace {

using steward::Table;
using steward::fuzz::Check;
using steward::fuzz::CheckString;
using steward::validate::Suite;
using steward::validate::testing::kNaN;

constexpr std::string_view kFile = "fuzz.toml";

// Six rows over every kind, with missing values and a duplicate row.
const Table& Fixture() {
  static const Table table =
      steward::validate::testing::TableBuilder()
          .Numeric("a", {1, -2.5, kNaN, 40, 1, 1e9})
          .Categorical("b", {"x", "y", std::nullopt, "x", "x", "zz"})
          .Text("c", {"AB12", "", "é", std::nullopt, "AB12", "x y"})
          .Timestamp("d", {"2020-01-01", std::nullopt, "1999-12-31", "2020-01-01T00:00:00.5Z",
                           "2020-01-01", "2038-01-19"})
          .Boolean("e", {1, 0, -1, 1, 1, 0})
          .Build();
  return table;
}

void CheckMessage(const steward::Status& status) {
  const std::string& message = status.message();
  CheckString(message);
  Check(message.find('\n') == std::string::npos);
  Check(!message.empty());
}

Suite WithoutLocations(Suite suite) {
  for (auto& column : suite.columns)
    column.location = {};
  for (auto& row : suite.rows)
    row.location = {};
  return suite;
}

std::string ReportOf(const Suite& suite, size_t rows_per_batch) {
  auto reader = steward::validate::testing::VectorBatchReader::Of(Fixture(), rows_per_batch);
  steward::validate::ValidateOptions options;
  options.examples = 3;
  auto report = steward::validate::Validate(*reader, suite, options);
  if (!report.ok()) {
    CheckMessage(report.status());
    return "error: " + report.status().message();
  }
  Check(report->rows == Fixture().num_rows());
  for (const auto& result : report->results) {
    Check(result.examples.size() <= 3);
    Check(result.examples.size() <= result.failing_rows);
    for (const auto& example : result.examples)
      Check(example.row >= 1 && example.row <= Fixture().num_rows());
  }
  return steward::validate::ValidationReportToJson(*report).dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = steward::validate::ParseSuite(text, kFile);
  if (!parsed.ok()) {
    CheckMessage(parsed.status());
    Check(parsed.status().message().rfind(std::string(kFile) + ":", 0) == 0);
    return 0;
  }
  const std::string written = steward::validate::SuiteToToml(*parsed);
  auto reparsed = steward::validate::ParseSuite(written, kFile);
  Check(reparsed.ok());
  Check(WithoutLocations(*reparsed) == WithoutLocations(*parsed));
  Check(steward::validate::SuiteToToml(*reparsed) == written);

  const std::string whole = ReportOf(*parsed, 1000);
  Check(ReportOf(*parsed, 1) == whole);
  return 0;
}
