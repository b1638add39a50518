#include "steward/model/evaluation.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "steward/metrics/metrics_json.h"
#include "steward/metrics/sliced_metrics.h"
#include "steward/model/target_encoding.h"

namespace steward::model {
namespace {

// A column's rows as slice codes: its categories for a categorical column, else its distinct
// values as text, sorted; missing values get metrics::kMissingSlice.
struct Slices {
  std::vector<int32_t> codes;
  std::vector<std::string> names;
};

Status TooManySlices(const std::string& source, const std::string& column_name, size_t max_slices) {
  return Status::InvalidArgument(source + ": column '" + column_name + "' has more than " +
                                 std::to_string(max_slices) +
                                 " distinct values, too many to slice by");
}

Result<Slices> SliceCodes(const Table& table, const std::string& column_name,
                          const std::string& source, size_t max_slices) {
  const Column& column = table.column(*table.schema().Find(column_name));
  Slices slices;
  slices.codes.resize(table.num_rows(), metrics::kMissingSlice);
  if (column.kind() == ColumnKind::kCategorical) {
    slices.names = column.categories();
    std::copy(column.codes().begin(), column.codes().end(), slices.codes.begin());
  } else {
    std::map<std::string, int32_t> codes;
    for (size_t row = 0; row < table.num_rows(); ++row) {
      if (!column.IsMissing(row))
        codes.emplace(column.ValueToString(row), 0);
      if (codes.size() > max_slices)
        break;
    }
    if (codes.size() > max_slices)
      return TooManySlices(source, column_name, max_slices);
    for (auto& [name, code] : codes) {
      code = static_cast<int32_t>(slices.names.size());
      slices.names.push_back(name);
    }
    for (size_t row = 0; row < table.num_rows(); ++row) {
      if (!column.IsMissing(row))
        slices.codes[row] = codes.at(column.ValueToString(row));
    }
  }
  if (slices.names.size() > max_slices)
    return TooManySlices(source, column_name, max_slices);
  return slices;
}

// The rows with a target, and their labels, weights and slice codes.
struct Labelled {
  std::vector<size_t> rows;
  std::vector<float> labels;   // class indexes
  std::vector<double> values;  // regression targets, as read (labels are rounded to float)
  std::vector<double> weights;
  std::vector<int32_t> slice_codes;
};

Result<Labelled> LabelledRows(const ModelSchema& schema, const Table& table,
                              const std::string& source, const Slices* slices) {
  const std::optional<size_t> target = table.schema().Find(schema.target);
  STEWARD_ASSIGN_OR_RETURN(std::vector<float> labels,
                           EncodeKnownTarget(table.column(*target), schema, source));
  const Column& target_column = table.column(*target);
  const Column* weights = nullptr;
  if (!schema.weight_column.empty()) {
    if (const std::optional<size_t> index = table.schema().Find(schema.weight_column))
      weights = &table.column(*index);
  }
  if (weights && weights->kind() != ColumnKind::kNumeric) {
    return Status::InvalidArgument(source + ": weight column '" + schema.weight_column +
                                   "' is not numeric");
  }
  Labelled out;
  for (size_t row = 0; row < table.num_rows(); ++row) {
    if (std::isnan(labels[row]))
      continue;
    out.rows.push_back(row);
    out.labels.push_back(labels[row]);
    if (schema.task == Task::kRegression)
      out.values.push_back(target_column.numeric()[row]);
    if (weights)
      out.weights.push_back(weights->IsMissing(row) ? 0.0 : weights->numeric()[row]);
    if (slices)
      out.slice_codes.push_back(slices->codes[row]);
  }
  if (out.rows.empty())
    return Status::InvalidArgument(source + ": no row has a value of '" + schema.target + "'");
  return out;
}

template <typename Metrics, typename Input, typename Overall, typename BySlice>
Result<nlohmann::json> Document(const Input& input, const Labelled& labelled, const Slices* slices,
                                const std::string& slice_column, Overall overall,
                                BySlice by_slice) {
  STEWARD_ASSIGN_OR_RETURN(Metrics whole, overall(input));
  if (!slices)
    return metrics::MetricsDocument(whole);
  STEWARD_ASSIGN_OR_RETURN(std::vector<metrics::SliceMetrics<Metrics>> parts,
                           by_slice(input, std::span<const int32_t>(labelled.slice_codes)));
  return metrics::MetricsDocument(whole, parts, metrics::SliceNames{slice_column, slices->names});
}

}  // namespace

Status CheckEvaluable(const ModelSchema& schema, const Table& table, const std::string& source,
                      const EvaluateOptions& options) {
  if (!table.schema().Find(schema.target)) {
    return Status::InvalidArgument(source + ": the model's target column '" + schema.target +
                                   "' is not in the data, so there is nothing to evaluate "
                                   "against");
  }
  if (!options.slice_column.empty() && !table.schema().Find(options.slice_column)) {
    return Status::InvalidArgument(source + ": no column '" + options.slice_column +
                                   "' to slice by");
  }
  return Status::Ok();
}

Result<nlohmann::json> EvaluatePredictions(const ModelSchema& schema, const Table& table,
                                           const Predictions& predictions,
                                           const std::string& source,
                                           const EvaluateOptions& options) {
  STEWARD_RETURN_IF_ERROR(CheckEvaluable(schema, table, source, options));
  std::optional<Slices> slices;
  if (!options.slice_column.empty()) {
    STEWARD_ASSIGN_OR_RETURN(slices,
                             SliceCodes(table, options.slice_column, source, options.max_slices));
  }
  const Slices* slicing = slices ? &*slices : nullptr;
  STEWARD_ASSIGN_OR_RETURN(Labelled labelled, LabelledRows(schema, table, source, slicing));
  const size_t n = labelled.rows.size();
  const size_t width = predictions.width;
  Result<nlohmann::json> document = Status::Internal("no task");
  switch (schema.task) {
    case Task::kBinary: {
      std::vector<int32_t> labels(n);
      std::vector<double> scores(n);
      for (size_t i = 0; i < n; ++i) {
        labels[i] = static_cast<int32_t>(labelled.labels[i]);
        scores[i] = predictions.values[labelled.rows[i]];
      }
      metrics::BinaryOptions binary;
      binary.threshold = schema.threshold;
      binary.roc_curve = options.roc_curve;
      const metrics::BinaryInput input{labels, scores, labelled.weights};
      document = Document<metrics::BinaryMetrics>(
          input, labelled, slicing, options.slice_column,
          [&](const auto& in) { return metrics::ComputeBinaryMetrics(in, binary); },
          [&](const auto& in, auto codes) {
            return metrics::ComputeBinaryMetricsBySlice(in, codes, binary);
          });
      break;
    }
    case Task::kMulticlass: {
      std::vector<int32_t> labels(n);
      std::vector<double> probabilities(n * width);
      for (size_t i = 0; i < n; ++i) {
        labels[i] = static_cast<int32_t>(labelled.labels[i]);
        for (size_t k = 0; k < width; ++k)
          probabilities[i * width + k] = predictions.values[labelled.rows[i] * width + k];
      }
      const metrics::MulticlassInput input{labels, probabilities, width, labelled.weights};
      document = Document<metrics::MulticlassMetrics>(
          input, labelled, slicing, options.slice_column,
          [](const auto& in) { return metrics::ComputeMulticlassMetrics(in); },
          [](const auto& in, auto codes) {
            return metrics::ComputeMulticlassMetricsBySlice(in, codes);
          });
      break;
    }
    case Task::kRegression: {
      std::vector<double> targets(n), values(n);
      for (size_t i = 0; i < n; ++i) {
        targets[i] = labelled.values[i];
        values[i] = predictions.values[labelled.rows[i]];
      }
      const metrics::RegressionInput input{targets, values, labelled.weights};
      document = Document<metrics::RegressionMetrics>(
          input, labelled, slicing, options.slice_column,
          [](const auto& in) { return metrics::ComputeRegressionMetrics(in); },
          [](const auto& in, auto codes) {
            return metrics::ComputeRegressionMetricsBySlice(in, codes);
          });
      break;
    }
  }
  if (!document.ok())
    return Status::InvalidArgument(source + ": " + document.status().message());
  (*document)["rows_without_target"] = table.num_rows() - n;
  return document;
}

}  // namespace steward::model
