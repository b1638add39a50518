#include "steward/cli/monitor_performance.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>
#include <unordered_set>

#include "steward/cli/audit_input.h"
#include "steward/cli/read_data.h"
#include "steward/cli/text_table.h"
#include "steward/io/atomic_file.h"
#include "steward/model/bundle_archive.h"
#include "steward/model/model_schema.h"
#include "steward/monitor/column_values.h"
#include "steward/monitor/late_labels.h"
#include "steward/monitor/performance_windows.h"
#include "steward/monitor/scored_log.h"

namespace steward::cli {
namespace {

monitor::ScoredRows ShapeOf(const model::ModelSchema& schema) {
  monitor::ScoredRows rows;
  rows.task = AuditTaskOf(schema.task);
  rows.classes = schema.classes;
  rows.threshold = schema.threshold;
  return rows;
}

// The column whose values are the rows' times: --time-column, else the data's only timestamp
// column. Nothing when the data has none (one window then holds every row).
Result<std::optional<size_t>> TimeColumn(const Table& table, const std::string& asked,
                                         const std::string& source) {
  if (!asked.empty()) {
    std::optional<size_t> index = table.schema().Find(asked);
    if (!index)
      return Status::InvalidArgument(source + ": no time column '" + asked + "'");
    if (table.column(*index).kind() != ColumnKind::kTimestamp)
      return Status::InvalidArgument(source + ": column '" + asked +
                                     "' does not hold times (ISO 8601 dates or date-times)");
    return index;
  }
  std::optional<size_t> found;
  for (size_t column = 0; column < table.num_columns(); ++column) {
    if (table.column(column).kind() != ColumnKind::kTimestamp)
      continue;
    if (found)
      return Status::InvalidArgument(source + ": several columns hold times ('" +
                                     table.name(*found) + "', '" + table.name(column) +
                                     "'); say which with --time-column");
    found = column;
  }
  return found;
}

// The current data scored now by the bundle's model, keyed by the schema's id column.
Result<monitor::ScoredRows> ScoreCurrentData(const MonitorFlags& flags, const GlobalOptions& global,
                                             std::unordered_set<std::string>& known_ids) {
  STEWARD_ASSIGN_OR_RETURN(BundleAndData loaded,
                           LoadBundleAndData(flags.bundle, flags.current, flags.source, global));
  const model::ModelSchema& schema = loaded.predictor.schema();
  const Table& table = loaded.data.table;
  if (schema.id_column.empty()) {
    return Status::InvalidArgument(flags.bundle +
                                   ": the model names no id column to join --labels on; train "
                                   "it with --id COLUMN");
  }
  std::optional<size_t> id_index = table.schema().Find(schema.id_column);
  if (!id_index) {
    return Status::InvalidArgument(loaded.shown + ": no id column '" + schema.id_column +
                                   "' (the bundle's) to join --labels on");
  }
  STEWARD_ASSIGN_OR_RETURN(model::Predictions predictions,
                           loaded.predictor.Predict(table, loaded.shown));
  monitor::ScoredRows rows = ShapeOf(schema);
  rows.width = predictions.width;
  rows.values.assign(predictions.values.begin(), predictions.values.end());
  rows.predicted = predictions.classes;
  const Column& ids = table.column(*id_index);
  for (size_t row = 0; row < table.num_rows(); ++row) {
    std::string id = ids.ValueToString(row);
    if (!id.empty() && !known_ids.insert(id).second) {
      return Status::InvalidArgument(loaded.shown + ": id '" + id + "' (column '" +
                                     schema.id_column +
                                     "') is on several rows; labels cannot "
                                     "be joined to one of them");
    }
    rows.ids.push_back(std::move(id));
  }
  STEWARD_ASSIGN_OR_RETURN(std::optional<size_t> time,
                           TimeColumn(table, flags.time_column, loaded.shown));
  if (time) {
    std::span<const int64_t> times = table.column(*time).timestamps();
    rows.times_us.assign(times.begin(), times.end());
  } else {
    rows.notes.push_back(loaded.shown + " has no time column: one window holds every row");
  }
  std::vector<Field> fields;
  std::vector<Column> columns;
  for (const std::string& name : schema.sensitive) {
    std::optional<size_t> index = table.schema().Find(name);
    if (!index) {
      rows.notes.push_back("sensitive column '" + name + "' is not in " + loaded.shown +
                           "; its fairness is not audited");
      continue;
    }
    const Column& column = table.column(*index);
    std::vector<std::string> values(table.num_rows());
    std::vector<uint8_t> missing(table.num_rows());
    for (size_t row = 0; row < table.num_rows(); ++row) {
      values[row] = column.ValueToString(row);
      missing[row] = column.IsMissing(row) ? 1 : 0;
    }
    fields.push_back({name, ColumnKind::kCategorical, ColumnRole::kSensitive});
    columns.push_back(Column::CategoricalFromLabels(values, missing));
  }
  STEWARD_ASSIGN_OR_RETURN(Schema sensitive, Schema::Make(std::move(fields)));
  STEWARD_ASSIGN_OR_RETURN(rows.sensitive, Table::Make(std::move(sensitive), std::move(columns)));
  return rows;
}

std::string Cell(double x) {
  if (!std::isfinite(x))
    return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", x);
  return text;
}

std::string TableText(const nlohmann::json& section, const std::string& labels_source) {
  std::ostringstream out;
  out << "\nPerformance (labels: " << labels_source << "; "
      << FormatCount(section["labelled"].get<uint64_t>()) << " of "
      << FormatCount(section["rows"].get<uint64_t>()) << " rows labelled)\n";
  std::vector<std::string> metrics;
  std::set<std::string> fairness_columns;
  for (const nlohmann::json& window : section["windows"]) {
    for (const nlohmann::json& check : window["checks"]) {
      const std::string name = check["metric"].get<std::string>();
      if (std::find(metrics.begin(), metrics.end(), name) == metrics.end())
        metrics.push_back(name);
    }
    for (const nlohmann::json& fairness : window["fairness"])
      fairness_columns.insert(fairness["column"].get<std::string>());
  }
  std::vector<std::string> header = {"window", "rows", "labelled"};
  for (const std::string& name : metrics)
    header.push_back(name);
  for (const std::string& column : fairness_columns)
    header.push_back("ratio " + Shorten(column, 16));
  header.push_back("verdict");
  TextTable table(header);
  for (const nlohmann::json& window : section["windows"]) {
    std::vector<std::string> cells = {
        window["start"].is_null() ? "all rows" : window["start"].get<std::string>(),
        FormatCount(window["rows"].get<uint64_t>()),
        FormatCount(window["labelled"].get<uint64_t>())};
    for (const std::string& name : metrics) {
      std::string cell = "-";
      for (const nlohmann::json& check : window["checks"]) {
        if (check["metric"] == name)
          cell = Cell(check["value"].get<double>()) + (check["alert"].get<bool>() ? " !" : "");
      }
      cells.push_back(cell);
    }
    for (const std::string& column : fairness_columns) {
      std::string cell = "-";
      for (const nlohmann::json& fairness : window["fairness"]) {
        if (fairness["column"] != column || fairness["min_ratio"].is_null())
          continue;
        cell = Cell(fairness["min_ratio"].get<double>());
        if (!fairness["max_ratio"].is_null())
          cell += "-" + Cell(fairness["max_ratio"].get<double>());
        if (!fairness["passed"].get<bool>())
          cell += " !";
      }
      cells.push_back(cell);
    }
    cells.push_back(window["verdict"].get<std::string>());
    table.AddRow(std::move(cells));
  }
  table.Print(out);
  if (!section["stored"].empty()) {
    out << "Bundle's stored metrics:";
    for (const auto& [name, value] : section["stored"].items())
      out << " " << name << " " << Cell(value.get<double>());
    out << "\n";
  }
  return out.str();
}

}  // namespace

Result<std::optional<PerformanceSection>> MonitorPerformance(
    const MonitorFlags& flags, const monitor::PerformancePolicy& policy,
    const io::PredictionLogScan* scan, const GlobalOptions& global) {
  const bool has_feedback =
      scan != nullptr && std::any_of(scan->records.begin(), scan->records.end(), [](const auto& r) {
        return r.kind == io::PredictionKind::kFeedback;
      });
  // Without a bundle there is no model to judge; --labels without one is refused earlier, and
  // a log's feedback then only goes unused, as before labels were read.
  if ((flags.labels.empty() && !has_feedback) || flags.bundle.empty())
    return std::optional<PerformanceSection>();
  monitor::PerformanceOptions options;
  options.policy = policy;
  if (!flags.window.empty()) {
    STEWARD_ASSIGN_OR_RETURN(options.window_us, monitor::ParseWindowLength(flags.window));
  }
  STEWARD_ASSIGN_OR_RETURN(model::BundleParts parts, model::ReadAnyBundle(flags.bundle));
  auto schema_part = parts.find("schema.json");
  if (schema_part == parts.end())
    return Status::InvalidArgument(flags.bundle + ": the bundle holds no schema.json");
  STEWARD_ASSIGN_OR_RETURN(model::ModelSchema schema, model::SchemaFromJson(nlohmann::json::parse(
                                                          schema_part->second, nullptr, false)));

  monitor::ScoredRows rows;
  std::unordered_set<std::string> known_ids;
  if (scan != nullptr) {
    rows = ShapeOf(schema);
    const monitor::LogWindow window{flags.since, flags.until, flags.last};
    STEWARD_RETURN_IF_ERROR(monitor::FillFromPredictionLog(
        monitor::SelectPredictions(scan->records, window), schema.sensitive, rows));
    for (const io::PredictionRecord& record : scan->records) {
      if (record.kind == io::PredictionKind::kPrediction)
        known_ids.insert(record.id);
    }
  } else {
    STEWARD_ASSIGN_OR_RETURN(rows, ScoreCurrentData(flags, global, known_ids));
  }
  options.stored = monitor::StoredMetrics(
      parts.count("metrics.json") ? nlohmann::json::parse(parts.at("metrics.json"), nullptr, false)
                                  : nlohmann::json(),
      rows.task);

  monitor::LateLabels labels;
  std::string labels_source;
  if (!flags.labels.empty()) {
    STEWARD_ASSIGN_OR_RETURN(std::string bytes, io::ReadFileToString(flags.labels));
    STEWARD_ASSIGN_OR_RETURN(labels, monitor::ParseLabelsCsv(bytes, flags.labels));
    labels_source = "labels:" + flags.labels;
  } else {
    STEWARD_ASSIGN_OR_RETURN(labels, monitor::LabelsFromFeedback(scan->records));
    labels_source = "feedback:" + flags.prediction_log;
    known_ids.clear();  // orphan feedback is noted, not an error
  }
  STEWARD_RETURN_IF_ERROR(monitor::JoinLabels(labels, known_ids, rows));
  STEWARD_ASSIGN_OR_RETURN(monitor::PerformanceReport report,
                           monitor::EvaluateWindows(rows, options));

  PerformanceSection section;
  section.json = monitor::PerformanceJson(report, options);
  section.json["labels"] = labels_source;
  section.json["task"] = rows.task == fairness::AuditTask::kBinary       ? "binary"
                         : rows.task == fairness::AuditTask::kMulticlass ? "multiclass"
                                                                         : "regression";
  section.json["sensitive"] = schema.sensitive;
  for (const std::string& note : labels.notes)
    section.json["notes"].push_back(note);
  for (const std::string& note : rows.notes)
    section.json["notes"].push_back(note);
  for (const nlohmann::json& note : section.json["notes"])
    section.notes.push_back("performance: " + note.get<std::string>());
  section.alerts = std::move(report.alerts);
  section.text = TableText(section.json, labels_source);
  return std::optional<PerformanceSection>(std::move(section));
}

}  // namespace steward::cli
