#include "steward/cli/evaluation_report_text.h"

#include <cmath>
#include <cstdio>

#include "steward/cli/text_table.h"

namespace steward::cli {
namespace {

using nlohmann::json;

// The metrics a person reads first, per task, in this order.
std::vector<std::pair<std::string, std::string>> Headline(const std::string& task) {
  if (task == "binary") {
    return {{"roc_auc", "ROC AUC"},
            {"average_precision", "PR AUC"},
            {"log_loss", "log-loss"},
            {"brier_score", "Brier"},
            {"accuracy", "accuracy"},
            {"precision", "precision"},
            {"recall", "recall"},
            {"f1", "F1"},
            {"expected_calibration_error", "ECE"}};
  }
  if (task == "multiclass") {
    return {{"accuracy", "accuracy"},
            {"macro_f1", "macro F1"},
            {"weighted_f1", "weighted F1"},
            {"log_loss", "log-loss"},
            {"macro_roc_auc_ovr", "macro AUC (OvR)"}};
  }
  return {{"rmse", "RMSE"}, {"mae", "MAE"}, {"r2", "R²"}};
}

std::string Value(const json& metrics, const std::string& key) {
  const json& value = metrics.contains(key) ? metrics[key] : json();
  if (!value.is_number())
    return "-";
  char text[32];
  std::snprintf(text, sizeof(text), "%.4f", value.get<double>());
  return text;
}

// Weighted counts: whole numbers without weights, as "3,047".
std::string Weight(const json& value) {
  const double weight = value.get<double>();
  if (weight == std::floor(weight) && weight >= 0 && weight < 1e15)
    return FormatCount(static_cast<uint64_t>(weight));
  char text[32];
  std::snprintf(text, sizeof(text), "%.4g", weight);
  return text;
}

}  // namespace

void PrintEvaluation(const json& document, std::ostream& out) {
  const std::string task = document["task"];
  const json& overall = document["overall"];
  out << document["data"].get<std::string>() << " with " << document["bundle"].get<std::string>()
      << ": " << task << ", " << FormatCount(overall["rows"].get<uint64_t>()) << " rows";
  if (document["rows_without_target"].get<uint64_t>() > 0)
    out << " (" << FormatCount(document["rows_without_target"]) << " without a target left out)";
  out << "\n\n";
  TextTable table({"metric", "value"});
  for (const auto& [key, name] : Headline(task))
    table.AddRow({name, Value(overall, key)});
  table.Print(out);
  if (task == "binary") {
    const json& matrix = overall["confusion_matrix"];
    out << "\nat threshold " << overall["threshold"].get<double>() << ": " << Weight(matrix["tp"])
        << " true positives, " << Weight(matrix["fp"]) << " false positives, "
        << Weight(matrix["fn"]) << " false negatives, " << Weight(matrix["tn"])
        << " true negatives\n";
  }
  if (overall.contains("undefined")) {
    for (const auto& [key, reason] : overall["undefined"].items())
      out << key << " is undefined: " << reason.get<std::string>() << "\n";
  }
  if (!document.contains("slices"))
    return;
  out << "\nby " << document["slices"]["column"].get<std::string>() << "\n";
  std::vector<std::string> header = {"value", "rows"};
  for (const auto& [key, name] : Headline(task))
    header.push_back(name);
  TextTable slices(header);
  for (const json& group : document["slices"]["groups"]) {
    std::vector<std::string> row = {
        group["missing"].get<bool>()
            ? "(missing)"
            : Shorten(
                  group["value"].is_string() ? group["value"].get<std::string>() : std::string("?"),
                  24),
        FormatCount(group["metrics"]["rows"].get<uint64_t>())};
    for (const auto& [key, name] : Headline(task))
      row.push_back(Value(group["metrics"], key));
    slices.AddRow(std::move(row));
  }
  slices.Print(out);
}

}  // namespace steward::cli
