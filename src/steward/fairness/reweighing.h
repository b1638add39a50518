#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace steward::fairness {

// Kamiran & Calders (2012) reweighing, as AIF360's Reweighing: each row of group g and class y
// weighs P(g) P(y) / P(g, y) = n_g n_y / (n n_gy), so that in the weighted data the class is
// independent of the group. Cells without rows get weight 0.
struct Reweighing {
  size_t classes = 0;
  std::vector<double> cell_weights;  // [group * classes + class]
  std::vector<uint64_t> cell_rows;   // [group * classes + class]
  std::vector<double> row_weights;   // per row
};

// `group_of_row` in [0, groups), `class_of_row` in [0, classes).
Reweighing Reweigh(std::span<const uint32_t> group_of_row, size_t groups,
                   std::span<const int32_t> class_of_row, size_t classes);

}  // namespace steward::fairness
