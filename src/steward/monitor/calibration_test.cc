#include "steward/monitor/calibration.h"

#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "steward/monitor/drift_report.h"

namespace steward::monitor {
namespace {

ColumnValues NumericValues(const std::string& name, const std::vector<double>& values) {
  ColumnValues column;
  column.name = name;
  column.kind = ColumnKind::kNumeric;
  column.rows = values.size();
  column.numeric = sketch::KllSketch(sketch::KllSketch::kDefaultK, sketch::KllSketch::kNeverSketch);
  column.numeric.UpdateBatch(values);
  return column;
}

std::vector<double> Normal(size_t n, double mean, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal(mean, 1.0);
  std::vector<double> values(n);
  for (double& value : values)
    value = std::round(normal(random) * 1000) / 1000;  // ties, as real data has them
  return values;
}

DriftPolicy Calibrating(uint32_t rounds) {
  DriftPolicy policy;
  policy.calibrate = true;
  policy.calibration_rounds = rounds;
  return policy;
}

// The permuted statistic is the test's own: observed values equal what the fixed test reports.
TEST(Calibration, ObservedStatisticIsTheTestsOwn) {
  for (uint64_t rows : {500u, 3000u}) {  // KS below 1,000 reference rows, Wasserstein above
    Result<ColumnDrift> drift =
        CompareColumn(NumericValues("x", Normal(rows, 0, 1)),
                      NumericValues("x", Normal(rows / 2, 0.2, 2)), rows, Calibrating(99));
    ASSERT_TRUE(drift.ok()) << drift.status().message();
    ASSERT_TRUE(drift->calibration);
    const double expected =
        drift->test == DriftTest::kKs ? drift->ks->statistic : *drift->wasserstein_norm;
    EXPECT_NEAR(drift->calibration->statistic, expected, 1e-12 * std::max(1.0, expected))
        << DriftTestName(drift->test);
  }
  DriftPolicy psi = Calibrating(99);
  psi.columns["x"].test = DriftTest::kPsi;
  Result<ColumnDrift> drift = CompareColumn(NumericValues("x", Normal(2000, 0, 3)),
                                            NumericValues("x", Normal(800, 0.3, 4)), 2000, psi);
  ASSERT_TRUE(drift.ok());
  EXPECT_NEAR(drift->calibration->statistic, *drift->psi, 1e-12);
}

TEST(Calibration, ChiSquareStatisticEqualsTheFixedTests) {
  ColumnValues reference, current;
  reference.name = current.name = "c";
  reference.kind = current.kind = ColumnKind::kCategorical;
  reference.label_counts = {{"a", 300}, {"b", 200}, {"c", 100}};
  current.label_counts = {{"a", 100}, {"b", 120}, {"c", 80}};
  reference.rows = 600;
  current.rows = 300;
  Result<ColumnDrift> drift = CompareColumn(reference, current, 600, Calibrating(199));
  ASSERT_TRUE(drift.ok());
  ASSERT_EQ(drift->test, DriftTest::kChiSquare);
  EXPECT_NEAR(drift->calibration->statistic, drift->chi2->statistic, 1e-9);
  EXPECT_TRUE(drift->calibration->drift);  // chi-square p = 1.1e-5
}

TEST(Calibration, SeparatesAShiftFromNoise) {
  Result<ColumnDrift> no_shift =
      CompareColumn(NumericValues("x", Normal(5000, 0, 5)), NumericValues("x", Normal(5000, 0, 6)),
                    5000, Calibrating(199));
  Result<ColumnDrift> shift =
      CompareColumn(NumericValues("x", Normal(5000, 0, 7)),
                    NumericValues("x", Normal(5000, 0.08, 8)), 5000, Calibrating(199));
  ASSERT_TRUE(no_shift.ok() && shift.ok());
  // A shift of 0.07 standard deviations stays under the fixed 0.1 threshold of normalised
  // Wasserstein, yet at 5,000 rows a side it lies far outside the permutation null.
  EXPECT_FALSE(shift->drift) << shift->score << " null " << shift->calibration->null_threshold;
  EXPECT_TRUE(shift->calibration->drift);
  EXPECT_NEAR(shift->calibration->p_value, 1.0 / 200, 1e-15)
      << shift->score << " " << shift->calibration->statistic << " null "
      << shift->calibration->null_threshold << " noshift " << no_shift->score;
  EXPECT_LT(shift->calibration->null_threshold, shift->calibration->statistic);
  EXPECT_FALSE(no_shift->calibration->drift);
}

// Under the null, p <= 0.05 about 5% of the time: the alarm is calibrated at these sizes.
TEST(Calibration, FalseAlarmRateMatchesTheLevel) {
  int alarms = 0;
  const int trials = 300;
  for (int trial = 0; trial < trials; ++trial) {
    std::vector<double> reference = Normal(40, 0, 100 + trial);
    std::vector<double> current = Normal(25, 0, 900 + trial);
    Result<ColumnDrift> drift = CompareColumn(NumericValues("x", reference),
                                              NumericValues("x", current), 40, Calibrating(99));
    ASSERT_TRUE(drift.ok());
    alarms += drift->calibration->p_value <= 0.05 ? 1 : 0;
  }
  EXPECT_GE(alarms, 5);   // 1.7%: the binomial(300, 0.05) lower tail is below 0.001
  EXPECT_LE(alarms, 30);  // 10%
}

TEST(Calibration, BenjaminiHochbergStepUp) {
  // p = 0.01, 0.04, 0.03, 0.005 → adjusted 0.02, 0.04, 0.04, 0.02 (by hand: p(i) m / i, then
  // the running minimum from the largest).
  std::vector<Calibration> calibrations(4);
  const double p[] = {0.01, 0.04, 0.03, 0.005};
  std::vector<Calibration*> pointers;
  for (size_t i = 0; i < 4; ++i) {
    calibrations[i].p_value = p[i];
    pointers.push_back(&calibrations[i]);
  }
  AdjustBenjaminiHochberg(pointers, 0.03);
  EXPECT_DOUBLE_EQ(calibrations[0].p_adjusted, 0.02);
  EXPECT_DOUBLE_EQ(calibrations[1].p_adjusted, 0.04);
  EXPECT_DOUBLE_EQ(calibrations[2].p_adjusted, 0.04);
  EXPECT_DOUBLE_EQ(calibrations[3].p_adjusted, 0.02);
  EXPECT_TRUE(calibrations[0].drift);
  EXPECT_FALSE(calibrations[1].drift);
  EXPECT_TRUE(calibrations[3].drift);
}

TEST(Calibration, ADeterministicResultForASeed) {
  auto run = [] {
    return CompareColumn(NumericValues("x", Normal(300, 0, 11)),
                         NumericValues("x", Normal(200, 0.1, 12)), 300, Calibrating(99))
        ->calibration->p_value;
  };
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace steward::monitor
