#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/io/batch_reader.h"

namespace steward::io {

// Reads the rows of one SQL query from PostgreSQL as a sequence of record batches, in bounded
// memory: the query runs in a read-only transaction behind a cursor, and each Next() fetches
// `batch_rows` rows. The session uses application_name "steward" and a 10 s connect_timeout
// (unless the URI sets them), time zone UTC, ISO dates and UTF-8.
//
// Column kinds follow the result's PostgreSQL types:
//   bool -> boolean
//   int2, int4, int8, oid, float4, float8, numeric -> numeric (NaN reads as missing)
//   text, varchar, char(n), "char", name, uuid, enums -> categorical, or text when the first
//       batch has more than 50 distinct values and they make up more than half of its non-null
//       values (char(n) loses its blank padding)
//   date, timestamp, timestamptz -> timestamp (UTC)
//   anything else (json, arrays, bytea, interval, ...) -> text, in PostgreSQL's text form
// Domains take their base type's kind. NULL reads as the kind's missing value.
//
// Values are never silently changed: an int8 or numeric beyond 2^53 in magnitude, a numeric
// that a double cannot hold exactly (more digits than it keeps), and a timestamp at
// +-infinity, before year 1 or after 9999 fail with kInvalidArgument, naming the column, row
// and value and telling the user to cast the column to text in the query.
//
// Errors say where and what, and never contain the password: a bad URI or an empty query is
// kInvalidArgument; a failed connection is kUnavailable naming the host, port, database and
// user, with libpq's message; an error of the query itself is kInvalidArgument carrying
// PostgreSQL's message and saying it came from the --sql query. After an error the reader is
// finished. The connection closes after the last batch, on an error, or on destruction.
// Not thread-safe; call from one thread.
class PostgresReader final : public BatchReader {
 public:
  // Connects to `uri` (a postgresql:// URI or a libpq key=value string), starts `sql` (one
  // SELECT, VALUES, TABLE or WITH query; a trailing ';' is allowed) and fetches the first
  // batch, from which the column kinds are decided. An empty `sql` or a `batch_rows` of 0
  // fails with kInvalidArgument.
  static Result<std::unique_ptr<PostgresReader>> Open(const std::string& uri,
                                                      const std::string& sql, size_t batch_rows);
  ~PostgresReader() override;

  const Schema& schema() const override { return schema_; }
  const SourceStats& stats() const override { return stats_; }

  // The next batch of at most batch_rows rows, or nullopt after the last.
  Result<std::optional<Table>> Next() override;

 private:
  PostgresReader();
  struct State;
  std::unique_ptr<State> state_;
  Schema schema_;
  SourceStats stats_;
};

// `uri` (a postgresql:// URI or a key=value string) with every password replaced by "***", for
// showing the source to users. Pure function; safe to call from any thread.
std::string RedactPostgresUri(std::string_view uri);

}  // namespace steward::io
