#include "steward/monitor/late_labels.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "steward/io/csv_tokenizer.h"

namespace steward::monitor {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

}  // namespace

Result<LateLabels> ParseLabelsCsv(std::string_view bytes, const std::string& path) {
  if (bytes.starts_with("\xEF\xBB\xBF"))
    bytes.remove_prefix(3);
  io::CsvTokenizer tokenizer(bytes, ',');
  std::vector<std::string> fields;
  tokenizer.SkipBlankLines();
  if (tokenizer.AtEnd())
    return Status::InvalidArgument(path + ": empty; expected a header naming id and label");
  auto token_error = [&](io::TokenError error, size_t at_line) {
    return Status::InvalidArgument(path + ":" + std::to_string(at_line) + ": " +
                                   std::string(io::TokenErrorMessage(error)));
  };
  size_t line = tokenizer.line();
  if (io::TokenError error = tokenizer.ReadRecord(fields); error != io::TokenError::kNone)
    return token_error(error, line);
  std::optional<size_t> id_field, label_field;
  for (size_t field = 0; field < fields.size(); ++field) {
    const std::string_view name = Trim(fields[field]);
    if (name == "id")
      id_field = field;
    else if (name == "label")
      label_field = field;
  }
  if (!id_field || !label_field) {
    return Status::InvalidArgument(path + ":" + std::to_string(line) +
                                   ": the header needs an 'id' and a 'label' column");
  }
  const size_t needed = std::max(*id_field, *label_field) + 1;
  LateLabels labels;
  while (true) {
    tokenizer.SkipBlankLines();
    if (tokenizer.AtEnd())
      break;
    line = tokenizer.line();
    if (io::TokenError error = tokenizer.ReadRecord(fields); error != io::TokenError::kNone)
      return token_error(error, line);
    const std::string where = path + ":" + std::to_string(line);
    if (fields.size() < needed) {
      return Status::InvalidArgument(where + ": " + std::to_string(fields.size()) +
                                     " fields; the 'id' and 'label' columns need " +
                                     std::to_string(needed));
    }
    const std::string id(Trim(fields[*id_field]));
    if (id.empty())
      return Status::InvalidArgument(where + ": empty id");
    auto [entry, inserted] =
        labels.by_id.emplace(id, LateLabel{std::string(Trim(fields[*label_field])), where, line});
    if (!inserted) {
      return Status::InvalidArgument(where + ": duplicate id '" + id + "' (first at " +
                                     entry->second.where + ")");
    }
  }
  return labels;
}

Result<LateLabels> LabelsFromFeedback(const std::vector<io::PredictionRecord>& records) {
  std::unordered_set<std::string> predictions;
  for (const io::PredictionRecord& record : records) {
    if (record.kind == io::PredictionKind::kPrediction)
      predictions.insert(record.id);
  }
  LateLabels labels;
  size_t orphans = 0;
  for (size_t index = 0; index < records.size(); ++index) {
    const io::PredictionRecord& record = records[index];
    if (record.kind != io::PredictionKind::kFeedback)
      continue;
    if (!predictions.contains(record.prediction_id)) {
      ++orphans;
      continue;
    }
    const std::string where = "feedback record " + record.id;
    nlohmann::json label = nlohmann::json::parse(record.label, nullptr, false);
    std::string text;
    if (label.is_string())
      text = label.get<std::string>();
    else if (label.is_number())
      text = label.dump();
    else
      return Status::InvalidArgument(where + ": the label is neither a string nor a number");
    labels.by_id[record.prediction_id] = LateLabel{std::move(text), where, index};
  }
  if (orphans > 0) {
    labels.notes.push_back(std::to_string(orphans) +
                           " feedback records label predictions the log does not hold; ignored");
  }
  return labels;
}

Result<double> EncodeLabel(const LateLabel& label, fairness::AuditTask task,
                           const std::vector<std::string>& classes) {
  if (task == fairness::AuditTask::kRegression) {
    double value = 0;
    const char* end = label.text.data() + label.text.size();
    auto [stop, error] = std::from_chars(label.text.data(), end, value);
    if (error != std::errc() || stop != end || !std::isfinite(value)) {
      return Status::InvalidArgument(label.where + ": label '" + label.text +
                                     "' is not a finite number");
    }
    return value;
  }
  auto found = std::find(classes.begin(), classes.end(), label.text);
  if (found == classes.end()) {
    std::string known;
    for (const std::string& name : classes)
      known += (known.empty() ? "" : ", ") + name;
    return Status::InvalidArgument(label.where + ": label '" + label.text +
                                   "' is not a class of the model (classes: " + known + ")");
  }
  return static_cast<double>(found - classes.begin());
}

Status JoinLabels(const LateLabels& labels, const std::unordered_set<std::string>& known_ids,
                  ScoredRows& rows) {
  // Checked in the order of the file, so that an error names its first bad line.
  std::vector<std::pair<const std::string*, const LateLabel*>> in_order;
  in_order.reserve(labels.by_id.size());
  for (const auto& [id, label] : labels.by_id)
    in_order.emplace_back(&id, &label);
  std::sort(in_order.begin(), in_order.end(),
            [](const auto& a, const auto& b) { return a.second->order < b.second->order; });
  std::unordered_map<std::string, double> encoded;
  for (const auto& [id, label] : in_order) {
    if (!known_ids.empty() && !known_ids.contains(*id)) {
      return Status::InvalidArgument(label->where + ": unknown id '" + *id +
                                     "': no current row has it");
    }
    if (label->text.empty())
      continue;
    STEWARD_ASSIGN_OR_RETURN(encoded[*id], EncodeLabel(*label, rows.task, rows.classes));
  }
  rows.labels.assign(rows.ids.size(), kNoLabel);
  for (size_t row = 0; row < rows.ids.size(); ++row) {
    auto found = encoded.find(rows.ids[row]);
    if (found != encoded.end())
      rows.labels[row] = found->second;
  }
  return Status::Ok();
}

}  // namespace steward::monitor
