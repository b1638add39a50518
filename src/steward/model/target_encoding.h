#pragma once

#include <optional>
#include <string>
#include <vector>

#include "steward/core/column.h"
#include "steward/core/result.h"
#include "steward/core/schema.h"
#include "steward/model/model_schema.h"

namespace steward::model {

// Classification targets with more classes than this are refused: they are usually an id or
// a free-text column picked by mistake.
inline constexpr size_t kMaxClasses = 100;
// A numeric target of integers with at most this many distinct values is taken as classes by
// --task auto (e.g. a 0..9 digit), beyond it as a quantity to regress.
inline constexpr size_t kMaxIntegerClasses = 10;

// The target as XGBoost labels: class indexes (0..k-1) or the values themselves.
struct EncodedTarget {
  Task task = Task::kBinary;
  std::vector<float> labels;         // one per row; NaN where the target is missing
  std::vector<std::string> classes;  // classification: index -> label
  size_t missing = 0;
  std::string reason;  // why --task auto chose the task, for people
};

// Encodes `column` (named `name`) as labels. With `requested` unset the task is detected:
//   - 2 distinct values: binary;
//   - a non-numeric column with 3 to kMaxClasses values: multiclass;
//   - a numeric column of integers with 3 to kMaxIntegerClasses values: multiclass;
//   - any other numeric column: regression.
// Class labels are the values as text, sorted (numbers by value, other labels by bytes); for
// binary the second is positive unless `positive` names one. Fails with kInvalidArgument
// naming the column when the target cannot serve the task (one value, too many classes, text
// for regression, a timestamp).
Result<EncodedTarget> EncodeTarget(const Column& column, const std::string& name,
                                   std::optional<Task> requested, const std::string& positive);

}  // namespace steward::model

namespace steward::model {

// Labels of `column` for a model already defined by `schema` (a separate validation file):
// class labels are looked up in schema.classes. Fails with kInvalidArgument naming `source`,
// the row and the value for a class the schema lacks or a non-number for regression.
// Missing targets give NaN.
Result<std::vector<float>> EncodeKnownTarget(const Column& column, const ModelSchema& schema,
                                             const std::string& source);

}  // namespace steward::model
