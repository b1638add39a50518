#include "steward/validate/internal/table_checks.h"

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

Table WithDuplicates() {
  return TableBuilder()
      .Numeric("x", {1, 2, 1, kNaN, kNaN, 1, 2})
      .Categorical("g", {"a", "b", "a", std::nullopt, std::nullopt, "b", "b"})
      .Text("t", {"p", "q", "p", std::nullopt, std::nullopt, "p", "q"})
      .Build();
}

TEST(RowCountCheck, BoundsTheNumberOfRows) {
  const ValidationReport few = ValidateTable(WithDuplicates(), "[table]\nmin_rows = 8\n");
  const ExpectationResult min = Get(few, "table:min_rows");
  EXPECT_EQ(min.status, ExpectationStatus::kFailed);
  EXPECT_EQ(min.expected, "rows >= 8");
  EXPECT_EQ(min.observed.number, 7);
  const ValidationReport many = ValidateTable(WithDuplicates(), "[table]\nmax_rows = 6\n");
  EXPECT_EQ(StatusOf(many, "table:max_rows"), "fail");
  const ValidationReport fits =
      ValidateTable(WithDuplicates(), "[table]\nmin_rows = 7\nmax_rows = 7\n");
  EXPECT_EQ(StatusOf(fits, "table:min_rows"), "pass");
  EXPECT_EQ(StatusOf(fits, "table:max_rows"), "pass");
}

TEST(DuplicateRowsCheck, CountsRowsEqualInEveryColumnAcrossBatches) {
  for (size_t rows_per_batch : {1, 2, 7}) {
    const ValidationReport report =
        ValidateTable(WithDuplicates(), "[table]\nmax_duplicate_rows = 1\n", rows_per_batch);
    const ExpectationResult result = Get(report, "table:max_duplicate_rows");
    EXPECT_EQ(result.status, ExpectationStatus::kFailed);
    EXPECT_EQ(result.expected, "duplicate rows <= 1");
    EXPECT_EQ(result.observed.number, 3) << rows_per_batch;
    // Missing values equal missing values, as pandas.DataFrame.duplicated counts them.
    EXPECT_EQ(Examples(result), "3(=1):x=1,g=a,t=p 5(=4):x=null,g=null,t=null 7(=2):x=2,g=b,t=q");
  }
  const ValidationReport allowed =
      ValidateTable(WithDuplicates(), "[table]\nmax_duplicate_rows = 3\n");
  EXPECT_EQ(StatusOf(allowed, "table:max_duplicate_rows"), "pass");
  EXPECT_TRUE(Get(allowed, "table:max_duplicate_rows").examples.empty());
}

TEST(DuplicateRowsCheck, ColumnOrderMatters) {
  const Table table = TableBuilder().Numeric("a", {1, 2}).Numeric("b", {2, 1}).Build();
  EXPECT_EQ(StatusOf(ValidateTable(table, "[table]\nmax_duplicate_rows = 0\n"),
                     "table:max_duplicate_rows"),
            "pass");
}

}  // namespace
}  // namespace steward::validate::internal
