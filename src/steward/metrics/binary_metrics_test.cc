#include "steward/metrics/binary_metrics.h"

#include <cmath>
#include <random>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace steward::metrics {
namespace {

using ::testing::HasSubstr;

BinaryMetrics ComputeBinary(const std::vector<int32_t>& labels, const std::vector<double>& scores,
                            const std::vector<double>& weights = {}, BinaryOptions options = {}) {
  Result<BinaryMetrics> metrics = ComputeBinaryMetrics({labels, scores, weights}, options);
  EXPECT_TRUE(metrics.ok()) << metrics.status().message();
  return std::move(metrics).value();
}

Status ErrorOf(const std::vector<int32_t>& labels, const std::vector<double>& scores,
               const std::vector<double>& weights = {}, BinaryOptions options = {}) {
  return ComputeBinaryMetrics({labels, scores, weights}, options).status();
}

// Pairs (positive, negative): 0.8 beats both negatives, 0.35 beats 0.1 only: 3 of 4.
TEST(BinaryMetrics, RocAucCountsOrderedPairs) {
  const BinaryMetrics m = ComputeBinary({0, 0, 1, 1}, {0.1, 0.4, 0.35, 0.8});
  EXPECT_DOUBLE_EQ(m.roc_auc.value(), 0.75);
}

// A positive tied with a negative counts half a pair: (1 + 0.5 + 1 + 1) / 4.
TEST(BinaryMetrics, RocAucCountsTiesAsHalf) {
  const BinaryMetrics m = ComputeBinary({0, 1, 0, 1}, {0.2, 0.5, 0.5, 0.9});
  EXPECT_DOUBLE_EQ(m.roc_auc.value(), 0.875);
}

TEST(BinaryMetrics, AllScoresTiedGiveChanceAucAndPrevalenceAsAveragePrecision) {
  const BinaryMetrics m = ComputeBinary({0, 1, 0, 0, 1}, {0.5, 0.5, 0.5, 0.5, 0.5});
  EXPECT_DOUBLE_EQ(m.roc_auc.value(), 0.5);
  EXPECT_DOUBLE_EQ(m.average_precision.value(), 0.4);
  // One step from (0, 1) to (1, 0.4).
  EXPECT_DOUBLE_EQ(m.pr_auc_trapezoid.value(), 0.7);
}

// Ranked 0.8(+) 0.4(-) 0.35(+) 0.1(-): precision 1 at recall 0.5, 2/3 at recall 1.
TEST(BinaryMetrics, AveragePrecisionIsTheStepIntegral) {
  const BinaryMetrics m = ComputeBinary({0, 0, 1, 1}, {0.1, 0.4, 0.35, 0.8});
  EXPECT_DOUBLE_EQ(m.average_precision.value(), 0.5 * 1 + 0.5 * (2.0 / 3.0));
  // Trapezoids through (0,1) (0.5,1) (0.5,0.5) (1,2/3) (1,0.5).
  EXPECT_DOUBLE_EQ(m.pr_auc_trapezoid.value(), 0.5 + 0.5 * (0.5 + 2.0 / 3.0) / 2);
}

TEST(BinaryMetrics, ThresholdMetricsFromTheConfusionMatrix) {
  // Threshold 0.5: predicted 1 for 0.5, 0.7, 0.9 (>= is positive).
  const BinaryMetrics m = ComputeBinary({0, 1, 1, 0, 1, 0}, {0.1, 0.2, 0.5, 0.7, 0.9, 0.3});
  EXPECT_EQ(m.confusion.true_positives, 2);
  EXPECT_EQ(m.confusion.false_positives, 1);
  EXPECT_EQ(m.confusion.false_negatives, 1);
  EXPECT_EQ(m.confusion.true_negatives, 2);
  EXPECT_DOUBLE_EQ(m.accuracy.value(), 4.0 / 6);
  EXPECT_DOUBLE_EQ(m.precision.value(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.recall.value(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.f1.value(), 2.0 / 3);
}

TEST(BinaryMetrics, NothingPredictedPositiveGivesZeroPrecisionLikeSklearn) {
  BinaryOptions options;
  options.threshold = 0.95;
  const BinaryMetrics m = ComputeBinary({0, 1, 1}, {0.1, 0.6, 0.9}, {}, options);
  EXPECT_EQ(m.precision.value(), 0.0);
  EXPECT_EQ(m.recall.value(), 0.0);
  EXPECT_EQ(m.f1.value(), 0.0);
  EXPECT_DOUBLE_EQ(m.accuracy.value(), 1.0 / 3);
}

TEST(BinaryMetrics, BrierAndLogLossByHand) {
  const BinaryMetrics m = ComputeBinary({1, 0}, {0.8, 0.4});
  EXPECT_DOUBLE_EQ(m.brier_score.value(), (0.2 * 0.2 + 0.4 * 0.4) / 2);
  EXPECT_NEAR(m.log_loss.value(), -(std::log(0.8) + std::log(0.6)) / 2, 1e-15);
}

// sklearn 1.2 clips to [eps, 1 - eps] with eps = numpy.finfo(float64).eps.
TEST(BinaryMetrics, LogLossClipsCertainMistakes) {
  const BinaryMetrics m = ComputeBinary({1, 0}, {0.0, 1.0});
  EXPECT_DOUBLE_EQ(m.log_loss.value(), -std::log(kDefaultLogLossEpsilon));
  BinaryOptions options;
  options.log_loss_epsilon = 1e-15;
  EXPECT_DOUBLE_EQ(ComputeBinary({1}, {0.0}, {}, options).log_loss.value(), -std::log(1e-15));
}

TEST(BinaryMetrics, OneClassLeavesRankingMetricsUndefinedWithAReason) {
  const BinaryMetrics negatives = ComputeBinary({0, 0, 0}, {0.1, 0.7, 0.2});
  EXPECT_FALSE(negatives.roc_auc.defined());
  EXPECT_THAT(negatives.roc_auc.reason(), HasSubstr("only one class"));
  EXPECT_FALSE(negatives.average_precision.defined());
  EXPECT_TRUE(negatives.accuracy.defined());
  EXPECT_DOUBLE_EQ(negatives.accuracy.value(), 2.0 / 3);

  const BinaryMetrics positives = ComputeBinary({1, 1}, {0.1, 0.7});
  EXPECT_FALSE(positives.roc_auc.defined());
  EXPECT_DOUBLE_EQ(positives.average_precision.value(), 1.0);
}

TEST(BinaryMetrics, SingleRow) {
  const BinaryMetrics m = ComputeBinary({1}, {0.75});
  EXPECT_EQ(m.rows, 1u);
  EXPECT_FALSE(m.roc_auc.defined());
  EXPECT_DOUBLE_EQ(m.brier_score.value(), 0.0625);
  EXPECT_DOUBLE_EQ(m.accuracy.value(), 1.0);
  EXPECT_DOUBLE_EQ(m.average_precision.value(), 1.0);
}

// Integer weights must give exactly the metrics of the rows repeated that many times.
TEST(BinaryMetrics, WeightsActAsRepetitions) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<int> label(0, 1), weight(0, 3), tick(0, 20);
  std::vector<int32_t> labels, repeated_labels;
  std::vector<double> scores, weights, repeated_scores;
  for (int i = 0; i < 300; ++i) {
    labels.push_back(label(random));
    scores.push_back(tick(random) / 20.0);  // coarse, so many ties
    weights.push_back(weight(random));
    for (int r = 0; r < weights.back(); ++r) {
      repeated_labels.push_back(labels.back());
      repeated_scores.push_back(scores.back());
    }
  }
  const BinaryMetrics weighted = ComputeBinary(labels, scores, weights);
  const BinaryMetrics repeated = ComputeBinary(repeated_labels, repeated_scores);
  for (auto member : {&BinaryMetrics::roc_auc, &BinaryMetrics::average_precision,
                      &BinaryMetrics::pr_auc_trapezoid, &BinaryMetrics::log_loss,
                      &BinaryMetrics::brier_score, &BinaryMetrics::accuracy,
                      &BinaryMetrics::precision, &BinaryMetrics::recall, &BinaryMetrics::f1}) {
    EXPECT_NEAR((weighted.*member).value(), (repeated.*member).value(), 1e-12);
  }
  EXPECT_NEAR(weighted.calibration.expected_error.value(),
              repeated.calibration.expected_error.value(), 1e-12);
  EXPECT_EQ(weighted.total_weight, static_cast<double>(repeated.rows));
}

TEST(BinaryMetrics, AllWeightsZeroLeavesEveryMetricUndefined) {
  const BinaryMetrics m = ComputeBinary({0, 1}, {0.2, 0.9}, {0, 0});
  EXPECT_FALSE(m.roc_auc.defined());
  EXPECT_FALSE(m.accuracy.defined());
  EXPECT_FALSE(m.log_loss.defined());
  EXPECT_FALSE(m.calibration.expected_error.defined());
  EXPECT_THAT(m.accuracy.reason(), HasSubstr("weight is zero"));
}

TEST(BinaryMetrics, RocCurveDropsCollinearPointsLikeSklearn) {
  BinaryOptions options;
  options.roc_curve = true;
  // sklearn's documented example: roc_curve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], pos_label=2).
  const BinaryMetrics m = ComputeBinary({0, 0, 1, 1}, {0.1, 0.4, 0.35, 0.8}, {}, options);
  EXPECT_EQ(m.roc_curve.false_positive_rate, (std::vector<double>{0, 0, 0.5, 0.5, 1}));
  EXPECT_EQ(m.roc_curve.true_positive_rate, (std::vector<double>{0, 0.5, 0.5, 1, 1}));
  EXPECT_EQ(m.roc_curve.thresholds, (std::vector<double>{1.8, 0.8, 0.4, 0.35, 0.1}));

  // Scores 0.9..0.6 are all positives: (0, 0.25) .. (0, 0.75) lie on one line and go.
  const BinaryMetrics line = ComputeBinary({1, 1, 1, 1, 0}, {0.9, 0.8, 0.7, 0.6, 0.1}, {}, options);
  EXPECT_EQ(line.roc_curve.thresholds, (std::vector<double>{1.9, 0.9, 0.6, 0.1}));
}

TEST(BinaryMetrics, RejectsBadInputNamingTheRow) {
  EXPECT_THAT(ErrorOf({}, {}).message(), HasSubstr("no rows"));
  EXPECT_THAT(ErrorOf({0, 1}, {0.5}).message(), HasSubstr("scores has 1 values, expected 2"));
  EXPECT_THAT(ErrorOf({0, 1, 0}, {0.5, 0.2, 1.5}).message(),
              HasSubstr("row 2: score 1.5 is not a probability"));
  EXPECT_THAT(ErrorOf({0, 1}, {NAN, 0.2}).message(), HasSubstr("row 0: score nan"));
  EXPECT_THAT(ErrorOf({0, 2}, {0.1, 0.2}).message(), HasSubstr("row 1: label 2 is not 0 or 1"));
  EXPECT_THAT(ErrorOf({0, 1}, {0.1, 0.2}, {1, -1}).message(), HasSubstr("row 1: sample weight -1"));
  EXPECT_THAT(ErrorOf({0, 1}, {0.1, 0.2}, {1}).message(), HasSubstr("sample weights has 1"));
  BinaryOptions options;
  options.threshold = NAN;
  EXPECT_THAT(ErrorOf({0}, {0.1}, {}, options).message(), HasSubstr("threshold"));
  options = {};
  options.calibration_bins = 0;
  EXPECT_THAT(ErrorOf({0}, {0.1}, {}, options).message(), HasSubstr("calibration bins"));
  EXPECT_EQ(ErrorOf({}, {}).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace steward::metrics
