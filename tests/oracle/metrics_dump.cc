// Computes Steward's metrics over a CSV of predictions and prints the metrics document
// (docs/formats/metrics.md), for tests/oracle/metrics_vs_sklearn.py.
//
//   steward_metrics_dump binary FILE [--threshold T] [--bins N] [--eps E] [--roc-curve]
//   steward_metrics_dump multiclass FILE [--eps E]
//   steward_metrics_dump regression FILE
//
// FILE has a header and numbers only. Columns by name: binary `label,score`, multiclass
// `label,p0,p1,...`, regression `y,pred`; any task may add `weight` and `slice` (an integer
// code, -1 for missing), in which case the document has per-slice metrics. Errors go to
// stderr with exit code 2.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/metrics/metrics_json.h"

namespace {

using steward::Result;
using steward::Status;
namespace metrics = steward::metrics;

struct Csv {
  std::map<std::string, std::vector<double>> columns;
  size_t rows = 0;
};

std::vector<std::string> SplitComma(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ','))
    fields.push_back(field);
  return fields;
}

Result<Csv> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return Status::NotFound(path + ": cannot open");
  std::string line;
  if (!std::getline(in, line))
    return Status::InvalidArgument(path + ": no header");
  const std::vector<std::string> names = SplitComma(line);
  std::vector<std::vector<double>> values(names.size());
  Csv csv;
  for (size_t line_number = 2; std::getline(in, line); ++line_number) {
    const std::vector<std::string> fields = SplitComma(line);
    if (fields.size() != names.size())
      return Status::InvalidArgument(path + ":" + std::to_string(line_number) + ": field count");
    for (size_t c = 0; c < fields.size(); ++c) {
      double value = 0;
      const std::string& text = fields[c];
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size()) {
        return Status::InvalidArgument(path + ":" + std::to_string(line_number) +
                                       ": not a number: " + text);
      }
      values[c].push_back(value);
    }
    ++csv.rows;
  }
  for (size_t c = 0; c < names.size(); ++c)
    csv.columns[names[c]] = std::move(values[c]);
  return csv;
}

std::vector<int32_t> Codes(const std::vector<double>& values) {
  return std::vector<int32_t>(values.begin(), values.end());
}

const std::vector<double>* Optional(const Csv& csv, const std::string& name) {
  auto it = csv.columns.find(name);
  return it == csv.columns.end() ? nullptr : &it->second;
}

Result<const std::vector<double>*> Required(const Csv& csv, const std::string& name) {
  const std::vector<double>* column = Optional(csv, name);
  if (column == nullptr)
    return Status::InvalidArgument("missing column '" + name + "'");
  return column;
}

std::span<const double> WeightsOf(const Csv& csv) {
  const std::vector<double>* weights = Optional(csv, "weight");
  return weights == nullptr ? std::span<const double>() : std::span<const double>(*weights);
}

// Computes overall and, with a `slice` column, per-slice metrics, and builds the document.
template <typename Input, typename Compute, typename ComputeBySlice>
Result<nlohmann::json> Evaluate(const Csv& csv, const Input& input, Compute compute,
                                ComputeBySlice compute_by_slice) {
  STEWARD_ASSIGN_OR_RETURN(auto overall, compute(input));
  const std::vector<double>* slice_column = Optional(csv, "slice");
  if (slice_column == nullptr)
    return metrics::MetricsDocument(overall);
  const std::vector<int32_t> codes = Codes(*slice_column);
  STEWARD_ASSIGN_OR_RETURN(auto slices, compute_by_slice(input, codes));
  return metrics::MetricsDocument(overall, slices, {"slice", {}});
}

Result<nlohmann::json> Run(const std::string& task, const Csv& csv,
                           const std::map<std::string, double>& flags) {
  auto number_flag = [&](const std::string& name, double fallback) {
    auto it = flags.find(name);
    return it == flags.end() ? fallback : it->second;
  };
  if (task == "binary") {
    STEWARD_ASSIGN_OR_RETURN(const std::vector<double>* label_column, Required(csv, "label"));
    STEWARD_ASSIGN_OR_RETURN(const std::vector<double>* scores, Required(csv, "score"));
    const std::vector<int32_t> labels = Codes(*label_column);
    metrics::BinaryOptions options;
    options.threshold = number_flag("--threshold", options.threshold);
    options.calibration_bins = static_cast<int>(number_flag("--bins", options.calibration_bins));
    options.log_loss_epsilon = number_flag("--eps", options.log_loss_epsilon);
    options.roc_curve = flags.contains("--roc-curve");
    const metrics::BinaryInput input{labels, *scores, WeightsOf(csv)};
    return Evaluate(
        csv, input, [&](const auto& in) { return metrics::ComputeBinaryMetrics(in, options); },
        [&](const auto& in, const auto& codes) {
          return metrics::ComputeBinaryMetricsBySlice(in, codes, options);
        });
  }
  if (task == "multiclass") {
    STEWARD_ASSIGN_OR_RETURN(const std::vector<double>* label_column, Required(csv, "label"));
    const std::vector<int32_t> labels = Codes(*label_column);
    size_t num_classes = 0;
    while (Optional(csv, "p" + std::to_string(num_classes)) != nullptr)
      ++num_classes;
    std::vector<double> probabilities(csv.rows * num_classes);
    for (size_t k = 0; k < num_classes; ++k) {
      const std::vector<double>& column = *Optional(csv, "p" + std::to_string(k));
      for (size_t row = 0; row < csv.rows; ++row)
        probabilities[row * num_classes + k] = column[row];
    }
    metrics::MulticlassOptions options;
    options.log_loss_epsilon = number_flag("--eps", options.log_loss_epsilon);
    const metrics::MulticlassInput input{labels, probabilities, num_classes, WeightsOf(csv)};
    return Evaluate(
        csv, input, [&](const auto& in) { return metrics::ComputeMulticlassMetrics(in, options); },
        [&](const auto& in, const auto& codes) {
          return metrics::ComputeMulticlassMetricsBySlice(in, codes, options);
        });
  }
  if (task == "regression") {
    STEWARD_ASSIGN_OR_RETURN(const std::vector<double>* targets, Required(csv, "y"));
    STEWARD_ASSIGN_OR_RETURN(const std::vector<double>* predictions, Required(csv, "pred"));
    const metrics::RegressionInput input{*targets, *predictions, WeightsOf(csv)};
    return Evaluate(
        csv, input, [](const auto& in) { return metrics::ComputeRegressionMetrics(in); },
        [](const auto& in, const auto& codes) {
          return metrics::ComputeRegressionMetricsBySlice(in, codes);
        });
  }
  return Status::InvalidArgument("unknown task '" + task + "'");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: steward_metrics_dump binary|multiclass|regression FILE [flags]\n");
    return 2;
  }
  std::map<std::string, double> flags;
  for (int i = 3; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--roc-curve") {
      flags[flag] = 1;
      continue;
    }
    double value = 0;
    const std::string text = i + 1 < argc ? argv[++i] : "";
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
      std::fprintf(stderr, "flag %s needs a number, got '%s'\n", flag.c_str(), text.c_str());
      return 2;
    }
    flags[flag] = value;
  }
  Result<Csv> csv = ReadCsv(argv[2]);
  if (!csv.ok()) {
    std::fprintf(stderr, "%s\n", csv.status().message().c_str());
    return 2;
  }
  Result<nlohmann::json> document = Run(argv[1], *csv, flags);
  if (!document.ok()) {
    std::fprintf(stderr, "%s\n", document.status().message().c_str());
    return 2;
  }
  std::cout << document->dump() << "\n";
  return 0;
}
