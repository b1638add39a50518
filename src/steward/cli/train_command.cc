#include "steward/cli/train_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "steward/cli/command.h"
#include "steward/cli/fairness_mitigation.h"
#include "steward/cli/pii_scan.h"
#include "steward/cli/progress.h"
#include "steward/cli/read_data.h"
#include "steward/cli/source_flags.h"
#include "steward/cli/training_progress.h"
#include "steward/fairness/audit.h"
#include "steward/fairness/grouping.h"
#include "steward/io/atomic_file.h"
#include "steward/io/postgres_source.h"
#include "steward/model/bundle_archive.h"
#include "steward/model/feature_plan.h"
#include "steward/model/model_bundle.h"
#include "steward/model/model_card.h"
#include "steward/model/model_training.h"
#include "steward/model/sha256.h"
#include "steward/model/xgboost_api.h"
#include "steward/profile/profile_json.h"
#include "steward/profile/profiler.h"

namespace steward::cli {
namespace {

std::string Dump(const nlohmann::json& document) {
  return document.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool IsRegularFile(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

Result<model::TrainRequest> MakeRequest(const TrainFlags& flags, const std::string& shown) {
  model::TrainRequest request;
  request.roles = flags.roles;
  if (flags.task != "auto") {
    STEWARD_ASSIGN_OR_RETURN(model::Task task, model::ParseTask(flags.task));
    request.task = task;
  }
  request.positive = flags.positive;
  request.threshold = flags.threshold;
  if (!flags.params_file.empty()) {
    STEWARD_ASSIGN_OR_RETURN(std::string text, io::ReadFileToString(flags.params_file));
    STEWARD_ASSIGN_OR_RETURN(request.params, model::ParseTrainingParams(text, flags.params_file));
  }
  if (flags.rounds > 0)
    request.params.num_boost_round = flags.rounds;
  if (flags.early_stopping >= 0)
    request.params.early_stopping_rounds = flags.early_stopping;
  if (!(flags.valid_fraction >= 0 && flags.valid_fraction < 1))
    return Status::InvalidArgument("--valid-fraction must be at least 0 and below 1");
  request.valid_fraction = flags.valid_fraction;
  request.cv_folds = flags.cv;
  if (flags.cv == 1)
    return Status::InvalidArgument("--cv needs at least 2 folds");
  request.seed = flags.seed;
  request.threads = flags.source.threads;
  request.source = shown;
  request.valid_source = flags.valid_file;
  request.reweigh = flags.reweigh;
  return request;
}

Result<std::string> ProfileJson(const Table& table, const std::string& target,
                                const std::string& shown) {
  profile::ProfileOptions options;
  options.target = target;
  STEWARD_ASSIGN_OR_RETURN(
      std::unique_ptr<profile::Profiler> profiler,
      profile::Profiler::Make(table.schema(), options, shown, table.num_rows()));
  STEWARD_RETURN_IF_ERROR(profiler->AddBatch(0, table));
  STEWARD_ASSIGN_OR_RETURN(profile::Profile result, profiler->Finish());
  return Dump(profile::ProfileToJson(result));
}

Result<nlohmann::json> ReadCard(const std::string& path) {
  if (path.empty())
    return nlohmann::json::object();
  STEWARD_ASSIGN_OR_RETURN(std::string text, io::ReadFileToString(path));
  return model::ParseCardFields(text, path);
}

// Reweighing's re-audit: the same training without the weights, and both models audited on
// the validation rows by the reweighed columns, with point estimates. Binary models with a
// validation split only; otherwise says why it was skipped.
Result<nlohmann::json> ReweighingComparison(const Table& table, model::TrainRequest request,
                                            const model::TrainOutcome& reweighed) {
  if (reweighed.schema.task != model::Task::kBinary)
    return nlohmann::json{{"skipped", "the before/after audit is for binary models"}};
  if (reweighed.valid_row_index.empty())
    return nlohmann::json{{"skipped", "no validation split to audit on"}};
  const std::vector<std::string> columns = request.reweigh;
  request.reweigh.clear();
  request.on_round = nullptr;
  STEWARD_ASSIGN_OR_RETURN(model::TrainOutcome plain, model::TrainModel(table, request));
  const std::vector<size_t> rows(reweighed.valid_row_index.begin(),
                                 reweighed.valid_row_index.end());
  STEWARD_ASSIGN_OR_RETURN(
      fairness::Grouping grouping,
      fairness::GroupRows(table, columns, columns.size() > 1, request.source, rows));
  auto audit_data = [&](const model::TrainOutcome& outcome) {
    fairness::AuditData data;
    data.classes = outcome.schema.classes;
    data.labels.assign(outcome.valid_labels.begin(), outcome.valid_labels.end());
    data.scores = outcome.valid_predictions;
    for (float score : data.scores)
      data.predicted.push_back(score >= outcome.schema.threshold ? 1 : 0);
    return data;
  };
  const fairness::AuditData before = audit_data(plain);
  const fairness::AuditData after = audit_data(reweighed);
  fairness::AuditOptions options;
  options.bootstrap = 0;
  options.threads = request.threads;
  STEWARD_ASSIGN_OR_RETURN(fairness::FairnessReport before_report,
                           fairness::Audit(before, grouping, options));
  STEWARD_ASSIGN_OR_RETURN(fairness::FairnessReport after_report,
                           fairness::Audit(after, grouping, options));
  return CompareAudits(before_report, after_report, Accuracy(before), Accuracy(after));
}

Result<model::BundleParts> AssembleBundle(const TrainFlags& flags, const nlohmann::json& editable,
                                          const std::string& shown, const Table& table,
                                          const model::TrainRequest& request,
                                          const model::TrainOutcome& outcome) {
  model::CardFacts facts;
  facts.data_source = shown;
  if (IsRegularFile(flags.data)) {
    STEWARD_ASSIGN_OR_RETURN(facts.data_sha256, model::Sha256File(flags.data));
  }
  facts.data_rows = table.num_rows();
  facts.data_columns = table.num_columns();
  facts.task = std::string(model::TaskName(outcome.schema.task));
  facts.target = outcome.schema.target;
  facts.sensitive = outcome.schema.sensitive;
  facts.sensitive_used = outcome.schema.sensitive_used;
  facts.parameters = outcome.booster.params;
  facts.num_boost_round = request.params.num_boost_round;
  facts.early_stopping_rounds = request.params.early_stopping_rounds;
  facts.seed = request.seed;
  facts.steward_version = STEWARD_VERSION;
  facts.xgboost_version = model::xgb::Version();
  facts.reweighing = outcome.reweighing;

  model::BundleParts parts;
  parts["model.json"] = outcome.booster.model_json;
  parts["schema.json"] = Dump(model::SchemaToJson(outcome.schema));
  parts["metrics.json"] = Dump(outcome.metrics);
  parts["explain.json"] = Dump(outcome.explain);
  parts["card.json"] = Dump(model::MakeCard(editable, facts));
  STEWARD_ASSIGN_OR_RETURN(parts["profile.json"], ProfileJson(table, outcome.schema.target, shown));
  return parts;
}

// Scans the training data for personal data and refuses features holding high-confidence PII
// unless --allow-pii names them (columns left out of the features, such as free text, are
// only recorded). Returns the scan for card.json.
Result<nlohmann::json> CheckTrainingPii(const Table& table, const TrainFlags& flags,
                                        const std::string& shown) {
  STEWARD_ASSIGN_OR_RETURN(privacy::PiiScanReport report, ScanTableForPii(table));
  std::vector<std::string> warnings;
  STEWARD_ASSIGN_OR_RETURN(model::ModelSchema plan,
                           model::PlanFeatures(table, flags.roles, warnings));
  const std::vector<std::string> features = plan.FeatureNames();
  std::vector<std::string> refused;
  std::vector<std::string> allowed;
  for (const std::string& column : report.HighConfidenceColumns()) {
    if (std::find(features.begin(), features.end(), column) == features.end())
      continue;
    const bool allow =
        std::find(flags.allow_pii.begin(), flags.allow_pii.end(), column) != flags.allow_pii.end();
    (allow ? allowed : refused).push_back(column);
  }
  if (!refused.empty()) {
    const std::string names = JoinNames(refused);
    return Status::FailedPrecondition(
        shown + ": refusing to train on personal data in feature column(s) " + names +
        " (high confidence; see 'steward scan-pii'): pseudonymise them ('steward pseudonymize'), "
        "leave them out with --ignore " +
        names + ", or accept them with --allow-pii " + names);
  }
  nlohmann::json findings = nlohmann::json::array();
  for (const privacy::ColumnPii& column : report.columns) {
    for (const privacy::PiiFinding& finding : column.findings)
      findings.push_back({{"column", column.column},
                          {"detector", privacy::PiiKindName(finding.kind)},
                          {"where", finding.embedded ? "embedded" : "whole_value"},
                          {"share", finding.share},
                          {"confidence", privacy::ConfidenceName(finding.confidence)},
                          {"feature", std::find(features.begin(), features.end(), column.column) !=
                                          features.end()}});
  }
  return nlohmann::json{{"high_confidence_columns", report.HighConfidenceColumns()},
                        {"allowed_features_with_pii", allowed},
                        {"findings", findings}};
}

nlohmann::json Summary(const model::TrainOutcome& outcome, const std::string& out) {
  const nlohmann::json& metrics = outcome.metrics;
  return {{"bundle", out},
          {"task", model::TaskName(outcome.schema.task)},
          {"task_reason", outcome.task_reason},
          {"classes", outcome.schema.classes},
          {"features", outcome.schema.FeatureNames()},
          {"train_rows", outcome.train_rows},
          {"valid_rows", outcome.valid_rows},
          {"dropped_rows", outcome.dropped_rows},
          {"rounds_run", outcome.booster.rounds_run},
          {"best_iteration", outcome.booster.best_iteration},
          {"evaluated_on", metrics["evaluated_on"]},
          {"booster", metrics["booster"]},
          {"baseline", metrics["baseline"]},
          {"cross_validation", metrics.value("cross_validation", nlohmann::json())},
          {"warnings", outcome.warnings}};
}

std::string Format(const nlohmann::json& value) {
  if (!value.is_number())
    return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.4f", value.get<double>());
  return buffer;
}

}  // namespace

void PrintTrainSummary(const nlohmann::json& summary, const nlohmann::json& metrics,
                       std::ostream& out) {
  out << "trained a " << summary["task"].get<std::string>() << " model ("
      << summary["task_reason"].get<std::string>() << ") on " << summary["train_rows"] << " rows, "
      << summary["features"].size() << " features\n";
  out << "rounds: " << summary["rounds_run"] << " run, best "
      << summary["best_iteration"].get<int>() + 1 << "\n";
  const std::string headline = metrics["headline_metric"];
  out << "metrics on " << summary["evaluated_on"].get<std::string>() << " rows ("
      << summary[summary["evaluated_on"] == "validation" ? "valid_rows" : "train_rows"] << "):\n";
  for (const char* model : {"booster", "baseline"}) {
    const nlohmann::json& values = summary[model];
    out << "  " << (std::string_view(model) == "booster" ? "xgboost " : "baseline");
    if (values.contains("skipped")) {
      out << "  skipped: " << values["skipped"].get<std::string>() << "\n";
      continue;
    }
    for (const auto& [name, value] : values.items()) {
      if (name != "rows" && value.is_number_float())
        out << "  " << name << " " << Format(value);
    }
    out << "\n";
  }
  if (summary["cross_validation"].is_object()) {
    const nlohmann::json& cv = summary["cross_validation"];
    out << cv["folds"] << "-fold cross-validation " << headline << ": xgboost "
        << Format(cv["booster"]["mean"]) << " ± " << Format(cv["booster"]["sd"]);
    if (cv.contains("baseline"))
      out << ", baseline " << Format(cv["baseline"]["mean"]) << " ± "
          << Format(cv["baseline"]["sd"]);
    out << "\n";
  }
  if (summary.contains("reweighing")) {
    const nlohmann::json& comparison = summary["reweighing"];
    if (comparison.contains("skipped")) {
      out << "reweighing: no before/after audit (" << comparison["skipped"].get<std::string>()
          << ")\n";
    } else {
      out << "reweighing, audited on the validation rows against the same model trained "
             "without the weights:\n";
      PrintComparison(comparison, out);
    }
  }
  out << "bundle: " << summary["bundle"].get<std::string>() << "\n";
}

Result<TrainedBundle> TrainToBundle(const TrainFlags& flags, bool show_progress) {
  const std::string shown = io::RedactPostgresUri(flags.data);
  STEWARD_ASSIGN_OR_RETURN(model::TrainRequest request, MakeRequest(flags, shown));
  STEWARD_ASSIGN_OR_RETURN(io::SourceOptions source, flags.source.Resolve());
  // Checked before the data is read, so a typo costs no training run.
  STEWARD_ASSIGN_OR_RETURN(nlohmann::json card, ReadCard(flags.card_file));
  auto start = std::chrono::steady_clock::now();
  auto lap = [&start] {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - start).count();
    start = now;
    return seconds;
  };
  Result<io::ReadResult> read = ReadData(flags.data, source, show_progress);
  STEWARD_RETURN_IF_ERROR(read.status());
  STEWARD_ASSIGN_OR_RETURN(nlohmann::json pii_scan, CheckTrainingPii(read->table, flags, shown));
  std::optional<io::ReadResult> valid;
  if (!flags.valid_file.empty()) {
    STEWARD_ASSIGN_OR_RETURN(valid, io::ReadSource(flags.valid_file, source));
  }
  std::map<std::string, double> seconds = {{"read", lap()}};
  TrainingProgress progress(show_progress);
  request.on_round = [&progress](const model::RoundProgress& round) { progress.Update(round); };
  Result<model::TrainOutcome> outcome =
      model::TrainModel(read->table, request, valid ? &valid->table : nullptr);
  progress.Finish();
  STEWARD_RETURN_IF_ERROR(outcome.status());
  lap();
  seconds.insert(outcome->seconds.begin(), outcome->seconds.end());
  nlohmann::json reweighing_comparison;
  if (!request.reweigh.empty()) {
    STEWARD_ASSIGN_OR_RETURN(reweighing_comparison,
                             ReweighingComparison(read->table, request, *outcome));
    outcome->reweighing["comparison"] = reweighing_comparison;
    seconds["reweighing_audit"] = lap();
  }
  STEWARD_ASSIGN_OR_RETURN(model::BundleParts parts,
                           AssembleBundle(flags, card, shown, read->table, request, *outcome));
  nlohmann::json card_document = nlohmann::json::parse(parts["card.json"]);
  card_document["pii_scan"] = std::move(pii_scan);
  parts["card.json"] = Dump(card_document);
  seconds["profile_and_card"] = lap();
  STEWARD_RETURN_IF_ERROR(flags.archive ? model::WriteBundleArchive(flags.out, parts)
                                        : model::WriteBundle(flags.out, parts));
  seconds["write"] = lap();
  TrainedBundle trained;
  trained.summary = Summary(*outcome, flags.out);
  trained.summary["seconds"] = seconds;
  if (!reweighing_comparison.is_null())
    trained.summary["reweighing"] = reweighing_comparison;
  trained.metrics = outcome->metrics;
  trained.warnings = outcome->warnings;
  return trained;
}

namespace {

int RunTrain(const TrainFlags& flags, const GlobalOptions& global) {
  Result<TrainedBundle> trained = TrainToBundle(flags, ProgressAllowed(global.quiet, global.json));
  if (!trained.ok())
    return ReportError(trained.status());
  if (!global.quiet) {
    for (const std::string& warning : trained->warnings)
      std::fprintf(stderr, "steward: note: %s\n", warning.c_str());
  }
  if (global.json)
    std::cout << Dump(trained->summary);
  else
    PrintTrainSummary(trained->summary, trained->metrics, std::cout);
  return kExitOk;
}

}  // namespace

void AddTrainCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<TrainFlags>();
  CLI::App* command = app.add_subcommand(
      "train",
      "Train an XGBoost model (and a linear baseline beside it) and write a verified bundle: "
      "model.json, schema.json, profile.json, metrics.json, explain.json, card.json, "
      "manifest.json");
  command
      ->add_option("DATA", flags->data,
                   "CSV or JSON Lines file, '-' for stdin, or postgresql://... with --sql")
      ->required();
  command->add_option("--target", flags->roles.target, "The column to predict")->required();
  command
      ->add_option("--out", flags->out, "The bundle directory (or file, with --archive) to write")
      ->required();
  command->add_flag("--archive", flags->archive,
                    "Write the bundle as one file (a tar archive) instead of a directory");
  command
      ->add_option("--task", flags->task,
                   "auto | binary | multiclass | regression. auto: 2 values -> binary; other "
                   "labels, or 3-10 distinct integers -> multiclass; other numbers -> regression")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "binary", "multiclass", "regression"}));
  command->add_option("--positive", flags->positive,
                      "Binary: the label of the positive class (default: the second, sorted)");
  command
      ->add_option("--threshold", flags->threshold,
                   "Binary: class 1 when its probability is at least this")
      ->capture_default_str();
  command->add_option("--features", flags->roles.features, "Only these columns are features")
      ->delimiter(',');
  command
      ->add_option("--allow-pii", flags->allow_pii,
                   "Train on these feature columns although scan-pii finds high-confidence "
                   "personal data in them (the scan and this choice are recorded in card.json)")
      ->delimiter(',');
  command->add_option("--ignore", flags->roles.ignore, "Columns left out of the features")
      ->delimiter(',');
  command
      ->add_option("--sensitive", flags->roles.sensitive,
                   "Protected attributes: kept out of the features, recorded for audits")
      ->delimiter(',');
  command->add_flag("--use-sensitive", flags->roles.use_sensitive,
                    "Use the --sensitive columns as features too");
  command
      ->add_option("--reweigh", flags->reweigh,
                   "Weigh training rows so that the class is independent of the group of these "
                   "columns (Kamiran-Calders reweighing, as AIF360), comma-separated; the "
                   "weights are recorded in card.json")
      ->delimiter(',');
  command->add_option("--id", flags->roles.id, "A row identifier column (not a feature)");
  command->add_option("--weight", flags->roles.weight, "A column of row weights (not a feature)");
  command->add_option("--params", flags->params_file,
                      "JSON file of XGBoost parameters, plus num_boost_round and "
                      "early_stopping_rounds");
  command->add_option("--rounds", flags->rounds, "Boosting rounds (overrides --params)");
  command->add_option("--early-stopping", flags->early_stopping,
                      "Rounds without improvement before stopping; 0: never (default 10)");
  command->add_option("--seed", flags->seed, "Seed of the split and of XGBoost")
      ->capture_default_str();
  command
      ->add_option("--valid-fraction", flags->valid_fraction,
                   "Share of rows held out, stratified by class, for early stopping and metrics")
      ->capture_default_str();
  command->add_option("--valid", flags->valid_file,
                      "Validation data in its own file, instead of --valid-fraction");
  command->add_option("--cv", flags->cv, "Also K-fold cross-validate; reports mean ± sd");
  command->add_option("--card", flags->card_file,
                      "JSON file with the model card's fields: name, purpose, owner, "
                      "description, intended_use, limitations, contact, license");
  flags->source.Register(*command);
  command->get_option("--threads")
      ->description("Threads for reading and for XGBoost (default: one per core)");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunTrain(*flags, global); };
  });
}

}  // namespace steward::cli
