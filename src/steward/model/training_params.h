#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "steward/core/result.h"

namespace steward::model {

// XGBoost parameters and the boosting schedule, from a --params JSON file such as
//   {"max_depth": 4, "eta": 0.1, "eval_metric": ["logloss", "auc"],
//    "num_boost_round": 300, "early_stopping_rounds": 20}
struct TrainingParams {
  // Passed to XGBoosterSetParam in this order; numbers in their shortest exact text.
  std::vector<std::pair<std::string, std::string>> booster;
  int num_boost_round = 100;
  // Rounds without improvement of the validation metric before training stops; 0: never.
  int early_stopping_rounds = 10;

  // The value given for `name`, or "" when the file did not set it.
  std::string Find(std::string_view name) const;
};

// Parses a --params document. Values are strings, numbers or booleans (eval_metric may be an
// array of strings). Fails with kInvalidArgument naming `path` and the key for anything else,
// and for keys Steward sets itself (nthread, seed, num_class: use --threads, --seed; the task
// decides num_class) or a non-positive round count.
Result<TrainingParams> ParseTrainingParams(std::string_view text, const std::string& path);

}  // namespace steward::model
