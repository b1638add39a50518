#pragma once
// What the model answered for each current row, and the label that arrived for it later: the
// input of performance monitoring. Built from a data file the model scores now, or from the
// prediction log (what the server answered then).

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "steward/core/table.h"
#include "steward/fairness/audit.h"

namespace steward::monitor {

inline constexpr double kNoLabel = std::numeric_limits<double>::quiet_NaN();

struct ScoredRows {
  fairness::AuditTask task = fairness::AuditTask::kBinary;
  std::vector<std::string> classes;  // classification: index -> label; binary: 1 is positive
  double threshold = 0.5;            // binary: class 1 when its probability is at least this
  size_t width = 1;                  // values per row: the classes for multiclass, else 1
  std::vector<double> values;        // rows x width: P(class 1), P(each class), or the value
  std::vector<int32_t> predicted;    // classification: the class the model answered
  std::vector<double> labels;        // class index or target value; kNoLabel: none arrived
  std::vector<std::string> ids;      // join key of each row; empty when labels are not joined
  // UTC microseconds per row (kMissingTimestamp: unknown); empty: the rows have no time.
  std::vector<int64_t> times_us;
  // The sensitive columns found for these rows, one categorical column each (values as text).
  Table sensitive;
  std::vector<std::string> notes;  // sensitive columns not found, and why

  size_t rows() const {
    return task == fairness::AuditTask::kMulticlass ? values.size() / width : values.size();
  }
};

}  // namespace steward::monitor
