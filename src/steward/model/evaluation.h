#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/model/model_schema.h"
#include "steward/model/predictor.h"

namespace steward::model {

struct EvaluateOptions {
  std::string slice_column;  // empty: no slices
  size_t max_slices = 100;   // a slice column with more distinct values is refused
  // Binary: also the ROC curve (one point per distinct score), which reports draw; off by
  // default because it grows with the data.
  bool roc_curve = false;
};

// Fails naming `source` when `table` lacks the target or the slice column; worth calling
// before predicting.
Status CheckEvaluable(const ModelSchema& schema, const Table& table, const std::string& source,
                      const EvaluateOptions& options);

// The metrics (docs/formats/metrics.md, steward.metrics/1) of `predictions`, made from
// `table` by a model with `schema`, against the table's target column: every metric of the
// task, weighted by the schema's weight column when the table has it, and per value of
// options.slice_column. Rows whose target is missing are left out and counted
// ("rows_without_target"). Fails naming `source` when the target or slice column is absent,
// a target value is not a class of the model, or no row has a target.
Result<nlohmann::json> EvaluatePredictions(const ModelSchema& schema, const Table& table,
                                           const Predictions& predictions,
                                           const std::string& source,
                                           const EvaluateOptions& options);

}  // namespace steward::model
