#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/progress.h"
#include "steward/cli/source_flags.h"
#include "steward/cli/text_table.h"
#include "steward/io/atomic_file.h"
#include "steward/io/postgres_source.h"
#include "steward/model/evaluation.h"
#include "steward/model/predictor.h"

namespace steward::cli {
namespace {

using nlohmann::json;

struct EvaluateFlags {
  std::string bundle;
  std::string data;
  std::string out;
  std::string slice;
  SourceFlags source;
};

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

void PrintEvaluation(const json& document, const EvaluateFlags& flags, std::ostream& out) {
  const std::string task = document["task"];
  const json& overall = document["overall"];
  out << flags.data << " with " << flags.bundle << ": " << task << ", "
      << FormatCount(overall["rows"].get<uint64_t>()) << " rows";
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

int RunEvaluate(const EvaluateFlags& flags, const GlobalOptions& global) {
  Result<io::SourceOptions> source = flags.source.Resolve();
  if (!source.ok())
    return ReportError(source.status());
  Result<model::Predictor> predictor = model::Predictor::Load(flags.bundle, source->csv.threads);
  if (!predictor.ok())
    return ReportError(predictor.status());
  const std::string shown = io::RedactPostgresUri(flags.data);
  Result<io::ReadResult> read = [&] {
    ProgressBar progress("reading " + shown, ProgressAllowed(global.quiet, global.json));
    io::SourceOptions options = *source;
    options.csv.progress = [&progress](uint64_t done, uint64_t total) {
      progress.Update(done, total);
    };
    return io::ReadSource(flags.data, std::move(options));
  }();
  if (!read.ok())
    return ReportError(read.status());
  model::EvaluateOptions options;
  options.slice_column = flags.slice;
  Status evaluable = model::CheckEvaluable(predictor->schema(), read->table, shown, options);
  if (!evaluable.ok())
    return ReportError(evaluable);
  Result<model::Predictions> predictions = predictor->Predict(read->table, shown);
  if (!predictions.ok())
    return ReportError(predictions.status());
  Result<json> document =
      model::EvaluatePredictions(predictor->schema(), read->table, *predictions, shown, options);
  if (!document.ok())
    return ReportError(document.status());
  (*document)["bundle"] = flags.bundle;
  (*document)["data"] = shown;
  const std::string text = document->dump(1, ' ', false, json::error_handler_t::replace) + "\n";
  if (!flags.out.empty()) {
    Status written = io::WriteFileAtomically(flags.out, text);
    if (!written.ok())
      return ReportError(written);
  }
  if (global.json)
    std::cout << text;
  else
    PrintEvaluation(*document, flags, std::cout);
  return kExitOk;
}

}  // namespace

void AddEvaluateCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<EvaluateFlags>();
  CLI::App* command = app.add_subcommand(
      "evaluate",
      "Evaluate a bundle on labelled data: every metric of its task (binary: ROC and PR AUC, "
      "log-loss, Brier, accuracy, precision, recall, F1, calibration; multiclass: accuracy, "
      "macro and weighted F1, log-loss; regression: RMSE, MAE, R², residual quantiles), "
      "overall and per slice");
  command
      ->add_option("BUNDLE", flags->bundle,
                   "A bundle directory or archive written by 'steward train'")
      ->required();
  command
      ->add_option("DATA", flags->data,
                   "Labelled data (with the model's target column): CSV or JSON Lines file, "
                   "'-' for stdin, or postgresql://... with --sql")
      ->required();
  command->add_option("--slice", flags->slice,
                      "Also report the metrics per value of this column (at most 100 values)");
  command->add_option("--out", flags->out, "Write the metrics (JSON) to this file");
  flags->source.Register(*command);
  command->footer(
      "Metrics equal scikit-learn 1.2's; definitions in docs/formats/metrics.md.\n"
      "Exit codes: 0 evaluated, 2 bad bundle, bad data or usage error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunEvaluate(*flags, global); };
  });
}

}  // namespace steward::cli
