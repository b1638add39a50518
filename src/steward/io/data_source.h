#pragma once

#include <memory>
#include <string>

#include "steward/core/result.h"
#include "steward/io/batch_reader.h"
#include "steward/io/csv_options.h"

namespace steward::io {

enum class SourceFormat : uint8_t { kAuto, kCsv, kJsonLines };

struct SourceOptions {
  SourceFormat format = SourceFormat::kAuto;  // auto: by extension (.jsonl, .ndjson), else CSV
  CsvOptions csv;                             // also: threads, missing tokens, kinds, progress
  std::string sql;                            // the query, for postgresql:// sources
  size_t batch_rows = 65'536;                 // rows per batch for JSON Lines and PostgreSQL
};

// Opens a data source by URI: a file path, "-" for stdin, or postgresql://... with options.sql.
Result<std::unique_ptr<BatchReader>> OpenSource(const std::string& uri, SourceOptions options);

// Reads a whole source into one Table.
Result<ReadResult> ReadSource(const std::string& uri, SourceOptions options);

}  // namespace steward::io
