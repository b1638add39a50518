#include "steward/metrics/metrics_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace steward::metrics {
namespace {

using nlohmann::json;

// Writes `name` into `object`, and its reason into object["undefined"] when undefined.
void PutMetric(json& object, const char* name, const MetricValue& value) {
  if (value.defined()) {
    object[name] = value.value();
    return;
  }
  object[name] = nullptr;
  object["undefined"][name] = value.reason();
}

// Counts and sums are finite once the input passed its checks; null keeps a broken invariant
// from ever writing NaN into a document.
json Number(double value) {
  return std::isfinite(value) ? json(value) : json(nullptr);
}

json Numbers(std::span<const double> values) {
  json out = json::array();
  for (double value : values)
    out.push_back(Number(value));
  return out;
}

json CalibrationJson(const Calibration& calibration, json& parent) {
  json bins = json::array();
  for (const CalibrationBin& bin : calibration.bins) {
    bins.push_back({{"lower", Number(bin.lower)},
                    {"upper", Number(bin.upper)},
                    {"rows", bin.rows},
                    {"weight", Number(bin.weight)},
                    {"mean_predicted", Number(bin.mean_predicted)},
                    {"fraction_positive", Number(bin.fraction_positive)}});
  }
  PutMetric(parent, "expected_calibration_error", calibration.expected_error);
  PutMetric(parent, "max_calibration_error", calibration.max_error);
  return {{"strategy", "uniform"}, {"n_bins", calibration.bin_count}, {"bins", std::move(bins)}};
}

template <typename Metrics>
json Document(const char* task, const Metrics& overall,
              std::span<const SliceMetrics<Metrics>> slices, const SliceNames& names) {
  json document = json::object();
  document["format"] = kMetricsFormat;
  document["task"] = task;
  document["overall"] = ToJson(overall);
  if (slices.empty())
    return document;
  json out = json::array();
  for (const SliceMetrics<Metrics>& slice : slices) {
    json entry = json::object();
    entry["code"] = slice.code;
    const bool named = slice.code >= 0 && static_cast<size_t>(slice.code) < names.categories.size();
    entry["value"] =
        named ? json(names.categories[static_cast<size_t>(slice.code)]) : json(nullptr);
    entry["missing"] = slice.code == kMissingSlice;
    entry["metrics"] = ToJson(slice.metrics);
    out.push_back(std::move(entry));
  }
  document["slices"] = {{"column", names.column}, {"groups", std::move(out)}};
  return document;
}

}  // namespace

json ToJson(const BinaryMetrics& metrics) {
  json object = json::object();
  object["rows"] = metrics.rows;
  object["weight"] = Number(metrics.total_weight);
  object["positive_weight"] = Number(metrics.positive_weight);
  object["threshold"] = Number(metrics.threshold);
  PutMetric(object, "roc_auc", metrics.roc_auc);
  PutMetric(object, "average_precision", metrics.average_precision);
  PutMetric(object, "pr_auc_trapezoid", metrics.pr_auc_trapezoid);
  PutMetric(object, "log_loss", metrics.log_loss);
  PutMetric(object, "brier_score", metrics.brier_score);
  PutMetric(object, "accuracy", metrics.accuracy);
  PutMetric(object, "precision", metrics.precision);
  PutMetric(object, "recall", metrics.recall);
  PutMetric(object, "f1", metrics.f1);
  const BinaryConfusion& c = metrics.confusion;
  object["confusion_matrix"] = {{"tn", Number(c.true_negatives)},
                                {"fp", Number(c.false_positives)},
                                {"fn", Number(c.false_negatives)},
                                {"tp", Number(c.true_positives)}};
  object["calibration"] = CalibrationJson(metrics.calibration, object);
  if (!metrics.roc_curve.thresholds.empty()) {
    object["roc_curve"] = {{"fpr", Numbers(metrics.roc_curve.false_positive_rate)},
                           {"tpr", Numbers(metrics.roc_curve.true_positive_rate)},
                           {"thresholds", Numbers(metrics.roc_curve.thresholds)}};
  }
  return object;
}

json ToJson(const MulticlassMetrics& metrics) {
  json object = json::object();
  object["rows"] = metrics.rows;
  object["weight"] = Number(metrics.total_weight);
  object["num_classes"] = metrics.num_classes;
  PutMetric(object, "accuracy", metrics.accuracy);
  PutMetric(object, "macro_f1", metrics.macro_f1);
  PutMetric(object, "weighted_f1", metrics.weighted_f1);
  PutMetric(object, "log_loss", metrics.log_loss);
  PutMetric(object, "macro_roc_auc_ovr", metrics.macro_roc_auc_ovr);
  json classes = json::array();
  for (size_t k = 0; k < metrics.classes.size(); ++k) {
    const ClassMetrics& c = metrics.classes[k];
    classes.push_back({{"class", k},
                       {"present", c.present},
                       {"support", Number(c.support)},
                       {"predicted", Number(c.predicted)},
                       {"precision", Number(c.precision)},
                       {"recall", Number(c.recall)},
                       {"f1", Number(c.f1)}});
  }
  object["classes"] = std::move(classes);
  json confusion = json::array();
  for (size_t label = 0; label < metrics.num_classes; ++label) {
    confusion.push_back(Numbers(std::span<const double>(metrics.confusion)
                                    .subspan(label * metrics.num_classes, metrics.num_classes)));
  }
  object["confusion_matrix"] = std::move(confusion);
  return object;
}

json ToJson(const RegressionMetrics& metrics) {
  json object = json::object();
  object["rows"] = metrics.rows;
  object["weight"] = Number(metrics.total_weight);
  PutMetric(object, "rmse", metrics.rmse);
  PutMetric(object, "mae", metrics.mae);
  PutMetric(object, "r2", metrics.r2);
  PutMetric(object, "mean_residual", metrics.mean_residual);
  json quantiles = json::array();
  for (const ResidualQuantile& quantile : metrics.residual_quantiles)
    quantiles.push_back({{"q", quantile.level}, {"value", Number(quantile.value)}});
  object["residual_quantiles"] = std::move(quantiles);
  return object;
}

json MetricsDocument(const BinaryMetrics& overall,
                     std::span<const SliceMetrics<BinaryMetrics>> slices, const SliceNames& names) {
  return Document("binary", overall, slices, names);
}

json MetricsDocument(const MulticlassMetrics& overall,
                     std::span<const SliceMetrics<MulticlassMetrics>> slices,
                     const SliceNames& names) {
  return Document("multiclass", overall, slices, names);
}

json MetricsDocument(const RegressionMetrics& overall,
                     std::span<const SliceMetrics<RegressionMetrics>> slices,
                     const SliceNames& names) {
  return Document("regression", overall, slices, names);
}

}  // namespace steward::metrics
