#include <cmath>

#include <gtest/gtest.h>

#include "steward/fairness/resample.h"
#include "steward/fairness/reweighing.h"
#include "steward/fairness/thresholds.h"

namespace steward::fairness {
namespace {

TEST(Reweigh, WeightsAreTheClosedForm) {
  // Group 0: 3 positives, 1 negative; group 1: 1 positive, 3 negatives.
  const std::vector<uint32_t> groups = {0, 0, 0, 0, 1, 1, 1, 1};
  const std::vector<int32_t> labels = {1, 1, 1, 0, 1, 0, 0, 0};
  const Reweighing weights = Reweigh(groups, 2, labels, 2);
  // n = 8, n_g = 4, n_y = 4: w(g=0, y=1) = 4 * 4 / (8 * 3), w(g=0, y=0) = 16 / (8 * 1).
  EXPECT_DOUBLE_EQ(weights.cell_weights[0 * 2 + 1], 16.0 / 24);
  EXPECT_DOUBLE_EQ(weights.cell_weights[0 * 2 + 0], 2.0);
  EXPECT_DOUBLE_EQ(weights.row_weights[4], 2.0);
  // Weighted, each group's positive share equals the overall share (1/2).
  for (uint32_t group = 0; group < 2; ++group) {
    double positive = 0, all = 0;
    for (size_t row = 0; row < groups.size(); ++row) {
      if (groups[row] != group)
        continue;
      all += weights.row_weights[row];
      positive += labels[row] * weights.row_weights[row];
    }
    EXPECT_DOUBLE_EQ(positive / all, 0.5);
  }
}

// Two groups scored alike except that group 1's scores sit 0.2 lower.
struct Scored {
  std::vector<float> scores;
  std::vector<int32_t> labels;
  std::vector<uint32_t> groups;
};
Scored ShiftedGroups(size_t rows, uint64_t seed) {
  Scored data;
  FastRandom random(seed);
  for (size_t row = 0; row < rows; ++row) {
    const uint32_t group = row % 2;
    const int32_t label = random.Below(2);
    const double noise = static_cast<double>(random.Below(1000)) / 1000.0;
    data.scores.push_back(static_cast<float>(0.5 * noise + 0.4 * label + 0.1 - 0.2 * group));
    data.labels.push_back(label);
    data.groups.push_back(group);
  }
  return data;
}

double SelectionRate(const Scored& data, const ThresholdChoice& choice, uint32_t group,
                     bool positives_only) {
  double selected = 0, rows = 0;
  for (size_t row = 0; row < data.scores.size(); ++row) {
    if (data.groups[row] != group || (positives_only && data.labels[row] != 1))
      continue;
    rows += 1;
    selected += data.scores[row] >= choice.thresholds[group];
  }
  return selected / rows;
}

TEST(ChooseGroupThresholds, DemographicParityHoldsOnNewRows) {
  const Scored fit = ShiftedGroups(4000, 1);
  const ThresholdRows rows{fit.scores, fit.labels, fit.groups, 2};
  Result<ThresholdChoice> choice =
      ChooseGroupThresholds(rows, Constraint::kDemographicParity, 0.01, 0.5, 30);
  ASSERT_TRUE(choice.ok()) << choice.status().message();
  EXPECT_TRUE(choice->met);
  EXPECT_LE(choice->gap, 0.01);
  EXPECT_LT(choice->thresholds[1], choice->thresholds[0]);  // the lower-scored group gets less
  const Scored held_out = ShiftedGroups(4000, 2);
  EXPECT_NEAR(SelectionRate(held_out, *choice, 0, false),
              SelectionRate(held_out, *choice, 1, false), 0.05);
}

TEST(ChooseGroupThresholds, EqualOpportunityEqualizesTruePositiveRates) {
  const Scored fit = ShiftedGroups(4000, 3);
  const ThresholdRows rows{fit.scores, fit.labels, fit.groups, 2};
  Result<ThresholdChoice> choice =
      ChooseGroupThresholds(rows, Constraint::kEqualOpportunity, 0.01, 0.5, 30);
  ASSERT_TRUE(choice.ok());
  EXPECT_TRUE(choice->met);
  EXPECT_NEAR(SelectionRate(fit, *choice, 0, true), SelectionRate(fit, *choice, 1, true), 0.01);
  // Accuracy is as high as a search over one common threshold could give at least.
  EXPECT_GT(choice->accuracy, 0.7);
}

TEST(ChooseGroupThresholds, SmallGroupsKeepTheDefaultThreshold) {
  Scored data = ShiftedGroups(400, 4);
  data.scores.push_back(0.9f);
  data.labels.push_back(1);
  data.groups.push_back(2);
  const ThresholdRows rows{data.scores, data.labels, data.groups, 3};
  Result<ThresholdChoice> choice =
      ChooseGroupThresholds(rows, Constraint::kDemographicParity, 0.02, 0.5, 30);
  ASSERT_TRUE(choice.ok());
  EXPECT_EQ(choice->adjusted, (std::vector<uint8_t>{1, 1, 0}));
  EXPECT_EQ(choice->thresholds[2], 0.5);
}

TEST(ChooseGroupThresholds, NeedsTwoGroupsAndAKnownConstraint) {
  const Scored data = ShiftedGroups(10, 5);
  const ThresholdRows rows{data.scores, data.labels, data.groups, 2};
  EXPECT_FALSE(ChooseGroupThresholds(rows, Constraint::kDemographicParity, 0.02, 0.5, 30).ok());
  Result<Constraint> unknown = ParseConstraint("parity");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("equalized_odds"), std::string::npos);
  EXPECT_EQ(*ParseConstraint("equalized_odds"), Constraint::kEqualizedOdds);
}

}  // namespace
}  // namespace steward::fairness
