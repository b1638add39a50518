#include "steward/validate/internal/row_check.h"

#include <gtest/gtest.h>

#include "steward/validate/internal/test_validation.h"

namespace steward::validate::internal {
namespace {

using testing::Examples;
using testing::Get;
using testing::kNaN;
using testing::TableBuilder;
using testing::ValidateTable;

Table Applicants() {
  return TableBuilder()
      .Numeric("age", {34, 15, kNaN, 16, 70, 12, kNaN})
      .Categorical("consent", {"no", "yes", "no", "no", std::nullopt, std::nullopt, "yes"})
      .Build();
}

constexpr std::string_view kAdults = R"(
[[row]]
name = "adults or consent"
expect = 'age >= 18 or consent == "yes"'
)";

TEST(RowCheck, FailsRowsWherePredicateIsFalseOnly) {
  const ValidationReport report = ValidateTable(Applicants(), kAdults);
  const ExpectationResult result = Get(report, "row:adults or consent");
  EXPECT_EQ(result.status, ExpectationStatus::kFailed);
  EXPECT_EQ(result.expected, "age >= 18 or consent == \"yes\"");
  EXPECT_EQ(result.observed.number, 1);
  EXPECT_EQ(result.failing_rows, 1u);
  // Row 3 (age missing, consent "no") and row 6 (age 12, consent missing) are unknown: they
  // pass, like rows of an SQL CHECK constraint.
  EXPECT_EQ(Examples(result), "4:age=16,consent=no");
  EXPECT_EQ(result.note,
            "2 rows unknown because of missing values (they pass; add 'is not null' to require "
            "values)");
}

TEST(RowCheck, IsNotNullMakesMissingValuesFail) {
  const ValidationReport report = ValidateTable(Applicants(), R"(
[[row]]
name = "known adults"
expect = 'age is not null and age >= 18'
)");
  EXPECT_EQ(Examples(Get(report, "row:known adults")),
            "2:age=15 3:age=null 4:age=16 6:age=12 7:age=null");
  EXPECT_EQ(Get(report, "row:known adults").note, "");
}

TEST(RowCheck, NumbersRowsAcrossBatchesAndKeepsTheFirstExamples) {
  for (size_t rows_per_batch : {1, 2, 3, 7}) {
    const ValidationReport report = ValidateTable(Applicants(), R"(
[[row]]
name = "young"
expect = 'age < 30'
)",
                                                  rows_per_batch, 2);
    const ExpectationResult result = Get(report, "row:young");
    EXPECT_EQ(result.failing_rows, 2u) << rows_per_batch;
    EXPECT_EQ(Examples(result), "1:age=34 5:age=70") << rows_per_batch;
    const ValidationReport fewer = ValidateTable(
        Applicants(), "[[row]]\nname = \"n\"\nexpect = 'age > 100'\n", rows_per_batch, 2);
    EXPECT_EQ(Examples(Get(fewer, "row:n")), "1:age=34 2:age=15") << rows_per_batch;
    EXPECT_EQ(Get(fewer, "row:n").failing_rows, 5u);
  }
}

}  // namespace
}  // namespace steward::validate::internal
