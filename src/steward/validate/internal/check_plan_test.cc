#include "steward/validate/internal/check_plan.h"

#include <gtest/gtest.h>

#include "steward/validate/internal/test_validation.h"

namespace steward::validate::internal {
namespace {

using testing::Get;
using testing::StatusOf;
using testing::TableBuilder;
using testing::ValidateError;
using testing::ValidateTable;

Table Loans() {
  return TableBuilder()
      .Numeric("amount", {800, 1000, 1200})
      .Categorical("status", {"good", "bad", "good"})
      .Text("note", {"x", "y", "z"})
      .Build();
}

std::vector<std::string> Ids(const ValidationReport& report) {
  std::vector<std::string> ids;
  for (const ExpectationResult& result : report.results)
    ids.push_back(result.id + "=" + std::string(ExpectationStatusName(result.status)));
  return ids;
}

TEST(CheckPlan, ReportsInSuiteOrder) {
  const ValidationReport report = ValidateTable(Loans(), R"(
[table]
min_rows = 1
max_duplicate_rows = 0
absent_columns = ["ssn"]
allow_extra_columns = true
[[column]]
name = "status"
kind = "categorical"
allowed = ["good", "bad"]
not_null = true
[[column]]
name = "amount"
max = 5000
min = 100
[[row]]
name = "positive"
expect = 'amount > 0'
)");
  EXPECT_EQ(
      Ids(report),
      (std::vector<std::string>{
          "table:min_rows=pass", "table:max_duplicate_rows=pass", "table:absent_columns=pass",
          "column:status:required=pass", "column:status:kind=pass", "column:status:not_null=pass",
          "column:status:allowed=pass", "column:amount:required=pass", "column:amount:min=pass",
          "column:amount:max=pass", "row:positive=pass"}));
  EXPECT_EQ(report.rows, 3u);
  EXPECT_EQ(report.columns, 3u);
  EXPECT_TRUE(report.passed());
}

TEST(CheckPlan, AnAbsentColumnFailsRequiredAndSkipsTheRest) {
  const ValidationReport report = ValidateTable(Loans(), R"(
[[column]]
name = "income"
kind = "numeric"
min = 0
not_null = true
[[column]]
name = "extra"
required = false
unique = true
)");
  EXPECT_EQ(Ids(report),
            (std::vector<std::string>{"column:income:required=fail", "column:income:kind=skip",
                                      "column:income:not_null=skip", "column:income:min=skip",
                                      "column:extra:unique=skip"}));
  EXPECT_EQ(Get(report, "column:income:required").observed.text, "absent");
  EXPECT_EQ(Get(report, "column:income:min").note, "column \"income\" is absent");
  EXPECT_EQ(Get(report, "column:income:min").expected, ">= 0");
  EXPECT_EQ(Get(report, "column:extra:unique").note, "column \"extra\" is absent (not required)");
  EXPECT_FALSE(report.passed());
}

TEST(CheckPlan, AKindMismatchFailsKindAndSkipsWhatCannotApply) {
  const ValidationReport report = ValidateTable(Loans(), R"(
[[column]]
name = "status"
kind = "numeric"
min = 0
not_null = true
mean = { min = 1 }
)");
  const ExpectationResult kind = Get(report, "column:status:kind");
  EXPECT_EQ(kind.status, ExpectationStatus::kFailed);
  EXPECT_EQ(kind.expected, "numeric");
  EXPECT_EQ(kind.observed.text, "categorical");
  EXPECT_EQ(StatusOf(report, "column:status:not_null"), "pass");
  EXPECT_EQ(StatusOf(report, "column:status:min"), "skip");
  EXPECT_EQ(Get(report, "column:status:min").note, "column \"status\" is categorical, not numeric");
  EXPECT_EQ(StatusOf(report, "column:status:mean"), "skip");
}

TEST(CheckPlan, WithoutADeclaredKindAnExpectationForAnotherKindFails) {
  const ValidationReport report = ValidateTable(Loans(), R"(
[[column]]
name = "status"
min = 0
[[column]]
name = "amount"
regex = 'a'
quantiles = [ { q = 0.5, min = 1 } ]
)");
  const ExpectationResult min = Get(report, "column:status:min");
  EXPECT_EQ(min.status, ExpectationStatus::kFailed);
  EXPECT_EQ(min.note, "applies to numeric columns; \"status\" is categorical");
  EXPECT_EQ(Get(report, "column:amount:regex").note,
            "applies to categorical or text columns; \"amount\" is numeric");
  EXPECT_EQ(StatusOf(report, "column:amount:quantile:0.5"), "pass");
}

TEST(CheckPlan, ChecksTheColumnSet) {
  const ValidationReport report = ValidateTable(Loans(), R"(
[table]
absent_columns = ["ssn", "note"]
allow_extra_columns = false
[[column]]
name = "amount"
required = false
)");
  const ExpectationResult absent = Get(report, "table:absent_columns");
  EXPECT_EQ(absent.status, ExpectationStatus::kFailed);
  EXPECT_EQ(absent.expected, "absent: \"ssn\", \"note\"");
  EXPECT_EQ(absent.observed.number, 1);
  EXPECT_EQ(absent.note, "present: \"note\"");
  const ExpectationResult extra = Get(report, "table:allow_extra_columns");
  EXPECT_EQ(extra.status, ExpectationStatus::kFailed);
  EXPECT_EQ(extra.observed.number, 2);
  EXPECT_EQ(extra.note, "extra: \"status\", \"note\"");
}

TEST(CheckPlan, AnUnknownColumnInAnExpressionIsAnErrorAtItsPlace) {
  EXPECT_EQ(ValidateError(Loans(), "[[row]]\nname = \"r\"\nexpect = 'amount > 0 and amont < 9'\n"),
            "t.toml:4:26: row \"r\", offset 15: unknown column \"amont\" (columns: amount, "
            "status, note)");
}

TEST(CheckPlan, AnExpressionOverAnAbsentDeclaredColumnIsSkipped) {
  const ValidationReport report = ValidateTable(Loans(), R"(
[[column]]
name = "income"
[[row]]
name = "r"
expect = 'income > amount'
)");
  EXPECT_EQ(StatusOf(report, "column:income:required"), "fail");
  EXPECT_EQ(StatusOf(report, "row:r"), "skip");
  EXPECT_EQ(Get(report, "row:r").note, "column \"income\" is absent");
}

TEST(CheckPlan, ATypeErrorIsSkippedOnlyWhenTheDataHasAnotherKindThanDeclared) {
  const ValidationReport report = ValidateTable(Loans(), R"(
[[column]]
name = "status"
kind = "numeric"
[[row]]
name = "r"
expect = 'status > 1'
)");
  EXPECT_EQ(StatusOf(report, "column:status:kind"), "fail");
  EXPECT_EQ(StatusOf(report, "row:r"), "skip");
  EXPECT_EQ(Get(report, "row:r").note, "column \"status\" is categorical, not numeric");
  EXPECT_EQ(ValidateError(Loans(), "[[row]]\nname = \"r\"\nexpect = \"status > 1\"\n"),
            "t.toml:4:18: row \"r\", offset 7: cannot compare categorical column `status` with a "
            "number (numbers compare with numeric and boolean columns, strings with categorical, "
            "text and timestamp columns)");
}

TEST(CheckPlan, RejectsSuitesBuiltInCodeThatCannotRun) {
  Suite suite;
  ColumnExpectations note;
  note.name = "note";
  note.regex = "(";
  suite.columns.push_back(note);
  auto reader = testing::VectorBatchReader::Of(Loans());
  Result<ValidationReport> report = Validate(*reader, suite);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().message(), "column \"note\": invalid regex: missing ): (");

  Suite rows;
  rows.rows.push_back({"r", "amount >", {}});
  reader = testing::VectorBatchReader::Of(Loans());
  report = Validate(*reader, rows);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().message(),
            "row \"r\", offset 8: expected a value (a column, a literal or '('), found the end");
}

}  // namespace
}  // namespace steward::validate::internal
