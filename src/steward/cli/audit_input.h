#pragma once

#include <span>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/fairness/audit.h"
#include "steward/model/model_schema.h"
#include "steward/model/predictor.h"

namespace steward::cli {

// The fairness audit that fits a model's task.
fairness::AuditTask AuditTaskOf(model::Task task);

// What a model's predictions on a table give an audit: the rows that have a target, with
// their labels and predictions.
struct ModelAuditData {
  fairness::AuditData data;
  std::vector<size_t> rows;  // table row of each audited row
  size_t rows_without_target = 0;
};

// Pairs `predictions` (one per row of `table`) with the table's target column, encoded as the
// model defines it. `exact_values`, when given, replaces predictions.values for regression:
// the numbers as read from a file, which float would round. Fails naming `source` when the
// target column is absent or holds a class the model does not know.
Result<ModelAuditData> AuditDataFromPredictions(const model::ModelSchema& schema,
                                                const Table& table,
                                                const model::Predictions& predictions,
                                                const std::string& source,
                                                std::span<const double> exact_values = {});

// Predictions read from a file: as the model's type, and the values exactly as written.
struct FilePredictions {
  model::Predictions predictions;
  std::vector<double> values;
};

// Reads back predictions that `steward predict` wrote for a model with `schema`: the columns
// `class` (and `probability` for binary) or `prediction`. `rows` is the number of rows of the
// data they were made from; a file with another count is refused, as its rows would be paired
// with the wrong people.
Result<FilePredictions> PredictionsFromTable(const model::ModelSchema& schema,
                                             const Table& predictions, size_t rows,
                                             const std::string& source);

}  // namespace steward::cli
