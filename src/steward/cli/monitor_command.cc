#include "steward/cli/monitor_command.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/http_client.h"
#include "steward/cli/monitor_performance.h"
#include "steward/cli/progress.h"
#include "steward/cli/read_data.h"
#include "steward/cli/reference_profile.h"
#include "steward/cli/source_flags.h"
#include "steward/cli/text_table.h"
#include "steward/io/atomic_file.h"
#include "steward/io/postgres_source.h"
#include "steward/io/prediction_log.h"
#include "steward/model/bundle_archive.h"
#include "steward/model/model_schema.h"
#include "steward/model/predictor.h"
#include "steward/monitor/column_values.h"
#include "steward/monitor/drift_report.h"
#include "steward/monitor/performance_windows.h"
#include "steward/profile/profile_json.h"
#include "steward/report/evidence.h"
#include "steward/report/html_page.h"
#include "steward/report/report_builder.h"

namespace steward::cli {
namespace {

// One side of the comparison, and the model's scores on it when a bundle can give them.
struct Side {
  monitor::CollectedColumns columns;
  std::optional<monitor::ColumnValues> prediction;
  std::string source;
  nlohmann::json extra = nlohmann::json::object();
};

// Scores as a column: probability (binary), value (regression) or class (multiclass).
monitor::ColumnValues PredictionColumn(const model::Predictor& predictor,
                                       const model::Predictions& predictions,
                                       const monitor::CollectOptions& options) {
  monitor::ColumnValues column;
  column.name = "prediction";
  column.rows = predictions.rows;
  if (predictor.schema().task == model::Task::kMulticlass) {
    column.kind = ColumnKind::kCategorical;
    for (int32_t label : predictions.classes)
      ++column.label_counts[predictor.schema().classes[static_cast<size_t>(label)]];
    return column;
  }
  column.numeric =
      sketch::KllSketch(sketch::KllSketch::kDefaultK, options.exact_limit, options.seed);
  std::vector<double> values(predictions.values.begin(), predictions.values.end());
  column.numeric.UpdateBatch(values);
  return column;
}

Result<Side> ReadDataSide(const std::string& path, const MonitorFlags& flags,
                          const model::Predictor* predictor, const GlobalOptions& global,
                          const std::string& what) {
  STEWARD_ASSIGN_OR_RETURN(io::SourceOptions options, flags.source.Resolve());
  monitor::CollectOptions collect;
  collect.exact_limit = flags.exact_limit;
  Side side;
  side.source = "data:" + io::RedactPostgresUri(path);
  if (predictor != nullptr) {
    // The model needs the rows themselves, so this side is read whole.
    STEWARD_ASSIGN_OR_RETURN(
        io::ReadResult read,
        ReadData(path, std::move(options), ProgressAllowed(global.quiet, global.json)));
    side.columns = monitor::CollectFromTable(read.table, collect);
    STEWARD_ASSIGN_OR_RETURN(model::Predictions predictions,
                             predictor->Predict(read.table, io::RedactPostgresUri(path)));
    side.prediction = PredictionColumn(*predictor, predictions, collect);
    return side;
  }
  ProgressBar progress("reading " + what + " " + io::RedactPostgresUri(path),
                       ProgressAllowed(global.quiet, global.json));
  options.csv.progress = [&progress](uint64_t done, uint64_t total) {
    progress.Update(done, total);
  };
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<io::BatchReader> reader,
                           io::OpenSource(path, std::move(options)));
  STEWARD_ASSIGN_OR_RETURN(side.columns, monitor::CollectFromBatches(*reader, collect));
  progress.Finish();
  return side;
}

Result<Side> ReadReference(const MonitorFlags& flags, const model::Predictor* predictor,
                           const GlobalOptions& global) {
  if (!flags.reference.empty() && !IsProfileFile(flags.reference))
    return ReadDataSide(flags.reference, flags, predictor, global, "reference");
  Side side;
  profile::Profile reference;
  if (!flags.reference.empty()) {
    STEWARD_ASSIGN_OR_RETURN(reference, profile::LoadProfile(flags.reference));
    side.source = "profile:" + flags.reference;
  } else {
    STEWARD_ASSIGN_OR_RETURN(model::BundleParts parts, model::ReadAnyBundle(flags.bundle));
    auto profile_part = parts.find("profile.json");
    if (profile_part == parts.end())
      return Status::InvalidArgument(flags.bundle +
                                     ": the bundle holds no profile.json to compare with; give "
                                     "--reference DATA (the training data)");
    STEWARD_ASSIGN_OR_RETURN(
        reference, profile::ParseProfile(profile_part->second, flags.bundle + "/profile.json"));
    side.source = "bundle:" + flags.bundle;
    // What the model reads (and the sensitive columns audits need), not its target or ids.
    auto schema_part = parts.find("schema.json");
    if (schema_part != parts.end()) {
      nlohmann::json schema_json = nlohmann::json::parse(schema_part->second, nullptr, false);
      STEWARD_ASSIGN_OR_RETURN(model::ModelSchema schema, model::SchemaFromJson(schema_json));
      std::set<std::string> monitored(schema.sensitive.begin(), schema.sensitive.end());
      for (const model::ModelFeature& feature : schema.features)
        monitored.insert(feature.name);
      side.columns = monitor::CollectFromProfile(reference);
      std::erase_if(side.columns.columns, [&monitored](const monitor::ColumnValues& column) {
        return !monitored.contains(column.name);
      });
      return side;
    }
  }
  side.columns = monitor::CollectFromProfile(reference);
  return side;
}

Result<Side> ReadCurrent(const MonitorFlags& flags, const Side& reference,
                         const model::Predictor* predictor, const io::PredictionLogScan* log_scan,
                         const GlobalOptions& global) {
  if (log_scan == nullptr)
    return ReadDataSide(flags.current, flags, predictor, global, "current");
  const io::PredictionLogScan& scan = *log_scan;
  monitor::LogWindow window{flags.since, flags.until, flags.last};
  STEWARD_ASSIGN_OR_RETURN(
      monitor::LogColumns log,
      monitor::CollectFromPredictionLog(scan.records, reference.columns.columns, window));
  Side side;
  side.columns = std::move(log.inputs);
  side.prediction = std::move(log.prediction);
  side.source = "prediction_log:" + flags.prediction_log;
  side.extra["window"] = {{"since", flags.since},       {"until", flags.until},
                          {"last", flags.last},         {"first_time", log.first_time},
                          {"last_time", log.last_time}, {"segments", scan.segments.size()}};
  if (scan.torn_tail)
    side.columns.notes.push_back(scan.note);
  if (side.columns.rows == 0)
    return Status::InvalidArgument(flags.prediction_log +
                                   ": no prediction records in the window asked for");
  return side;
}

std::string NowUtc() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char text[32];
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

nlohmann::json ReportJson(const monitor::DriftReport& report, const Side& reference,
                          const Side& current) {
  nlohmann::json json = {{"format", "steward.monitor/1"}, {"created_at", NowUtc()}};
  json["reference"] = {{"source", reference.source}, {"rows", reference.columns.rows}};
  json["current"] = {{"source", current.source}, {"rows", current.columns.rows}};
  json["current"].update(current.extra);
  json["dataset_drift"] = {{"drifted_columns", report.dataset.drifted},
                           {"columns", report.dataset.columns},
                           {"share", report.dataset.share},
                           {"threshold", report.dataset.threshold},
                           {"drift", report.dataset.drift}};
  if (report.dataset.calibrated > 0)
    json["dataset_drift"]["calibrated"] = {{"columns", report.dataset.calibrated},
                                           {"drifted_columns", report.dataset.calibrated_drifted},
                                           {"method", "permutation null, Benjamini-Hochberg"}};
  json["columns"] = nlohmann::json::array();
  for (const monitor::ColumnDrift& column : report.columns)
    json["columns"].push_back(monitor::ColumnDriftJson(column));
  if (report.prediction)
    json["prediction_drift"] = monitor::ColumnDriftJson(*report.prediction);
  json["alerts"] = nlohmann::json::array();
  for (const monitor::Alert& alert : report.alerts)
    json["alerts"].push_back(
        {{"kind", alert.kind}, {"column", alert.column}, {"message", alert.message}});
  json["notes"] = report.notes;
  return json;
}

std::string Number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", x);
  return text;
}

void PrintReport(const monitor::DriftReport& report, const Side& reference, const Side& current,
                 const std::string& performance, std::ostream& out) {
  out << "Reference: " << reference.source << " (" << FormatCount(reference.columns.rows)
      << " rows)\nCurrent:   " << current.source << " (" << FormatCount(current.columns.rows)
      << " rows)\n\n";
  out << "Data set drift: " << (report.dataset.drift ? "YES" : "no") << " — "
      << report.dataset.drifted << " of " << report.dataset.columns << " columns drifted ("
      << Number(100 * report.dataset.share) << "%; alarm at "
      << Number(100 * report.dataset.threshold) << "%)\n";
  const bool calibrated = report.dataset.calibrated > 0;
  if (calibrated)
    out << "Calibrated: " << report.dataset.calibrated_drifted << " of "
        << report.dataset.calibrated
        << " columns drift against their permutation null (Benjamini-Hochberg)\n";
  out << "\n";
  std::vector<std::string> headers = {"column",    "kind",  "test",           "score",
                                      "threshold", "drift", "missing ref→cur"};
  if (calibrated)
    headers.insert(headers.end(), {"null threshold", "perm. p (BH)", "calibrated"});
  TextTable table(headers);
  auto add = [&table, calibrated](const monitor::ColumnDrift& column) {
    std::vector<std::string> row = {Shorten(column.name, 32),
                                    column.numeric ? "numeric" : "categorical",
                                    std::string(monitor::DriftTestName(column.test)),
                                    Number(column.score),
                                    Number(column.threshold),
                                    column.drift ? "DRIFT" : "-",
                                    Number(100 * column.reference_missing_rate) + "% → " +
                                        Number(100 * column.current_missing_rate) + "%"};
    if (calibrated) {
      if (column.calibration)
        row.insert(row.end(), {Number(column.calibration->null_threshold),
                               Number(column.calibration->p_value) + " (" +
                                   Number(column.calibration->p_adjusted) + ")",
                               column.calibration->drift ? "DRIFT" : "-"});
      else
        row.insert(row.end(), {"", "", "not calibrated"});
    }
    table.AddRow(row);
  };
  for (const monitor::ColumnDrift& column : report.columns)
    add(column);
  if (report.prediction)
    add(*report.prediction);
  table.Print(out);
  out << performance;
  if (!report.alerts.empty()) {
    out << "\nAlerts:\n";
    for (const monitor::Alert& alert : report.alerts)
      out << "  [" << alert.kind << "] " << (alert.column.empty() ? "" : alert.column + ": ")
          << alert.message << "\n";
  }
  for (const std::string& note : report.notes)
    out << "note: " << note << "\n";
}

// The report module's page for this result: the drift section, and with --bundle the model's
// card, performance and explanations beside it.
Status WriteHtml(const MonitorFlags& flags, const nlohmann::json& json) {
  report::Evidence evidence;
  if (!flags.bundle.empty()) {
    STEWARD_ASSIGN_OR_RETURN(evidence, report::LoadEvidence({flags.bundle}));
  }
  evidence.monitor = json;
  evidence.inputs.push_back(
      {flags.out.empty() ? "steward monitor" : flags.out, "monitor", "steward.monitor/1"});
  return io::WriteFileAtomically(flags.html, report::RenderHtml(report::BuildReport(evidence)));
}

}  // namespace

Result<MonitorOutcome> RunMonitorChecks(const MonitorFlags& flags, const GlobalOptions& global) {
  if (flags.bundle.empty() == flags.reference.empty() && flags.bundle.empty())
    return Status::InvalidArgument("monitor needs --bundle BUNDLE or --reference FILE");
  if (flags.current.empty() == flags.prediction_log.empty())
    return Status::InvalidArgument("monitor needs one of --current DATA or --prediction-log DIR");
  if (!flags.labels.empty() && flags.bundle.empty())
    return Status::InvalidArgument(
        "--labels needs --bundle BUNDLE (the model's task, stored metrics and sensitive columns)");
  if (!flags.time_column.empty() && flags.current.empty())
    return Status::InvalidArgument(
        "--time-column is for --current data; a prediction log's records carry their time");
  if (!flags.window.empty()) {
    Result<int64_t> window = monitor::ParseWindowLength(flags.window);
    if (!window.ok())
      return Status::InvalidArgument("--window: " + window.status().message());
  }
  monitor::DriftPolicy policy;
  if (!flags.policy.empty()) {
    Result<std::string> text = io::ReadFileToString(flags.policy);
    if (!text.ok())
      return text.status();
    Result<monitor::DriftPolicy> parsed = monitor::ParseDriftPolicy(*text, flags.policy);
    if (!parsed.ok())
      return parsed.status();
    policy = std::move(parsed).value();
  }
  if (flags.calibrate)
    policy.calibrate = true;
  if (flags.calibration_rounds > 0)
    policy.calibration_rounds = flags.calibration_rounds;
  // Prediction drift needs the model's scores on both sides: a bundle and reference data.
  std::optional<model::Predictor> predictor;
  const bool reference_is_data = !flags.reference.empty() && !IsProfileFile(flags.reference);
  if (!flags.bundle.empty() && reference_is_data) {
    Result<model::Predictor> loaded = model::Predictor::Load(flags.bundle, flags.source.threads);
    if (!loaded.ok())
      return loaded.status();
    predictor = std::move(loaded).value();
  }
  const model::Predictor* model = predictor ? &*predictor : nullptr;
  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  Clock::time_point started = Clock::now();
  Result<Side> reference = ReadReference(flags, model, global);
  if (!reference.ok())
    return reference.status();
  const double reference_seconds = seconds_since(started);
  started = Clock::now();
  std::optional<io::PredictionLogScan> scan;
  if (!flags.prediction_log.empty()) {
    Result<io::PredictionLogScan> read = io::ReadPredictionLog(flags.prediction_log);
    if (!read.ok())
      return read.status();
    scan = std::move(read).value();
  }
  const io::PredictionLogScan* log_scan = scan ? &*scan : nullptr;
  Result<Side> current = ReadCurrent(flags, *reference, model, log_scan, global);
  if (!current.ok())
    return current.status();
  const double current_seconds = seconds_since(started);
  started = Clock::now();
  if (!flags.prediction_log.empty()) {
    // The server logs what the model reads; the reference's other columns (sensitive ones kept
    // for audits) cannot be in the log, which is no data-quality problem.
    std::set<std::string> logged;
    for (const monitor::ColumnValues& column : current->columns.columns)
      logged.insert(column.name);
    std::erase_if(reference->columns.columns, [&](const monitor::ColumnValues& column) {
      if (logged.contains(column.name))
        return false;
      current->columns.notes.push_back("column '" + column.name +
                                       "' is not among the model's logged inputs; not tested");
      return true;
    });
  }
  Result<monitor::DriftReport> report =
      monitor::CompareColumns(std::move(reference->columns.columns),
                              std::move(current->columns.columns), reference->columns.rows, policy);
  if (!report.ok())
    return report.status();
  for (const std::string& note : reference->columns.notes)
    report->notes.push_back("reference: " + note);
  for (const std::string& note : current->columns.notes)
    report->notes.push_back("current: " + note);
  if (reference->prediction && current->prediction) {
    Result<monitor::ColumnDrift> prediction =
        monitor::CompareColumn(std::move(*reference->prediction), std::move(*current->prediction),
                               reference->columns.rows, policy);
    if (prediction.ok()) {
      report->prediction = std::move(prediction).value();
      if (report->prediction->drift)
        report->alerts.push_back(
            {"prediction_drift", "prediction",
             "the model's outputs drifted (" +
                 std::string(monitor::DriftTestName(report->prediction->test)) + " " +
                 Number(report->prediction->score) + ")"});
    } else {
      report->notes.push_back("prediction drift not tested: " + prediction.status().message());
    }
  }
  Result<std::optional<PerformanceSection>> performance =
      MonitorPerformance(flags, policy.performance, log_scan, global);
  if (!performance.ok())
    return performance.status();
  if (!*performance && !flags.window.empty()) {
    report->notes.push_back("--window " + flags.window +
                            ": no labels (no --labels, no feedback in the log), so no "
                            "performance windows");
  }
  if (*performance) {
    for (monitor::Alert& alert : (*performance)->alerts)
      report->alerts.push_back(std::move(alert));
    for (std::string& note : (*performance)->notes)
      report->notes.push_back(std::move(note));
  }
  nlohmann::json json = ReportJson(*report, *reference, *current);
  if (*performance)
    json["performance"] = std::move((*performance)->json);
  json["timing"] = {{"reference_s", reference_seconds},
                    {"current_s", current_seconds},
                    {"compute_s", seconds_since(started)}};
  const std::string text = json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  if (!flags.out.empty()) {
    Status written = io::WriteFileAtomically(flags.out, text + "\n");
    if (!written.ok())
      return written;
  }
  if (!flags.html.empty())
    STEWARD_RETURN_IF_ERROR(WriteHtml(flags, json));
  std::ostringstream human;
  PrintReport(*report, *reference, *current, *performance ? (*performance)->text : "", human);
  return MonitorOutcome{std::move(json), human.str(), !report->alerts.empty()};
}

namespace {

int RunMonitor(const MonitorFlags& flags, const GlobalOptions& global) {
  Result<MonitorOutcome> outcome = RunMonitorChecks(flags, global);
  if (!outcome.ok())
    return ReportError(outcome.status());
  if (global.json)
    std::cout << outcome->json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  else
    std::cout << outcome->text;
  if (outcome->alert && !flags.webhook.empty()) {
    Status posted = PostJson(flags.webhook, outcome->json.dump());
    if (!posted.ok())
      std::fprintf(stderr, "steward: the alert was not delivered: %s\n", posted.message().c_str());
    else if (!global.quiet && !global.json)
      std::fprintf(stderr, "alert posted to %s\n", flags.webhook.c_str());
  }
  return outcome->alert ? kExitCheckFailed : kExitOk;
}

}  // namespace

void AddMonitorCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<MonitorFlags>();
  CLI::App* command = app.add_subcommand(
      "monitor",
      "Compare what production sees with the reference the model was trained on: per-feature "
      "drift (KS, Wasserstein, PSI, Jensen-Shannon, chi-square), prediction drift, data quality");
  command->add_option("--bundle", flags->bundle,
                      "Model bundle: its training profile is the reference (unless --reference "
                      "is given), and with reference data its model scores both sides");
  command->add_option("--reference", flags->reference,
                      "Reference: a profile.json, or a data set (then every test is exact)");
  command->add_option("--current", flags->current,
                      "Current window: CSV or JSON Lines file, '-', or postgresql://... --sql");
  command->add_option("--prediction-log", flags->prediction_log,
                      "Current window from the server's prediction log directory");
  command->add_option("--since", flags->since,
                      "Prediction log: records at or after this UTC time (e.g. 2026-11-20 or "
                      "2026-11-20T08:00)");
  command->add_option("--until", flags->until, "Prediction log: records before this UTC time");
  command->add_option("--last", flags->last,
                      "Prediction log: only the last N records of the window");
  command->add_option("--labels", flags->labels,
                      "CSV of id,label: labels that arrived later, joined on the prediction "
                      "record id (--prediction-log) or the bundle's id column (--current); "
                      "judges the model's performance and fairness per window (needs --bundle). "
                      "With --prediction-log and no --labels, the log's feedback records");
  command->add_option("--window", flags->window,
                      "Length of the performance windows: 30m, 1h, 1d, 7d, ... (default 1d, "
                      "UTC days; one window when the current data has no time)");
  command->add_option("--time-column", flags->time_column,
                      "--current: the column holding each row's time (default: the only "
                      "column of dates or date-times)");
  command->add_option("--policy", flags->policy,
                      "Policy file (TOML) overriding tests and thresholds, per column; format in "
                      "docs/formats/monitor.md");
  command->add_option("--out", flags->out, "Also write the JSON report to this file");
  command->add_option("--html", flags->html,
                      "Also write the result as a self-contained HTML page (steward report's "
                      "drift section; with --bundle, the model's sections too)");
  command->add_option("--webhook", flags->webhook,
                      "POST the JSON report here when an alert fires (http:// only)");
  command
      ->add_option("--exact-limit", flags->exact_limit,
                   "Numeric values kept per column for exact tests; beyond, a KLL sketch whose "
                   "rank error the report states")
      ->capture_default_str();
  command->add_flag("--calibrate", flags->calibrate,
                    "Also judge each column against its permutation null distribution at these "
                    "sample sizes, with Benjamini-Hochberg control across columns (reported "
                    "beside the fixed thresholds, which decide the alerts)");
  command->add_option("--calibration-rounds", flags->calibration_rounds,
                      "Permutations per column with --calibrate (default 1000)");
  flags->source.Register(*command);
  command->footer(
      "Tests by default (Evidently's rules): references of at most 1,000 rows use KS (numeric)\n"
      "and chi-square (categorical) with p < 0.05; larger ones the Wasserstein distance\n"
      "normalised by the reference's standard deviation (>= 0.1) and the Jensen-Shannon\n"
      "distance (>= 0.1). Numeric columns with at most 5 distinct values are tested as\n"
      "categories. The data set drifts when at least half its columns do.\n"
      "With labels, each window's metrics (the bundle's: AUC, accuracy, log-loss; RMSE, MAE,\n"
      "R2) are compared with those the bundle stored: an alert when one falls below them by\n"
      "more than 0.05 (error metrics: rises 20%), from 30 labelled rows a window; and each\n"
      "sensitive column's groups' selection-rate ratio must stay within 0.8-1.25. The policy's\n"
      "[performance] table changes these.\n"
      "Exit codes: 0 no alert, 1 an alert fired (drift, data quality, prediction drift,\n"
      "performance, fairness), 2 bad input or usage error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunMonitor(*flags, global); };
  });
}

}  // namespace steward::cli
