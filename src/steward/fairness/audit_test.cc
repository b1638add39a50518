#include "steward/fairness/audit.h"

#include <cmath>

#include <gtest/gtest.h>

#include "steward/fairness/resample.h"

namespace steward::fairness {
namespace {

// One attribute "g" whose groups are the given names; row i is in group groups_of_rows[i].
Grouping OneAttribute(std::vector<std::string> names, std::vector<uint32_t> group_of_row) {
  Grouping grouping;
  grouping.combined_of_row = std::move(group_of_row);
  grouping.combined_groups = names.size();
  Attribute attribute{"g", {"g"}, std::move(names), {}};
  for (uint32_t group = 0; group < grouping.combined_groups; ++group)
    attribute.group_of_combined.push_back(group);
  grouping.attributes.push_back(std::move(attribute));
  return grouping;
}

const Estimate& Find(const std::vector<NamedEstimate>& estimates, const std::string& name) {
  for (const NamedEstimate& named : estimates) {
    if (named.name == name)
      return named.estimate;
  }
  ADD_FAILURE() << "no estimate " << name;
  static const Estimate none;
  return none;
}

// Group a: 6 rows, labels 1 1 1 0 0 0, predicted 1 1 0 1 0 0.
// Group b: 4 rows, labels 1 1 0 0, predicted 1 0 0 0.
AuditData BinaryData() {
  AuditData data;
  data.task = AuditTask::kBinary;
  data.classes = {"no", "yes"};
  data.labels = {1, 1, 1, 0, 0, 0, 1, 1, 0, 0};
  data.predicted = {1, 1, 0, 1, 0, 0, 1, 0, 0, 0};
  return data;
}
Grouping BinaryGroups() {
  return OneAttribute({"a", "b"}, {0, 0, 0, 0, 0, 0, 1, 1, 1, 1});
}

AuditOptions NoBootstrap() {
  AuditOptions options;
  options.bootstrap = 0;
  options.min_group_size = 1;
  return options;
}

TEST(Audit, GroupRatesComeFromEachGroupsConfusionCounts) {
  Result<FairnessReport> report = Audit(BinaryData(), BinaryGroups(), NoBootstrap());
  ASSERT_TRUE(report.ok()) << report.status().message();
  const AttributeResult& g = report->attributes.at(0);
  EXPECT_EQ(g.reference_group, "a");  // the largest group
  const GroupResult& a = g.groups[0];
  const GroupResult& b = g.groups[1];
  EXPECT_EQ(a.count, 6u);
  EXPECT_DOUBLE_EQ(Find(a.metrics, "selection_rate").value, 3.0 / 6);
  EXPECT_DOUBLE_EQ(Find(a.metrics, "tpr").value, 2.0 / 3);
  EXPECT_DOUBLE_EQ(Find(a.metrics, "fpr").value, 1.0 / 3);
  EXPECT_DOUBLE_EQ(Find(a.metrics, "precision").value, 2.0 / 3);
  EXPECT_DOUBLE_EQ(Find(a.metrics, "accuracy").value, 4.0 / 6);
  EXPECT_DOUBLE_EQ(Find(b.metrics, "selection_rate").value, 1.0 / 4);
  EXPECT_DOUBLE_EQ(Find(b.metrics, "tpr").value, 1.0 / 2);
  EXPECT_DOUBLE_EQ(Find(b.metrics, "fpr").value, 0.0);
  EXPECT_DOUBLE_EQ(Find(b.ratios, "disparate_impact").value, 0.25 / 0.5);
  EXPECT_DOUBLE_EQ(Find(g.summary, "dp_difference").value, 0.25);
  EXPECT_DOUBLE_EQ(Find(g.summary, "dp_ratio").value, 0.5);
  EXPECT_DOUBLE_EQ(Find(g.summary, "eo_difference").value, 1.0 / 3);  // the FPR gap
  EXPECT_DOUBLE_EQ(Find(g.summary, "eo_ratio").value, 0.0);           // FPR 0 against 1/3
  EXPECT_DOUBLE_EQ(Find(g.summary, "eop_difference").value, 2.0 / 3 - 0.5);
  EXPECT_TRUE(std::isnan(Find(a.metrics, "selection_rate").low));  // no bootstrap, no interval
  // Disparate impact 0.5 is outside the band and fails the four-fifths rule.
  EXPECT_FALSE(g.passed);
  EXPECT_FALSE(g.four_fifths_rule);
  ASSERT_EQ(g.violations.size(), 1u);
  EXPECT_EQ(g.violations[0], "group 'b': disparate_impact 0.5 against 'a': below 0.8");
  EXPECT_FALSE(report->passed);
}

TEST(Audit, WiderBandPasses) {
  AuditOptions options = NoBootstrap();
  options.band_low = 0.4;
  Result<FairnessReport> report = Audit(BinaryData(), BinaryGroups(), options);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->passed);
  EXPECT_FALSE(report->attributes[0].four_fifths_rule);  // the rule stays 0.8
}

TEST(Audit, AucCountsTiesHalf) {
  AuditData data = BinaryData();
  // Group a: positives 0.9 0.5 0.4, negatives 0.5 0.1 0.2: pairs won 3 + 2.5 + 2 = 7.5 of 9.
  data.scores = {0.9f, 0.5f, 0.4f, 0.5f, 0.1f, 0.2f, 0.3f, 0.6f, 0.6f, 0.1f};
  Result<FairnessReport> report = Audit(data, BinaryGroups(), NoBootstrap());
  ASSERT_TRUE(report.ok());
  EXPECT_DOUBLE_EQ(Find(report->attributes[0].groups[0].metrics, "auc").value, 7.5 / 9);
  // Group b: positives 0.3 0.6, negatives 0.6 0.1: 1 + 1.5 of 4.
  EXPECT_DOUBLE_EQ(Find(report->attributes[0].groups[1].metrics, "auc").value, 2.5 / 4);
}

TEST(Audit, SmallGroupsAreFlaggedAndLeftOutOfSummaries) {
  AuditOptions options = NoBootstrap();
  options.min_group_size = 5;
  Result<FairnessReport> report = Audit(BinaryData(), BinaryGroups(), options);
  ASSERT_TRUE(report.ok());
  const AttributeResult& g = report->attributes[0];
  EXPECT_FALSE(g.groups[0].small);
  EXPECT_TRUE(g.groups[1].small);
  EXPECT_DOUBLE_EQ(Find(g.summary, "dp_difference").value, 0.0);  // only group a is compared
  EXPECT_TRUE(std::isnan(Find(g.summary, "min_disparate_impact").value));
  EXPECT_TRUE(g.passed);  // a small group cannot fail the band, but stays reported
  EXPECT_DOUBLE_EQ(Find(g.groups[1].ratios, "disparate_impact").value, 0.5);
}

TEST(Audit, NamedReferenceGroupIsUsedAndMustBeLargeEnough) {
  AuditOptions options = NoBootstrap();
  options.reference_group = "b";
  Result<FairnessReport> report = Audit(BinaryData(), BinaryGroups(), options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->attributes[0].reference_group, "b");
  EXPECT_DOUBLE_EQ(Find(report->attributes[0].groups[0].ratios, "disparate_impact").value, 2.0);
  options.min_group_size = 5;
  Result<FairnessReport> refused = Audit(BinaryData(), BinaryGroups(), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "reference group 'b' of 'g' has 4 rows, fewer than --min-group-size 5");
}

// 4,000 rows in two groups with different rates, for the bootstrap tests.
AuditData LargeData(Grouping& grouping) {
  AuditData data;
  data.task = AuditTask::kBinary;
  data.classes = {"0", "1"};
  std::vector<uint32_t> group_of_row;
  FastRandom random(7);
  for (size_t row = 0; row < 4000; ++row) {
    const uint32_t group = row % 3 == 0 ? 1 : 0;
    const bool label = random.Below(100) < (group == 0 ? 40u : 30u);
    const bool predicted = random.Below(100) < (label ? 70u : 20u);
    data.labels.push_back(label);
    data.predicted.push_back(predicted);
    data.scores.push_back(static_cast<float>(random.Below(1000)) / 1000.0f + (label ? 0.3f : 0.0f));
    group_of_row.push_back(group);
  }
  grouping = OneAttribute({"x", "y"}, group_of_row);
  return data;
}

TEST(Audit, BootstrapIsSeededAndIndependentOfThreads) {
  Grouping grouping;
  const AuditData data = LargeData(grouping);
  AuditOptions options;
  options.bootstrap = 200;
  options.threads = 1;
  Result<FairnessReport> one = Audit(data, grouping, options);
  options.threads = 2;
  Result<FairnessReport> two = Audit(data, grouping, options);
  ASSERT_TRUE(one.ok() && two.ok());
  for (size_t g = 0; g < 2; ++g) {
    for (size_t m = 0; m < one->attributes[0].groups[g].metrics.size(); ++m) {
      const Estimate& a = one->attributes[0].groups[g].metrics[m].estimate;
      const Estimate& b = two->attributes[0].groups[g].metrics[m].estimate;
      EXPECT_EQ(a.low, b.low);
      EXPECT_EQ(a.high, b.high);
      // Each interval holds its point estimate and has width.
      EXPECT_LT(a.low, a.value) << one->attributes[0].groups[g].metrics[m].name;
      EXPECT_GT(a.high, a.value) << one->attributes[0].groups[g].metrics[m].name;
    }
  }
  options.seed = 43;
  Result<FairnessReport> other = Audit(data, grouping, options);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(Find(other->attributes[0].summary, "dp_difference").low,
            Find(one->attributes[0].summary, "dp_difference").low);
}

TEST(Audit, BootstrapIntervalMatchesTheNormalApproximation) {
  // A selection rate over n rows has standard error sqrt(p(1-p)/n); the 95% percentile
  // interval is about +-1.96 of it.
  Grouping grouping;
  const AuditData data = LargeData(grouping);
  AuditOptions options;
  options.bootstrap = 2000;
  Result<FairnessReport> report = Audit(data, grouping, options);
  ASSERT_TRUE(report.ok());
  const GroupResult& x = report->attributes[0].groups[0];
  const Estimate& rate = Find(x.metrics, "selection_rate");
  const double half_width = 1.96 * std::sqrt(rate.value * (1 - rate.value) / double(x.count));
  EXPECT_NEAR(rate.high - rate.low, 2 * half_width, 0.15 * 2 * half_width);
}

TEST(Audit, RegressionComparesMeanPredictionsAndErrors) {
  AuditData data;
  data.task = AuditTask::kRegression;
  data.targets = {1, 2, 3, 10, 20};
  data.predictions = {2, 2, 5, 10, 14};
  Result<FairnessReport> report =
      Audit(data, OneAttribute({"a", "b"}, {0, 0, 0, 1, 1}), NoBootstrap());
  ASSERT_TRUE(report.ok());
  const GroupResult& a = report->attributes[0].groups[0];
  EXPECT_DOUBLE_EQ(Find(a.metrics, "mean_prediction").value, 3.0);
  EXPECT_DOUBLE_EQ(Find(a.metrics, "mae").value, 1.0);
  EXPECT_DOUBLE_EQ(Find(a.metrics, "rmse").value, std::sqrt(5.0 / 3));
  const GroupResult& b = report->attributes[0].groups[1];
  EXPECT_DOUBLE_EQ(Find(b.ratios, "mean_prediction_ratio").value, 12.0 / 3);
  EXPECT_DOUBLE_EQ(Find(report->attributes[0].summary, "mae_difference").value, 2.0);
}

TEST(Audit, MulticlassSelectionRatesPerClass) {
  AuditData data;
  data.task = AuditTask::kMulticlass;
  data.classes = {"p", "q", "r"};
  data.labels = {0, 1, 2, 0, 1, 2};
  data.predicted = {0, 1, 1, 0, 0, 0};
  Result<FairnessReport> report =
      Audit(data, OneAttribute({"a", "b"}, {0, 0, 0, 1, 1, 1}), NoBootstrap());
  ASSERT_TRUE(report.ok());
  const GroupResult& a = report->attributes[0].groups[0];
  const GroupResult& b = report->attributes[0].groups[1];
  EXPECT_DOUBLE_EQ(Find(a.metrics, "accuracy").value, 2.0 / 3);
  EXPECT_DOUBLE_EQ(Find(a.metrics, "selection_rate[q]").value, 2.0 / 3);
  EXPECT_DOUBLE_EQ(Find(b.metrics, "selection_rate[p]").value, 1.0);
  EXPECT_DOUBLE_EQ(Find(report->attributes[0].summary, "dp_difference[p]").value, 2.0 / 3);
}

TEST(DrawMultinomial, DrawsEveryRowIntoNonEmptyCells) {
  const std::vector<uint64_t> counts = {5, 0, 1000, 3, 0, 1};
  FastRandom random(1);
  double mean_large = 0;
  for (int draw = 0; draw < 200; ++draw) {
    const std::vector<uint64_t> drawn = DrawMultinomial(counts, random);
    uint64_t total = 0;
    for (size_t cell = 0; cell < counts.size(); ++cell) {
      if (counts[cell] == 0) {
        EXPECT_EQ(drawn[cell], 0u);
      }
      total += drawn[cell];
    }
    EXPECT_EQ(total, 1009u);
    mean_large += static_cast<double>(drawn[2]) / 200;
  }
  EXPECT_NEAR(mean_large, 1000, 2);
}

}  // namespace
}  // namespace steward::fairness
