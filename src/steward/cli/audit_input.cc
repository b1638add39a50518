#include "steward/cli/audit_input.h"

#include <cmath>

#include "steward/model/target_encoding.h"

namespace steward::cli {
namespace {

Result<const Column*> RequireColumn(const Table& table, const std::string& name,
                                    const std::string& source) {
  const std::optional<size_t> index = table.schema().Find(name);
  if (!index) {
    return Status::InvalidArgument(source + ": has no column '" + name +
                                   "' (expected predictions written by 'steward predict')");
  }
  return &table.column(*index);
}

Result<std::vector<double>> NumbersOf(const Table& table, const std::string& name,
                                      const std::string& source) {
  STEWARD_ASSIGN_OR_RETURN(const Column* column, RequireColumn(table, name, source));
  if (column->kind() != ColumnKind::kNumeric)
    return Status::InvalidArgument(source + ": column '" + name + "' is not numeric");
  std::vector<double> values(column->numeric().begin(), column->numeric().end());
  for (size_t row = 0; row < values.size(); ++row) {
    if (!std::isfinite(values[row])) {
      return Status::InvalidArgument(source + ": row " + std::to_string(row + 1) + " of '" + name +
                                     "' is missing or not finite");
    }
  }
  return values;
}

}  // namespace

fairness::AuditTask AuditTaskOf(model::Task task) {
  switch (task) {
    case model::Task::kBinary:
      return fairness::AuditTask::kBinary;
    case model::Task::kMulticlass:
      return fairness::AuditTask::kMulticlass;
    case model::Task::kRegression:
      return fairness::AuditTask::kRegression;
  }
  return fairness::AuditTask::kBinary;
}

Result<ModelAuditData> AuditDataFromPredictions(const model::ModelSchema& schema,
                                                const Table& table,
                                                const model::Predictions& predictions,
                                                const std::string& source,
                                                std::span<const double> exact_values) {
  const std::optional<size_t> target = table.schema().Find(schema.target);
  if (!target) {
    return Status::InvalidArgument(source + ": the model's target column '" + schema.target +
                                   "' is not in the data; an audit compares predictions with "
                                   "the true outcomes");
  }
  STEWARD_ASSIGN_OR_RETURN(std::vector<float> labels,
                           model::EncodeKnownTarget(table.column(*target), schema, source));
  ModelAuditData out;
  fairness::AuditData& data = out.data;
  data.task = AuditTaskOf(schema.task);
  if (data.task != fairness::AuditTask::kRegression)
    data.classes = schema.classes;
  const Column& target_column = table.column(*target);
  for (size_t row = 0; row < table.num_rows(); ++row) {
    if (std::isnan(labels[row])) {
      ++out.rows_without_target;
      continue;
    }
    out.rows.push_back(row);
    if (data.task == fairness::AuditTask::kRegression) {
      data.targets.push_back(target_column.numeric()[row]);
      data.predictions.push_back(exact_values.empty() ? predictions.values[row]
                                                      : exact_values[row]);
      continue;
    }
    data.labels.push_back(static_cast<int32_t>(labels[row]));
    data.predicted.push_back(predictions.classes[row]);
    if (data.task == fairness::AuditTask::kBinary)
      data.scores.push_back(predictions.values[row]);
  }
  if (out.rows.empty())
    return Status::InvalidArgument(source + ": no row has a value of '" + schema.target + "'");
  return out;
}

Result<FilePredictions> PredictionsFromTable(const model::ModelSchema& schema, const Table& table,
                                             size_t rows, const std::string& source) {
  if (table.num_rows() != rows) {
    return Status::InvalidArgument(source + ": has " + std::to_string(table.num_rows()) +
                                   " predictions but the data has " + std::to_string(rows) +
                                   " rows; predictions must be made from the same data");
  }
  FilePredictions read;
  model::Predictions& predictions = read.predictions;
  predictions.rows = rows;
  if (schema.task == model::Task::kRegression) {
    STEWARD_ASSIGN_OR_RETURN(read.values, NumbersOf(table, "prediction", source));
    predictions.values.assign(read.values.begin(), read.values.end());
    return read;
  }
  STEWARD_ASSIGN_OR_RETURN(const Column* classes, RequireColumn(table, "class", source));
  model::ModelSchema as_target = schema;  // the class column read like a target column
  as_target.target = "class";
  STEWARD_ASSIGN_OR_RETURN(std::vector<float> indexes,
                           model::EncodeKnownTarget(*classes, as_target, source));
  predictions.classes.resize(rows);
  for (size_t row = 0; row < rows; ++row) {
    if (std::isnan(indexes[row])) {
      return Status::InvalidArgument(source + ": row " + std::to_string(row + 1) + " has no class");
    }
    predictions.classes[row] = static_cast<int32_t>(indexes[row]);
  }
  if (schema.task == model::Task::kBinary) {
    STEWARD_ASSIGN_OR_RETURN(read.values, NumbersOf(table, "probability", source));
    predictions.values.assign(read.values.begin(), read.values.end());
  }
  return read;
}

}  // namespace steward::cli
