#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "steward/core/column.h"
#include "steward/core/result.h"
#include "steward/io/csv_options.h"

namespace steward::io {

// How a CSV input is laid out, learnt from its first bytes.
struct CsvLayout {
  char delimiter = ',';
  std::vector<std::string> names;
  std::vector<ColumnKind> kinds;
  size_t data_offset = 0;      // bytes before the first data record (BOM and header)
  size_t data_first_line = 1;  // line number of the first data record
  std::string header_text;     // the header record as written, for quarantine files
  size_t sampled_records = 0;
  double bytes_per_record = 64;  // average in the sample, to size buffers
};

// Detects the delimiter (unless given), reads the header, and infers each column's kind from
// up to options.infer_rows records of `prefix`. `at_end` says `prefix` is the whole input.
// Errors name `display_name`: an empty input, a header without data, invalid UTF-8 or empty
// or duplicate names in the header, an unknown column in options.column_kinds.
Result<CsvLayout> SniffCsv(std::string_view prefix, bool at_end, const CsvOptions& options,
                           std::string_view display_name);

// Picks the delimiter among , ; tab | that splits the first records into the same number of
// fields (the most fields wins); ',' when none does.
char DetectDelimiter(std::string_view sample);

}  // namespace steward::io
