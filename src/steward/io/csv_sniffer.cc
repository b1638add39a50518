#include "steward/io/csv_sniffer.h"

#include <array>
#include <optional>

#include "steward/core/schema.h"
#include "steward/io/category_dictionary.h"
#include "steward/io/csv_block_reader.h"
#include "steward/io/csv_tokenizer.h"

namespace steward::io {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kDelimiterSampleRecords = 30;

// Which kinds every non-missing sampled value of a column still fits.
struct ColumnEvidence {
  bool fits_boolean = true;
  bool fits_number = true;
  bool fits_timestamp = true;
  bool integer_with_leading_zero = false;  // "007": a code, not a quantity
  size_t values = 0;
  size_t total_length = 0;

  // Distinct values, collected once the column can only be a string column; `distinct_from`
  // is the first sampled record they cover (a second pass fills in the records before it).
  CategoryDictionary distinct;  // finds without allocating, unlike std::unordered_set
  size_t distinct_from = 0;

  void Observe(std::string_view value, size_t record) {
    ++values;
    total_length += value.size();
    if (!fits_boolean && !fits_number && !fits_timestamp) {
      AddDistinct(value);
      return;
    }
    int8_t flag = 0;
    if (fits_boolean && !ParseBoolean(value, flag))
      fits_boolean = false;
    if (fits_number) {
      double number = 0;
      const NumberParse parsed = ParseNumber(value, number);
      // 1e400 is meant as a number: keep the column numeric so the parser reports it.
      if (parsed != NumberParse::kOk && parsed != NumberParse::kOutOfRange) {
        fits_number = false;
      } else if (value.size() > 1 && value[0] == '0' && value.find_first_of(".eE") == value.npos) {
        integer_with_leading_zero = true;
      }
    }
    int64_t micros = 0;
    if (fits_timestamp && !ParseTimestamp(value, micros))
      fits_timestamp = false;
    if (!fits_boolean && !fits_number && !fits_timestamp) {
      AddDistinct(value);
      distinct_from = record;
    }
  }

  void AddDistinct(std::string_view value) {
    if (distinct.Find(value) < 0)
      distinct.Add(value);
  }

  // The kind, or nullopt for strings, which need the distinct count to choose.
  std::optional<ColumnKind> DecideNonString() const {
    if (values == 0)
      return ColumnKind::kNumeric;  // all missing, as pandas does
    if (fits_boolean)
      return ColumnKind::kBoolean;
    if (fits_number && !integer_with_leading_zero)
      return ColumnKind::kNumeric;
    if (fits_timestamp)
      return ColumnKind::kTimestamp;
    return std::nullopt;
  }

  ColumnKind DecideString(size_t max_distinct) const {
    const bool mostly_unique = distinct.size() > max_distinct && distinct.size() * 2 > values;
    const bool long_values = total_length > values * 100;
    return mostly_unique || long_values ? ColumnKind::kText : ColumnKind::kCategorical;
  }
};

std::string Located(std::string_view display_name, size_t line, std::string_view message) {
  return std::string(display_name) + ":" + std::to_string(line) + ": " + std::string(message);
}

}  // namespace

char DetectDelimiter(std::string_view sample) {
  constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
  char best = ',';
  size_t best_fields = 1;
  std::vector<std::string> fields;
  for (char candidate : kCandidates) {
    CsvTokenizer tokenizer(sample, candidate);
    size_t expected = 0;
    bool consistent = true;
    for (size_t record = 0; record < kDelimiterSampleRecords && !tokenizer.AtEnd(); ++record) {
      tokenizer.SkipBlankLines();
      if (tokenizer.AtEnd())
        break;
      if (tokenizer.ReadRecord(fields) != TokenError::kNone) {
        consistent = record > 0;  // a cut-off last record does not count against it
        break;
      }
      if (record == 0) {
        expected = fields.size();
      } else if (fields.size() != expected) {
        consistent = false;
        break;
      }
    }
    if (consistent && expected > best_fields) {
      best = candidate;
      best_fields = expected;
    }
  }
  return best;
}

Result<CsvLayout> SniffCsv(std::string_view prefix, bool at_end, const CsvOptions& options,
                           std::string_view display_name) {
  CsvLayout layout;
  if (prefix.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    prefix.remove_prefix(kUtf8Bom.size());
    layout.data_offset = kUtf8Bom.size();
  }
  // Only complete records count, unless the prefix is all there is.
  std::string_view complete = prefix;
  if (!at_end) {
    size_t boundary = FindRecordBoundary(prefix);
    complete = prefix.substr(0, boundary == std::string_view::npos ? 0 : boundary);
  }
  layout.delimiter = options.delimiter != 0 ? options.delimiter : DetectDelimiter(complete);
  CsvTokenizer tokenizer(complete, layout.delimiter);
  tokenizer.SkipBlankLines();
  if (tokenizer.AtEnd()) {
    if (at_end)
      return Status::InvalidArgument(std::string(display_name) + ": the file is empty");
    return Status::InvalidArgument(std::string(display_name) +
                                   ": the first record is too long to read");
  }

  std::vector<std::string> fields;
  const size_t header_start = tokenizer.position();
  const size_t header_line = tokenizer.line();
  TokenError error = tokenizer.ReadRecord(fields);
  if (error != TokenError::kNone) {
    return Status::InvalidArgument(Located(display_name, header_line, TokenErrorMessage(error)));
  }
  if (options.header) {
    layout.header_text =
        std::string(complete.substr(header_start, tokenizer.position() - header_start));
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!IsValidUtf8(fields[i])) {
        return Status::InvalidArgument(
            Located(display_name, header_line,
                    "column " + std::to_string(i + 1) +
                        " has a name that is not valid UTF-8: " + QuoteForMessage(fields[i])));
      }
    }
    layout.names = fields;
    std::vector<Field> schema_fields;
    for (const std::string& name : fields)
      schema_fields.push_back({name});
    Result<Schema> schema = Schema::Make(std::move(schema_fields));
    if (!schema.ok()) {
      return Status::InvalidArgument(
          Located(display_name, header_line, "header: " + schema.status().message()));
    }
  } else {
    for (size_t i = 0; i < fields.size(); ++i)
      layout.names.push_back("column_" + std::to_string(i + 1));
    tokenizer.Seek(header_start, header_line);
  }
  layout.data_offset += tokenizer.position();
  layout.data_first_line = tokenizer.line();

  // Sample records for inference; records with the wrong field count are left to the parser.
  const size_t columns = layout.names.size();
  std::vector<ColumnEvidence> evidence(columns);
  const size_t sample_start = tokenizer.position();
  size_t records = 0;
  std::vector<std::string_view> views;
  std::deque<std::string> unescaped;
  while ((options.infer_rows == 0 || records < options.infer_rows) && !tokenizer.AtEnd()) {
    tokenizer.SkipBlankLines();
    if (tokenizer.AtEnd())
      break;
    if (tokenizer.ReadRecordViews(views, unescaped) != TokenError::kNone)
      break;
    ++records;
    if (views.size() != columns)
      continue;
    for (size_t c = 0; c < columns; ++c) {
      if (!options.missing.Contains(views[c]))
        evidence[c].Observe(views[c], records - 1);
    }
  }
  if (records == 0) {
    if (at_end) {
      return Status::InvalidArgument(std::string(display_name) +
                                     ": the file has a header but no data rows");
    }
    return Status::InvalidArgument(std::string(display_name) +
                                   ": the first data record is too long to read");
  }
  const size_t sample_end = tokenizer.position();
  layout.sampled_records = records;
  layout.bytes_per_record =
      static_cast<double>(sample_end - sample_start) / static_cast<double>(records);

  // A string column usually shows it at its first value; one that looked numeric for a
  // while needs a second pass over the records before that.
  std::vector<size_t> late_string_columns;
  layout.kinds.resize(columns);
  for (size_t c = 0; c < columns; ++c) {
    if (std::optional<ColumnKind> kind = evidence[c].DecideNonString()) {
      layout.kinds[c] = *kind;
    } else if (evidence[c].distinct_from > 0) {
      late_string_columns.push_back(c);
    }
  }
  if (!late_string_columns.empty()) {
    tokenizer.Seek(sample_start, layout.data_first_line);
    for (size_t record = 0; record < records && tokenizer.position() < sample_end; ++record) {
      tokenizer.SkipBlankLines();
      if (tokenizer.ReadRecord(fields) != TokenError::kNone)
        break;
      if (fields.size() != columns)
        continue;
      for (size_t c : late_string_columns) {
        if (record < evidence[c].distinct_from && !options.missing.Contains(fields[c])) {
          evidence[c].AddDistinct(fields[c]);
        }
      }
    }
  }
  for (size_t c = 0; c < columns; ++c) {
    if (!evidence[c].DecideNonString()) {
      layout.kinds[c] = evidence[c].DecideString(options.categorical_max_distinct);
    }
  }
  for (const auto& [name, kind] : options.column_kinds) {
    bool found = false;
    for (size_t c = 0; c < columns; ++c) {
      if (layout.names[c] == name) {
        layout.kinds[c] = kind;
        found = true;
      }
    }
    if (!found) {
      return Status::InvalidArgument(std::string(display_name) + ": unknown column '" + name +
                                     "' in the column types (columns: " + JoinNames(layout.names) +
                                     ")");
    }
  }
  return layout;
}

}  // namespace steward::io
