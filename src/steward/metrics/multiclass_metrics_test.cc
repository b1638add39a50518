#include "steward/metrics/multiclass_metrics.h"

#include <cmath>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace steward::metrics {
namespace {

using ::testing::HasSubstr;

Result<MulticlassMetrics> ComputeMulticlass(const std::vector<int32_t>& labels,
                                            const std::vector<double>& probabilities,
                                            size_t num_classes,
                                            const std::vector<double>& weights = {}) {
  return ComputeMulticlassMetrics({labels, probabilities, num_classes, weights});
}

// Predictions (argmax): 0, 1, 1, 2, 2 for labels 0, 1, 2, 2, 0.
const std::vector<int32_t> kLabels = {0, 1, 2, 2, 0};
const std::vector<double> kProbabilities = {
    0.7, 0.2, 0.1,  //
    0.1, 0.8, 0.1,  //
    0.3, 0.4, 0.3,  //
    0.1, 0.2, 0.7,  //
    0.2, 0.2, 0.6,  //
};

TEST(MulticlassMetrics, AccuracyAndF1ByHand) {
  Result<MulticlassMetrics> m = ComputeMulticlass(kLabels, kProbabilities, 3);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_DOUBLE_EQ(m->accuracy.value(), 3.0 / 5);
  // Class 0: P 1/1, R 1/2, F1 2/3. Class 1: P 1/2, R 1, F1 2/3. Class 2: P 1/2, R 1/2, F1 1/2.
  EXPECT_DOUBLE_EQ(m->classes[0].f1, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m->classes[1].f1, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m->classes[2].f1, 0.5);
  EXPECT_DOUBLE_EQ(m->macro_f1.value(), (2.0 / 3 + 2.0 / 3 + 0.5) / 3);
  EXPECT_DOUBLE_EQ(m->weighted_f1.value(), (2 * 2.0 / 3 + 1 * 2.0 / 3 + 2 * 0.5) / 5);
  EXPECT_EQ(m->confusion, (std::vector<double>{1, 0, 1, 0, 1, 0, 0, 1, 1}));
  const double log_loss =
      -(std::log(0.7) + std::log(0.8) + std::log(0.3) + std::log(0.7) + std::log(0.2)) / 5;
  EXPECT_NEAR(m->log_loss.value(), log_loss, 1e-15);
}

// One-vs-rest AUCs: class 0 scores (+.7 +.2 | -.1 -.3 -.1): 5 of 6 pairs won; class 1 (+.8 |
// .2 .4 .2 .2): 1; class 2 (+.3 +.7 | .1 .1 .6): 5 of 6 pairs. The mean of the three.
TEST(MulticlassMetrics, MacroOneVsRestAuc) {
  Result<MulticlassMetrics> m = ComputeMulticlass(kLabels, kProbabilities, 3);
  ASSERT_TRUE(m.ok());
  EXPECT_DOUBLE_EQ(m->macro_roc_auc_ovr.value(), (5.0 / 6 + 1.0 + 5.0 / 6) / 3);
}

// sklearn's f1_score averages over unique_labels(y_true, y_pred): a class never seen nor
// predicted does not drag the macro average down; its AUC is undefined.
TEST(MulticlassMetrics, AbsentClassIsLeftOutOfMacroF1AndMakesAucUndefined) {
  Result<MulticlassMetrics> m =
      ComputeMulticlass({0, 1, 1}, {0.9, 0.1, 0.0, 0.2, 0.8, 0.0, 0.6, 0.3, 0.1}, 3);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->classes[2].present);
  // Class 0: P 1/2, R 1, F1 2/3; class 1: P 1, R 1/2, F1 2/3.
  EXPECT_DOUBLE_EQ(m->macro_f1.value(), 2.0 / 3);
  EXPECT_FALSE(m->macro_roc_auc_ovr.defined());
  EXPECT_THAT(m->macro_roc_auc_ovr.reason(), HasSubstr("class 2"));
}

TEST(MulticlassMetrics, ArgmaxTiesGoToTheFirstClass) {
  Result<MulticlassMetrics> m = ComputeMulticlass({1}, {0.5, 0.5}, 2);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->accuracy.value(), 0.0);
  EXPECT_EQ(m->classes[0].predicted, 1.0);
}

TEST(MulticlassMetrics, ZeroWeightRowsCountForNothing) {
  Result<MulticlassMetrics> weighted =
      ComputeMulticlass({0, 1, 2}, {0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.9, 0.05, 0.05}, 3, {1, 1, 0});
  Result<MulticlassMetrics> dropped = ComputeMulticlass({0, 1}, {0.8, 0.1, 0.1, 0.1, 0.8, 0.1}, 3);
  ASSERT_TRUE(weighted.ok() && dropped.ok());
  EXPECT_DOUBLE_EQ(weighted->accuracy.value(), dropped->accuracy.value());
  EXPECT_DOUBLE_EQ(weighted->log_loss.value(), dropped->log_loss.value());
  EXPECT_DOUBLE_EQ(weighted->weighted_f1.value(), dropped->weighted_f1.value());
}

TEST(MulticlassMetrics, RejectsBadInputNamingTheRow) {
  EXPECT_THAT(ComputeMulticlass({0}, {0.5, 0.5}, 1).status().message(),
              HasSubstr("at least 2 classes"));
  EXPECT_THAT(ComputeMulticlass({0, 1}, {0.5, 0.5, 0.5}, 2).status().message(),
              HasSubstr("probabilities has 3 values, expected 4"));
  EXPECT_THAT(ComputeMulticlass({0, 3}, {0.5, 0.5, 0.5, 0.5}, 2).status().message(),
              HasSubstr("row 1: label 3 is not a class in 0..1"));
  EXPECT_THAT(ComputeMulticlass({0, 1}, {0.5, 0.5, 1.5, -0.5}, 2).status().message(),
              HasSubstr("row 1, class 0: probability 1.5"));
  EXPECT_THAT(ComputeMulticlass({0, 1}, {0.5, 0.5, 0.5, 0.4}, 2).status().message(),
              HasSubstr("row 1: probabilities sum to 0.9"));
  EXPECT_THAT(ComputeMulticlass({0}, {0.5, 0.5}, 2, {-2}).status().message(),
              HasSubstr("row 0: sample weight -2"));
}

}  // namespace
}  // namespace steward::metrics
