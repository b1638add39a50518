#include "steward/validate/internal/column_checks.h"

#include <gtest/gtest.h>

#include "steward/validate/internal/test_validation.h"

namespace steward::validate::internal {
namespace {

using testing::Examples;
using testing::Get;
using testing::kNaN;
using testing::StatusOf;
using testing::TableBuilder;
using testing::ValidateTable;

Table People() {
  return TableBuilder()
      .Numeric("age", {34, kNaN, 17, 52, kNaN, 130})
      .Categorical("city", {"Oslo", "Lima", std::nullopt, "Oslo", "Pune", "Lima"})
      .Text("email", {"a@x.io", "b@x.io", "a@x.io", std::nullopt, "c@x.io", "d@x.io"})
      .Timestamp("joined", {"2020-01-01", "2019-05-05", std::nullopt, "2024-02-29T10:00:00Z",
                            "2018-12-31", "2020-01-01"})
      .Boolean("active", {1, 0, 1, -1, 1, 1})
      .Build();
}

TEST(MissingCheck, NotNullCountsAndShowsMissingRows) {
  const ValidationReport report =
      ValidateTable(People(), "[[column]]\nname = \"age\"\nnot_null = true\n");
  const ExpectationResult result = Get(report, "column:age:not_null");
  EXPECT_EQ(result.status, ExpectationStatus::kFailed);
  EXPECT_EQ(result.expected, "no missing values");
  EXPECT_EQ(result.observed.number, 2);
  EXPECT_EQ(result.failing_rows, 2u);
  EXPECT_EQ(Examples(result), "2:age=null 5:age=null");
  EXPECT_EQ(StatusOf(ValidateTable(People(), "[[column]]\nname = \"email\"\nnot_null = false\n"),
                     "column:email:required"),
            "pass");
}

TEST(MissingCheck, RateCountsRowsOnlyWhenExceeded) {
  const ValidationReport over =
      ValidateTable(People(), "[[column]]\nname = \"age\"\nmax_missing_rate = 0.3\n");
  const ExpectationResult failed = Get(over, "column:age:max_missing_rate");
  EXPECT_EQ(failed.status, ExpectationStatus::kFailed);
  EXPECT_EQ(failed.observed.number, 2.0 / 6);
  EXPECT_EQ(failed.note, "2 of 6 values missing");
  EXPECT_EQ(failed.failing_rows, 2u);
  EXPECT_EQ(Examples(failed), "2:age=null 5:age=null");

  const ValidationReport within =
      ValidateTable(People(), "[[column]]\nname = \"email\"\nmax_missing_rate = 0.2\n");
  const ExpectationResult passed = Get(within, "column:email:max_missing_rate");
  EXPECT_EQ(passed.status, ExpectationStatus::kPassed);
  EXPECT_EQ(passed.observed.number, 1.0 / 6);
  EXPECT_EQ(passed.failing_rows, 0u);
  EXPECT_TRUE(passed.examples.empty());
}

TEST(UniqueCheck, FindsRepeatsOfEveryKindIgnoringMissing) {
  const ValidationReport report = ValidateTable(People(), R"(
[[column]]
name = "age"
unique = true
[[column]]
name = "city"
unique = true
[[column]]
name = "email"
unique = true
[[column]]
name = "joined"
unique = true
[[column]]
name = "active"
unique = true
)");
  EXPECT_EQ(StatusOf(report, "column:age:unique"), "pass");
  EXPECT_EQ(Get(report, "column:age:unique").note, "4 distinct values");
  const ExpectationResult city = Get(report, "column:city:unique");
  EXPECT_EQ(city.status, ExpectationStatus::kFailed);
  EXPECT_EQ(city.observed.number, 2);
  EXPECT_EQ(Examples(city), "4(=1):city=Oslo 6(=2):city=Lima");
  EXPECT_EQ(Examples(Get(report, "column:email:unique")), "3(=1):email=a@x.io");
  EXPECT_EQ(Examples(Get(report, "column:joined:unique")), "6(=1):joined=2020-01-01T00:00:00Z");
  EXPECT_EQ(Examples(Get(report, "column:active:unique")),
            "3(=1):active=true 5(=1):active=true 6(=1):active=true");
}

TEST(UniqueCheck, TreatsZeroAndNegativeZeroAsOneValue) {
  const Table table = TableBuilder().Numeric("x", {0.0, -0.0, 1}).Build();
  EXPECT_EQ(Examples(Get(ValidateTable(table, "[[column]]\nname = \"x\"\nunique = true\n"),
                         "column:x:unique")),
            "2(=1):x=-0");
}

TEST(RangeCheck, ReportsObservedExtremesAndRowsOutside) {
  const ValidationReport report =
      ValidateTable(People(), "[[column]]\nname = \"age\"\nmin = 18\nmax = 120\n");
  const ExpectationResult min = Get(report, "column:age:min");
  EXPECT_EQ(min.status, ExpectationStatus::kFailed);
  EXPECT_EQ(min.expected, ">= 18");
  EXPECT_EQ(min.observed.number, 17);
  EXPECT_EQ(Examples(min), "3:age=17");
  const ExpectationResult max = Get(report, "column:age:max");
  EXPECT_EQ(max.expected, "<= 120");
  EXPECT_EQ(max.observed.number, 130);
  EXPECT_EQ(Examples(max), "6:age=130");
  const ValidationReport wide =
      ValidateTable(People(), "[[column]]\nname = \"age\"\nmin = 17\nmax = 130\n");
  EXPECT_EQ(StatusOf(wide, "column:age:min"), "pass");
  EXPECT_EQ(StatusOf(wide, "column:age:max"), "pass");
}

TEST(RangeCheck, BoundsTimestampsWithIsoStrings) {
  const ValidationReport report =
      ValidateTable(People(),
                    "[[column]]\nname = \"joined\"\nkind = \"timestamp\"\nmin = \"2019-01-01\"\n"
                    "max = \"2024-02-29T10:00:00Z\"\n");
  const ExpectationResult min = Get(report, "column:joined:min");
  EXPECT_EQ(min.status, ExpectationStatus::kFailed);
  EXPECT_EQ(min.expected, ">= 2019-01-01T00:00:00Z");
  EXPECT_EQ(min.observed.text, "2018-12-31T00:00:00Z");
  EXPECT_EQ(Examples(min), "5:joined=2018-12-31T00:00:00Z");
  const ExpectationResult max = Get(report, "column:joined:max");
  EXPECT_EQ(max.status, ExpectationStatus::kPassed);
  EXPECT_EQ(max.observed.text, "2024-02-29T10:00:00Z");
}

TEST(RangeCheck, PassesAColumnWithoutValues) {
  const Table table = TableBuilder().Numeric("x", {kNaN, kNaN}).Build();
  const ExpectationResult min =
      Get(ValidateTable(table, "[[column]]\nname = \"x\"\nmin = 0\n"), "column:x:min");
  EXPECT_EQ(min.status, ExpectationStatus::kPassed);
  EXPECT_FALSE(min.observed.number);
  EXPECT_EQ(min.note, "no values");
}

TEST(AllowedCheck, ChecksSetsOfEveryKind) {
  const ValidationReport report = ValidateTable(People(), R"(
[[column]]
name = "city"
allowed = ["Oslo", "Lima"]
[[column]]
name = "email"
allowed = ["a@x.io", "b@x.io", "c@x.io", "d@x.io"]
[[column]]
name = "age"
allowed = [34, 17, 52]
[[column]]
name = "active"
allowed = ["true"]
)");
  const ExpectationResult city = Get(report, "column:city:allowed");
  EXPECT_EQ(city.status, ExpectationStatus::kFailed);
  EXPECT_EQ(city.expected, "in {\"Oslo\", \"Lima\"}");
  EXPECT_EQ(city.observed.number, 1);
  EXPECT_EQ(city.note, "unexpected values include \"Pune\"");
  EXPECT_EQ(Examples(city), "5:city=Pune");
  EXPECT_EQ(StatusOf(report, "column:email:allowed"), "pass");
  const ExpectationResult age = Get(report, "column:age:allowed");
  EXPECT_EQ(age.expected, "in {34, 17, 52}");
  EXPECT_EQ(Examples(age), "6:age=130");
  EXPECT_EQ(Examples(Get(report, "column:active:allowed")), "2:active=false");
}

TEST(AllowedCheck, ShortensLongSets) {
  std::string values;
  for (int i = 0; i < 12; ++i)
    values += (i > 0 ? ", " : "") + std::to_string(i);
  const ExpectationResult result =
      Get(ValidateTable(People(), "[[column]]\nname = \"age\"\nallowed = [" + values + "]\n"),
          "column:age:allowed");
  EXPECT_EQ(result.expected, "in {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, and 2 more}");
  EXPECT_EQ(result.failing_rows, 4u);
  EXPECT_EQ(result.note, "unexpected values include \"34\", \"17\", \"52\", \"130\"");
}

}  // namespace
}  // namespace steward::validate::internal
