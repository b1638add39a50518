#include "steward/validate/internal/distribution_checks.h"

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

// 1..10 and 100, with missing values in between.
Table Skewed() {
  return TableBuilder().Numeric("x", {1, 2, kNaN, 3, 4, 5, 6, 7, 8, kNaN, 9, 10, 100}).Build();
}

TEST(MeanCheck, ComparesTheMeanOfPresentValues) {
  const ValidationReport report = ValidateTable(Skewed(), R"(
[[column]]
name = "x"
mean = { min = 10, max = 15 }
)");
  const ExpectationResult mean = Get(report, "column:x:mean");
  EXPECT_EQ(mean.status, ExpectationStatus::kPassed);
  EXPECT_EQ(mean.expected, "mean in [10, 15]");
  EXPECT_DOUBLE_EQ(*mean.observed.number, 155.0 / 11);
  const ValidationReport low =
      ValidateTable(Skewed(), "[[column]]\nname = \"x\"\nmean = { max = 5 }\n");
  EXPECT_EQ(StatusOf(low, "column:x:mean"), "fail");
  EXPECT_EQ(Get(low, "column:x:mean").expected, "mean <= 5");
}

TEST(MeanCheck, StaysExactOverManyValues) {
  // 0.1 summed a million times drifts by 1e-6 in plain summation; compensated, it does not.
  std::vector<double> values(1'000'000, 0.1);
  const Table table = TableBuilder().Numeric("x", values).Build();
  const ExpectationResult mean = Get(
      ValidateTable(table, "[[column]]\nname = \"x\"\nmean = { min = 0.1, max = 0.1 }\n", 65536),
      "column:x:mean");
  EXPECT_EQ(mean.status, ExpectationStatus::kPassed) << *mean.observed.number - 0.1;
}

TEST(DistributionCheck, QuantilesAreExactLikeNumpy) {
  const ValidationReport report = ValidateTable(Skewed(), R"(
[[column]]
name = "x"
quantiles = [ { q = 0.25, min = 3.5, max = 3.5 }, { q = 0.5, max = 5 }, { q = 1, min = 100 } ]
)");
  EXPECT_EQ(StatusOf(report, "column:x:quantile:0.25"), "pass");
  EXPECT_EQ(Get(report, "column:x:quantile:0.25").observed.number, 3.5);
  const ExpectationResult median = Get(report, "column:x:quantile:0.5");
  EXPECT_EQ(median.status, ExpectationStatus::kFailed);
  EXPECT_EQ(median.expected, "quantile 0.5 <= 5");
  EXPECT_EQ(median.observed.number, 6);
  EXPECT_EQ(StatusOf(report, "column:x:quantile:1"), "pass");
}

TEST(DistributionCheck, IqrOutliersUseTukeyFences) {
  const ValidationReport report = ValidateTable(
      Skewed(), "[[column]]\nname = \"x\"\nmax_outlier_rate = { method = \"iqr\", rate = 0.05 }\n",
      4);
  const ExpectationResult result = Get(report, "column:x:max_outlier_rate");
  EXPECT_EQ(result.status, ExpectationStatus::kFailed);
  EXPECT_EQ(result.expected, "iqr outlier rate <= 0.05");
  EXPECT_EQ(result.observed.number, 1.0 / 11);
  EXPECT_EQ(result.note, "fences [-4, 16]; 1 outliers of 11");
  EXPECT_EQ(Examples(result), "13:x=100");
  const ValidationReport lenient = ValidateTable(
      Skewed(), "[[column]]\nname = \"x\"\nmax_outlier_rate = { method = \"iqr\", rate = 0.1 }\n");
  const ExpectationResult passed = Get(lenient, "column:x:max_outlier_rate");
  EXPECT_EQ(passed.status, ExpectationStatus::kPassed);
  EXPECT_EQ(passed.failing_rows, 0u);
}

TEST(DistributionCheck, MadOutliersUseTheScaledMedianDeviation) {
  // Median 6; deviations 0..5 and 94, whose median is 3: the threshold is 3.5 * 1.4826 * 3.
  const ValidationReport report = ValidateTable(
      Skewed(), "[[column]]\nname = \"x\"\nmax_outlier_rate = { method = \"mad\", rate = 0 }\n");
  const ExpectationResult result = Get(report, "column:x:max_outlier_rate");
  EXPECT_EQ(result.status, ExpectationStatus::kFailed);
  EXPECT_EQ(result.note, "median 6, MAD 3; 1 outliers of 11");
  EXPECT_EQ(Examples(result), "13:x=100");
}

TEST(DistributionCheck, ColumnsWithoutValuesPass) {
  const Table table = TableBuilder().Numeric("x", {kNaN}).Build();
  const ValidationReport report = ValidateTable(table, R"(
[[column]]
name = "x"
mean = { min = 1 }
quantiles = [ { q = 0.5, min = 1 } ]
max_outlier_rate = { method = "iqr", rate = 0 }
)");
  for (const char* id : {"column:x:mean", "column:x:quantile:0.5", "column:x:max_outlier_rate"}) {
    EXPECT_EQ(StatusOf(report, id), "pass") << id;
    EXPECT_EQ(Get(report, id).note, "no values") << id;
  }
}

}  // namespace
}  // namespace steward::validate::internal
