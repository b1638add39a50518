#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace steward::fairness {

// Rows sorted by score once, so that each resample's AUC of every group is one pass.
struct ScoreOrder {
  std::vector<float> scores;       // ascending
  std::vector<uint8_t> positive;   // per sorted position: the row's label is class 1
  std::vector<uint32_t> combined;  // per sorted position: the row's combined group
  std::vector<uint32_t> position_of_row;
  std::vector<uint8_t> tied_with_next;  // per sorted position: the next has the same score
};

ScoreOrder SortByScore(std::span<const float> scores, std::span<const int32_t> labels,
                       std::span<const uint32_t> combined_of_row);

// AUC (Mann-Whitney, ties counted half, as scikit-learn's roc_auc_score) of every group
// slot, where `slots_of_combined[combined * slots_per_row + k]` lists the slots a combined
// group belongs to (one per attribute). `weights` gives each sorted position's multiplicity
// in a resample (empty: every row once). NaN for a slot without both classes.
std::vector<double> GroupAucs(const ScoreOrder& order, std::span<const uint32_t> weights,
                              std::span<const uint32_t> slots_of_combined, size_t slots_per_row,
                              size_t slot_count);

}  // namespace steward::fairness
