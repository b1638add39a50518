#include "steward/monitor/scored_log.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "steward/io/value_parsing.h"

namespace steward::monitor {
namespace {

using fairness::AuditTask;

Result<int32_t> ClassIndex(const nlohmann::json& value, const std::vector<std::string>& classes,
                           const std::string& where) {
  if (value.is_string()) {
    auto found = std::find(classes.begin(), classes.end(), value.get<std::string>());
    if (found != classes.end())
      return static_cast<int32_t>(found - classes.begin());
  }
  return Status::InvalidArgument(where + ": output class " + value.dump() +
                                 " is not a class of the model");
}

Result<double> Probability(const nlohmann::json& outputs, const char* field,
                           const std::string& where) {
  auto found = outputs.find(field);
  if (found == outputs.end() || !found->is_number())
    return Status::InvalidArgument(where + ": outputs have no number \"" + field + "\"");
  return found->get<double>();
}

Status AddOutputs(const nlohmann::json& outputs, const std::string& where, ScoredRows& rows) {
  if (!outputs.is_object())
    return Status::InvalidArgument(where + ": outputs are not a JSON object");
  switch (rows.task) {
    case AuditTask::kBinary: {
      STEWARD_ASSIGN_OR_RETURN(double probability, Probability(outputs, "probability", where));
      if (!outputs.contains("class"))
        return Status::InvalidArgument(where + ": outputs have no \"class\"");
      STEWARD_ASSIGN_OR_RETURN(int32_t predicted,
                               ClassIndex(outputs["class"], rows.classes, where));
      rows.values.push_back(probability);
      rows.predicted.push_back(predicted);
      return Status::Ok();
    }
    case AuditTask::kMulticlass: {
      if (!outputs.contains("class") || !outputs.contains("probabilities") ||
          !outputs["probabilities"].is_object())
        return Status::InvalidArgument(where + ": outputs need \"class\" and \"probabilities\"");
      STEWARD_ASSIGN_OR_RETURN(int32_t predicted,
                               ClassIndex(outputs["class"], rows.classes, where));
      for (const std::string& name : rows.classes) {
        STEWARD_ASSIGN_OR_RETURN(double probability,
                                 Probability(outputs["probabilities"], name.c_str(), where));
        rows.values.push_back(probability);
      }
      rows.predicted.push_back(predicted);
      return Status::Ok();
    }
    case AuditTask::kRegression: {
      STEWARD_ASSIGN_OR_RETURN(double value, Probability(outputs, "value", where));
      rows.values.push_back(value);
      return Status::Ok();
    }
  }
  return Status::Internal("unknown task");
}

}  // namespace

Status FillFromPredictionLog(const std::vector<const io::PredictionRecord*>& predictions,
                             const std::vector<std::string>& sensitive, ScoredRows& rows) {
  rows.width = rows.task == AuditTask::kMulticlass ? rows.classes.size() : 1;
  std::vector<std::vector<std::string>> values(sensitive.size());
  std::vector<std::vector<uint8_t>> missing(sensitive.size());
  std::vector<bool> present(sensitive.size(), false);
  for (const io::PredictionRecord* record : predictions) {
    const std::string where = "prediction log record " + record->id;
    STEWARD_RETURN_IF_ERROR(
        AddOutputs(nlohmann::json::parse(record->outputs, nullptr, false), where, rows));
    rows.ids.push_back(record->id);
    int64_t micros = kMissingTimestamp;
    if (!io::ParseTimestamp(record->time, micros))
      micros = kMissingTimestamp;
    rows.times_us.push_back(micros);
    if (sensitive.empty())
      continue;
    nlohmann::json inputs = nlohmann::json::parse(record->inputs, nullptr, false);
    for (size_t column = 0; column < sensitive.size(); ++column) {
      auto found = inputs.is_object() ? inputs.find(sensitive[column]) : inputs.end();
      const bool has = inputs.is_object() && found != inputs.end() && !found->is_null();
      present[column] = present[column] || (inputs.is_object() && found != inputs.end());
      values[column].push_back(!has                 ? ""
                               : found->is_string() ? found->get<std::string>()
                                                    : found->dump());
      missing[column].push_back(has ? 0 : 1);
    }
  }
  std::vector<Field> fields;
  std::vector<Column> columns;
  for (size_t column = 0; column < sensitive.size(); ++column) {
    if (!present[column]) {
      rows.notes.push_back("sensitive column '" + sensitive[column] +
                           "' is not among the logged inputs (the server logs what the model "
                           "reads); its fairness is not audited");
      continue;
    }
    fields.push_back({sensitive[column], ColumnKind::kCategorical, ColumnRole::kSensitive});
    columns.push_back(Column::CategoricalFromLabels(values[column], missing[column]));
  }
  STEWARD_ASSIGN_OR_RETURN(Schema schema, Schema::Make(std::move(fields)));
  STEWARD_ASSIGN_OR_RETURN(rows.sensitive, Table::Make(std::move(schema), std::move(columns)));
  return Status::Ok();
}

}  // namespace steward::monitor
