#include "steward/metrics/multiclass_metrics.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "steward/metrics/internal/checked_metrics.h"
#include "steward/metrics/internal/compensated_sum.h"
#include "steward/metrics/internal/input_checks.h"
#include "steward/metrics/internal/threshold_curve.h"

namespace steward::metrics {
namespace {

size_t ArgMax(std::span<const double> row) {
  return static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin());
}

// sklearn.metrics.log_loss for one row: clip every probability, renormalise the row and take
// -log of the true class's share.
double RowLogLoss(std::span<const double> row, size_t label, double epsilon) {
  double sum = 0;
  for (double p : row)
    sum += std::clamp(p, epsilon, 1.0 - epsilon);
  return -std::log(std::clamp(row[label], epsilon, 1.0 - epsilon) / sum);
}

// Each probability in [0, 1] and each row summing to 1; errors name the row and class.
Status CheckProbabilityRows(std::span<const double> probabilities, size_t num_classes) {
  const size_t rows = probabilities.size() / num_classes;
  for (size_t row = 0; row < rows; ++row) {
    double sum = 0;
    for (size_t k = 0; k < num_classes; ++k) {
      const double p = probabilities[row * num_classes + k];
      if (!(p >= 0.0 && p <= 1.0)) {
        return Status::InvalidArgument("row " + std::to_string(row) + ", class " +
                                       std::to_string(k) + ": probability " +
                                       internal::FormatDouble(p) + " is not in [0, 1]");
      }
      sum += p;
    }
    if (!(std::fabs(sum - 1.0) <= kRowSumTolerance)) {
      return Status::InvalidArgument("row " + std::to_string(row) + ": probabilities sum to " +
                                     internal::FormatDouble(sum) + ", expected 1");
    }
  }
  return Status::Ok();
}

void SetPerClass(MulticlassMetrics& metrics, const std::vector<bool>& present) {
  const size_t k_count = metrics.num_classes;
  internal::CompensatedSum macro_sum, weighted_sum, support_sum;
  size_t present_count = 0;
  for (size_t k = 0; k < k_count; ++k) {
    ClassMetrics& c = metrics.classes[k];
    const double true_positives = metrics.confusion[k * k_count + k];
    c.precision = c.predicted == 0 ? 0.0 : true_positives / c.predicted;
    c.recall = c.support == 0 ? 0.0 : true_positives / c.support;
    const double denominator = c.precision + c.recall;
    c.f1 = denominator == 0 ? 0.0 : 2.0 * c.precision * c.recall / denominator;
    c.present = present[k];
    if (!c.present)
      continue;
    ++present_count;
    macro_sum.Add(c.f1);
    weighted_sum.Add(c.support * c.f1);
    support_sum.Add(c.support);
  }
  metrics.macro_f1 = MetricValue::Of(macro_sum.value() / static_cast<double>(present_count));
  metrics.weighted_f1 = MetricValue::Of(weighted_sum.value() / support_sum.value());
}

MetricValue MacroRocAucOvr(const MulticlassInput& input) {
  const size_t rows = input.labels.size();
  const size_t k_count = input.num_classes;
  internal::CompensatedSum sum;
  for (size_t k = 0; k < k_count; ++k) {
    std::vector<internal::RankedRow> ranked(rows);
    for (size_t row = 0; row < rows; ++row) {
      ranked[row] = {input.probabilities[row * k_count + k],
                     input.weights.empty() ? 1.0 : input.weights[row],
                     static_cast<size_t>(input.labels[row]) == k};
    }
    const MetricValue auc = internal::RocAuc(internal::BuildThresholdCurve(std::move(ranked)));
    if (!auc.defined())
      return MetricValue::Undefined("class " + std::to_string(k) + " vs rest: " + auc.reason());
    sum.Add(auc.value());
  }
  return MetricValue::Of(sum.value() / static_cast<double>(k_count));
}

}  // namespace

namespace internal {

Status CheckMulticlassInput(const MulticlassInput& input, const MulticlassOptions& options) {
  const size_t rows = input.labels.size();
  STEWARD_RETURN_IF_ERROR(CheckNotEmpty(rows));
  if (input.num_classes < 2) {
    return Status::InvalidArgument("multiclass metrics need at least 2 classes, got " +
                                   std::to_string(input.num_classes));
  }
  STEWARD_RETURN_IF_ERROR(
      CheckLength("probabilities", input.probabilities.size(), rows * input.num_classes));
  STEWARD_RETURN_IF_ERROR(CheckWeights(input.weights, rows));
  STEWARD_RETURN_IF_ERROR(CheckClassLabels(input.labels, input.num_classes));
  STEWARD_RETURN_IF_ERROR(CheckProbabilityRows(input.probabilities, input.num_classes));
  return CheckLogLossEpsilon(options.log_loss_epsilon);
}

MulticlassMetrics ComputeCheckedMulticlassMetrics(const MulticlassInput& input,
                                                  const MulticlassOptions& options) {
  const size_t rows = input.labels.size();
  const size_t k_count = input.num_classes;
  MulticlassMetrics metrics;
  metrics.rows = rows;
  metrics.num_classes = k_count;
  metrics.classes.resize(k_count);

  std::vector<CompensatedSum> confusion(k_count * k_count);
  std::vector<bool> present(k_count, false);
  CompensatedSum total_weight, correct, log_loss;
  for (size_t row = 0; row < rows; ++row) {
    const double weight = input.weights.empty() ? 1.0 : input.weights[row];
    const std::span<const double> probabilities =
        input.probabilities.subspan(row * k_count, k_count);
    const size_t label = static_cast<size_t>(input.labels[row]);
    const size_t predicted = ArgMax(probabilities);
    present[label] = true;
    present[predicted] = true;
    total_weight.Add(weight);
    confusion[label * k_count + predicted].Add(weight);
    if (label == predicted)
      correct.Add(weight);
    log_loss.Add(weight * RowLogLoss(probabilities, label, options.log_loss_epsilon));
  }
  metrics.total_weight = total_weight.value();
  metrics.confusion.resize(k_count * k_count);
  for (size_t label = 0; label < k_count; ++label) {
    CompensatedSum support;
    for (size_t predicted = 0; predicted < k_count; ++predicted) {
      const double weight = confusion[label * k_count + predicted].value();
      metrics.confusion[label * k_count + predicted] = weight;
      support.Add(weight);
    }
    metrics.classes[label].support = support.value();
  }
  for (size_t predicted = 0; predicted < k_count; ++predicted) {
    CompensatedSum predicted_weight;
    for (size_t label = 0; label < k_count; ++label)
      predicted_weight.Add(metrics.confusion[label * k_count + predicted]);
    metrics.classes[predicted].predicted = predicted_weight.value();
  }
  if (metrics.total_weight == 0) {
    for (MetricValue* value : {&metrics.accuracy, &metrics.macro_f1, &metrics.weighted_f1,
                               &metrics.log_loss, &metrics.macro_roc_auc_ovr}) {
      *value = MetricValue::Undefined(internal::kZeroWeightReason);
    }
    return metrics;
  }
  metrics.accuracy = MetricValue::Of(correct.value() / metrics.total_weight);
  metrics.log_loss = MetricValue::Of(log_loss.value() / metrics.total_weight);
  SetPerClass(metrics, present);
  metrics.macro_roc_auc_ovr =
      options.roc_auc ? MacroRocAucOvr(input) : MetricValue::Undefined("not requested");
  return metrics;
}

}  // namespace internal

Result<MulticlassMetrics> ComputeMulticlassMetrics(const MulticlassInput& input,
                                                   const MulticlassOptions& options) {
  STEWARD_RETURN_IF_ERROR(internal::CheckMulticlassInput(input, options));
  return internal::ComputeCheckedMulticlassMetrics(input, options);
}

}  // namespace steward::metrics
