#include "steward/metrics/metrics_json.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace steward::metrics {
namespace {

TEST(MetricsJson, UndefinedMetricIsNullWithItsReason) {
  const std::vector<int32_t> labels = {1, 1};
  const std::vector<double> scores = {0.4, 0.9};
  Result<BinaryMetrics> metrics = ComputeBinaryMetrics({labels, scores, {}});
  ASSERT_TRUE(metrics.ok());
  const nlohmann::json json = ToJson(*metrics);
  EXPECT_TRUE(json["roc_auc"].is_null());
  EXPECT_EQ(json["undefined"]["roc_auc"], "only one class present: no negative rows with weight");
  EXPECT_EQ(json["accuracy"], 0.5);
  EXPECT_EQ(json["confusion_matrix"]["tp"], 1.0);
  EXPECT_EQ(json["calibration"]["n_bins"], 10);
  EXPECT_FALSE(json.contains("roc_curve"));
  EXPECT_EQ(json.dump().find("NaN"), std::string::npos);
}

TEST(MetricsJson, DocumentNamesTheFormatTaskAndSlices) {
  const std::vector<double> targets = {1, 2, 3};
  const std::vector<double> predictions = {1, 2, 4};
  const std::vector<int32_t> codes = {0, -1, 0};
  Result<RegressionMetrics> overall = ComputeRegressionMetrics({targets, predictions, {}});
  auto slices = ComputeRegressionMetricsBySlice({targets, predictions, {}}, codes);
  ASSERT_TRUE(overall.ok() && slices.ok());
  const std::vector<std::string> categories = {"north"};
  const nlohmann::json document = MetricsDocument(*overall, *slices, {"region", categories});
  EXPECT_EQ(document["format"], "steward.metrics/1");
  EXPECT_EQ(document["task"], "regression");
  EXPECT_EQ(document["slices"]["column"], "region");
  const nlohmann::json& groups = document["slices"]["groups"];
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0]["value"], "north");
  EXPECT_EQ(groups[0]["metrics"]["rows"], 2);
  EXPECT_TRUE(groups[1]["value"].is_null());
  EXPECT_EQ(groups[1]["missing"], true);
  EXPECT_TRUE(groups[1]["metrics"]["r2"].is_null());
  EXPECT_EQ(groups[1]["metrics"]["undefined"]["r2"], "R2 needs at least two rows");
  EXPECT_FALSE(MetricsDocument(*overall).contains("slices"));
}

TEST(MetricsJson, MulticlassListsClassesAndConfusionRows) {
  const std::vector<int32_t> labels = {0, 1};
  const std::vector<double> probabilities = {0.9, 0.1, 0.3, 0.7};
  Result<MulticlassMetrics> metrics = ComputeMulticlassMetrics({labels, probabilities, 2, {}});
  ASSERT_TRUE(metrics.ok());
  const nlohmann::json json = ToJson(*metrics);
  EXPECT_EQ(json["accuracy"], 1.0);
  EXPECT_EQ(json["classes"].size(), 2u);
  EXPECT_EQ(json["confusion_matrix"], nlohmann::json::parse("[[1.0, 0.0], [0.0, 1.0]]"));
  EXPECT_FALSE(json.contains("undefined"));
}

}  // namespace
}  // namespace steward::metrics
