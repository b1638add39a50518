#include "steward/validate/internal/string_checks.h"

#include <gtest/gtest.h>

#include "steward/validate/internal/test_validation.h"

namespace steward::validate::internal {
namespace {

using testing::Examples;
using testing::Get;
using testing::StatusOf;
using testing::TableBuilder;
using testing::ValidateTable;

Table Codes() {
  return TableBuilder()
      .Categorical("code", {"AB12", "ab12", std::nullopt, "CD3", "AB12x", "ab12"})
      .Text("name", {"Åsa", "Bo", "", std::nullopt, "Zoë-Marie", "Li"})
      .Build();
}

TEST(RegexCheck, MatchesWholeValuesOfCategoricalAndTextColumns) {
  const ValidationReport report = ValidateTable(Codes(), R"(
[[column]]
name = "code"
regex = '[A-Z]{2}\d+'
[[column]]
name = "name"
regex = '\p{Lu}\pL*(-\p{Lu}\pL*)?'
)");
  const ExpectationResult code = Get(report, "column:code:regex");
  EXPECT_EQ(code.status, ExpectationStatus::kFailed);
  EXPECT_EQ(code.expected, "matches \"[A-Z]{2}\\\\d+\"");
  EXPECT_EQ(code.observed.number, 3);
  EXPECT_EQ(Examples(code), "2:code=ab12 5:code=AB12x 6:code=ab12");
  const ExpectationResult name = Get(report, "column:name:regex");
  EXPECT_EQ(name.failing_rows, 1u);
  EXPECT_EQ(Examples(name), "3:name=");
}

TEST(RegexCheck, CategoriesFirstSeenInLaterBatchesAreChecked) {
  const ValidationReport report =
      ValidateTable(Codes(), "[[column]]\nname = \"code\"\nregex = '[A-Z]{2}\\d+'\n", 1);
  EXPECT_EQ(Examples(Get(report, "column:code:regex")), "2:code=ab12 5:code=AB12x 6:code=ab12");
}

TEST(LengthCheck, CountsCodePointsNotBytes) {
  const ValidationReport report = ValidateTable(Codes(), R"(
[[column]]
name = "name"
min_length = 2
max_length = 3
[[column]]
name = "code"
max_length = 4
)");
  const ExpectationResult min = Get(report, "column:name:min_length");
  EXPECT_EQ(min.status, ExpectationStatus::kFailed);
  EXPECT_EQ(min.expected, "length >= 2");
  EXPECT_EQ(min.observed.number, 0);
  EXPECT_EQ(Examples(min), "3:name=");
  const ExpectationResult max = Get(report, "column:name:max_length");
  EXPECT_EQ(max.observed.number, 9);
  EXPECT_EQ(Examples(max), "5:name=Zoë-Marie");
  EXPECT_EQ(StatusOf(report, "column:code:max_length"), "fail");
  EXPECT_EQ(Get(report, "column:code:max_length").observed.number, 5);
  const ValidationReport fits =
      ValidateTable(Codes(), "[[column]]\nname = \"name\"\nmax_length = 9\n");
  EXPECT_EQ(StatusOf(fits, "column:name:max_length"), "pass");
}

}  // namespace
}  // namespace steward::validate::internal
