#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/model/model_schema.h"
#include "steward/model/training_params.h"
#include "steward/model/xgboost_api.h"

namespace steward::model {

// Rows ready for XGBoost: features, labels and optional weights.
struct LabelledMatrix {
  xgb::DenseMatrix features;
  std::vector<float> labels;
  std::vector<float> weights;  // empty: all rows weigh 1
};

// Reported after each boosting round, for progress displays.
struct RoundProgress {
  int round = 0;       // 0-based
  int total = 0;       // the most rounds that may run
  std::string metric;  // e.g. "valid-logloss"; empty without validation data
  double value = 0;    // this round's value of `metric`
  int best_round = 0;
  double best_value = 0;
};
using RoundCallback = std::function<void(const RoundProgress&)>;

struct BoosterTrainingOptions {
  TrainingParams params;
  unsigned threads = 0;  // 0: one per core
  uint64_t seed = 0;
  RoundCallback on_round;  // may be empty
};

// A trained booster, cut to its best round when early stopping ran.
struct TrainedBooster {
  xgb::BoosterPtr booster;
  std::string model_json;  // XGBoost JSON of `booster`
  int rounds_run = 0;
  int best_iteration = 0;  // 0-based; the model keeps rounds 0..best_iteration
  bool stopped_early = false;
  std::string stopping_metric;  // e.g. "valid-logloss"; empty without validation
  std::optional<double> best_score;
  // XGBoost's evaluation per round, by "set-metric" (e.g. "train-logloss").
  std::map<std::string, std::vector<double>> history;
  std::vector<std::pair<std::string, std::string>> params;  // every parameter set
  double dmatrix_seconds = 0;                 // copying the matrices into XGBoost's DMatrix
  std::vector<std::string> xgboost_warnings;  // XGBoost's log messages while training
};

// The parameters Steward sets for `schema`'s task before the user's: objective, num_class,
// tree_method=hist (native categorical splits), a default evaluation metric,
// validate_parameters, seed and nthread.
// Fails if the user's objective does not fit the task, or tree_method cannot handle the
// categorical features.
Result<std::vector<std::pair<std::string, std::string>>> BoosterParams(
    const ModelSchema& schema, const BoosterTrainingOptions& options);

// Boosts up to params.num_boost_round rounds on `train`. With `valid`, each round is evaluated
// on it and training stops after params.early_stopping_rounds rounds without improving the
// last evaluation metric (as Python XGBoost's early stopping: strict improvement; auc, aucpr,
// map, ndcg and pre are maximised), and the model is cut to the best round. Feature names and
// types from `schema` are saved in the model. Deterministic for the same inputs and seed.
Result<TrainedBooster> TrainBooster(const LabelledMatrix& train, const LabelledMatrix* valid,
                                    const ModelSchema& schema,
                                    const BoosterTrainingOptions& options);

// Parses one XGBoosterEvalOneIter line ("[3]\ttrain-logloss:0.4\tvalid-auc:0.9") into
// ("train-logloss", 0.4), ("valid-auc", 0.9) in order.
Result<std::vector<std::pair<std::string, double>>> ParseEvaluation(std::string_view text);

}  // namespace steward::model
