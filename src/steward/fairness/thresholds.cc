#include "steward/fairness/thresholds.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace steward::fairness {
namespace {

constexpr size_t kTargets = 1001;

// One group's rows by descending score, with running counts of positives, so that any
// threshold's confusion counts take one binary search.
struct RankedGroup {
  std::vector<float> scores;              // descending
  std::vector<uint32_t> positives_above;  // positives among the first i rows, i = 0..n
  std::vector<float> positive_scores;     // descending

  size_t size() const { return scores.size(); }
  size_t positives() const { return positive_scores.size(); }
  // Rows with score >= threshold.
  size_t SelectedAt(double threshold) const {
    return static_cast<size_t>(std::upper_bound(scores.begin(), scores.end(), threshold,
                                                [](double t, float score) { return t > score; }) -
                               scores.begin());
  }
};

// The threshold that selects the top `count` of `descending` (and any rows tied with the
// last); above every score for zero.
double ThresholdForTop(const std::vector<float>& descending, size_t count) {
  if (descending.empty())
    return 0.5;
  if (count == 0)
    return std::nextafter(static_cast<double>(descending.front()), INFINITY);
  return descending[std::min(count, descending.size()) - 1];
}

struct Candidate {
  std::vector<double> thresholds;
  double target = 0;
  double accuracy = 0;
  double gap = 0;
};

}  // namespace

Result<Constraint> ParseConstraint(std::string_view name) {
  if (name == "demographic_parity")
    return Constraint::kDemographicParity;
  if (name == "equal_opportunity")
    return Constraint::kEqualOpportunity;
  if (name == "equalized_odds")
    return Constraint::kEqualizedOdds;
  return Status::InvalidArgument(
      "unknown constraint '" + std::string(name) +
      "' (expected demographic_parity, equal_opportunity or equalized_odds)");
}

std::string_view ConstraintName(Constraint constraint) {
  switch (constraint) {
    case Constraint::kDemographicParity:
      return "demographic_parity";
    case Constraint::kEqualOpportunity:
      return "equal_opportunity";
    case Constraint::kEqualizedOdds:
      return "equalized_odds";
  }
  return "demographic_parity";
}

Result<ThresholdChoice> ChooseGroupThresholds(const ThresholdRows& rows, Constraint constraint,
                                              double tolerance, double default_threshold,
                                              size_t min_group_size) {
  if (!(tolerance >= 0))
    return Status::InvalidArgument("the tolerance must be a number >= 0");
  std::vector<RankedGroup> groups(rows.groups);
  for (size_t row = 0; row < rows.scores.size(); ++row) {
    RankedGroup& group = groups[rows.group_of_row[row]];
    group.scores.push_back(rows.scores[row]);
    if (rows.labels[row] == 1)
      group.positive_scores.push_back(rows.scores[row]);
  }
  std::vector<uint8_t> adjusted(groups.size(), 0);
  size_t adjustable = 0;
  for (size_t g = 0; g < groups.size(); ++g) {
    RankedGroup& group = groups[g];
    std::sort(group.scores.begin(), group.scores.end(), std::greater<>());
    std::sort(group.positive_scores.begin(), group.positive_scores.end(), std::greater<>());
    adjusted[g] = group.size() >= min_group_size && group.size() > 0 &&
                  (constraint == Constraint::kDemographicParity ||
                   (group.positives() > 0 && group.positives() < group.size()));
    adjustable += adjusted[g];
  }
  if (adjustable < 2) {
    return Status::InvalidArgument(
        "fewer than two groups are large enough to adjust (each needs --min-group-size rows" +
        std::string(constraint == Constraint::kDemographicParity ? ")" : " and both classes)"));
  }
  // Positives above each position, for the confusion counts of any threshold.
  for (size_t g = 0; g < groups.size(); ++g) {
    RankedGroup& group = groups[g];
    group.positives_above.assign(group.size() + 1, 0);
    size_t positive_index = 0;
    for (size_t i = 0; i < group.size(); ++i) {
      // Positive scores are a sub-multiset of scores, both descending: count positives >= score.
      while (positive_index < group.positives() &&
             group.positive_scores[positive_index] >= group.scores[i])
        ++positive_index;
      group.positives_above[i + 1] = static_cast<uint32_t>(positive_index);
    }
  }

  const size_t total = rows.scores.size();
  Candidate best;
  bool have_best = false;
  bool best_met = false;
  for (size_t step = 0; step < kTargets; ++step) {
    const double target = static_cast<double>(step) / (kTargets - 1);
    Candidate candidate{std::vector<double>(groups.size(), default_threshold), target, 0, 0};
    double correct = 0;
    double low_rate = INFINITY, high_rate = -INFINITY, low_fpr = INFINITY, high_fpr = -INFINITY;
    for (size_t g = 0; g < groups.size(); ++g) {
      const RankedGroup& group = groups[g];
      if (adjusted[g]) {
        candidate.thresholds[g] =
            constraint == Constraint::kDemographicParity
                ? ThresholdForTop(group.scores,
                                  static_cast<size_t>(std::llround(target * group.size())))
                : ThresholdForTop(group.positive_scores,
                                  static_cast<size_t>(std::ceil(target * group.positives())));
      }
      const size_t selected = group.SelectedAt(candidate.thresholds[g]);
      // Ties make SelectedAt include every row tied with the threshold; positives_above counts
      // positives among the first `selected` rows, which are exactly those with score >= t.
      const double true_positives = group.positives_above[selected];
      const double false_positives = static_cast<double>(selected) - true_positives;
      const double negatives = static_cast<double>(group.size() - group.positives());
      correct += true_positives + (negatives - false_positives);
      if (!adjusted[g])
        continue;
      const double rate = constraint == Constraint::kDemographicParity
                              ? static_cast<double>(selected) / group.size()
                              : true_positives / group.positives();
      low_rate = std::min(low_rate, rate);
      high_rate = std::max(high_rate, rate);
      if (negatives > 0) {
        low_fpr = std::min(low_fpr, false_positives / negatives);
        high_fpr = std::max(high_fpr, false_positives / negatives);
      }
    }
    candidate.accuracy = total > 0 ? correct / static_cast<double>(total) : 0;
    candidate.gap = high_rate - low_rate;
    if (constraint == Constraint::kEqualizedOdds && low_fpr <= high_fpr)
      candidate.gap = std::max(candidate.gap, high_fpr - low_fpr);
    const bool met = candidate.gap <= tolerance;
    const bool better = !have_best || (met && !best_met) ||
                        (met == best_met &&
                         (met ? candidate.accuracy > best.accuracy
                              : candidate.gap < best.gap || (candidate.gap == best.gap &&
                                                             candidate.accuracy > best.accuracy)));
    if (better) {
      best = std::move(candidate);
      best_met = met;
      have_best = true;
    }
  }
  ThresholdChoice choice;
  choice.constraint = constraint;
  choice.thresholds = std::move(best.thresholds);
  choice.adjusted = std::move(adjusted);
  choice.target = best.target;
  choice.accuracy = best.accuracy;
  choice.gap = best.gap;
  choice.met = best_met;
  return choice;
}

}  // namespace steward::fairness
