#include <chrono>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "steward/cli/audit_input.h"
#include "steward/cli/command.h"
#include "steward/cli/fairness_mitigation.h"
#include "steward/cli/fairness_report_text.h"
#include "steward/cli/json_document.h"
#include "steward/cli/progress.h"
#include "steward/cli/read_data.h"
#include "steward/cli/source_flags.h"
#include "steward/fairness/audit.h"
#include "steward/fairness/fairness_json.h"
#include "steward/model/bundle_archive.h"

namespace steward::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct FairnessFlags {
  std::string bundle;
  std::string data;
  std::vector<std::string> sensitive;
  bool intersectional = false;
  std::string predictions;
  std::string out;
  bool save = false;
  bool fail_on_violation = false;
  std::vector<double> band = {0.8, 1.25};
  fairness::AuditOptions options;
  std::string mitigate;
  std::string constraint = "demographic_parity";
  double tolerance = 0.02;
  double mitigation_fraction = 0.5;
  std::string out_bundle;
  SourceFlags source;
};

// The predictions to audit: made now by the bundle's model, or read from --predictions.
Result<FilePredictions> PredictionsToAudit(const FairnessFlags& flags, const BundleAndData& loaded,
                                           const GlobalOptions& global) {
  if (flags.predictions.empty()) {
    STEWARD_ASSIGN_OR_RETURN(model::Predictions made,
                             loaded.predictor.Predict(loaded.data.table, loaded.shown));
    return FilePredictions{std::move(made), {}};
  }
  STEWARD_ASSIGN_OR_RETURN(io::SourceOptions options, flags.source.Resolve());
  options.sql.clear();
  STEWARD_ASSIGN_OR_RETURN(
      io::ReadResult read,
      ReadData(flags.predictions, std::move(options), ProgressAllowed(global.quiet, global.json)));
  return PredictionsFromTable(loaded.predictor.schema(), read.table, loaded.data.table.num_rows(),
                              flags.predictions);
}

int RunMitigation(const FairnessFlags& flags, const model::ModelSchema& schema,
                  const BundleAndData& loaded, const ModelAuditData& audited,
                  const GlobalOptions& global) {
  if (flags.mitigate != "thresholds") {
    return ReportError(Status::InvalidArgument("unknown --mitigate '" + flags.mitigate +
                                               "' (expected thresholds; reweighing is "
                                               "'steward train --reweigh')"));
  }
  Result<fairness::Constraint> constraint = fairness::ParseConstraint(flags.constraint);
  if (!constraint.ok())
    return ReportError(constraint.status());
  const ThresholdMitigation request{
      flags.bundle, flags.out_bundle, flags.sensitive,           flags.intersectional,
      *constraint,  flags.tolerance,  flags.mitigation_fraction, flags.options};
  Result<MitigationResult> result =
      MitigateWithThresholds(request, schema, loaded.data.table, audited, loaded.shown);
  if (!result.ok())
    return ReportError(result.status());
  result->document["bundle"] = flags.out_bundle;
  result->document["data"] = loaded.shown;
  Result<std::string> text = SaveJsonDocument(result->document, flags.out);
  if (!text.ok())
    return ReportError(text.status());
  if (global.json) {
    std::cout << *text;
  } else {
    PrintMitigation(*result, std::cout);
    std::cout << "Mitigated bundle written to " << flags.out_bundle << ".\n";
  }
  return result->after.passed || !flags.fail_on_violation ? kExitOk : kExitCheckFailed;
}

int RunFairness(FairnessFlags flags, const GlobalOptions& global) {
  if (flags.band.size() != 2)
    return ReportError(Status::InvalidArgument("--band takes two numbers, LOW,HIGH"));
  flags.options.band_low = flags.band[0];
  flags.options.band_high = flags.band[1];
  const Clock::time_point start = Clock::now();
  Result<BundleAndData> loaded = LoadBundleAndData(flags.bundle, flags.data, flags.source, global);
  if (!loaded.ok())
    return ReportError(loaded.status());
  const model::ModelSchema& schema = loaded->predictor.schema();
  if (flags.sensitive.empty())
    flags.sensitive = schema.sensitive;
  if (flags.sensitive.empty()) {
    return ReportError(Status::InvalidArgument(
        "no sensitive columns: give --sensitive COLUMN[,COLUMN...] (the bundle records none)"));
  }
  const double read_seconds = SecondsSince(start);
  Result<FilePredictions> predictions = PredictionsToAudit(flags, *loaded, global);
  if (!predictions.ok())
    return ReportError(predictions.status());
  const Clock::time_point audit_start = Clock::now();
  Result<ModelAuditData> audited = AuditDataFromPredictions(
      schema, loaded->data.table, predictions->predictions, loaded->shown, predictions->values);
  if (!audited.ok())
    return ReportError(audited.status());
  flags.options.threads = flags.source.threads;
  if (!flags.mitigate.empty())
    return RunMitigation(flags, schema, *loaded, *audited, global);
  Result<fairness::Grouping> grouping = fairness::GroupRows(
      loaded->data.table, flags.sensitive, flags.intersectional, loaded->shown, audited->rows);
  if (!grouping.ok())
    return ReportError(grouping.status());
  Result<fairness::FairnessReport> report =
      fairness::Audit(audited->data, *grouping, flags.options);
  if (!report.ok())
    return ReportError(report.status());
  const double audit_seconds = SecondsSince(audit_start);

  nlohmann::json document = fairness::ReportToJson(*report);
  document["rows_without_target"] = audited->rows_without_target;
  document["predictions"] = flags.predictions.empty() ? "bundle" : flags.predictions;
  if (flags.save) {
    Status saved = model::SetBundlePart(flags.bundle, "fairness.json", JsonText(document));
    if (!saved.ok())
      return ReportError(saved);
  }
  document["bundle"] = flags.bundle;
  document["data"] = loaded->shown;
  Result<std::string> text = SaveJsonDocument(document, flags.out);
  if (!text.ok())
    return ReportError(text.status());
  if (global.json) {
    document["timing"] = {{"read_seconds", read_seconds}, {"audit_seconds", audit_seconds}};
    std::cout << JsonText(document);
  } else {
    PrintFairness(*report, std::cout);
    if (flags.save)
      std::cout << "Saved as fairness.json in " << flags.bundle << ".\n";
  }
  return report->passed || !flags.fail_on_violation ? kExitOk : kExitCheckFailed;
}

}  // namespace

void AddFairnessCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<FairnessFlags>();
  CLI::App* command = app.add_subcommand(
      "fairness",
      "Audit a bundle's predictions for fairness across groups: per group (and intersection) "
      "selection rate, TPR, FPR, FNR, precision, accuracy and AUC (binary), per-class rates "
      "(multiclass), mean prediction and errors (regression); demographic parity, equalized "
      "odds, equal opportunity and disparate impact against a reference group, the four-fifths "
      "rule and a pass/fail band, each with bootstrap confidence intervals");
  AddBundleAndDataArguments(*command, flags->bundle, flags->data,
                            "Labelled data with the sensitive columns");
  command
      ->add_option("--sensitive", flags->sensitive,
                   "Columns to group by, comma-separated (default: the bundle's sensitive "
                   "columns); they need not be model features")
      ->delimiter(',');
  command->add_flag("--intersectional", flags->intersectional,
                    "Also audit every combination of the sensitive columns' values");
  command->add_option("--reference-group", flags->options.reference_group,
                      "The group others are compared with, where an attribute has it "
                      "(default: each attribute's largest group)");
  command
      ->add_option("--min-group-size", flags->options.min_group_size,
                   "Smaller groups are reported and flagged but not compared")
      ->default_val(30);
  command
      ->add_option("--bootstrap", flags->options.bootstrap,
                   "Bootstrap resamples for the confidence intervals (0: none)")
      ->default_val(1000)
      ->check(CLI::Range(0, 100000));
  command
      ->add_option("--confidence", flags->options.confidence, "Confidence level of the intervals")
      ->default_val(0.95);
  command->add_option("--seed", flags->options.seed, "Seed of the resamples")->default_val(42);
  command
      ->add_option("--band", flags->band,
                   "LOW,HIGH: each group's ratio to the reference group must lie within")
      ->delimiter(',')
      ->default_str("0.8,1.25");
  command->add_option("--predictions", flags->predictions,
                      "Audit these predictions (a file 'steward predict' wrote from DATA) "
                      "instead of predicting again");
  command->add_option("--out", flags->out, "Write the audit (JSON) to this file");
  command
      ->add_option("--mitigate", flags->mitigate,
                   "'thresholds': choose a decision threshold per group (of the sensitive "
                   "columns together) on part of DATA, re-audit on the rest, and write the "
                   "mitigated model to --out-bundle")
      ->check(CLI::IsMember({"thresholds"}));
  command
      ->add_option("--constraint", flags->constraint,
                   "What the thresholds equalize: demographic_parity, equal_opportunity or "
                   "equalized_odds")
      ->capture_default_str();
  command
      ->add_option("--tolerance", flags->tolerance,
                   "Largest gap the constraint allows where the thresholds are chosen")
      ->capture_default_str();
  command
      ->add_option("--mitigation-fraction", flags->mitigation_fraction,
                   "Share of DATA's rows the thresholds are chosen on (the rest re-audit them)")
      ->capture_default_str();
  command->add_option("--out-bundle", flags->out_bundle,
                      "Where --mitigate writes the mitigated bundle (a directory)");
  command->add_flag("--save", flags->save,
                    "Store the audit in the bundle as fairness.json (the manifest is updated)");
  command->add_flag("--fail-on-violation", flags->fail_on_violation,
                    "Exit 1 when a group is outside the band, for CI");
  flags->source.Register(*command);
  command->footer(
      "Rates equal a pandas/scikit-learn group-by; definitions in docs/formats/fairness.md.\n"
      "Exit codes: 0 audited, 1 outside the band with --fail-on-violation, 2 bad bundle, bad "
      "data or usage error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunFairness(*flags, global); };
  });
}

}  // namespace steward::cli
