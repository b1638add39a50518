#include "steward/metrics/regression_metrics.h"

#include <cmath>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace steward::metrics {
namespace {

using ::testing::HasSubstr;

RegressionMetrics ComputeRegression(const std::vector<double>& targets,
                                    const std::vector<double>& predictions,
                                    const std::vector<double>& weights = {}) {
  Result<RegressionMetrics> metrics = ComputeRegressionMetrics({targets, predictions, weights});
  EXPECT_TRUE(metrics.ok()) << metrics.status().message();
  return std::move(metrics).value();
}

// sklearn's documented example: MSE 0.375, MAE 0.5, R2 1 - 1.5 / 29.1875.
TEST(RegressionMetrics, ErrorsAndR2ByHand) {
  const RegressionMetrics m = ComputeRegression({3, -0.5, 2, 7}, {2.5, 0.0, 2, 8});
  EXPECT_DOUBLE_EQ(m.rmse.value(), std::sqrt(0.375));
  EXPECT_DOUBLE_EQ(m.mae.value(), 0.5);
  EXPECT_DOUBLE_EQ(m.r2.value(), 1 - 1.5 / 29.1875);
  EXPECT_DOUBLE_EQ(m.mean_residual.value(), -0.25);
}

// Residuals 0.5, -0.5, 0, -1 sorted: -1, -0.5, 0, 0.5; numpy's linear positions 0.15 .. 2.85.
TEST(RegressionMetrics, ResidualQuantilesInterpolateLikeNumpy) {
  const RegressionMetrics m = ComputeRegression({3, -0.5, 2, 7}, {2.5, 0.0, 2, 8});
  ASSERT_EQ(m.residual_quantiles.size(), 5u);
  EXPECT_DOUBLE_EQ(m.residual_quantiles[0].value, -0.925);
  EXPECT_DOUBLE_EQ(m.residual_quantiles[1].value, -0.625);
  EXPECT_DOUBLE_EQ(m.residual_quantiles[2].value, -0.25);
  EXPECT_DOUBLE_EQ(m.residual_quantiles[3].value, 0.125);
  EXPECT_DOUBLE_EQ(m.residual_quantiles[4].value, 0.425);
  EXPECT_EQ(m.residual_quantiles[2].level, 0.5);
}

// sklearn's force_finite: a constant target scores 1 when predicted exactly, else 0.
TEST(RegressionMetrics, ConstantTargetR2FollowsSklearn) {
  EXPECT_EQ(ComputeRegression({0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}).r2.value(), 1.0);
  EXPECT_EQ(ComputeRegression({0.1, 0.1, 0.1}, {0.2, 0.1, 0.1}, {0.3, 0.7, 0.9}).r2.value(), 0.0);
}

TEST(RegressionMetrics, SingleRowHasNoR2) {
  const RegressionMetrics m = ComputeRegression({4}, {1});
  EXPECT_FALSE(m.r2.defined());
  EXPECT_THAT(m.r2.reason(), HasSubstr("two rows"));
  EXPECT_DOUBLE_EQ(m.rmse.value(), 3);
  EXPECT_DOUBLE_EQ(m.residual_quantiles[0].value, 3);
}

TEST(RegressionMetrics, WeightsActAsRepetitions) {
  const RegressionMetrics weighted = ComputeRegression({1, 2, 4}, {1.5, 1, 5}, {2, 0, 1});
  const RegressionMetrics repeated = ComputeRegression({1, 1, 4}, {1.5, 1.5, 5});
  EXPECT_DOUBLE_EQ(weighted.rmse.value(), repeated.rmse.value());
  EXPECT_DOUBLE_EQ(weighted.mae.value(), repeated.mae.value());
  EXPECT_DOUBLE_EQ(weighted.r2.value(), repeated.r2.value());
  EXPECT_DOUBLE_EQ(weighted.mean_residual.value(), repeated.mean_residual.value());
}

TEST(RegressionMetrics, RejectsBadInputNamingTheRow) {
  auto error = [](std::vector<double> y, std::vector<double> p, std::vector<double> w = {}) {
    return ComputeRegressionMetrics({y, p, w}).status().message();
  };
  EXPECT_THAT(error({}, {}), HasSubstr("no rows"));
  EXPECT_THAT(error({1, 2}, {1}), HasSubstr("predictions has 1 values, expected 2"));
  EXPECT_THAT(error({1, NAN}, {1, 2}), HasSubstr("row 1: target nan"));
  EXPECT_THAT(error({1, 2}, {INFINITY, 2}), HasSubstr("row 0: prediction inf"));
  EXPECT_THAT(error({1, 2}, {1, 2}, {1, NAN}), HasSubstr("row 1: sample weight nan"));
}

}  // namespace
}  // namespace steward::metrics
