#pragma once

// Module-private: used by steward/io/postgres_source.cc only; not part of the library's
// interface. Includes libpq's header, which only the io module may see.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <libpq-fe.h>

namespace steward::io::internal {

// A connection string with its passwords replaced by "***", and the passwords as written.
struct RedactedUri {
  std::string text;
  std::vector<std::string> secrets;
};

// Redacts the password of a postgresql:// URI's user info ("scheme://user:password@host"), and
// every password=... query parameter or key=value entry, quoted or not. Never fails: text that
// is not a connection string comes back unchanged. Pure function; safe from any thread.
RedactedUri RedactUri(std::string_view uri);

// `message` (from libpq) with `uri` replaced by its redacted text and every secret of at least
// 4 bytes by "***": some of libpq's URI errors quote the whole URI. Pure function.
std::string Scrub(std::string message, std::string_view uri, const RedactedUri& redacted);

// A libpq message on one line: line breaks and tabs (libpq ends messages in a newline and
// indents hints with tabs) become single spaces, trailing spaces go. Pure function.
std::string OneLine(std::string_view message);

// PostgreSQL's error for a failed statement on one line: message, the position in the query,
// detail, hint and SQLSTATE. `result` may be null (libpq ran out of memory or lost the
// connection); the message is then `conn`'s. `prefix_chars` is the length of the text Steward
// put before the user's query, so that positions count from the query's start. Reads only;
// call from the thread that uses `conn`.
std::string DescribeError(const PGresult* result, PGconn* conn, size_t prefix_chars);

}  // namespace steward::io::internal
