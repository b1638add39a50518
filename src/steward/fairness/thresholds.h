#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"

namespace steward::fairness {

// What per-group thresholds equalize across groups.
enum class Constraint {
  kDemographicParity,  // selection rates
  kEqualOpportunity,   // true positive rates
  kEqualizedOdds,      // true and false positive rates
};
Result<Constraint> ParseConstraint(std::string_view name);
std::string_view ConstraintName(Constraint constraint);

// Rows to choose thresholds on: the model's probability of the positive class, the true class
// (0/1) and the group of each row.
struct ThresholdRows {
  std::span<const float> scores;
  std::span<const int32_t> labels;
  std::span<const uint32_t> group_of_row;
  size_t groups = 0;
};

struct ThresholdChoice {
  Constraint constraint = Constraint::kDemographicParity;
  // Per group: a row is predicted positive when its score is at least this. Groups with too
  // few rows keep `default_threshold`.
  std::vector<double> thresholds;
  std::vector<uint8_t> adjusted;  // per group: 1 when its threshold was chosen
  double target = 0;              // the common selection rate or true positive rate aimed at
  double accuracy = 0;            // on the rows the thresholds were chosen on
  double gap = 0;    // the constraint's largest difference between adjusted groups there
  bool met = false;  // gap <= tolerance
};

// Post-processing in the manner of Hardt, Price & Srebro (2016) and fairlearn's
// ThresholdOptimizer, with one deterministic threshold per group: for each common target
// (selection rate, or true positive rate) on a grid of 1,001 values, each group gets the
// threshold that reaches it; among the targets whose gap is within `tolerance`, the most
// accurate wins, else the smallest gap. Unlike fairlearn, decisions are never randomized, so
// the same applicant always gets the same answer; equalized odds is then met only as closely
// as the groups' ROC curves allow, and `gap` says how closely. Groups with fewer than
// `min_group_size` rows keep `default_threshold`.
Result<ThresholdChoice> ChooseGroupThresholds(const ThresholdRows& rows, Constraint constraint,
                                              double tolerance, double default_threshold,
                                              size_t min_group_size);

}  // namespace steward::fairness
