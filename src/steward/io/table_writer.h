#pragma once

#include <string>

#include "steward/core/result.h"
#include "steward/core/table.h"

namespace steward::io {

struct CsvWriteOptions {
  char delimiter = ',';
  // Prefix cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) with "'"
  // (OWASP's CSV-injection advice). Off by default because it changes the data.
  bool escape_formulas = false;
};

// Renders `table` as RFC 4180 CSV: a header, then one line per row ending in "\n". Fields are
// quoted when they hold the delimiter, a quote, CR/LF or leading/trailing spaces. Missing
// values are empty fields; numbers use the shortest text that reads back to the same double;
// timestamps are ISO 8601 UTC. An empty string is written as "", which readers (Steward,
// pandas) read back as missing, as they do a string equal to a missing token such as "NA".
std::string FormatCsv(const Table& table, const CsvWriteOptions& options = {});

// Renders `table` as JSON Lines: one object per row, keys in column order, missing values as
// null, numbers as JSON numbers, booleans as true/false, timestamps as ISO 8601 strings.
// Fails with kInvalidArgument naming column and row for an infinite number, which JSON
// cannot represent.
Result<std::string> FormatJsonLines(const Table& table);

// Write the formats above atomically (temporary file, fsync, rename).
Status WriteCsv(const Table& table, const std::string& path, const CsvWriteOptions& options = {});
Status WriteJsonLines(const Table& table, const std::string& path);

}  // namespace steward::io
