#pragma once

#include <span>

#include <nlohmann/json.hpp>

#include "steward/model/model_schema.h"

namespace steward::model {

// The few metrics metrics.json reports for a model on labelled rows, unweighted:
//   binary:     auc (ties get the average rank), logloss, accuracy at `threshold`
//   multiclass: mlogloss, accuracy (most probable class)
//   regression: rmse, mae, r2
// `predictions` are probabilities of class 1 (binary), rows x classes probabilities
// (multiclass) or values (regression). Log-losses clip probabilities to [1e-15, 1 - 1e-15]
// as scikit-learn does. Kept in this one file so the metrics module can replace it.
// REQUIRES: labels are class indexes for classification; sizes agree; labels not empty.
nlohmann::json EvaluatePredictions(Task task, std::span<const float> labels,
                                   std::span<const float> predictions, size_t classes,
                                   double threshold);

// The metric early stopping and the comparison use for `task`: auc, mlogloss or rmse, and
// whether larger is better.
std::pair<const char*, bool> HeadlineMetric(Task task);

}  // namespace steward::model
