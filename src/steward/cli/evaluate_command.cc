#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/evaluation_report_text.h"
#include "steward/cli/json_document.h"
#include "steward/cli/read_data.h"
#include "steward/cli/source_flags.h"
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
  bool roc_curve = false;
  SourceFlags source;
};

int RunEvaluate(const EvaluateFlags& flags, const GlobalOptions& global) {
  Result<BundleAndData> loaded = LoadBundleAndData(flags.bundle, flags.data, flags.source, global);
  if (!loaded.ok())
    return ReportError(loaded.status());
  const model::Predictor& predictor = loaded->predictor;
  const Table& table = loaded->data.table;
  const std::string& shown = loaded->shown;
  model::EvaluateOptions options;
  options.slice_column = flags.slice;
  options.roc_curve = flags.roc_curve;
  Status evaluable = model::CheckEvaluable(predictor.schema(), table, shown, options);
  if (!evaluable.ok())
    return ReportError(evaluable);
  Result<model::Predictions> predictions = predictor.Predict(table, shown);
  if (!predictions.ok())
    return ReportError(predictions.status());
  Result<json> document =
      model::EvaluatePredictions(predictor.schema(), table, *predictions, shown, options);
  if (!document.ok())
    return ReportError(document.status());
  (*document)["bundle"] = flags.bundle;
  (*document)["data"] = shown;
  Result<std::string> text = SaveJsonDocument(*document, flags.out);
  if (!text.ok())
    return ReportError(text.status());
  if (global.json)
    std::cout << *text;
  else
    PrintEvaluation(*document, std::cout);
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
  AddBundleAndDataArguments(*command, flags->bundle, flags->data,
                            "Labelled data (with the model's target column)");
  command->add_option("--slice", flags->slice,
                      "Also report the metrics per value of this column (at most 100 values)");
  command->add_option("--out", flags->out, "Write the metrics (JSON) to this file");
  command->add_flag("--roc-curve", flags->roc_curve,
                    "Binary: also write the ROC curve (fpr, tpr, thresholds; one point per "
                    "distinct score), which 'steward report' draws with the PR curve");
  flags->source.Register(*command);
  command->footer(
      "Metrics equal scikit-learn 1.2's; definitions in docs/formats/metrics.md.\n"
      "Exit codes: 0 evaluated, 2 bad bundle, bad data or usage error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunEvaluate(*flags, global); };
  });
}

}  // namespace steward::cli
