#include "steward/fairness/reweighing.h"

namespace steward::fairness {

Reweighing Reweigh(std::span<const uint32_t> group_of_row, size_t groups,
                   std::span<const int32_t> class_of_row, size_t classes) {
  Reweighing result;
  result.classes = classes;
  result.cell_rows.assign(groups * classes, 0);
  std::vector<double> group_rows(groups, 0), class_rows(classes, 0);
  for (size_t row = 0; row < group_of_row.size(); ++row) {
    const size_t group = group_of_row[row];
    const size_t label = static_cast<size_t>(class_of_row[row]);
    ++result.cell_rows[group * classes + label];
    ++group_rows[group];
    ++class_rows[label];
  }
  const double rows = static_cast<double>(group_of_row.size());
  result.cell_weights.assign(groups * classes, 0);
  for (size_t group = 0; group < groups; ++group) {
    for (size_t label = 0; label < classes; ++label) {
      const double cell = static_cast<double>(result.cell_rows[group * classes + label]);
      if (cell > 0)
        result.cell_weights[group * classes + label] =
            group_rows[group] * class_rows[label] / (rows * cell);
    }
  }
  result.row_weights.resize(group_of_row.size());
  for (size_t row = 0; row < group_of_row.size(); ++row) {
    result.row_weights[row] =
        result.cell_weights[group_of_row[row] * classes + static_cast<size_t>(class_of_row[row])];
  }
  return result;
}

}  // namespace steward::fairness
