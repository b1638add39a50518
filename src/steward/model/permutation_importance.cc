#include "steward/model/permutation_importance.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "steward/metrics/binary_metrics.h"
#include "steward/metrics/multiclass_metrics.h"
#include "steward/metrics/regression_metrics.h"
#include "steward/model/feature_matrix.h"
#include "steward/model/target_encoding.h"

namespace steward::model {
namespace {

// The labelled rows' targets, in the form each metric takes.
struct Targets {
  std::vector<int32_t> classes;
  std::vector<double> values;
};

const char* MetricName(Task task) {
  switch (task) {
    case Task::kBinary:
      return "roc_auc";
    case Task::kMulticlass:
      return "log_loss";
    case Task::kRegression:
      return "rmse";
  }
  return "";
}

Result<double> Score(const ModelSchema& schema, const Targets& targets,
                     const std::vector<float>& predicted, const std::string& source) {
  const std::vector<double> values(predicted.begin(), predicted.end());
  metrics::MetricValue metric;
  if (schema.task == Task::kBinary) {
    STEWARD_ASSIGN_OR_RETURN(metrics::BinaryMetrics result,
                             metrics::ComputeBinaryMetrics({targets.classes, values, {}}));
    metric = result.roc_auc;
  } else if (schema.task == Task::kMulticlass) {
    metrics::MulticlassOptions options;
    options.roc_auc = false;
    STEWARD_ASSIGN_OR_RETURN(metrics::MulticlassMetrics result,
                             metrics::ComputeMulticlassMetrics(
                                 {targets.classes, values, schema.classes.size(), {}}, options));
    metric = result.log_loss;
  } else {
    STEWARD_ASSIGN_OR_RETURN(metrics::RegressionMetrics result,
                             metrics::ComputeRegressionMetrics({targets.values, values, {}}));
    metric = result.rmse;
  }
  if (!metric.defined()) {
    return Status::InvalidArgument(source + ": permutation importance needs " +
                                   MetricName(schema.task) +
                                   ", which is undefined here: " + metric.reason());
  }
  return metric.value();
}

// ROC AUC falls when a feature matters; log-loss and RMSE rise.
double Loss(Task task, double baseline, double shuffled) {
  return task == Task::kBinary ? baseline - shuffled : shuffled - baseline;
}

}  // namespace

Result<PermutationImportance> ComputePermutationImportance(
    const Predictor& predictor, const Table& table, const std::string& source, size_t repeats,
    uint64_t seed, const std::function<void(uint64_t done, uint64_t total)>& on_step) {
  const ModelSchema& schema = predictor.schema();
  const std::optional<size_t> target = table.schema().Find(schema.target);
  if (!target) {
    return Status::InvalidArgument(source +
                                   ": permutation importance needs the model's target "
                                   "column '" +
                                   schema.target + "', which is not in the data");
  }
  STEWARD_ASSIGN_OR_RETURN(std::vector<float> labels,
                           EncodeKnownTarget(table.column(*target), schema, source));
  std::vector<uint32_t> rows;
  Targets targets;
  for (size_t row = 0; row < labels.size(); ++row) {
    if (std::isnan(labels[row]))
      continue;
    rows.push_back(static_cast<uint32_t>(row));
    if (schema.task == Task::kRegression)
      targets.values.push_back(table.column(*target).numeric()[row]);
    else
      targets.classes.push_back(static_cast<int32_t>(labels[row]));
  }
  if (rows.empty())
    return Status::InvalidArgument(source + ": no row has a value of '" + schema.target + "'");
  STEWARD_ASSIGN_OR_RETURN(xgb::DenseMatrix matrix,
                           BuildMatrix(table, schema, rows, source, predictor.threads()));
  STEWARD_ASSIGN_OR_RETURN(std::vector<float> predicted,
                           xgb::PredictDense(predictor.booster(), matrix));
  PermutationImportance result;
  result.metric = MetricName(schema.task);
  result.rows = rows.size();
  result.repeats = repeats;
  result.seed = seed;
  STEWARD_ASSIGN_OR_RETURN(result.baseline, Score(schema, targets, predicted, source));

  std::mt19937_64 random(seed);
  std::vector<size_t> order(matrix.rows);
  std::vector<float> original(matrix.rows);
  const uint64_t total = uint64_t(matrix.columns) * repeats;
  for (size_t feature = 0; feature < matrix.columns; ++feature) {
    for (size_t row = 0; row < matrix.rows; ++row)
      original[row] = matrix.values[row * matrix.columns + feature];
    PermutationScore score;
    score.feature = schema.features[feature].name;
    for (size_t repeat = 0; repeat < repeats; ++repeat) {
      std::iota(order.begin(), order.end(), size_t{0});
      std::shuffle(order.begin(), order.end(), random);
      for (size_t row = 0; row < matrix.rows; ++row)
        matrix.values[row * matrix.columns + feature] = original[order[row]];
      STEWARD_ASSIGN_OR_RETURN(predicted, xgb::PredictDense(predictor.booster(), matrix));
      STEWARD_ASSIGN_OR_RETURN(double shuffled, Score(schema, targets, predicted, source));
      score.losses.push_back(Loss(schema.task, result.baseline, shuffled));
      if (on_step)
        on_step(feature * repeats + repeat + 1, total);
    }
    for (size_t row = 0; row < matrix.rows; ++row)
      matrix.values[row * matrix.columns + feature] = original[row];
    score.mean = std::accumulate(score.losses.begin(), score.losses.end(), 0.0) /
                 double(score.losses.size());
    double squares = 0;
    for (double loss : score.losses)
      squares += (loss - score.mean) * (loss - score.mean);
    score.sd = repeats > 1 ? std::sqrt(squares / double(repeats - 1)) : 0.0;
    result.scores.push_back(std::move(score));
  }
  std::stable_sort(
      result.scores.begin(), result.scores.end(),
      [](const PermutationScore& a, const PermutationScore& b) { return a.mean > b.mean; });
  return result;
}

}  // namespace steward::model
