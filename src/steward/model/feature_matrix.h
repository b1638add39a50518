#pragma once

#include <span>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/model/model_schema.h"
#include "steward/model/xgboost_api.h"

namespace steward::model {

// What turning a table into model input noticed, for the prediction summary.
struct InputNotes {
  // Per categorical feature: values whose label the training data never had, now missing.
  std::vector<std::pair<std::string, size_t>> unseen_categories;
  std::vector<std::string> extra_columns;  // columns of the table the model does not use
};

// The rows `rows` (all rows when empty) of `table` as XGBoost input: one float32 column per
// schema feature, NaN where missing. Categorical values are mapped by label to the schema's
// codes, so a table read with another dictionary gets the training codes; a label the schema
// lacks becomes missing and is counted in `notes`. A column of another kind is converted when
// its values allow (numbers written as text, 0/1 for booleans). Fails with kInvalidArgument
// naming `source` and the column for a missing feature column, and also the row (1-based) for
// a value of the wrong type. Uses up to `threads` threads (0: one per core).
Result<xgb::DenseMatrix> BuildMatrix(const Table& table, const ModelSchema& schema,
                                     std::span<const uint32_t> rows, const std::string& source,
                                     unsigned threads, InputNotes* notes = nullptr);

}  // namespace steward::model
