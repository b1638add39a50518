#include <cstdio>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/explanation_report_text.h"
#include "steward/cli/json_document.h"
#include "steward/cli/progress.h"
#include "steward/cli/read_data.h"
#include "steward/cli/source_flags.h"
#include "steward/model/explanation.h"
#include "steward/model/predictor.h"

namespace steward::cli {
namespace {

using nlohmann::json;

struct ExplainFlags {
  std::string bundle;
  std::string data;
  std::string out;
  size_t rows = 5;
  size_t top = 5;
  bool interactions = false;
  size_t permutation = 0;
  uint64_t seed = 42;
  SourceFlags source;
};

int RunExplain(const ExplainFlags& flags, const GlobalOptions& global) {
  Result<BundleAndData> loaded = LoadBundleAndData(flags.bundle, flags.data, flags.source, global);
  if (!loaded.ok())
    return ReportError(loaded.status());
  const model::Predictor& predictor = loaded->predictor;
  const Table& table = loaded->data.table;
  const std::string& shown = loaded->shown;
  const bool progress_allowed = ProgressAllowed(global.quiet, global.json);
  model::ExplainOptions options;
  options.rows = flags.rows;
  options.top = flags.top;
  options.interactions = flags.interactions;
  options.permutation_repeats = flags.permutation;
  options.seed = flags.seed;
  // One bar per phase: SHAP rows, then the permutation shuffles.
  std::optional<ProgressBar> progress;
  progress.emplace("SHAP values", progress_allowed);
  options.on_shap = [&progress](uint64_t done, uint64_t total) { progress->Update(done, total); };
  options.on_permutation = [&progress, progress_allowed](uint64_t done, uint64_t total) {
    if (done == 1) {
      progress.reset();
      progress.emplace("permutation importance", progress_allowed);
    }
    progress->Update(done, total);
  };
  Result<model::Explanation> explanation = model::Explain(predictor, table, shown, options);
  progress.reset();
  if (!explanation.ok())
    return ReportError(explanation.status());
  json document = model::ExplanationToJson(*explanation);
  document["bundle"] = flags.bundle;
  document["data"] = shown;
  Result<std::string> text = SaveJsonDocument(document, flags.out);
  if (!text.ok())
    return ReportError(text.status());
  if (global.json)
    std::cout << *text;
  else
    PrintExplanation(*explanation, flags.data, flags.bundle, std::cout);
  return kExitOk;
}

}  // namespace

void AddExplainCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<ExplainFlags>();
  CLI::App* command = app.add_subcommand(
      "explain",
      "Explain a bundle's model on data: exact TreeSHAP contributions per row (top features, "
      "their values and contributions), global mean |SHAP| importance, SHAP interaction values "
      "on request, and seeded permutation importance as a model-agnostic check");
  AddBundleAndDataArguments(*command, flags->bundle, flags->data,
                            "Data with the model's feature columns");
  command->add_option("--rows", flags->rows, "Explain the first N rows one by one (default 5)")
      ->check(CLI::NonNegativeNumber);
  // CLI11's PositiveNumber names a range up to DBL_MAX; this says what is wrong.
  const CLI::Validator at_least_one(
      [](const std::string& value) -> std::string {
        return value.find_first_not_of('0') == std::string::npos ? "must be at least 1" : "";
      },
      "N>=1");
  command
      ->add_option("--top", flags->top,
                   "Contributions shown per row and interaction pairs (default 5)")
      ->check(at_least_one);
  command->add_flag("--interactions", flags->interactions,
                    "Also compute SHAP interaction values (first 10,000 rows) and report the "
                    "strongest feature pairs");
  command
      ->add_option("--permutation", flags->permutation,
                   "Permutation importance with R shuffles per feature (needs the target "
                   "column; default 0: off)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--seed", flags->seed, "Seed of the permutation shuffles (default 42)");
  command->add_option("--out", flags->out, "Write the explanation (JSON) to this file");
  flags->source.Register(*command);
  command->footer(
      "SHAP values are on the margin scale (log-odds for classifiers) and, with the bias, sum "
      "to the margin within 1e-5 * max(1, |margin|) for every row; format in "
      "docs/formats/explanation.md.\n"
      "Exit codes: 0 explained, 2 bad bundle, bad data or usage error, 70 internal error "
      "(including a failed additivity check).");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunExplain(*flags, global); };
  });
}

}  // namespace steward::cli
