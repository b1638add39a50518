#include "steward/monitor/column_values.h"

#include <cstdio>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

namespace steward::monitor {
namespace {

ColumnValues EmptyColumn(const std::string& name, ColumnKind kind, const CollectOptions& options) {
  ColumnValues column;
  column.name = name;
  column.kind = kind == ColumnKind::kNumeric ? ColumnKind::kNumeric : ColumnKind::kCategorical;
  column.numeric =
      sketch::KllSketch(sketch::KllSketch::kDefaultK, options.exact_limit, options.seed);
  return column;
}

bool Comparable(ColumnKind kind) {
  return kind == ColumnKind::kNumeric || kind == ColumnKind::kCategorical ||
         kind == ColumnKind::kBoolean;
}

// Adds one batch's values of the columns at `indexes` to `columns` (in the same order).
void AddBatch(const Table& batch, const std::vector<size_t>& indexes,
              std::vector<ColumnValues>& columns) {
  for (size_t i = 0; i < indexes.size(); ++i) {
    const Column& column = batch.column(indexes[i]);
    ColumnValues& summary = columns[i];
    summary.rows += column.size();
    switch (column.kind()) {
      case ColumnKind::kNumeric: {
        const uint64_t before = summary.numeric.count();
        summary.numeric.UpdateBatch(column.numeric());  // skips NaN, the missing marker
        summary.missing += column.size() - (summary.numeric.count() - before);
        break;
      }
      case ColumnKind::kCategorical: {
        std::vector<uint64_t> counts(column.categories().size(), 0);
        for (int32_t code : column.codes()) {
          if (code == kMissingCode)
            ++summary.missing;
          else
            ++counts[static_cast<size_t>(code)];
        }
        for (size_t code = 0; code < counts.size(); ++code)
          if (counts[code] > 0)
            summary.label_counts[column.categories()[code]] += counts[code];
        break;
      }
      case ColumnKind::kBoolean: {
        uint64_t counts[2] = {0, 0};
        for (int8_t value : column.booleans()) {
          if (value == kMissingBoolean)
            ++summary.missing;
          else
            ++counts[value ? 1 : 0];
        }
        if (counts[0])
          summary.label_counts["false"] += counts[0];
        if (counts[1])
          summary.label_counts["true"] += counts[1];
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

Result<CollectedColumns> CollectFromBatches(io::BatchReader& reader,
                                            const CollectOptions& options) {
  CollectedColumns collected;
  std::vector<size_t> indexes;
  const Schema& schema = reader.schema();
  for (size_t index = 0; index < schema.size(); ++index) {
    const Field& field = schema.field(index);
    if (!Comparable(field.kind)) {
      collected.notes.push_back("column '" + field.name + "' (" +
                                std::string(ColumnKindName(field.kind)) +
                                ") is not tested for drift");
      continue;
    }
    indexes.push_back(index);
    collected.columns.push_back(EmptyColumn(field.name, field.kind, options));
  }
  // Reading several columns of a million values, a vector's doubling would hold twice their size.
  const uint64_t expected = reader.expected_rows();
  if (expected > 0)
    for (ColumnValues& column : collected.columns)
      if (column.is_numeric())
        column.numeric.Reserve(expected + expected / 32 + 1024);
  // Batches arrive from the reader's threads in any order; they are folded in file order so
  // that a sketch, once the exact limit is passed, is the same whatever the thread count. Folding
  // copies values straight from the batch: no per-batch summary doubles the memory.
  std::mutex mutex;
  std::map<size_t, Table> waiting;
  size_t next = 0;
  Status status = reader.ForEachBatch([&](size_t batch_index, Table batch) -> Status {
    std::lock_guard lock(mutex);
    waiting.emplace(batch_index, std::move(batch));
    for (auto it = waiting.find(next); it != waiting.end(); it = waiting.find(++next)) {
      AddBatch(it->second, indexes, collected.columns);
      waiting.erase(it);
    }
    return Status::Ok();
  });
  STEWARD_RETURN_IF_ERROR(status);
  collected.rows = reader.stats().rows;
  return collected;
}

CollectedColumns CollectFromTable(const Table& table, const CollectOptions& options) {
  CollectedColumns collected;
  std::vector<size_t> indexes;
  for (size_t index = 0; index < table.num_columns(); ++index) {
    ColumnKind kind = table.column(index).kind();
    if (Comparable(kind))
      indexes.push_back(index);
    else
      collected.notes.push_back("column '" + table.name(index) + "' (" +
                                std::string(ColumnKindName(kind)) + ") is not tested for drift");
  }
  for (size_t index : indexes)
    collected.columns.push_back(
        EmptyColumn(table.name(index), table.column(index).kind(), options));
  AddBatch(table, indexes, collected.columns);
  collected.rows = table.num_rows();
  return collected;
}

CollectedColumns CollectFromProfile(const profile::Profile& profile) {
  CollectedColumns collected;
  collected.rows = profile.rows;
  for (const profile::ColumnState& state : profile.columns) {
    if (!Comparable(state.kind)) {
      collected.notes.push_back("column '" + state.name + "' (" +
                                std::string(ColumnKindName(state.kind)) +
                                ") is not tested for drift");
      continue;
    }
    ColumnValues column;
    column.name = state.name;
    column.kind =
        state.kind == ColumnKind::kNumeric ? ColumnKind::kNumeric : ColumnKind::kCategorical;
    column.rows = state.count;
    column.missing = state.missing;
    if (state.numeric)
      column.numeric = state.numeric->quantiles;
    column.label_counts = state.label_counts;
    collected.columns.push_back(std::move(column));
  }
  return collected;
}

namespace {

std::string LabelOf(const nlohmann::json& value) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_boolean())
    return value.get<bool>() ? "true" : "false";
  return value.dump();
}

void AddValue(ColumnValues& column, const nlohmann::json* value, std::vector<double>& numbers) {
  ++column.rows;
  if (value == nullptr || value->is_null()) {
    ++column.missing;
    return;
  }
  if (column.is_numeric()) {
    if (value->is_number())
      numbers.push_back(value->get<double>());
    else
      ++column.missing;
    return;
  }
  ++column.label_counts[LabelOf(*value)];
}

}  // namespace

std::vector<const io::PredictionRecord*> SelectPredictions(
    const std::vector<io::PredictionRecord>& records, const LogWindow& window) {
  std::vector<const io::PredictionRecord*> chosen;
  for (const io::PredictionRecord& record : records) {
    if (record.kind != io::PredictionKind::kPrediction)
      continue;
    if (!window.since.empty() && record.time < window.since)
      continue;
    if (!window.until.empty() && record.time >= window.until)
      continue;
    chosen.push_back(&record);
  }
  if (window.last > 0 && chosen.size() > window.last)
    chosen.erase(chosen.begin(), chosen.end() - static_cast<ptrdiff_t>(window.last));
  return chosen;
}

Result<LogColumns> CollectFromPredictionLog(const std::vector<io::PredictionRecord>& records,
                                            const std::vector<ColumnValues>& reference,
                                            const LogWindow& window) {
  const std::vector<const io::PredictionRecord*> chosen = SelectPredictions(records, window);

  CollectOptions options;
  LogColumns result;
  std::vector<std::vector<double>> numbers(reference.size());
  std::vector<uint8_t> present(reference.size(), 0);
  for (const ColumnValues& column : reference)
    result.inputs.columns.push_back(EmptyColumn(column.name, column.kind, options));
  std::vector<double> scores;
  for (const io::PredictionRecord* record : chosen) {
    nlohmann::json inputs = nlohmann::json::parse(record->inputs, nullptr, false);
    if (!inputs.is_object())
      return Status::InvalidArgument("prediction log record " + record->id +
                                     ": inputs are not a JSON object");
    for (size_t i = 0; i < reference.size(); ++i) {
      auto found = inputs.find(reference[i].name);
      present[i] = present[i] || found != inputs.end();
      AddValue(result.inputs.columns[i], found == inputs.end() ? nullptr : &*found, numbers[i]);
    }
    nlohmann::json outputs = nlohmann::json::parse(record->outputs, nullptr, false);
    if (outputs.is_object()) {
      const char* field = outputs.contains("probability") ? "probability"
                          : outputs.contains("value")     ? "value"
                          : outputs.contains("class")     ? "class"
                                                          : nullptr;
      if (field != nullptr) {
        if (!result.prediction) {
          bool numeric = outputs[field].is_number();
          result.prediction = EmptyColumn(
              "prediction", numeric ? ColumnKind::kNumeric : ColumnKind::kCategorical, options);
        }
        AddValue(*result.prediction, &outputs[field], scores);
      }
    }
    result.record_ids.push_back(record->id);
  }
  for (size_t i = 0; i < reference.size(); ++i)
    result.inputs.columns[i].numeric.UpdateBatch(numbers[i]);
  // A column no record carries is not part of what the server was sent (the target, an id):
  // left out, not compared as all missing.
  for (size_t i = reference.size(); i-- > 0;) {
    const ColumnValues& column = result.inputs.columns[i];
    if (column.rows > 0 && column.missing == column.rows && !present[i]) {
      result.inputs.columns.erase(result.inputs.columns.begin() + static_cast<ptrdiff_t>(i));
    }
  }
  if (result.prediction)
    result.prediction->numeric.UpdateBatch(scores);
  result.inputs.rows = chosen.size();
  if (!chosen.empty()) {
    result.first_time = chosen.front()->time;
    result.last_time = chosen.back()->time;
  }
  return result;
}

}  // namespace steward::monitor
