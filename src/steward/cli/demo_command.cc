#include <chrono>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/audit_input.h"
#include "steward/cli/command.h"
#include "steward/cli/demo_data.h"
#include "steward/cli/evaluation_report_text.h"
#include "steward/cli/explanation_report_text.h"
#include "steward/cli/fairness_mitigation.h"
#include "steward/cli/fairness_report_text.h"
#include "steward/cli/http_client.h"
#include "steward/cli/inspect_report.h"
#include "steward/cli/json_document.h"
#include "steward/cli/monitor_command.h"
#include "steward/cli/pii_scan.h"
#include "steward/cli/profile_report.h"
#include "steward/cli/progress.h"
#include "steward/cli/registry_output.h"
#include "steward/cli/train_command.h"
#include "steward/cli/validation_report_text.h"
#include "steward/fairness/audit.h"
#include "steward/fairness/fairness_json.h"
#include "steward/io/atomic_file.h"
#include "steward/io/data_source.h"
#include "steward/io/table_writer.h"
#include "steward/model/bundle_archive.h"
#include "steward/model/evaluation.h"
#include "steward/model/explanation.h"
#include "steward/model/predictor.h"
#include "steward/model/sha256.h"
#include "steward/policy/policy.h"
#include "steward/privacy/k_anonymity.h"
#include "steward/privacy/key_file.h"
#include "steward/privacy/pseudonymize.h"
#include "steward/profile/profile_json.h"
#include "steward/profile/profiler.h"
#include "steward/registry/registry.h"
#include "steward/report/evidence.h"
#include "steward/report/html_page.h"
#include "steward/report/report_builder.h"
#include "steward/server/http_server.h"
#include "steward/server/key_cache.h"
#include "steward/server/model_slots.h"
#include "steward/server/served_model.h"
#include "steward/server/server_metrics.h"
#include "steward/server/service.h"
#include "steward/validate/suggest.h"
#include "steward/validate/suite_parser.h"
#include "steward/validate/suite_writer.h"
#include "steward/validate/validator.h"

namespace steward::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string Dump(const nlohmann::json& document, int indent) {
  return document.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// One run of the demo: each step adds its files to `dir`, its results to `json`, and prints
// what it found unless the output is JSON.
struct Demo {
  std::string dir;
  bool human = true;
  std::string data_path;
  nlohmann::json json;
  profile::Profile profile;

  Status WriteInputs() {
    data_path = dir + "/" + std::string(kDemoDataName);
    json["data"] = data_path;
    STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(data_path, DemoData()));
    if (human) {
      std::cout << "Steward demo: " << kDemoDataDescription << "\n"
                << "Data written to " << data_path << "\n";
    }
    return Status::Ok();
  }

  Status Inspect() {
    const Clock::time_point start = Clock::now();
    STEWARD_ASSIGN_OR_RETURN(io::ReadResult read, io::ReadSource(data_path, {}));
    const InspectReport report = BuildInspectReport(data_path, read, SecondsSince(start), 3);
    json["inspect"] = InspectReportToJson(report);
    if (human) {
      std::cout << "\n1. Inspect: what the data holds\n";
      PrintInspectReport(report, std::cout);
    }
    return Status::Ok();
  }

  Status Profile() {
    const Clock::time_point start = Clock::now();
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<io::BatchReader> reader,
                             io::OpenSource(data_path, {}));
    profile::ProfileOptions options;
    options.target = std::string(kDemoTarget);
    STEWARD_ASSIGN_OR_RETURN(profile, profile::ProfileBatches(*reader, options, data_path));
    const double seconds = SecondsSince(start);
    const nlohmann::json document = profile::ProfileToJson(profile);
    const std::string path = dir + "/profile.json";
    STEWARD_RETURN_IF_ERROR(SaveJsonDocument(document, path).status());
    json["profile"] = document["summary"];
    json["profile_file"] = path;
    if (human) {
      std::cout << "\n2. Profile: statistics, correlations, target balance and alerts\n";
      PrintProfileReport(document["summary"], path, seconds, std::cout);
    }
    return Status::Ok();
  }

  Result<validate::ValidationReport> ValidateData(const validate::Suite& suite,
                                                  const std::string& suite_path) {
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<io::BatchReader> reader,
                             io::OpenSource(data_path, {}));
    STEWARD_ASSIGN_OR_RETURN(validate::ValidationReport report,
                             validate::Validate(*reader, suite, validate::ValidateOptions{}));
    report.source = data_path;
    report.suite = suite_path;
    return report;
  }

  // Two suites: the one inferred from the profile, a baseline that new data of the same kind
  // must pass, and the credit team's written rules, which find real problems in this data.
  Status Validate() {
    const validate::SuggestedSuite suggested = validate::SuggestSuite(profile, {});
    const std::string suggested_path = dir + "/suggested_suite.toml";
    STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(
        suggested_path, validate::SuiteToToml(suggested.suite, suggested.comments)));
    STEWARD_ASSIGN_OR_RETURN(validate::ValidationReport baseline,
                             ValidateData(suggested.suite, suggested_path));

    const std::string rules_path = dir + "/" + std::string(kDemoRulesName);
    STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(rules_path, DemoRules()));
    STEWARD_ASSIGN_OR_RETURN(validate::Suite rules, validate::LoadSuite(rules_path));
    STEWARD_ASSIGN_OR_RETURN(validate::ValidationReport checked, ValidateData(rules, rules_path));

    validation_path = dir + "/validation.json";
    STEWARD_RETURN_IF_ERROR(
        SaveJsonDocument(validate::ValidationReportToJson(checked), validation_path).status());
    json["validation"] = {{"suggested_suite", suggested_path},
                          {"suggested", validate::ValidationReportToJson(baseline)},
                          {"rules", validate::ValidationReportToJson(checked)}};
    if (human) {
      const size_t failed = checked.Count(validate::ExpectationStatus::kFailed);
      std::cout << "\n3. Validate: the data against the credit team's rules (" << rules_path
                << ")\n";
      PrintValidationReport(checked, std::cout);
      std::cout << (failed == 0 ? "The data meets every rule.\n"
                                : "The data breaks " + std::to_string(failed) +
                                      " of the rules: fix them before training on it.\n")
                << "A suite inferred from the profile, to check new data against, is in "
                << suggested_path << ": " << baseline.results.size() << " expectations, "
                << baseline.Count(validate::ExpectationStatus::kFailed)
                << " failed on this data.\n";
    }
    return Status::Ok();
  }

  // Every fifth record is held out, so the evaluation is on rows the model never saw. The
  // demo data has no quoted line breaks, so records are lines.
  Status SplitData() {
    const std::string_view data = DemoData();
    const size_t header_end = data.find('\n') + 1;
    std::string train(data.substr(0, header_end)), holdout(data.substr(0, header_end));
    size_t record = 0;
    for (size_t at = header_end; at < data.size(); ++record) {
      const size_t end = std::min(data.find('\n', at), data.size() - 1) + 1;
      (record % 5 == 4 ? holdout : train) += data.substr(at, end - at);
      at = end;
    }
    train_path = dir + "/credit_train.csv";
    holdout_path = dir + "/credit_holdout.csv";
    STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(train_path, train));
    return io::WriteFileAtomically(holdout_path, holdout);
  }

  // The sensitive attributes are kept out of the model and recorded in its bundle for audits.
  Status Train() {
    STEWARD_RETURN_IF_ERROR(SplitData());
    TrainFlags flags;
    flags.data = train_path;
    flags.out = dir + "/credit_model";
    flags.roles.target = std::string(kDemoTarget);
    flags.roles.sensitive = {"Age", "Marital"};
    flags.seed = 42;
    STEWARD_ASSIGN_OR_RETURN(TrainedBundle trained, TrainToBundle(flags, false));
    bundle_path = flags.out;
    json["train"] = trained.summary;
    if (human) {
      std::cout << "\n4. Train: XGBoost and a linear baseline on " << train_path
                << " (Age and Marital are sensitive: kept out of the features, recorded)\n";
      PrintTrainSummary(trained.summary, trained.metrics, std::cout);
    }
    return Status::Ok();
  }

  Status Evaluate() {
    STEWARD_ASSIGN_OR_RETURN(predictor, model::Predictor::Load(bundle_path, 0));
    STEWARD_ASSIGN_OR_RETURN(held_out, io::ReadSource(holdout_path, {}));
    const io::ReadResult& read = held_out;
    STEWARD_ASSIGN_OR_RETURN(model::Predictions predictions,
                             predictor.Predict(read.table, holdout_path));
    model::EvaluateOptions options;
    options.slice_column = "Marital";
    options.roc_curve = true;  // for the report's ROC and precision-recall curves
    STEWARD_ASSIGN_OR_RETURN(nlohmann::json document,
                             model::EvaluatePredictions(predictor.schema(), read.table, predictions,
                                                        holdout_path, options));
    document["bundle"] = bundle_path;
    document["data"] = holdout_path;
    const std::string path = dir + "/evaluation.json";
    STEWARD_RETURN_IF_ERROR(SaveJsonDocument(document, path).status());
    json["evaluation"] = document;
    if (human) {
      std::cout << "\n5. Evaluate: on the held-out rows, overall and by Marital (" << path << ")\n";
      PrintEvaluation(document, std::cout);
    }
    return Status::Ok();
  }

  // Why the model decides as it does: exact TreeSHAP over the held-out rows, the first row's
  // decision taken apart, and permutation importance as a model-agnostic check.
  Status Explain() {
    const io::ReadResult& read = held_out;  // and the model, loaded by Evaluate
    model::ExplainOptions options;
    options.rows = 1;
    options.top = 5;
    options.permutation_repeats = 3;
    STEWARD_ASSIGN_OR_RETURN(model::Explanation explanation,
                             model::Explain(predictor, read.table, holdout_path, options));
    const nlohmann::json document = model::ExplanationToJson(explanation);
    const std::string path = dir + "/explanation.json";
    STEWARD_RETURN_IF_ERROR(SaveJsonDocument(document, path).status());
    json["explanation"] = document;
    if (human) {
      std::cout << "\n6. Explain: what drives the model's decisions (" << path << ")\n";
      PrintExplanation(explanation, holdout_path, bundle_path, std::cout);
    }
    return Status::Ok();
  }

  // Whether the model treats groups alike: the held-out rows by the sensitive Marital, with
  // bootstrap intervals; the audit is stored in the bundle as fairness.json.
  Status Fairness() {
    const io::ReadResult& read = held_out;  // and the model, loaded by Evaluate
    STEWARD_ASSIGN_OR_RETURN(model::Predictions predictions,
                             predictor.Predict(read.table, holdout_path));
    STEWARD_ASSIGN_OR_RETURN(
        ModelAuditData audited,
        AuditDataFromPredictions(predictor.schema(), read.table, predictions, holdout_path));
    const std::vector<std::string> sensitive = {"Marital"};
    STEWARD_ASSIGN_OR_RETURN(
        fairness::Grouping grouping,
        fairness::GroupRows(read.table, sensitive, false, holdout_path, audited.rows));
    STEWARD_ASSIGN_OR_RETURN(fairness::FairnessReport report,
                             fairness::Audit(audited.data, grouping, fairness::AuditOptions{}));
    const nlohmann::json document = fairness::ReportToJson(report);
    STEWARD_RETURN_IF_ERROR(model::SetBundlePart(bundle_path, "fairness.json", JsonText(document)));
    json["fairness"] = document;
    if (human) {
      std::cout << "\n7. Fairness: the model's decisions by Marital on the held-out rows (saved "
                   "in the bundle as fairness.json)\n";
      PrintFairness(report, std::cout);
    }
    // Mitigation: per-group thresholds for demographic parity, chosen on half the held-out
    // rows and re-audited on the other half, written as a second bundle.
    ThresholdMitigation request;
    request.bundle = bundle_path;
    request.out_bundle = dir + "/credit_model_fair";
    fair_bundle_path = request.out_bundle;
    request.sensitive = sensitive;
    STEWARD_ASSIGN_OR_RETURN(
        MitigationResult mitigated,
        MitigateWithThresholds(request, predictor.schema(), read.table, audited, holdout_path));
    json["fairness_mitigation"] = mitigated.document["mitigation"];
    if (human) {
      std::cout << "\n8. Mitigate: the same model with a decision threshold per Marital group ("
                << request.out_bundle << ")\n";
      PrintMitigation(mitigated, std::cout);
    }
    return Status::Ok();
  }

  // Governance: both bundles registered with their evidence; the first model, approved by two
  // roles, meets every gate of the example policy but data validation (the data broke the
  // credit team's rules), so promotion is refused until an admin forces it with a reason; the
  // audit chain is verified. (The mitigated model is registered but not promoted: evening out
  // selection rates widened its equalized-odds gap beyond the policy's limit.)
  Status Register() {
    const std::string location = dir + "/registry";
    // The demo's own registry starts afresh on every run, so its output reads the same.
    if (std::filesystem::exists(location + "/registry.db"))
      std::filesystem::remove_all(location);
    const std::string policy_path = dir + "/" + std::string(kDemoPolicyName);
    STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(policy_path, DemoPolicy()));
    STEWARD_ASSIGN_OR_RETURN(policy::Policy gates, policy::ReadPolicyFile(policy_path));
    auto as = [&](const std::string& actor) {
      registry::RegistryContext context;
      context.actor = actor;
      return context;
    };
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<registry::Registry> registry,
                             registry::Registry::Init(location, as("data-scientist")));
    STEWARD_ASSIGN_OR_RETURN(
        registry::VersionRecord first,
        registry->Register({bundle_path, "credit", "lending", validation_path, "demo model"}));
    STEWARD_ASSIGN_OR_RETURN(
        registry::VersionRecord fair,
        registry->Register({fair_bundle_path, "credit", "lending", validation_path,
                            "per-group thresholds for demographic parity by Marital"}));
    for (const auto& [actor, role] : {std::pair{"risk-officer", "risk"}, {"ml-lead", "ml_lead"}}) {
      STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<registry::Registry> reviewer,
                               registry::Registry::Open(location, as(actor)));
      STEWARD_RETURN_IF_ERROR(reviewer->Approve("credit", first.version, role, "reviewed"));
    }
    registry::PromoteRequest request;
    request.model = "credit";
    request.version = first.version;
    request.alias = "production";
    request.reason = "approved by risk and the ML lead";
    request.policy = &gates;
    request.policy_sha256 = model::Sha256Hex(DemoPolicy());
    STEWARD_ASSIGN_OR_RETURN(registry::PromoteOutcome refused, registry->Promote(request));
    const nlohmann::json refused_json = PromoteJson(request, refused);
    STEWARD_ASSIGN_OR_RETURN(registry::CreatedKey admin,
                             registry->CreateKey(registry::KeyScope::kAdmin, "demo-admin"));
    request.force = true;
    request.admin_key = admin.secret;
    request.reason = "the data issues found in step 3 are accepted by risk until the next release";
    STEWARD_ASSIGN_OR_RETURN(registry::PromoteOutcome forced, registry->Promote(request));
    STEWARD_ASSIGN_OR_RETURN(registry::VerifyReport verified, registry->Verify());
    json["registry"] = {{"location", location},
                        {"versions", {first.version, fair.version}},
                        {"promotion", refused_json},
                        {"forced_promotion", PromoteJson(request, forced)},
                        {"verify", VerifyJson(verified)}};
    if (human) {
      std::cout << "\n9. Register and promote: both models in the registry at " << location
                << " (credit@" << first.version << ", and the mitigated credit@" << fair.version
                << "); credit@" << first.version
                << ", approved by risk and the ML lead, is promoted under " << policy_path << "\n";
      request.force = false;
      PrintPromote(request, refused, std::cout);
      std::cout << "An admin overrides the refusal with a reason (\"" << request.reason
                << "\"): the audit log records a forced promotion, and credit@production now "
                   "holds version "
                << first.version << ".\n";
      PrintVerify(verified, std::cout);
    }
    return Status::Ok();
  }

  // Personal data before anything learns from it: a scan of every column, a pseudonymised
  // applicant number (keyed HMAC, so joins still work), and how identifiable applicants are by
  // age, marital status and housing.
  Status Privacy() {
    STEWARD_ASSIGN_OR_RETURN(io::ReadResult read, io::ReadSource(data_path, {}));
    STEWARD_ASSIGN_OR_RETURN(privacy::PiiScanReport scan, ScanTableForPii(read.table));
    scan.source = data_path;
    // The bundled data has no identifier; the demo numbers the applications as a lender would.
    // Its records are single lines (no quoted line breaks).
    const std::string_view data = DemoData();
    std::string numbered = "application_id,";
    size_t at = data.find('\n') + 1;
    numbered += data.substr(0, at);
    for (size_t record = 1; at < data.size(); ++record) {
      const size_t end = std::min(data.find('\n', at), data.size() - 1) + 1;
      char id[16];
      std::snprintf(id, sizeof id, "A%06zu,", record);
      numbered += id;
      numbered += data.substr(at, end - at);
      at = end;
    }
    const std::string numbered_path = dir + "/credit_numbered.csv";
    STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(numbered_path, numbered));
    io::SourceOptions as_text;
    as_text.csv.column_kinds = {{"application_id", ColumnKind::kText}};
    STEWARD_ASSIGN_OR_RETURN(io::ReadResult with_ids, io::ReadSource(numbered_path, as_text));
    const std::string key_path = dir + "/demo.key";
    if (!std::filesystem::exists(key_path))
      STEWARD_RETURN_IF_ERROR(privacy::CreateKeyFile(key_path));
    STEWARD_ASSIGN_OR_RETURN(privacy::PseudonymKey key, privacy::LoadKeyFile(key_path));
    privacy::PseudonymizeOptions options;
    options.pseudonymize = {"application_id"};
    STEWARD_ASSIGN_OR_RETURN(Table pseudonymized,
                             privacy::Pseudonymize(with_ids.table, key, options));
    const std::string pseudonymized_path = dir + "/credit_pseudonymized.csv";
    STEWARD_RETURN_IF_ERROR(io::WriteCsv(pseudonymized, pseudonymized_path));
    privacy::KAnonymityOptions quasi;
    quasi.quasi_identifiers = {"Age", "Marital", "Home"};
    quasi.k = 5;
    STEWARD_ASSIGN_OR_RETURN(privacy::KAnonymityReport anonymity,
                             privacy::MeasureKAnonymity(read.table, quasi));
    json["privacy"] = {{"scan", privacy::PiiScanReportToJson(scan)},
                       {"key", key_path},
                       {"pseudonymized", pseudonymized_path},
                       {"k_anonymity", privacy::KAnonymityReportToJson(anonymity)}};
    if (human) {
      std::cout << "\n3b. Personal data: every column scanned for e-mails, phones, card numbers, "
                   "IBANs, national ids, addresses and names\n";
      PrintPiiReport(scan, std::cout);
      std::cout << "\nApplication numbers added and pseudonymised with a keyed HMAC-SHA256 (key "
                << key_path << ", mode 0600): " << pseudonymized_path << "\n";
      const Column& ids = pseudonymized.column(0);
      if (ids.kind() == ColumnKind::kText && ids.size() > 0)
        std::cout << "  A000001 -> " << ids.text().at(0) << "\n";
      std::cout << "\nHow identifiable are applicants by Age, Marital and Home (k = 5)?\n";
      PrintKAnonymity(anonymity, data_path, std::cout);
    }
    return Status::Ok();
  }

  // A row of a table as a prediction request's instance (the target left out).
  static nlohmann::json Instance(const Table& table, size_t row) {
    nlohmann::json instance = nlohmann::json::object();
    for (size_t index = 0; index < table.num_columns(); ++index) {
      if (table.name(index) == kDemoTarget)
        continue;
      const Column& column = table.column(index);
      if (column.IsMissing(row))
        instance[table.name(index)] = nullptr;
      else if (column.kind() == ColumnKind::kNumeric)
        instance[table.name(index)] = column.numeric()[row];
      else
        instance[table.name(index)] = column.ValueToString(row);
    }
    return instance;
  }

  // Production, for real: credit@production served on a free loopback port with a prediction
  // log, sent the held-out applications and then a later batch whose incomes rose by 60% and
  // whose applicants are 8 years older (Age is sensitive, so the model is not sent it).
  Status Serve() {
    STEWARD_ASSIGN_OR_RETURN(Table drifted, DriftedBatch());
    drifted_path = dir + "/credit_drifted_batch.csv";
    STEWARD_RETURN_IF_ERROR(io::WriteCsv(drifted, drifted_path));
    const std::string location = dir + "/registry";
    registry::RegistryContext context;
    context.actor = "demo-server";
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<registry::Registry> loader,
                             registry::Registry::Open(location, context));
    STEWARD_ASSIGN_OR_RETURN(registry::VersionRecord version, loader->Show("credit@production"));
    server::RequestLimits limits;
    STEWARD_ASSIGN_OR_RETURN(
        std::shared_ptr<const server::ServedModel> model,
        server::LoadServedModel(*loader, version, "credit@production", limits));
    STEWARD_ASSIGN_OR_RETURN(registry::CreatedKey key,
                             loader->CreateKey(registry::KeyScope::kPredict, "demo-traffic"));
    log_path = dir + "/prediction-log";
    std::filesystem::remove_all(log_path);  // each run's log starts empty
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<io::PredictionLogWriter> log,
                             io::PredictionLogWriter::Open(log_path));
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<registry::Registry> key_registry,
                             registry::Registry::Open(location, context));
    server::ServerMetrics metrics;
    server::ModelSlots slots({model});
    server::KeyCache keys(std::move(key_registry), std::chrono::seconds(60));
    server::ServiceOptions options;
    options.request_limits = limits;
    options.allowed_hosts = {"127.0.0.1", "localhost", "[::1]"};
    server::PredictionService service(slots, keys, log.get(), metrics, options);
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<server::HttpServer> http,
                             server::HttpServer::Start("127.0.0.1", 0, 1, server::HttpLimits{},
                                                       [&service](server::HttpRequest& request) {
                                                         return service.Handle(request);
                                                       }));
    const std::string url =
        "http://127.0.0.1:" + std::to_string(http->port()) + "/v1/models/credit/predict";
    const std::vector<std::pair<std::string, std::string>> headers = {
        {"Authorization", "Bearer " + key.secret}};
    // Batches of 100 applications, then single ones, as a lender's systems would send them.
    auto send = [&](const Table& table, size_t& requests) -> Status {
      for (size_t start = 0; start < table.num_rows(); start += 100) {
        nlohmann::json batch = {{"instances", nlohmann::json::array()}};
        for (size_t row = start; row < std::min(start + 100, table.num_rows()); ++row)
          batch["instances"].push_back(Instance(table, row));
        STEWARD_ASSIGN_OR_RETURN(HttpReply reply, HttpPost(url, batch.dump(), headers));
        ++requests;
        if (reply.status != 200)
          return Status::Internal("the demo server answered HTTP " + std::to_string(reply.status) +
                                  ": " + reply.body);
      }
      return Status::Ok();
    };
    size_t steady_requests = 0, drifted_requests = 0;
    Status sent = send(held_out.table, steady_requests);
    if (sent.ok())
      sent = send(drifted, drifted_requests);
    http->Shutdown();
    STEWARD_RETURN_IF_ERROR(sent);
    STEWARD_RETURN_IF_ERROR(log->Flush());
    drifted_rows = drifted.num_rows();
    json["serve"] = {{"url", url},
                     {"requests", steady_requests + drifted_requests},
                     {"predictions", held_out.table.num_rows() + drifted.num_rows()},
                     {"prediction_log", log_path}};
    if (human) {
      std::cout << "\n10. Serve: credit@production (version " << version.version << ") on "
                << "http://127.0.0.1:" << http->port() << " with an API key; "
                << held_out.table.num_rows() << " held-out applications, then "
                << drifted.num_rows()
                << " from a later month with 60% higher incomes, were predicted in "
                << steady_requests + drifted_requests << " requests and logged to " << log_path
                << "\n";
    }
    return Status::Ok();
  }

  // The held-out rows with incomes 60% higher and applicants 8 years older.
  Result<Table> DriftedBatch() const {
    const Table& rows = held_out.table;
    std::vector<Column> columns;
    for (size_t index = 0; index < rows.num_columns(); ++index) {
      const Column& column = rows.column(index);
      const std::string& name = rows.name(index);
      if (column.kind() == ColumnKind::kNumeric && (name == "Income" || name == "Age")) {
        std::vector<double> values(column.numeric().begin(), column.numeric().end());
        for (double& value : values)
          value = name == "Income" ? value * 1.6 : value + 8;
        columns.push_back(Column::Numeric(std::move(values)));
      } else {
        columns.push_back(column);
      }
    }
    return Table::Make(rows.schema(), std::move(columns));
  }

  // The monitor compares production with the bundle's training profile: the server's log of
  // the held-out traffic passes, its log of the later batch raises alerts (Income), and the
  // same batch as a file shows Age too, which the server never saw.
  Status Monitor() {
    GlobalOptions quiet;
    quiet.quiet = true;
    MonitorFlags flags;
    flags.bundle = bundle_path;
    flags.prediction_log = log_path;
    // The held-out traffic came first: its window ends where the drifted batch's begins.
    MonitorFlags steady_flags = flags;
    STEWARD_ASSIGN_OR_RETURN(io::PredictionLogScan scan, io::ReadPredictionLog(log_path));
    const size_t steady_rows = scan.records.size() - drifted_rows;
    steady_flags.until = scan.records[steady_rows].time;
    STEWARD_ASSIGN_OR_RETURN(MonitorOutcome steady, RunMonitorChecks(steady_flags, quiet));
    flags.last = drifted_rows;
    flags.out = dir + "/monitor.json";
    STEWARD_ASSIGN_OR_RETURN(MonitorOutcome logged, RunMonitorChecks(flags, quiet));
    MonitorFlags file_flags;
    file_flags.bundle = bundle_path;
    file_flags.current = drifted_path;
    STEWARD_ASSIGN_OR_RETURN(MonitorOutcome from_file, RunMonitorChecks(file_flags, quiet));
    json["monitor"] = {{"held_out", steady.json["dataset_drift"]},
                       {"held_out_alerts", steady.json["alerts"].size()},
                       {"drifted", logged.json},
                       {"drifted_file", from_file.json["dataset_drift"]}};
    if (human) {
      std::cout << "\n11. Monitor: the prediction log against the model's training profile\n"
                << "The held-out traffic: "
                << (steady.alert ? "alerts fired"
                                 : "no alert, nothing drifted beyond its threshold")
                << ".\nThe later batch (" << flags.out << "):\n\n"
                << logged.text << "\nThe same batch as a file (" << drifted_path
                << ") also shows the applicants' age, which the model is not sent:\n";
      for (const auto& alert : from_file.json["alerts"])
        std::cout << "  [" << alert["kind"].get<std::string>() << "] "
                  << alert["column"].get<std::string>() << ": "
                  << alert["message"].get<std::string>() << "\n";
    }
    return Status::Ok();
  }

  // One page for a reader who is not an engineer: data, model card, performance, explanations,
  // fairness, drift, and the registry's lineage and audit trail.
  Status Report() {
    STEWARD_ASSIGN_OR_RETURN(
        report::Evidence evidence,
        report::LoadEvidence({bundle_path, dir + "/evaluation.json", dir + "/explanation.json",
                              dir + "/monitor.json"}));
    STEWARD_RETURN_IF_ERROR(report::AddRegistryEvidence(dir + "/registry", evidence));
    const report::Report built = report::BuildReport(evidence);
    const std::string path = dir + "/report.html";
    STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(path, report::RenderHtml(built)));
    // The mitigated model's page shows its audit before and after the per-group thresholds.
    STEWARD_ASSIGN_OR_RETURN(report::Evidence mitigated_evidence,
                             report::LoadEvidence({fair_bundle_path}));
    STEWARD_RETURN_IF_ERROR(report::AddRegistryEvidence(dir + "/registry", mitigated_evidence));
    const report::Report mitigated = report::BuildReport(mitigated_evidence);
    const std::string mitigated_path = dir + "/report_mitigated.html";
    STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(mitigated_path, report::RenderHtml(mitigated)));
    json["report"] = {{"path", path}, {"content", report::ReportToJson(built)}};
    json["report_mitigated"] = {{"path", mitigated_path},
                                {"content", report::ReportToJson(mitigated)}};
    if (human)
      std::cout << "\n12. Report: " << path
                << " (one self-contained page; open it in a browser, no network needed), and "
                << mitigated_path << " for the mitigated model\n";
    return Status::Ok();
  }

  model::Predictor predictor;  // the trained model and the held-out rows, loaded once
  io::ReadResult held_out;
  std::string validation_path;
  std::string fair_bundle_path;
  std::string train_path;
  std::string holdout_path;
  std::string bundle_path;
  std::string log_path;
  std::string drifted_path;  // the later batch as a file, written by Serve
  size_t drifted_rows = 0;
};

}  // namespace

// The demo runs Steward's whole governed lifecycle on a bundled data set, from the data's
// inspection to a served, monitored model and its report (README: "steward demo").
void AddDemoCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto out_dir = std::make_shared<std::string>("demo-out");
  CLI::App* command =
      app.add_subcommand("demo", "Run Steward on the bundled credit data set (" +
                                     std::string(kDemoDataName) + ") and show what it finds");
  command->add_option("--out", *out_dir, "Folder for the demo's files")->capture_default_str();
  command->callback([&run, &global, out_dir] {
    run = [&global, out_dir]() -> int {
      std::error_code error;
      std::filesystem::create_directories(*out_dir, error);
      if (error) {
        return ReportError(
            Status::InvalidArgument("cannot create '" + *out_dir + "': " + error.message()));
      }
      Demo demo;
      demo.dir = *out_dir;
      demo.human = !global.json;
      for (Status (Demo::*step)() :
           {&Demo::WriteInputs, &Demo::Inspect, &Demo::Profile, &Demo::Validate, &Demo::Privacy,
            &Demo::Train, &Demo::Evaluate, &Demo::Explain, &Demo::Fairness, &Demo::Register,
            &Demo::Serve, &Demo::Monitor, &Demo::Report}) {
        Status status = (demo.*step)();
        if (!status.ok())
          return ReportError(status);
      }
      if (global.json)
        std::cout << Dump(demo.json, 2) << "\n";
      return kExitOk;
    };
  });
}

}  // namespace steward::cli
