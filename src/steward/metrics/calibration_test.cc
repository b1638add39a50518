#include "steward/metrics/calibration.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace steward::metrics {
namespace {

// numpy.linspace(0, 1, 11)[3] is 0.30000000000000004, so 0.3 is below that edge: bin (0.2, 0.3].
// 0.1 sits exactly on an edge and, as with numpy.searchsorted(side="left"), falls below it.
TEST(Calibration, ScoresOnAnEdgeFallInTheLowerBin) {
  const std::vector<int32_t> labels = {1, 0, 1, 0};
  const std::vector<double> scores = {0.1, 0.3, 0.3, 1.0};
  const Calibration c = ComputeCalibration(labels, scores, {}, 10);
  ASSERT_EQ(c.bins.size(), 3u);
  EXPECT_EQ(c.bins[0].lower, 0.0);
  EXPECT_EQ(c.bins[0].rows, 1u);
  EXPECT_EQ(c.bins[1].lower, 0.2);
  EXPECT_EQ(c.bins[1].rows, 2u);
  EXPECT_DOUBLE_EQ(c.bins[1].fraction_positive, 0.5);
  EXPECT_EQ(c.bins[2].upper, 1.0);
  EXPECT_EQ(c.bins[2].rows, 1u);
}

// Bins: [0, .5] holds (0.2, 1), (0.4, 0) -> gap |0.5 - 0.3| = 0.2, weight 2 of 3;
//       (.5, 1] holds (0.9, 1)           -> gap 0.1, weight 1 of 3.
TEST(Calibration, ExpectedErrorWeighsGapsByBinShare) {
  const std::vector<int32_t> labels = {1, 0, 1};
  const std::vector<double> scores = {0.2, 0.4, 0.9};
  const Calibration c = ComputeCalibration(labels, scores, {}, 2);
  ASSERT_EQ(c.bins.size(), 2u);
  EXPECT_DOUBLE_EQ(c.bins[0].mean_predicted, 0.3);
  EXPECT_NEAR(c.expected_error.value(), 2.0 / 3 * 0.2 + 1.0 / 3 * 0.1, 1e-15);
  EXPECT_NEAR(c.max_error.value(), 0.2, 1e-15);

  const std::vector<double> weights = {3, 1, 0};
  const Calibration weighted = ComputeCalibration(labels, scores, weights, 2);
  ASSERT_EQ(weighted.bins.size(), 1u) << "a bin with only zero weight is dropped";
  EXPECT_DOUBLE_EQ(weighted.bins[0].fraction_positive, 0.75);
  EXPECT_DOUBLE_EQ(weighted.bins[0].mean_predicted, (0.6 + 0.4) / 4);
  EXPECT_NEAR(weighted.expected_error.value(), 0.5, 1e-15);
}

TEST(Calibration, PerfectlyCalibratedBinsHaveZeroError) {
  const std::vector<int32_t> labels = {0, 1, 0, 1};
  const std::vector<double> scores = {0.5, 0.5, 0.5, 0.5};
  const Calibration c = ComputeCalibration(labels, scores, {}, 10);
  EXPECT_EQ(c.expected_error.value(), 0.0);
  EXPECT_EQ(c.bin_count, 10);
}

}  // namespace
}  // namespace steward::metrics
