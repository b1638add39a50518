#include "steward/monitor/drift_policy.h"

#include <gtest/gtest.h>

namespace steward::monitor {
namespace {

TEST(ParseDriftPolicy, ReadsThePerformanceTable) {
  Result<DriftPolicy> policy = ParseDriftPolicy(
      "[performance]\ntolerance = 0.1\nerror_tolerance = 0.5\nmin_labelled_rows = 50\n"
      "band = [0.7, 1.4]\nignore = [\"log_loss\"]\n[performance.metrics]\nroc_auc = 0.02\n",
      "p.toml");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  const PerformancePolicy& performance = policy->performance;
  EXPECT_DOUBLE_EQ(performance.tolerance, 0.1);
  EXPECT_DOUBLE_EQ(performance.error_tolerance, 0.5);
  EXPECT_EQ(performance.min_labelled_rows, 50u);
  EXPECT_DOUBLE_EQ(performance.band_low, 0.7);
  EXPECT_DOUBLE_EQ(performance.band_high, 1.4);
  EXPECT_EQ(performance.ignore_metrics, std::vector<std::string>{"log_loss"});
  EXPECT_DOUBLE_EQ(performance.metric_tolerances.at("roc_auc"), 0.02);
}

TEST(ParseDriftPolicy, PerformanceErrorsNameTheKey) {
  auto message = [](const char* toml) {
    return ParseDriftPolicy(toml, "p.toml").status().message();
  };
  EXPECT_EQ(message("[performance]\nband = [1.2, 1.4]\n"),
            "p.toml: performance.band must be [LOW, HIGH] with 0 < LOW <= 1 <= HIGH");
  EXPECT_EQ(message("[performance]\ntolerance = -1\n"),
            "p.toml: performance.tolerance must be a finite number >= 0");
  EXPECT_EQ(message("[performance]\nignore = [\"auc\"]\n"),
            "p.toml: performance.ignore: unknown metric 'auc' (judged metrics: roc_auc, accuracy, "
            "log_loss, rmse, mae, r2)");
  EXPECT_NE(
      message("[performance]\nwindow = \"1d\"\n").find("unknown key 'window' in [performance]"),
      std::string::npos);
}

}  // namespace
}  // namespace steward::monitor
