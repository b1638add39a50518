#include "steward/io/jsonl_reader.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "steward/io/atomic_file.h"
#include "steward/io/global_categories.h"
#include "steward/io/internal/jsonl_column_builder.h"
#include "steward/io/internal/jsonl_line_reader.h"
#include "steward/io/internal/jsonl_record_parser.h"
#include "steward/io/value_parsing.h"

namespace steward::io {
namespace {

using internal::ConvertValue;
using internal::FieldName;
using internal::IsPlainKey;
using internal::JsonlColumnBuilder;
using internal::JsonlEntry;
using internal::JsonlLineReader;
using internal::JsonlRecordParser;
using internal::JsonType;
using internal::StagedValue;
using internal::ValueText;

constexpr size_t kMaxBadRowExamples = 5;
constexpr uint64_t kMaxSampleBytes = uint64_t{64} << 20;
// With infer_rows 0, distinct values are tracked up to this many; a column past it is text.
constexpr size_t kMaxTrackedDistinct = 1'000'000;

// Column names for a message, as "a, b, c" (see JoinNames), each escaped unless plain.
std::string ListColumns(const std::vector<std::string>& names) {
  std::vector<std::string> shown;
  shown.reserve(names.size());
  for (const std::string& name : names) {
    shown.push_back(IsPlainKey(name) ? name : QuoteForMessage(name));
  }
  return JoinNames(shown);
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r") == text.npos;
}

// What the sampled values of one column say about its kind.
class ColumnEvidence {
 public:
  // REQUIRES: `entry` is not missing.
  void Observe(const JsonlEntry& entry, size_t distinct_cap) {
    switch (entry.type) {
      case JsonType::kNumber:
        ++numbers_;
        break;
      case JsonType::kBoolean:
        ++booleans_;
        break;
      case JsonType::kString: {
        ++strings_;
        int64_t micros = 0;
        if (timestamps_ && !ParseTimestamp(entry.text, micros))
          timestamps_ = false;
        break;
      }
      case JsonType::kNull:
        return;
    }
    const std::string_view text = ValueText(entry);
    total_length_ += text.size();
    if (full_)
      return;
    if (distinct_.size() < distinct_cap) {
      distinct_.emplace(text);
    } else if (!distinct_.contains(std::string(text))) {
      full_ = true;
      distinct_.clear();
    }
  }

  // The CSV reader's rule (csv_sniffer.cc) for strings, by JSON type for the rest.
  ColumnKind Decide(size_t max_distinct) const {
    const size_t values = numbers_ + booleans_ + strings_;
    if (values == 0 || numbers_ == values)
      return ColumnKind::kNumeric;
    if (booleans_ == values)
      return ColumnKind::kBoolean;
    if (strings_ == values && timestamps_)
      return ColumnKind::kTimestamp;
    const bool mostly_unique =
        full_ || (distinct_.size() > max_distinct && distinct_.size() * 2 > values);
    const bool long_values = total_length_ > values * 100;
    return mostly_unique || long_values ? ColumnKind::kText : ColumnKind::kCategorical;
  }

 private:
  size_t numbers_ = 0;
  size_t booleans_ = 0;
  size_t strings_ = 0;
  bool timestamps_ = true;
  size_t total_length_ = 0;
  std::unordered_set<std::string> distinct_;
  bool full_ = false;  // more distinct values than tracked
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

}  // namespace

struct JsonLinesReader::State {
  CsvOptions options;
  size_t batch_rows = 0;
  std::unique_ptr<JsonlLineReader> input;
  JsonlRecordParser parser;
  std::vector<std::string> names;
  std::vector<ColumnKind> kinds;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> column_of;
  size_t sampled_records = 0;  // records the columns came from, bad ones included
  std::vector<JsonlColumnBuilder> builders;
  std::vector<GlobalCategories> categories;
  std::vector<StagedValue> staged;
  std::vector<uint64_t> filled_row;  // per column: the last row given a value
  uint64_t row_id = 0;
  bool finished = false;
  std::optional<AtomicFileWriter> quarantine;

  std::string Locate(std::string_view message) const {
    return input->display_name() + ":" + std::to_string(input->line_number()) + ": " +
           std::string(message);
  }

  // Checks every field of the parsed record against its column into `staged`; false with
  // `message` set if one does not fit.
  bool StageRecord(std::string& message) {
    staged.clear();
    for (const JsonlEntry& entry : parser.entries()) {
      auto it = column_of.find(std::string_view(entry.key));
      if (it == column_of.end()) {
        message = "key " + FieldName(entry.key) +
                  " is not a column: the columns come from the first " +
                  std::to_string(sampled_records) + " records (" + ListColumns(names) +
                  "); --infer-rows all samples every record";
        return false;
      }
      StagedValue value;
      value.column = it->second;
      if (entry.type == JsonType::kNull ||
          (entry.type == JsonType::kString && options.missing.Contains(entry.text))) {
        value.missing = true;
      } else if (!ConvertValue(entry, kinds[value.column], value, message)) {
        return false;
      }
      staged.push_back(value);
    }
    return true;
  }

  void AppendStaged() {
    ++row_id;
    for (const StagedValue& value : staged) {
      builders[value.column].Append(value);
      filled_row[value.column] = row_id;
    }
    for (size_t column = 0; column < builders.size(); ++column) {
      if (filled_row[column] != row_id)
        builders[column].AppendMissing();
    }
  }
};

Result<std::unique_ptr<JsonLinesReader>> JsonLinesReader::Open(const std::string& path,
                                                               const CsvOptions& options,
                                                               size_t batch_rows) {
  if (batch_rows == 0)
    return Status::InvalidArgument("batch_rows must be at least 1");
  if (options.bad_rows == BadRowPolicy::kQuarantine && options.quarantine_path.empty()) {
    return Status::InvalidArgument("a quarantine file is needed to quarantine bad rows");
  }
  auto state = std::make_unique<State>();
  state->options = options;
  state->batch_rows = batch_rows;
  STEWARD_ASSIGN_OR_RETURN(state->input, JsonlLineReader::Open(path));
  const std::string& source = state->input->display_name();  // the path, or "<stdin>"

  // Sample the first records for the columns and their kinds.
  const size_t distinct_cap =
      options.infer_rows != 0 ? options.infer_rows
                              : std::max(kMaxTrackedDistinct, options.categorical_max_distinct + 1);
  std::vector<ColumnEvidence> evidence;
  size_t records = 0;
  size_t good_records = 0;
  std::string first_bad;
  std::string_view raw;
  std::string_view text;
  for (;;) {
    if (options.infer_rows != 0 &&
        (records >= options.infer_rows ||
         (records > 0 && state->input->bytes_consumed() >= kMaxSampleBytes))) {
      break;
    }
    STEWARD_ASSIGN_OR_RETURN(bool more, state->input->NextLine(raw, text));
    if (!more)
      break;
    if (IsBlank(text))
      continue;
    ++records;
    if (!state->parser.Parse(text)) {
      if (options.bad_rows == BadRowPolicy::kError) {
        return Status::InvalidArgument(state->Locate(state->parser.error()));
      }
      if (first_bad.empty())
        first_bad = state->Locate(state->parser.error());
      continue;
    }
    ++good_records;
    for (const JsonlEntry& entry : state->parser.entries()) {
      auto [it, added] = state->column_of.try_emplace(entry.key, state->names.size());
      if (added) {
        state->names.push_back(entry.key);
        evidence.emplace_back();
      }
      if (entry.type == JsonType::kNull ||
          (entry.type == JsonType::kString && options.missing.Contains(entry.text))) {
        continue;
      }
      evidence[it->second].Observe(entry, distinct_cap);
    }
  }
  const uint64_t sample_bytes = state->input->bytes_consumed();
  if (records == 0) {
    return Status::InvalidArgument(
        source + (sample_bytes == 0 ? ": the file is empty" : ": the file holds only blank lines"));
  }
  if (good_records == 0) {
    return Status::InvalidArgument(
        source + ": none of the first " + std::to_string(records) +
        " records can be read, so there are no columns; the first: " + first_bad);
  }
  if (state->names.empty()) {
    return Status::InvalidArgument(source + ": the first " + std::to_string(records) +
                                   " records have no fields, so there are no columns");
  }
  state->sampled_records = records;

  for (const ColumnEvidence& column : evidence) {
    state->kinds.push_back(column.Decide(options.categorical_max_distinct));
  }
  for (const auto& [name, kind] : options.column_kinds) {
    auto it = state->column_of.find(std::string_view(name));
    if (it == state->column_of.end()) {
      return Status::InvalidArgument(
          source + ": unknown column '" + name +
          "' in the column types (columns: " + ListColumns(state->names) + ")");
    }
    state->kinds[it->second] = kind;
  }
  std::vector<Field> fields;
  for (size_t column = 0; column < state->names.size(); ++column) {
    fields.push_back({state->names[column], state->kinds[column]});
  }
  auto reader = std::unique_ptr<JsonLinesReader>(new JsonLinesReader());
  STEWARD_ASSIGN_OR_RETURN(reader->schema_, Schema::Make(std::move(fields)));
  reader->stats_.sampled_records = good_records;
  if (state->input->total_bytes() > 0) {
    // A little above the sample's average, so that columns are sized once in the common case.
    reader->expected_rows_ = static_cast<uint64_t>(
        static_cast<double>(state->input->total_bytes()) * static_cast<double>(records) /
        static_cast<double>(sample_bytes) * 1.02);
  }

  STEWARD_RETURN_IF_ERROR(state->input->Rewind());
  state->builders.resize(state->names.size());
  for (size_t column = 0; column < state->names.size(); ++column) {
    state->builders[column].kind = state->kinds[column];
  }
  state->categories.resize(state->names.size());
  state->filled_row.assign(state->names.size(), 0);
  if (options.bad_rows == BadRowPolicy::kQuarantine) {
    STEWARD_ASSIGN_OR_RETURN(AtomicFileWriter writer,
                             AtomicFileWriter::Open(options.quarantine_path));
    state->quarantine.emplace(std::move(writer));
  }
  reader->state_ = std::move(state);
  return reader;
}

JsonLinesReader::~JsonLinesReader() = default;

Result<std::optional<Table>> JsonLinesReader::Next() {
  State& state = *state_;
  if (state.finished)
    return std::optional<Table>();
  size_t rows = 0;
  bool at_end = false;
  std::string message;
  std::string_view raw;
  std::string_view text;
  while (rows < state.batch_rows) {
    Result<bool> more = state.input->NextLine(raw, text);
    if (!more.ok()) {
      state.finished = true;
      return more.status();
    }
    if (!*more) {
      at_end = true;
      break;
    }
    if (IsBlank(text)) {
      ++stats_.blank_lines;
      continue;
    }
    if (state.parser.Parse(text)) {
      if (state.StageRecord(message)) {
        state.AppendStaged();
        ++rows;
        continue;
      }
    } else {
      message = state.parser.error();
    }
    if (state.options.bad_rows == BadRowPolicy::kError) {
      state.finished = true;
      return Status::InvalidArgument(state.Locate(message));
    }
    ++stats_.bad_rows;
    if (stats_.bad_row_examples.size() < kMaxBadRowExamples) {
      stats_.bad_row_examples.push_back(state.Locate(message));
    }
    if (state.quarantine) {
      Status appended = state.quarantine->Append(raw);
      if (appended.ok() && !raw.ends_with('\n'))
        appended = state.quarantine->Append("\n");
      if (!appended.ok()) {
        state.finished = true;
        return appended;
      }
    }
  }
  stats_.rows += rows;
  stats_.bytes = state.input->bytes_consumed();
  if (state.options.progress)
    state.options.progress(stats_.bytes, state.input->total_bytes());
  if (at_end) {
    state.finished = true;
    if (state.quarantine) {
      Status committed = state.quarantine->Commit();
      state.quarantine.reset();
      STEWARD_RETURN_IF_ERROR(committed);
    }
  }
  if (rows == 0)
    return std::optional<Table>();
  std::vector<Column> columns;
  columns.reserve(state.builders.size());
  for (size_t column = 0; column < state.builders.size(); ++column) {
    columns.push_back(state.builders[column].Finish(state.categories[column]));
  }
  STEWARD_ASSIGN_OR_RETURN(Table batch, Table::Make(schema_, std::move(columns)));
  return std::optional<Table>(std::move(batch));
}

}  // namespace steward::io
