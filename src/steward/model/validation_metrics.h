#pragma once

#include <span>

#include <nlohmann/json.hpp>

#include "steward/model/model_schema.h"

namespace steward::model {

// The few metrics metrics.json reports for a model on labelled rows, computed by the metrics
// module (equal to scikit-learn's) and weighted by `weights` when not empty:
//   binary:     auc, logloss, accuracy at `threshold`
//   multiclass: mlogloss, accuracy (most probable class)
//   regression: rmse, mae, r2
// `predictions` are probabilities of class 1 (binary), rows x classes probabilities
// (multiclass) or values (regression). An undefined metric is null; input the metrics module
// refuses gives {"rows", "error"}.
// REQUIRES: labels are class indexes for classification; sizes agree; labels not empty.
nlohmann::json EvaluatePredictions(Task task, std::span<const float> labels,
                                   std::span<const float> predictions, size_t classes,
                                   double threshold, std::span<const float> weights = {});

// The metric early stopping and the comparison use for `task`: auc, mlogloss or rmse, and
// whether larger is better.
std::pair<const char*, bool> HeadlineMetric(Task task);

}  // namespace steward::model
