#include "steward/io/data_source.h"

#include "steward/io/csv_reader.h"
#include "steward/io/jsonl_reader.h"
#include "steward/io/postgres_source.h"

namespace steward::io {
namespace {

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Result<std::unique_ptr<BatchReader>> OpenSource(const std::string& uri, SourceOptions options) {
  if (uri.rfind("postgresql://", 0) == 0 || uri.rfind("postgres://", 0) == 0) {
    if (options.sql.empty()) {
      return Status::InvalidArgument("a PostgreSQL source needs --sql with the query to read");
    }
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<PostgresReader> reader,
                             PostgresReader::Open(uri, options.sql, options.batch_rows));
    return std::unique_ptr<BatchReader>(std::move(reader));
  }
  if (!options.sql.empty()) {
    return Status::InvalidArgument("--sql needs a postgresql:// source, not '" + uri + "'");
  }
  SourceFormat format = options.format;
  if (format == SourceFormat::kAuto) {
    format = EndsWith(uri, ".jsonl") || EndsWith(uri, ".ndjson") ? SourceFormat::kJsonLines
                                                                 : SourceFormat::kCsv;
  }
  if (format == SourceFormat::kJsonLines) {
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<JsonLinesReader> reader,
                             JsonLinesReader::Open(uri, options.csv, options.batch_rows));
    return std::unique_ptr<BatchReader>(std::move(reader));
  }
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<CsvStreamReader> reader,
                           CsvStreamReader::Open(uri, std::move(options.csv)));
  return std::unique_ptr<BatchReader>(std::move(reader));
}

Result<ReadResult> ReadSource(const std::string& uri, SourceOptions options) {
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<BatchReader> reader,
                           OpenSource(uri, std::move(options)));
  return ReadAll(*reader);
}

}  // namespace steward::io
