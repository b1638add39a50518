#include "steward/server/live_drift.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "steward/profile/profile_json.h"
#include "steward/registry/registry.h"

namespace steward::server {
namespace {

using nlohmann::json;

std::vector<monitor::LiveColumn> LiveColumns(const model::ModelSchema& schema) {
  std::vector<monitor::LiveColumn> columns;
  for (const model::ModelFeature& feature : schema.features) {
    monitor::LiveColumn column;
    column.name = feature.name;
    // The decoder sends booleans as 0 and 1, which the profile counts as "false" and "true".
    if (feature.kind == ColumnKind::kBoolean) {
      column.numeric = false;
      column.labels = {"false", "true"};
    } else if (feature.categorical()) {
      column.numeric = false;
      column.labels = feature.categories;
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

double Seconds(std::chrono::nanoseconds duration) {
  return std::chrono::duration<double>(duration).count();
}

}  // namespace

Result<std::unique_ptr<LiveDrift>> LiveDrift::Create(const model::BundleParts& parts,
                                                     const model::ModelSchema& schema,
                                                     const std::string& where,
                                                     const LiveDriftOptions& options,
                                                     Clock::time_point start) {
  const auto profile_part = parts.find("profile.json");
  if (profile_part == parts.end())
    return Status::FailedPrecondition(where + ": the bundle holds no training profile");
  STEWARD_ASSIGN_OR_RETURN(profile::Profile profile,
                           profile::ParseProfile(profile_part->second, where + "/profile.json"));
  monitor::CollectedColumns reference = monitor::CollectFromProfile(profile);
  // What the model reads: its target, ids and sensitive columns never reach the server.
  std::set<std::string> features;
  for (const model::ModelFeature& feature : schema.features)
    features.insert(feature.name);
  std::erase_if(reference.columns, [&features](const monitor::ColumnValues& column) {
    return !features.contains(column.name);
  });
  reference.notes.clear();
  // A policy that does not fit the features is refused now, not on the first scrape.
  monitor::CollectedColumns probe = reference;
  Result<monitor::DriftReport> fits = monitor::CompareColumns(
      std::move(probe.columns), reference.columns, reference.rows, options.policy);
  if (!fits.ok())
    return fits.status().WithContext(where + ": the drift policy");
  return std::make_unique<LiveDrift>(std::move(reference), LiveColumns(schema), where, options,
                                     start);
}

LiveDrift::LiveDrift(monitor::CollectedColumns reference, std::vector<monitor::LiveColumn> columns,
                     std::string where, const LiveDriftOptions& options, Clock::time_point start)
    : reference_(std::move(reference)),
      where_(std::move(where)),
      options_(options),
      window_(std::move(columns), options.window, start) {}

std::shared_ptr<const LiveDriftResult> LiveDrift::Current(Clock::time_point now,
                                                          const std::string& model,
                                                          int64_t version) {
  std::lock_guard lock(mutex_);
  if (cached_ && now >= cached_at_ && now - cached_at_ < options_.cache)
    return cached_;
  cached_ = Compute(now, model, version);
  cached_at_ = now;
  return cached_;
}

std::shared_ptr<const LiveDriftResult> LiveDrift::Compute(Clock::time_point now,
                                                          const std::string& model,
                                                          int64_t version) const {
  const Clock::time_point started = Clock::now();
  auto result = std::make_shared<LiveDriftResult>();
  monitor::LiveSnapshot snapshot = window_.Collect(now);
  result->rows = snapshot.rows;
  if (snapshot.rows == 0) {
    result->report.dataset.threshold = options_.policy.dataset_drift_share;
    result->report.notes.push_back("no predictions in the window yet");
  } else {
    monitor::CollectedColumns reference = reference_;
    Result<monitor::DriftReport> report = monitor::CompareColumns(
        std::move(reference.columns), std::move(snapshot.columns), reference.rows, options_.policy);
    // Create() checked that the policy fits these columns, so this is no error a caller made.
    if (report.ok())
      result->report = std::move(report).value();
    else
      result->report.notes.push_back("not compared: " + report.status().message());
  }
  const monitor::DriftReport& report = result->report;
  bool exact = true;
  double rank_error = 0;
  json columns = json::array();
  for (const monitor::ColumnDrift& column : report.columns) {
    exact = exact && column.exact;
    rank_error = std::max(rank_error, column.rank_error);
    columns.push_back(monitor::ColumnDriftJson(column));
  }
  json alerts = json::array();
  for (const monitor::Alert& alert : report.alerts)
    alerts.push_back({{"kind", alert.kind}, {"column", alert.column}, {"message", alert.message}});
  const monitor::LiveWindowOptions& window = window_.options();
  const json document = {
      {"format", "steward.live_drift/1"},
      {"created_at", registry::UtcNow()},
      {"model", model},
      {"version", version},
      {"reference", {{"source", "bundle:" + where_ + "/profile.json"}, {"rows", reference_.rows}}},
      {"current",
       {{"source", "live"},
        {"rows", snapshot.rows},
        {"approximate", !exact},
        {"window",
         {{"seconds", Seconds(window.span)},
          {"buckets", window.buckets},
          {"bucket_seconds", Seconds(window.span / static_cast<int64_t>(window.buckets))},
          {"covered_seconds", Seconds(snapshot.covered)}}},
        {"sketch",
         {{"type", "kll"},
          {"k", window.k},
          {"bucket_exact_limit", window.bucket_exact_limit},
          {"rank_error", rank_error},
          {"memory_bytes", window_.MemoryBytes()},
          {"memory_bound_bytes", window_.MemoryBound()}}}}},
      {"dataset_drift",
       {{"drifted_columns", report.dataset.drifted},
        {"columns", report.dataset.columns},
        {"share", report.dataset.share},
        {"threshold", report.dataset.threshold},
        {"drift", report.dataset.drift}}},
      {"columns", std::move(columns)},
      {"alerts", std::move(alerts)},
      {"notes", report.notes},
      {"cache_seconds", Seconds(options_.cache)},
      {"timing", {{"compute_s", Seconds(Clock::now() - started)}}},
  };
  result->json = document.dump(-1, ' ', false, json::error_handler_t::replace);
  return result;
}

namespace {

// A label value in the Prometheus text format: backslash, double quote and newline escaped.
std::string LabelValue(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string SampleValue(double value) {
  if (std::isnan(value))
    return "NaN";
  if (std::isinf(value))
    return value > 0 ? "+Inf" : "-Inf";
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

void Family(std::string& out, const char* name, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += " gauge\n";
}

}  // namespace

void AppendDriftMetrics(const std::vector<ModelDrift>& models, std::string& out) {
  if (models.empty())
    return;
  Family(out, "steward_drift_window_rows", "Predictions in the live drift window.");
  for (const ModelDrift& entry : models)
    out += "steward_drift_window_rows{model=\"" + LabelValue(entry.model) + "\"} " +
           std::to_string(entry.result->rows) + "\n";
  Family(out, "steward_dataset_drift_share",
         "Share of the tested features that drifted in the live window.");
  for (const ModelDrift& entry : models)
    out += "steward_dataset_drift_share{model=\"" + LabelValue(entry.model) + "\"} " +
           SampleValue(entry.result->report.dataset.share) + "\n";
  Family(out, "steward_dataset_drifted",
         "1 when the share of drifted features reached the policy's threshold.");
  for (const ModelDrift& entry : models)
    out += "steward_dataset_drifted{model=\"" + LabelValue(entry.model) + "\"} " +
           (entry.result->report.dataset.drift ? "1" : "0") + "\n";
  Family(out, "steward_feature_drift_score",
         "Score of the deciding drift test per feature against the training profile (a p-value "
         "for ks and chi2: drift when below the threshold; a distance otherwise).");
  for (const ModelDrift& entry : models)
    for (const monitor::ColumnDrift& column : entry.result->report.columns)
      out += "steward_feature_drift_score{model=\"" + LabelValue(entry.model) + "\",feature=\"" +
             LabelValue(column.name) + "\",test=\"" +
             std::string(monitor::DriftTestName(column.test)) + "\"} " + SampleValue(column.score) +
             "\n";
  Family(out, "steward_feature_drift_threshold", "Threshold of the deciding drift test.");
  for (const ModelDrift& entry : models)
    for (const monitor::ColumnDrift& column : entry.result->report.columns)
      out += "steward_feature_drift_threshold{model=\"" + LabelValue(entry.model) +
             "\",feature=\"" + LabelValue(column.name) + "\",test=\"" +
             std::string(monitor::DriftTestName(column.test)) + "\"} " +
             SampleValue(column.threshold) + "\n";
  Family(out, "steward_feature_drifted", "1 when the feature drifted in the live window.");
  for (const ModelDrift& entry : models)
    for (const monitor::ColumnDrift& column : entry.result->report.columns)
      out += "steward_feature_drifted{model=\"" + LabelValue(entry.model) + "\",feature=\"" +
             LabelValue(column.name) + "\"} " + (column.drift ? "1" : "0") + "\n";
}

}  // namespace steward::server
