#include "steward/model/validation_metrics.h"

#include <cmath>
#include <vector>

#include "steward/metrics/binary_metrics.h"
#include "steward/metrics/multiclass_metrics.h"
#include "steward/metrics/regression_metrics.h"

namespace steward::model {
namespace {

nlohmann::json Number(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json();
}

}  // namespace

std::pair<const char*, bool> HeadlineMetric(Task task) {
  switch (task) {
    case Task::kBinary:
      return {"auc", true};
    case Task::kMulticlass:
      return {"mlogloss", false};
    case Task::kRegression:
      return {"rmse", false};
  }
  return {"", false};
}

nlohmann::json EvaluatePredictions(Task task, std::span<const float> labels,
                                   std::span<const float> predictions, size_t classes,
                                   double threshold, std::span<const float> weights) {
  const std::vector<double> row_weights(weights.begin(), weights.end());
  const std::vector<double> values(predictions.begin(), predictions.end());
  std::vector<int32_t> class_labels;
  if (task != Task::kRegression)
    class_labels.assign(labels.begin(), labels.end());
  nlohmann::json result = {{"rows", labels.size()}};
  auto put = [&result](const char* name, const metrics::MetricValue& metric) {
    result[name] = Number(metric.value_or_nan());
  };
  switch (task) {
    case Task::kBinary: {
      metrics::BinaryOptions options;
      options.threshold = threshold;
      const Result<metrics::BinaryMetrics> binary =
          metrics::ComputeBinaryMetrics({class_labels, values, row_weights}, options);
      if (!binary.ok())
        return {{"rows", labels.size()}, {"error", binary.status().message()}};
      put("auc", binary->roc_auc);
      put("logloss", binary->log_loss);
      put("accuracy", binary->accuracy);
      break;
    }
    case Task::kMulticlass: {
      metrics::MulticlassOptions options;
      options.roc_auc = false;
      const Result<metrics::MulticlassMetrics> multiclass =
          metrics::ComputeMulticlassMetrics({class_labels, values, classes, row_weights}, options);
      if (!multiclass.ok())
        return {{"rows", labels.size()}, {"error", multiclass.status().message()}};
      put("mlogloss", multiclass->log_loss);
      put("accuracy", multiclass->accuracy);
      break;
    }
    case Task::kRegression: {
      const std::vector<double> targets(labels.begin(), labels.end());
      const Result<metrics::RegressionMetrics> regression =
          metrics::ComputeRegressionMetrics({targets, values, row_weights});
      if (!regression.ok())
        return {{"rows", labels.size()}, {"error", regression.status().message()}};
      put("rmse", regression->rmse);
      put("mae", regression->mae);
      put("r2", regression->r2);
      break;
    }
  }
  return result;
}

}  // namespace steward::model
