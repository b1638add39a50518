#include "steward/monitor/drift_tests.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "steward/monitor/drift_policy.h"
#include "steward/monitor/drift_report.h"
#include "steward/monitor/kolmogorov.h"

namespace steward::monitor {
namespace {

NumericDistribution Of(std::vector<double> values) {
  sketch::KllSketch sketch(sketch::KllSketch::kDefaultK, sketch::KllSketch::kNeverSketch);
  sketch.UpdateBatch(values);
  return MakeNumericDistribution(sketch);
}

void ExpectRelative(double actual, double expected, double tolerance = 1e-12) {
  EXPECT_NEAR(actual, expected, std::abs(expected) * tolerance) << "expected " << expected;
}

// Expected values: scipy 1.10.1 (Debian 12), scipy.stats.kstwo.sf(x, n).
TEST(KolmogorovSurvival, EqualsSciPyOnEveryBranch) {
  ExpectRelative(KolmogorovSurvival(100, 0.1), 0.2526927570063874);         // Durbin matrix
  ExpectRelative(KolmogorovSurvival(30, 0.3), 0.006852243362913235);        // Pomeranz
  ExpectRelative(KolmogorovSurvival(1000, 0.05), 0.013012074781090332);     // 2 x Smirnov
  ExpectRelative(KolmogorovSurvival(200000, 0.004), 0.003314212822560255);  // Pelz-Good
  ExpectRelative(KolmogorovSurvival(50000, 0.02), 8.35587873542047e-18, 1e-9);
  EXPECT_EQ(KolmogorovSurvival(10, 0.01), 1.0);  // below 1/(2n)
  EXPECT_EQ(KolmogorovSurvival(10, 1.0), 0.0);
}

TEST(SmirnovSurvival, EqualsSciPy) {
  ExpectRelative(SmirnovSurvival(100, 0.1), 0.1265906584562817);
}

TEST(KsTwoSample, ExactPValuesEqualSciPy) {
  KsResult overlap = KsTwoSample(Of({1, 2, 3, 4, 5}), Of({3, 4, 5, 6, 7, 8}));
  EXPECT_TRUE(overlap.exact_p_value);
  ExpectRelative(overlap.statistic, 0.5);
  ExpectRelative(overlap.p_value, 0.35714285714285715);
  KsResult apart = KsTwoSample(Of({1, 2, 3, 4}), Of({5, 6, 7, 8}));
  EXPECT_EQ(apart.statistic, 1.0);
  ExpectRelative(apart.p_value, 0.028571428571428577);
}

TEST(ChiSquareTwoRows, AppliesYatesOnlyWithOneDegreeOfFreedom) {
  std::vector<double> a2 = {10, 20}, b2 = {30, 25};
  ExpectRelative(ChiSquareTwoRows(a2, b2).p_value, 0.0999616438735349, 1e-10);
  std::vector<double> a3 = {10, 20, 5}, b3 = {30, 25, 9};
  ExpectRelative(ChiSquareTwoRows(a3, b3).p_value, 0.17341413450612236, 1e-10);
  std::vector<double> one = {5}, other = {7};
  EXPECT_EQ(ChiSquareTwoRows(one, other).p_value, 1.0);
}

TEST(Wasserstein, IsTheAreaBetweenTheCdfs) {
  // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.
  EXPECT_DOUBLE_EQ(WassersteinDistance(Of({0, 1, 3}), Of({5, 6, 8})), 5.0);
  EXPECT_DOUBLE_EQ(WassersteinDistance(Of({1, 2, 3}), Of({1, 2, 3})), 0.0);
}

TEST(JensenShannon, IsZeroForEqualAndOneForDisjointShares) {
  std::vector<double> p = {0.5, 0.5, 0}, q = {0, 0, 1};
  EXPECT_DOUBLE_EQ(JensenShannonDistance(p, p), 0.0);
  EXPECT_DOUBLE_EQ(JensenShannonDistance(p, q), 1.0);
}

TEST(SortDoubles, SortsLikeStdSort) {
  std::vector<double> values;
  for (int i = 0; i < 20000; ++i)
    values.push_back(std::sin(i * 12.9898) * 43758.5453 - (i % 7 == 0 ? 0.0 : -0.0));
  std::vector<double> expected = values;
  std::sort(expected.begin(), expected.end());
  SortDoubles(values);
  EXPECT_EQ(values, expected);
}

ColumnValues NumericColumn(const std::string& name, std::vector<double> values) {
  ColumnValues column;
  column.name = name;
  column.rows = values.size();
  column.numeric = sketch::KllSketch(sketch::KllSketch::kDefaultK, 1 << 20);
  column.numeric.UpdateBatch(values);
  return column;
}

TEST(CompareColumns, ChoosesEvidentlysTestsByReferenceSize) {
  std::vector<double> reference, shifted;
  for (int i = 0; i < 2000; ++i) {
    reference.push_back(i % 100);
    shifted.push_back(i % 100 + 30);
  }
  DriftPolicy policy;
  Result<DriftReport> large =
      CompareColumns({NumericColumn("x", reference)}, {NumericColumn("x", shifted)}, 2000, policy);
  ASSERT_TRUE(large.ok());
  EXPECT_EQ(large->columns[0].test, DriftTest::kWasserstein);
  EXPECT_TRUE(large->columns[0].drift);
  EXPECT_TRUE(large->dataset.drift);
  ASSERT_FALSE(large->alerts.empty());
  EXPECT_EQ(large->alerts[0].kind, "dataset_drift");
  Result<DriftReport> small =
      CompareColumns({NumericColumn("x", reference)}, {NumericColumn("x", reference)}, 500, policy);
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->columns[0].test, DriftTest::kKs);
  EXPECT_FALSE(small->columns[0].drift);
  EXPECT_TRUE(small->alerts.empty());
}

TEST(CompareColumns, PolicyOverridesTestAndRefusesOneThatDoesNotFit) {
  Result<DriftPolicy> policy = ParseDriftPolicy(
      "dataset_drift_share = 0.3\n[columns.x]\ntest = \"psi\"\nthreshold = 0.5\n", "p.toml");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  std::vector<double> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  Result<DriftReport> report =
      CompareColumns({NumericColumn("x", values)}, {NumericColumn("x", values)}, 10, *policy);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->columns[0].test, DriftTest::kPsi);
  EXPECT_EQ(report->columns[0].threshold, 0.5);

  ColumnValues category;
  category.name = "x";
  category.kind = ColumnKind::kCategorical;
  category.rows = 3;
  category.label_counts = {{"a", 3}};
  Result<DriftReport> refused = CompareColumns({category}, {category}, 3, *policy);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("categorical"), std::string::npos);
}

TEST(ParseDriftPolicy, NamesTheFileAndKey) {
  Result<DriftPolicy> unknown = ParseDriftPolicy("share = 0.5\n", "policy.toml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("policy.toml: unknown key 'share'"), std::string::npos);
  Result<DriftPolicy> bad_test = ParseDriftPolicy("[columns.age]\ntest = \"t\"\n", "p.toml");
  ASSERT_FALSE(bad_test.ok());
  EXPECT_NE(bad_test.status().message().find("[columns.age]"), std::string::npos);
  Result<DriftPolicy> broken = ParseDriftPolicy("[columns\n", "p.toml");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("p.toml:1"), std::string::npos);
}

}  // namespace
}  // namespace steward::monitor
