#include "steward/model/booster_trainer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>

#include "steward/core/thread_pool.h"

namespace steward::model {
namespace {

constexpr std::array<std::string_view, 7> kRegressionObjectives = {
    "reg:squarederror", "reg:squaredlogerror", "reg:pseudohubererror", "reg:absoluteerror",
    "count:poisson",    "reg:gamma",           "reg:tweedie"};

bool Maximised(std::string_view metric) {
  // Python XGBoost's EarlyStopping list of metrics where larger is better.
  for (std::string_view prefix : {"auc", "aucpr", "map", "ndcg", "pre"}) {
    if (metric == prefix || (metric.substr(0, prefix.size()) == prefix &&
                             metric.size() > prefix.size() && metric[prefix.size()] == '@')) {
      return true;
    }
  }
  return false;
}

Status CheckObjective(Task task, const std::string& objective) {
  bool fits = false;
  switch (task) {
    case Task::kBinary:
      fits = objective == "binary:logistic";
      break;
    case Task::kMulticlass:
      fits = objective == "multi:softprob";
      break;
    case Task::kRegression:
      fits = std::find(kRegressionObjectives.begin(), kRegressionObjectives.end(), objective) !=
             kRegressionObjectives.end();
      break;
  }
  if (fits)
    return Status::Ok();
  return Status::InvalidArgument(
      "objective '" + objective + "' does not fit a " + std::string(TaskName(task)) +
      " task (binary: binary:logistic; multiclass: multi:softprob; regression: reg:* or "
      "count:poisson)");
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> BoosterParams(
    const ModelSchema& schema, const BoosterTrainingOptions& options) {
  const TrainingParams& user = options.params;
  std::vector<std::pair<std::string, std::string>> params;
  std::string objective = user.Find("objective");
  std::string metric;
  switch (schema.task) {
    case Task::kBinary:
      metric = "logloss";
      if (objective.empty())
        objective = "binary:logistic";
      break;
    case Task::kMulticlass:
      metric = "mlogloss";
      if (objective.empty())
        objective = "multi:softprob";
      params.emplace_back("num_class", std::to_string(schema.classes.size()));
      break;
    case Task::kRegression:
      metric = "rmse";
      if (objective.empty())
        objective = "reg:squarederror";
      break;
  }
  STEWARD_RETURN_IF_ERROR(CheckObjective(schema.task, objective));
  const std::string tree_method = user.Find("tree_method");
  const bool categorical = std::any_of(schema.features.begin(), schema.features.end(),
                                       [](const ModelFeature& f) { return f.categorical(); });
  if (categorical && !tree_method.empty() && tree_method != "hist" && tree_method != "approx") {
    return Status::InvalidArgument("tree_method '" + tree_method +
                                   "' cannot split categorical features natively; use hist "
                                   "or approx");
  }
  if (user.Find("objective").empty())
    params.emplace_back("objective", objective);
  if (tree_method.empty())
    params.emplace_back("tree_method", "hist");
  if (user.Find("eval_metric").empty())
    params.emplace_back("eval_metric", metric);
  // As Python XGBoost does: XGBoost then warns about parameters it does not know (a typo).
  params.emplace_back("validate_parameters", "1");
  params.emplace_back("seed", std::to_string(options.seed));
  params.emplace_back("nthread", std::to_string(ResolveThreadCount(options.threads)));
  params.insert(params.end(), user.booster.begin(), user.booster.end());
  return params;
}

Result<std::vector<std::pair<std::string, double>>> ParseEvaluation(std::string_view text) {
  std::vector<std::pair<std::string, double>> results;
  size_t at = text.find('\t');
  while (at != std::string_view::npos) {
    const size_t begin = at + 1;
    at = text.find('\t', begin);
    std::string_view entry = text.substr(begin, at == std::string_view::npos ? at : at - begin);
    const size_t colon = entry.rfind(':');
    if (colon == std::string_view::npos)
      return Status::Internal("unexpected XGBoost evaluation text: " + std::string(text));
    double value = 0;
    std::string_view number = entry.substr(colon + 1);
    auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (error != std::errc() && !(number == "nan" || number == "-nan")) {
      return Status::Internal("unexpected XGBoost evaluation value: " + std::string(text));
    }
    if (error != std::errc())
      value = std::nan("");
    results.emplace_back(std::string(entry.substr(0, colon)), value);
  }
  return results;
}

Result<TrainedBooster> TrainBooster(const LabelledMatrix& train, const LabelledMatrix* valid,
                                    const ModelSchema& schema,
                                    const BoosterTrainingOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  xgb::TakeLogMessages();  // starts capturing; drops anything older
  const unsigned threads = ResolveThreadCount(options.threads);
  const std::vector<std::string> types = schema.FeatureTypes();
  STEWARD_ASSIGN_OR_RETURN(
      xgb::DMatrixPtr train_matrix,
      xgb::MakeDMatrix(train.features, train.labels, train.weights, types, threads));
  xgb::DMatrixPtr valid_matrix;
  if (valid != nullptr) {
    STEWARD_ASSIGN_OR_RETURN(valid_matrix, xgb::MakeDMatrix(valid->features, valid->labels,
                                                            valid->weights, types, threads));
  }
  std::vector<void*> cache = {train_matrix.get()};
  if (valid_matrix)
    cache.push_back(valid_matrix.get());
  STEWARD_ASSIGN_OR_RETURN(xgb::BoosterPtr booster, xgb::MakeBooster(cache));

  TrainedBooster result;
  result.dmatrix_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  STEWARD_ASSIGN_OR_RETURN(result.params, BoosterParams(schema, options));
  for (const auto& [name, value] : result.params)
    STEWARD_RETURN_IF_ERROR(xgb::SetParam(booster.get(), name, value));

  const int total = options.params.num_boost_round;
  const int patience = options.params.early_stopping_rounds;
  std::vector<void*> eval_sets;
  if (valid_matrix)
    eval_sets.push_back(valid_matrix.get());
  const std::vector<std::string> eval_names = {"valid"};
  bool maximise = false;
  int since_best = 0;
  for (int round = 0; round < total; ++round) {
    STEWARD_RETURN_IF_ERROR(xgb::UpdateOneIter(booster.get(), round, train_matrix.get()));
    result.rounds_run = round + 1;
    RoundProgress progress{round, total, "", 0, result.best_iteration, 0};
    if (!eval_sets.empty()) {
      STEWARD_ASSIGN_OR_RETURN(std::string text,
                               xgb::EvalOneIter(booster.get(), round, eval_sets, eval_names));
      STEWARD_ASSIGN_OR_RETURN(auto evaluation, ParseEvaluation(text));
      if (evaluation.empty())
        return Status::Internal("XGBoost evaluated no metric: " + text);
      for (const auto& [name, value] : evaluation)
        result.history[name].push_back(value);
      const auto& [metric, value] = evaluation.back();
      if (round == 0) {
        result.stopping_metric = metric;
        maximise = Maximised(metric.substr(metric.find('-') + 1));
      }
      const bool better = !result.best_score ||
                          (maximise ? value > *result.best_score : value < *result.best_score);
      if (better) {
        result.best_score = value;
        result.best_iteration = round;
        since_best = 0;
      } else {
        ++since_best;
      }
      progress = {round, total, metric, value, result.best_iteration, *result.best_score};
    } else {
      result.best_iteration = round;
    }
    if (options.on_round)
      options.on_round(progress);
    if (!eval_sets.empty() && patience > 0 && since_best >= patience) {
      result.stopped_early = true;
      break;
    }
  }
  if (!eval_sets.empty() && patience > 0 && result.best_iteration + 1 < result.rounds_run) {
    STEWARD_ASSIGN_OR_RETURN(booster, xgb::Slice(booster.get(), result.best_iteration + 1));
  } else {
    result.best_iteration = result.rounds_run - 1;
    if (!result.stopping_metric.empty())
      result.best_score = result.history[result.stopping_metric].back();
  }
  STEWARD_RETURN_IF_ERROR(
      xgb::SetFeatureInfo(booster.get(), "feature_name", schema.FeatureNames()));
  STEWARD_RETURN_IF_ERROR(xgb::SetFeatureInfo(booster.get(), "feature_type", types));
  STEWARD_RETURN_IF_ERROR(
      xgb::SetAttr(booster.get(), "best_iteration", std::to_string(result.best_iteration)));
  STEWARD_ASSIGN_OR_RETURN(result.model_json, xgb::SaveJson(booster.get()));
  result.xgboost_warnings = xgb::TakeLogMessages();
  result.booster = std::move(booster);
  return result;
}

}  // namespace steward::model
