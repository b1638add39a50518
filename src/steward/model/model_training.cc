#include "steward/model/model_training.h"

#include <chrono>
#include <cmath>
#include <numeric>

#include "steward/fairness/grouping.h"
#include "steward/fairness/reweighing.h"
#include "steward/model/data_split.h"
#include "steward/model/feature_matrix.h"
#include "steward/model/linear_baseline.h"
#include "steward/model/target_encoding.h"
#include "steward/model/validation_metrics.h"

namespace steward::model {
namespace {

// SHAP values are averaged over at most this many evaluation rows.
constexpr size_t kShapRows = 2'000;

Result<std::vector<float>> ReadWeights(const Table& table, const ModelSchema& schema,
                                       std::span<const uint32_t> rows, const std::string& source) {
  if (schema.weight_column.empty())
    return std::vector<float>{};
  STEWARD_ASSIGN_OR_RETURN(const Column* column, table.ColumnByName(schema.weight_column));
  if (column->kind() != ColumnKind::kNumeric) {
    return Status::InvalidArgument(source + ": weight column '" + schema.weight_column +
                                   "' must be numeric");
  }
  std::vector<float> weights;
  weights.reserve(rows.size());
  for (uint32_t row : rows) {
    const double weight = column->numeric()[row];
    if (!std::isfinite(weight) || weight < 0) {
      return Status::InvalidArgument(
          source + ": row " + std::to_string(row + 1) + ", weight column '" + schema.weight_column +
          "': expected a finite number >= 0, got " +
          (std::isnan(weight) ? "a missing value" : column->ValueToString(row)));
    }
    weights.push_back(static_cast<float>(weight));
  }
  return weights;
}

// The labelled rows `rows` of `table`.
Result<LabelledMatrix> Gather(const Table& table, const ModelSchema& schema,
                              std::span<const float> labels, std::span<const uint32_t> rows,
                              const std::string& source, unsigned threads) {
  LabelledMatrix result;
  STEWARD_ASSIGN_OR_RETURN(result.features, BuildMatrix(table, schema, rows, source, threads));
  result.labels.reserve(rows.size());
  for (uint32_t row : rows)
    result.labels.push_back(labels[row]);
  STEWARD_ASSIGN_OR_RETURN(result.weights, ReadWeights(table, schema, rows, source));
  return result;
}

// Multiplies Kamiran-Calders weights for the groups of `columns` into `train`'s weights and
// describes them.
Result<nlohmann::json> Reweigh(const Table& table, const ModelSchema& schema,
                               const std::vector<std::string>& columns,
                               std::span<const uint32_t> rows, LabelledMatrix& train,
                               const std::string& source) {
  if (schema.task == Task::kRegression)
    return Status::InvalidArgument("--reweigh applies to classification targets only");
  const std::vector<size_t> table_rows(rows.begin(), rows.end());
  STEWARD_ASSIGN_OR_RETURN(
      fairness::Grouping grouping,
      fairness::GroupRows(table, columns, columns.size() > 1, source, table_rows));
  const fairness::Attribute& attribute = grouping.attributes.back();
  std::vector<uint32_t> group_of_row(rows.size());
  for (size_t i = 0; i < rows.size(); ++i)
    group_of_row[i] = attribute.group_of_combined[grouping.combined_of_row[i]];
  const std::vector<int32_t> classes(train.labels.begin(), train.labels.end());
  const fairness::Reweighing weights =
      fairness::Reweigh(group_of_row, attribute.groups.size(), classes, schema.classes.size());
  if (train.weights.empty())
    train.weights.assign(rows.size(), 1.0f);
  for (size_t i = 0; i < rows.size(); ++i)
    train.weights[i] *= static_cast<float>(weights.row_weights[i]);
  nlohmann::json cells = nlohmann::json::array();
  for (size_t group = 0; group < attribute.groups.size(); ++group) {
    for (size_t label = 0; label < schema.classes.size(); ++label) {
      const size_t cell = group * schema.classes.size() + label;
      cells.push_back({{"group", attribute.groups[group]},
                       {"class", schema.classes[label]},
                       {"rows", weights.cell_rows[cell]},
                       {"weight", weights.cell_weights[cell]}});
    }
  }
  return nlohmann::json{{"method", "Kamiran-Calders reweighing"},
                        {"columns", columns},
                        {"training_rows", rows.size()},
                        {"weights", std::move(cells)}};
}

std::vector<uint32_t> LabelledRows(std::span<const float> labels) {
  std::vector<uint32_t> rows;
  for (size_t row = 0; row < labels.size(); ++row) {
    if (!std::isnan(labels[row]))
      rows.push_back(static_cast<uint32_t>(row));
  }
  return rows;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Evaluation {
  TrainedBooster booster;
  double boost_seconds = 0;
  double baseline_seconds = 0;
  nlohmann::json booster_metrics;
  nlohmann::json baseline;
  std::vector<float> predictions;  // the booster's, on the judged rows
};

size_t ClassCount(const ModelSchema& schema) {
  return schema.task == Task::kMulticlass ? schema.classes.size() : 1;
}

Result<Evaluation> FitAndEvaluate(const LabelledMatrix& train, const LabelledMatrix* valid,
                                  const ModelSchema& schema,
                                  const BoosterTrainingOptions& options) {
  Evaluation evaluation;
  auto start = std::chrono::steady_clock::now();
  STEWARD_ASSIGN_OR_RETURN(evaluation.booster, TrainBooster(train, valid, schema, options));
  evaluation.boost_seconds = SecondsSince(start);
  const LabelledMatrix& judged = valid != nullptr ? *valid : train;
  STEWARD_ASSIGN_OR_RETURN(std::vector<float> predictions,
                           xgb::PredictDense(evaluation.booster.booster.get(), judged.features));
  evaluation.booster_metrics =
      EvaluatePredictions(schema.task, judged.labels, predictions, ClassCount(schema),
                          schema.threshold, judged.weights);
  evaluation.predictions = std::move(predictions);
  start = std::chrono::steady_clock::now();
  Result<LinearBaseline> baseline =
      LinearBaseline::Fit(schema, train.features, train.labels, train.weights);
  if (baseline.ok()) {
    evaluation.baseline =
        EvaluatePredictions(schema.task, judged.labels, baseline->Predict(judged.features),
                            ClassCount(schema), schema.threshold, judged.weights);
    evaluation.baseline["model"] = baseline->Describe();
  } else if (baseline.status().code() == StatusCode::kFailedPrecondition) {
    evaluation.baseline = {{"skipped", baseline.status().message()}};
  } else {
    return baseline.status();
  }
  evaluation.baseline_seconds = SecondsSince(start);
  return evaluation;
}

// Gain per feature from XGBoost, and the mean |SHAP value| over the evaluation rows.
Result<nlohmann::json> Explain(const TrainedBooster& trained, const ModelSchema& schema,
                               const LabelledMatrix& judged, unsigned threads) {
  STEWARD_ASSIGN_OR_RETURN(std::vector<xgb::FeatureScore> gains,
                           xgb::FeatureScores(trained.booster.get(), "gain"));
  xgb::DenseMatrix sample = judged.features;
  sample.rows = std::min(sample.rows, kShapRows);
  sample.values.resize(sample.rows * sample.columns);
  STEWARD_ASSIGN_OR_RETURN(xgb::DMatrixPtr dmatrix,
                           xgb::MakeDMatrix(sample, {}, {}, schema.FeatureTypes(), threads));
  STEWARD_ASSIGN_OR_RETURN(std::vector<float> contributions,
                           xgb::Contributions(trained.booster.get(), dmatrix.get()));
  const size_t width = schema.features.size() + 1;
  std::vector<double> mean_abs(schema.features.size(), 0.0);
  for (size_t at = 0; at < contributions.size(); ++at) {
    const size_t feature = at % width;
    if (feature + 1 < width)
      mean_abs[feature] += std::abs(contributions[at]);
  }
  nlohmann::json features = nlohmann::json::array();
  for (size_t index = 0; index < schema.features.size(); ++index) {
    double gain = 0;
    for (const xgb::FeatureScore& score : gains) {
      if (score.feature == schema.features[index].name)
        gain = score.score;
    }
    features.push_back(
        {{"name", schema.features[index].name},
         {"gain", gain},
         {"mean_abs_shap", sample.rows > 0 ? mean_abs[index] / double(sample.rows) : 0.0}});
  }
  return nlohmann::json{{"format", "steward.explain/1"},
                        {"importance_type", "gain"},
                        {"shap",
                         {{"rows", sample.rows},
                          {"method", "exact TreeSHAP (XGBoost pred_contribs), margin scale"},
                          {"classes_summed", schema.task == Task::kMulticlass}}},
                        {"features", std::move(features)}};
}

nlohmann::json MeanAndDeviation(const std::vector<double>& values) {
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
  double squares = 0;
  for (double value : values)
    squares += (value - mean) * (value - mean);
  const double deviation = values.size() > 1 ? std::sqrt(squares / double(values.size() - 1)) : 0.0;
  return {{"mean", mean}, {"sd", deviation}, {"folds", values}};
}

Result<nlohmann::json> CrossValidate(const Table& table, const ModelSchema& schema,
                                     std::span<const float> labels, std::span<const uint32_t> rows,
                                     const TrainRequest& request,
                                     const BoosterTrainingOptions& options) {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<RowSplit> folds,
      StratifiedFolds(rows, schema.task == Task::kRegression ? std::span<const float>{} : labels,
                      request.cv_folds, request.seed));
  const auto [headline, unused] = HeadlineMetric(schema.task);
  std::vector<double> booster_scores;
  std::vector<double> baseline_scores;
  std::vector<double> rounds;
  BoosterTrainingOptions quiet = options;
  quiet.on_round = nullptr;
  for (const RowSplit& fold : folds) {
    STEWARD_ASSIGN_OR_RETURN(LabelledMatrix train, Gather(table, schema, labels, fold.train,
                                                          request.source, request.threads));
    STEWARD_ASSIGN_OR_RETURN(LabelledMatrix valid, Gather(table, schema, labels, fold.valid,
                                                          request.source, request.threads));
    STEWARD_ASSIGN_OR_RETURN(Evaluation evaluation, FitAndEvaluate(train, &valid, schema, quiet));
    booster_scores.push_back(evaluation.booster_metrics.value(headline, std::nan("")));
    if (evaluation.baseline.contains(headline))
      baseline_scores.push_back(evaluation.baseline[headline].get<double>());
    rounds.push_back(evaluation.booster.best_iteration + 1);
  }
  nlohmann::json result = {{"folds", request.cv_folds},
                           {"metric", headline},
                           {"booster", MeanAndDeviation(booster_scores)},
                           {"rounds", MeanAndDeviation(rounds)}};
  if (baseline_scores.size() == folds.size())
    result["baseline"] = MeanAndDeviation(baseline_scores);
  return result;
}

}  // namespace

Result<TrainOutcome> TrainModel(const Table& table, const TrainRequest& request,
                                const Table* valid_table) {
  TrainOutcome outcome;
  if (request.roles.target.empty())
    return Status::InvalidArgument("train needs --target COLUMN");
  STEWARD_ASSIGN_OR_RETURN(outcome.schema, PlanFeatures(table, request.roles, outcome.warnings));
  ModelSchema& schema = outcome.schema;
  STEWARD_ASSIGN_OR_RETURN(const Column* target_column, table.ColumnByName(request.roles.target));
  if (!request.positive.empty() && request.task && *request.task != Task::kBinary)
    return Status::InvalidArgument("--positive applies to binary targets only");
  STEWARD_ASSIGN_OR_RETURN(EncodedTarget target, EncodeTarget(*target_column, request.roles.target,
                                                              request.task, request.positive));
  if (!request.positive.empty() && target.task != Task::kBinary)
    return Status::InvalidArgument("--positive applies to binary targets only");
  if (!(request.threshold >= 0 && request.threshold <= 1))
    return Status::InvalidArgument("--threshold must be between 0 and 1");
  schema.task = target.task;
  schema.classes = target.classes;
  schema.threshold = request.threshold;
  outcome.task_reason = target.reason;
  outcome.dropped_rows = target.missing;
  if (target.missing > 0) {
    outcome.warnings.push_back(std::to_string(target.missing) + " rows without a value of '" +
                               schema.target + "' were left out");
  }
  const std::vector<uint32_t> labelled = LabelledRows(target.labels);
  const std::span<const float> strata =
      schema.task == Task::kRegression ? std::span<const float>{} : target.labels;

  const auto prepare_start = std::chrono::steady_clock::now();
  BoosterTrainingOptions options{request.params, request.threads, request.seed, request.on_round};
  std::vector<uint32_t> train_rows = labelled;
  std::optional<LabelledMatrix> valid;
  nlohmann::json split = {{"seed", request.seed}};
  if (valid_table != nullptr) {
    STEWARD_ASSIGN_OR_RETURN(const Column* column, valid_table->ColumnByName(schema.target));
    STEWARD_ASSIGN_OR_RETURN(std::vector<float> valid_labels,
                             EncodeKnownTarget(*column, schema, request.valid_source));
    STEWARD_ASSIGN_OR_RETURN(valid,
                             Gather(*valid_table, schema, valid_labels, LabelledRows(valid_labels),
                                    request.valid_source, request.threads));
    split["method"] = "validation file";
    split["validation_source"] = request.valid_source;
  } else if (request.valid_fraction > 0) {
    STEWARD_ASSIGN_OR_RETURN(
        RowSplit rows, StratifiedSplit(labelled, strata, request.valid_fraction, request.seed));
    train_rows = std::move(rows.train);
    STEWARD_ASSIGN_OR_RETURN(
        valid, Gather(table, schema, target.labels, rows.valid, request.source, request.threads));
    outcome.valid_row_index = rows.valid;
    split["method"] = strata.empty() ? "random" : "stratified by class";
    split["valid_fraction"] = request.valid_fraction;
  } else {
    split["method"] = "none: metrics are on the training rows";
    outcome.warnings.push_back("no validation rows: metrics are measured on the training data");
  }
  STEWARD_ASSIGN_OR_RETURN(LabelledMatrix train, Gather(table, schema, target.labels, train_rows,
                                                        request.source, request.threads));
  if (!request.reweigh.empty()) {
    STEWARD_ASSIGN_OR_RETURN(outcome.reweighing, Reweigh(table, schema, request.reweigh, train_rows,
                                                         train, request.source));
  }
  outcome.train_rows = train.labels.size();
  outcome.valid_rows = valid ? valid->labels.size() : 0;
  if (valid && valid->labels.empty())
    return Status::InvalidArgument(request.valid_source + ": no rows with a target value");
  split["train_rows"] = outcome.train_rows;
  split["valid_rows"] = outcome.valid_rows;

  outcome.seconds["prepare"] = SecondsSince(prepare_start);

  const LabelledMatrix* valid_matrix = valid ? &*valid : nullptr;
  STEWARD_ASSIGN_OR_RETURN(Evaluation evaluation,
                           FitAndEvaluate(train, valid_matrix, schema, options));
  outcome.seconds["dmatrix"] = evaluation.booster.dmatrix_seconds;
  outcome.seconds["boost"] = evaluation.boost_seconds - evaluation.booster.dmatrix_seconds;
  outcome.seconds["baseline"] = evaluation.baseline_seconds;
  outcome.booster = std::move(evaluation.booster);
  if (!outcome.valid_row_index.empty()) {
    outcome.valid_labels = valid->labels;
    outcome.valid_predictions = std::move(evaluation.predictions);
  }
  const TrainedBooster& booster = outcome.booster;
  for (const std::string& message : booster.xgboost_warnings)
    outcome.warnings.push_back("xgboost: " + message);
  const auto explain_start = std::chrono::steady_clock::now();
  STEWARD_ASSIGN_OR_RETURN(outcome.explain,
                           Explain(booster, schema, valid ? *valid : train, request.threads));
  outcome.seconds["explain"] = SecondsSince(explain_start);

  nlohmann::json booster_metrics = std::move(evaluation.booster_metrics);
  booster_metrics["best_iteration"] = booster.best_iteration;
  booster_metrics["rounds_run"] = booster.rounds_run;
  booster_metrics["stopped_early"] = booster.stopped_early;
  nlohmann::json xgboost_eval = {{"metric", booster.stopping_metric}, {"history", booster.history}};
  if (booster.best_score)
    xgboost_eval["best_score"] = *booster.best_score;
  const auto [headline, larger_is_better] = HeadlineMetric(schema.task);
  outcome.metrics = {{"format", "steward.metrics/1"},
                     {"task", TaskName(schema.task)},
                     {"evaluated_on", valid ? "validation" : "training"},
                     {"headline_metric", headline},
                     {"larger_is_better", larger_is_better},
                     {"split", std::move(split)},
                     {"booster", std::move(booster_metrics)},
                     {"baseline", std::move(evaluation.baseline)},
                     {"xgboost_evaluation", std::move(xgboost_eval)},
                     {"weighted", !(valid ? *valid : train).weights.empty()}};
  if (request.cv_folds > 0) {
    const auto cv_start = std::chrono::steady_clock::now();
    STEWARD_ASSIGN_OR_RETURN(
        outcome.metrics["cross_validation"],
        CrossValidate(table, schema, target.labels, labelled, request, options));
    outcome.seconds["cv"] = SecondsSince(cv_start);
  }
  return outcome;
}

}  // namespace steward::model
