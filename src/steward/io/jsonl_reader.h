#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/io/batch_reader.h"
#include "steward/io/csv_options.h"

namespace steward::io {

// Reads JSON Lines (one JSON object per line) from a file, or stdin for "-", as record batches
// of up to `batch_rows` rows in file order, in bounded memory: one block of input, the
// longest line, and one batch. Lines end in LF or CRLF; a UTF-8 byte order mark may open the
// input (or any line, as nlohmann allows, so that such files can be concatenated); blank lines
// (only spaces, tabs and CRs) hold no record and count in SourceStats::blank_lines.
//
// Columns are the keys of the first options.infer_rows records (0: all records; otherwise at
// most 64 MiB of them), in order of first appearance. Kinds follow the sampled values, with
// null, an absent key and a string among options.missing all read as missing:
//   only numbers  -> numeric          only true/false -> boolean
//   only strings  -> timestamp when every one is ISO 8601 (ParseTimestamp), else categorical,
//                    or text when there are more than options.categorical_max_distinct
//                    distinct values making up over half of the values, or they are long
//                    (the CSV reader's rule)
//   mixed         -> categorical or text by the same rule
//   no values     -> numeric (all missing)
// options.column_kinds overrides the inferred kinds; a name that is not a column fails Open
// listing the columns. To sample, the reader reads the start of the input and then reads it
// again from the beginning; an input that cannot seek (stdin, a pipe) keeps the sampled bytes
// in memory instead, so such an input is held whole when infer_rows is 0.
//
// A value fits its column when it is missing or:
//   numeric     a number, or a string that ParseNumber reads; an integer beyond 2^53 in
//               magnitude does not fit, since a double would silently change it
//   boolean     true or false, or a string that ParseBoolean reads
//   timestamp   a string that ParseTimestamp reads
//   categorical, text   any string without a NUL byte, a number (its JSON text), or a
//               boolean ("true", "false")
//
// A bad record is a line that is not valid JSON (nlohmann's message and the byte; a raw NUL
// byte, which nlohmann would take for the end of the line, included), nests deeper than 32
// levels, is not an object, holds a nested object or array, repeats a key, has an empty key
// or one with a NUL byte, has a key that is not a column, or has a value that does not fit
// its column. Under BadRowPolicy::kError it fails Open (in the sample) or
// Next() with kInvalidArgument "file:line: what", naming the field; under kSkip and
// kQuarantine it is counted in SourceStats::bad_rows with the first 5 messages kept in
// bad_row_examples, and kQuarantine writes its raw line to options.quarantine_path
// (atomically, after the last batch).
//
// Categorical codes are stable across batches: each batch's categories extend the previous
// batch's. options.progress, if set, is called after each batch.
// Not thread-safe; call from one thread.
class JsonLinesReader final : public BatchReader {
 public:
  // Opens `path`, samples its first records and decides the columns. Fails for a missing or
  // unreadable file, an empty file, a sample without any field, a bad record in the sample
  // under kError, unknown names in options.column_kinds, kQuarantine without a
  // quarantine_path, or a zero batch_rows.
  static Result<std::unique_ptr<JsonLinesReader>> Open(const std::string& path,
                                                       const CsvOptions& options,
                                                       size_t batch_rows);
  ~JsonLinesReader() override;

  const Schema& schema() const override { return schema_; }
  const SourceStats& stats() const override { return stats_; }
  uint64_t expected_rows() const override { return expected_rows_; }

  // The next batch of 1 to batch_rows rows, or nullopt after the last. After an error the
  // reader is finished.
  Result<std::optional<Table>> Next() override;

 private:
  JsonLinesReader() = default;
  struct State;
  std::unique_ptr<State> state_;
  Schema schema_;
  SourceStats stats_;
  uint64_t expected_rows_ = 0;
};

}  // namespace steward::io
