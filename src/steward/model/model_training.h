#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/model/booster_trainer.h"
#include "steward/model/feature_plan.h"
#include "steward/model/model_schema.h"
#include "steward/model/training_params.h"

namespace steward::model {

struct TrainRequest {
  ColumnRoles roles;
  std::optional<Task> task;  // unset: detected from the target
  std::string positive;      // binary: the positive class label ("" : the second sorted)
  double threshold = 0.5;
  TrainingParams params;
  // Share of rows held out (stratified by class) for early stopping and the metrics; 0 trains
  // on every row and reports training metrics. Ignored when a validation table is given.
  double valid_fraction = 0.2;
  size_t cv_folds = 0;  // 0: no cross-validation; else K-fold on the training rows
  uint64_t seed = 0;
  unsigned threads = 0;  // 0: one per core
  RoundCallback on_round;
  // Classification: Kamiran-Calders weights making the class independent of the group of these
  // columns (together), multiplied into the training rows' weights.
  std::vector<std::string> reweigh;
  std::string source;        // the data's name, for messages
  std::string valid_source;  // the validation table's name
};

// Everything a training run produced, ready for the bundle.
struct TrainOutcome {
  ModelSchema schema;
  std::string task_reason;  // why --task auto chose schema.task
  TrainedBooster booster;
  nlohmann::json metrics;     // metrics.json
  nlohmann::json explain;     // explain.json
  nlohmann::json reweighing;  // per group and class, rows and weight; null without --reweigh
  std::vector<std::string> warnings;
  size_t train_rows = 0;
  size_t valid_rows = 0;
  size_t dropped_rows = 0;  // rows without a target value
  // The validation split of the training table (empty with --valid FILE or no split): its
  // rows, their labels and the booster's predictions on them, for audits of the split.
  std::vector<uint32_t> valid_row_index;
  std::vector<float> valid_labels;
  std::vector<float> valid_predictions;
  // Wall seconds per phase: prepare (table to float matrices), dmatrix (copy into XGBoost),
  // boost, baseline, explain, cv.
  std::map<std::string, double> seconds;
};

// Trains the booster and the linear baseline on `table` and evaluates both on the validation
// rows (a stratified split, or `valid_table` when given), with K-fold cross-validation on
// request. Rows whose target is missing are dropped (counted); a missing or negative weight
// is an error naming its row. Deterministic for the same data, request and seed.
Result<TrainOutcome> TrainModel(const Table& table, const TrainRequest& request,
                                const Table* valid_table = nullptr);

}  // namespace steward::model
