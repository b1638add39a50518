#include "steward/metrics/sliced_metrics.h"

#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace steward::metrics {
namespace {

using ::testing::HasSubstr;

const std::vector<int32_t> kSliceLabels = {0, 1, 1, 0, 1, 0, 1};
const std::vector<double> kScores = {0.2, 0.9, 0.4, 0.6, 0.7, 0.1, 0.3};
const std::vector<int32_t> kSlices = {2, 0, -1, 2, 0, 2, 2};

TEST(SlicedMetrics, SlicesAscendWithMissingLastAndEqualTheirSubsets) {
  Result<std::vector<SliceMetrics<BinaryMetrics>>> slices =
      ComputeBinaryMetricsBySlice({kSliceLabels, kScores, {}}, kSlices);
  ASSERT_TRUE(slices.ok()) << slices.status().message();
  ASSERT_EQ(slices->size(), 3u);
  EXPECT_EQ((*slices)[0].code, 0);
  EXPECT_EQ((*slices)[1].code, 2);
  EXPECT_EQ((*slices)[2].code, kMissingSlice);
  EXPECT_EQ((*slices)[1].metrics.rows, 4u);

  const std::vector<int32_t> labels = {0, 0, 0, 1};
  const std::vector<double> scores = {0.2, 0.6, 0.1, 0.3};
  Result<BinaryMetrics> direct = ComputeBinaryMetrics({labels, scores, {}});
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ((*slices)[1].metrics.roc_auc.value(), direct->roc_auc.value());
  EXPECT_EQ((*slices)[1].metrics.log_loss.value(), direct->log_loss.value());
}

TEST(SlicedMetrics, OneClassSliceHasUndefinedAucWithReason) {
  Result<std::vector<SliceMetrics<BinaryMetrics>>> slices =
      ComputeBinaryMetricsBySlice({kSliceLabels, kScores, {}}, kSlices);
  ASSERT_TRUE(slices.ok());
  const BinaryMetrics& only_positives = (*slices)[0].metrics;
  EXPECT_FALSE(only_positives.roc_auc.defined());
  EXPECT_THAT(only_positives.roc_auc.reason(), HasSubstr("only one class"));
  EXPECT_TRUE(only_positives.accuracy.defined());
}

TEST(SlicedMetrics, MulticlassAndRegressionSlices) {
  const std::vector<int32_t> labels = {0, 1, 2, 0};
  const std::vector<double> probabilities = {0.6, 0.3, 0.1, 0.1, 0.8, 0.1,
                                             0.2, 0.2, 0.6, 0.3, 0.4, 0.3};
  const std::vector<int32_t> codes = {1, 0, 1, 1};
  auto multiclass = ComputeMulticlassMetricsBySlice({labels, probabilities, 3, {}}, codes);
  ASSERT_TRUE(multiclass.ok()) << multiclass.status().message();
  ASSERT_EQ(multiclass->size(), 2u);
  EXPECT_DOUBLE_EQ((*multiclass)[1].metrics.accuracy.value(), 2.0 / 3);

  const std::vector<double> targets = {1, 2, 3, 4};
  const std::vector<double> predictions = {1, 2, 2, 6};
  auto regression = ComputeRegressionMetricsBySlice({targets, predictions, {}}, codes);
  ASSERT_TRUE(regression.ok());
  EXPECT_DOUBLE_EQ((*regression)[1].metrics.mae.value(), 1.0);
  EXPECT_FALSE((*regression)[0].metrics.r2.defined()) << "one row";
}

TEST(SlicedMetrics, RejectsBadSliceCodes) {
  const std::vector<int32_t> short_codes = {0, 1};
  EXPECT_THAT(
      ComputeBinaryMetricsBySlice({kSliceLabels, kScores, {}}, short_codes).status().message(),
      HasSubstr("slice codes has 2 values, expected 7"));
  std::vector<int32_t> bad = kSlices;
  bad[4] = -3;
  EXPECT_THAT(ComputeBinaryMetricsBySlice({kSliceLabels, kScores, {}}, bad).status().message(),
              HasSubstr("row 4: slice code -3"));
  std::vector<double> bad_scores = kScores;
  bad_scores[6] = 2;
  EXPECT_THAT(
      ComputeBinaryMetricsBySlice({kSliceLabels, bad_scores, {}}, kSlices).status().message(),
      HasSubstr("row 6: score 2"));
}

}  // namespace
}  // namespace steward::metrics
