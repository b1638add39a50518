#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/column.h"
#include "steward/io/category_dictionary.h"
#include "steward/io/csv_options.h"

namespace steward::io {

// Everything a parse task needs; shared read-only by all tasks of one input.
struct CsvParsePlan {
  char delimiter = ',';
  std::vector<std::string> names;
  std::vector<ColumnKind> kinds;
  MissingTokens missing = MissingTokens::Default();
  BadRowPolicy bad_rows = BadRowPolicy::kError;
  double bytes_per_record = 64;
};

// Values of one column parsed from one chunk; only the vector of its kind is used.
struct ColumnValues {
  ColumnKind kind = ColumnKind::kNumeric;
  std::vector<double> numbers;
  std::vector<int32_t> codes;  // into `dictionary`, chunk-local
  CategoryDictionary dictionary;
  TextValues text;
  std::vector<int64_t> micros;
  std::vector<int8_t> booleans;

  // For the kinds that append (text, timestamp, boolean); numeric and categorical values are
  // written by row index into arrays the parser sizes itself.
  void Reserve(size_t rows);
  void TruncateTo(size_t rows);  // drops values of a record found bad half-way
};

// A record that could not be read. Lines are counted from the chunk's first line (0).
struct CsvRecordError {
  size_t line_offset = 0;
  size_t column = 0;  // 1-based; 0 when the problem is not in one field
  std::string message;
  std::string raw;  // the record's bytes, kept for quarantine
};

struct CsvChunkResult {
  std::vector<ColumnValues> columns;
  size_t rows = 0;
  size_t line_breaks = 0;  // lines consumed, so the next chunk's first line is known
  size_t blank_lines = 0;
  size_t bytes = 0;                         // input bytes of the chunk, set by whoever parsed it
  std::optional<CsvRecordError> error;      // with BadRowPolicy::kError: the first bad record
  std::vector<CsvRecordError> bad_records;  // with kSkip and kQuarantine
};

// Parses whole records (`chunk` starts at a record boundary and ends at one or at the end of
// the input) into typed columns. Pure function of its arguments; safe to run concurrently.
CsvChunkResult ParseCsvChunk(const CsvParsePlan& plan, std::string_view chunk);

}  // namespace steward::io
