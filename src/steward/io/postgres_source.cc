#include "steward/io/postgres_source.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include "steward/io/category_dictionary.h"
#include "steward/io/global_categories.h"
#include "steward/io/value_parsing.h"

namespace steward::io {
namespace {

// Matches CsvOptions::categorical_max_distinct's default, so both sources decide alike.
constexpr size_t kCategoricalMaxDistinct = 50;
constexpr int64_t kMaxExactInt64 = int64_t{1} << 53;
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53
// PQntuples() counts rows in an int.
constexpr size_t kMaxBatchRows = std::numeric_limits<int>::max();
constexpr std::string_view kDeclarePrefix = "DECLARE steward_cursor NO SCROLL CURSOR FOR ";

// OIDs of built-in types, fixed in PostgreSQL's catalog (src/include/catalog/pg_type.dat);
// they are the same in every server version, so no catalog query is needed for them.
constexpr Oid kBoolOid = 16;
constexpr Oid kCharOid = 18;
constexpr Oid kNameOid = 19;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kBpcharOid = 1042;
constexpr Oid kVarcharOid = 1043;
constexpr Oid kDateOid = 1082;
constexpr Oid kTimestampOid = 1114;
constexpr Oid kTimestampTzOid = 1184;
constexpr Oid kNumericOid = 1700;
constexpr Oid kUuidOid = 2950;

// How a column's text values are read.
enum class PgValue : uint8_t {
  kBoolean,
  kInteger,  // int2, int4, oid: always exact in a double
  kInt8,
  kFloat,
  kNumeric,
  kString,        // categorical or text
  kPaddedString,  // char(n): as kString without the blank padding
  kTimestamp,
  kOther,  // text form
};

std::optional<PgValue> BuiltinValue(Oid type) {
  switch (type) {
    case kBoolOid: return PgValue::kBoolean;
    case kInt2Oid:
    case kInt4Oid:
    case kOidOid: return PgValue::kInteger;
    case kInt8Oid: return PgValue::kInt8;
    case kFloat4Oid:
    case kFloat8Oid: return PgValue::kFloat;
    case kNumericOid: return PgValue::kNumeric;
    case kTextOid:
    case kVarcharOid:
    case kNameOid:
    case kCharOid:
    case kUuidOid: return PgValue::kString;
    case kBpcharOid: return PgValue::kPaddedString;
    case kDateOid:
    case kTimestampOid:
    case kTimestampTzOid: return PgValue::kTimestamp;
    default: return std::nullopt;
  }
}

struct ConnDeleter {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;
struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;
struct ConninfoDeleter {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

// libpq's messages end in a newline and put hints on tab-indented lines; ours are one line.
std::string OneLine(std::string_view message) {
  std::string line;
  for (char c : message) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// A connection string with its passwords replaced by "***", and the passwords as written.
struct RedactedUri {
  std::string text;
  std::vector<std::string> secrets;
};

RedactedUri RedactUri(std::string_view uri) {
  RedactedUri redacted{std::string(uri), {}};
  std::string& text = redacted.text;
  // URI user info, "scheme://user:password@host"; libpq ends it at the first '@' before a '/'.
  const size_t scheme_end = text.find("://");
  if (scheme_end != std::string::npos) {
    const size_t start = scheme_end + 3;
    const size_t stop = text.find_first_of("@/", start);
    const size_t colon = text.find(':', start);
    if (stop != std::string::npos && text[stop] == '@' && colon < stop) {
      redacted.secrets.push_back(text.substr(colon + 1, stop - colon - 1));
      text.replace(colon + 1, stop - colon - 1, "***");
    }
  }
  // password=... as a URI query parameter or in a key=value string, possibly quoted.
  constexpr std::string_view kKey = "password=";
  for (size_t at = text.find(kKey); at != std::string::npos; at = text.find(kKey, at + 1)) {
    if (at > 0 && std::string_view("?& \t").find(text[at - 1]) == std::string_view::npos) continue;
    const size_t value = at + kKey.size();
    size_t end = value;
    if (end < text.size() && text[end] == '\'') {
      for (++end; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;
      }
      end = std::min(end + 1, text.size());
    } else {
      end = std::min(text.find_first_of("& \t", value), text.size());
    }
    redacted.secrets.push_back(text.substr(value, end - value));
    text.replace(value, end - value, "***");
  }
  return redacted;
}

// Removes the URI and its passwords from a libpq message: some of libpq's URI errors quote
// the whole URI.
std::string Scrub(std::string message, std::string_view uri, const RedactedUri& redacted) {
  ReplaceAll(message, uri, redacted.text);
  for (const std::string& secret : redacted.secrets) {
    // Shorter ones would garble the message; libpq never shows a bare password anyway.
    if (secret.size() >= 4) ReplaceAll(message, secret, "***");
  }
  return message;
}

// PostgreSQL's error for a failed statement on one line: message, detail, hint and SQLSTATE.
// `prefix_chars` is the length of text Steward put before the user's query.
std::string DescribeError(const PGresult* result, PGconn* conn, size_t prefix_chars) {
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (primary == nullptr) {
    return OneLine(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  }
  std::string message = OneLine(primary);
  const char* position = PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION);
  size_t character = 0;
  if (position != nullptr &&
      std::from_chars(position, position + std::strlen(position), character).ec == std::errc() &&
      character > prefix_chars) {
    message += " (at character " + std::to_string(character - prefix_chars) + " of the query)";
  }
  if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) {
    message += "; " + OneLine(detail);
  }
  if (const char* hint = PQresultErrorField(result, PG_DIAG_MESSAGE_HINT)) {
    message += "; hint: " + OneLine(hint);
  }
  if (const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE)) {
    message += std::string(" [SQLSTATE ") + sqlstate + "]";
  }
  return message;
}

// The column as it can be written in SQL, for "cast it to text" hints.
std::string SqlIdentifier(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (plain) return name;
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// A decimal number as sign, significant digits and exponent (value = 0.digits * 10^exponent),
// so that two spellings of one value ("1.50", "1.5e+00") compare equal.
struct Decimal {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
  bool operator==(const Decimal&) const = default;
};

bool ParseDecimal(std::string_view text, Decimal& decimal) {
  size_t pos = 0;
  decimal = Decimal();
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    decimal.negative = text[pos++] == '-';
  }
  bool seen_point = false;
  bool seen_digit = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (c == '0' && decimal.digits.empty()) {
        if (seen_point) --decimal.exponent;  // a leading zero after the point
        continue;
      }
      decimal.digits += c;
      if (!seen_point) ++decimal.exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return false;
  if (pos < text.size()) {
    if (text[pos] != 'e' && text[pos] != 'E') return false;
    ++pos;
    if (pos < text.size() && text[pos] == '+') ++pos;
    int64_t written = 0;
    const char* end = text.data() + text.size();
    auto [stop, ec] = std::from_chars(text.data() + pos, end, written);
    if (ec != std::errc() || stop != end) return false;
    decimal.exponent += written;
  }
  while (!decimal.digits.empty() && decimal.digits.back() == '0') decimal.digits.pop_back();
  if (decimal.digits.empty()) decimal = Decimal();  // zero, whatever its sign or scale
  return true;
}

// True when `value` (parsed from `text`) is exactly the decimal `text`, as far as a double can
// tell: the shortest text that reads back as `value` is the same number.
bool RoundTrips(std::string_view text, double value) {
  std::array<char, 64> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                 std::chars_format::scientific);
  Decimal written;
  Decimal shortest;
  return ec == std::errc() && ParseDecimal(text, written) &&
         ParseDecimal(std::string_view(buffer.data(), static_cast<size_t>(end - buffer.data())),
                      shortest) &&
         written == shortest;
}

struct ColumnPlan {
  std::string name;
  Oid type = 0;
  PgValue value = PgValue::kOther;
  ColumnKind kind = ColumnKind::kText;
};

// Runs a statement that returns no rows.
Status RunCommand(PGconn* conn, const char* sql, std::string_view what) {
  ResultPtr result(PQexec(conn, sql));
  if (result && PQresultStatus(result.get()) == PGRES_COMMAND_OK) return Status::Ok();
  return Status::Unavailable("PostgreSQL: " + std::string(what) +
                             " failed: " + DescribeError(result.get(), conn, 0));
}

// Maps the types the server does not have built in: enums read as strings, domains as their
// base type, the rest (composites, ranges, extension types) as text.
Result<std::unordered_map<Oid, PgValue>> LookUpTypes(PGconn* conn, std::vector<Oid> types) {
  std::unordered_map<Oid, PgValue> values;
  std::unordered_map<Oid, Oid> base_of;  // domain -> the type it is over
  // A domain over a domain needs one more round; the cap guards against a cycle.
  for (int round = 0; round < 8 && !types.empty(); ++round) {
    std::string array = "{";
    for (Oid type : types) array += (array.size() > 1 ? "," : "") + std::to_string(type);
    array += "}";
    const char* params[] = {array.c_str()};
    ResultPtr result(
        PQexecParams(conn,
                     "SELECT oid::int8, typtype, typbasetype::int8 FROM pg_catalog.pg_type "
                     "WHERE oid = ANY($1::oid[])",
                     1, nullptr, params, nullptr, nullptr, 0));
    if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
      return Status::Unavailable("PostgreSQL: looking up the query's column types failed: " +
                                 DescribeError(result.get(), conn, 0));
    }
    std::vector<Oid> next;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      const auto type =
          static_cast<Oid>(std::strtoull(PQgetvalue(result.get(), row, 0), nullptr, 10));
      const char typtype = PQgetvalue(result.get(), row, 1)[0];
      const auto base =
          static_cast<Oid>(std::strtoull(PQgetvalue(result.get(), row, 2), nullptr, 10));
      if (typtype == 'e') {
        values[type] = PgValue::kString;
      } else if (typtype == 'd' && BuiltinValue(base)) {
        values[type] = *BuiltinValue(base);
      } else if (typtype == 'd') {
        base_of[type] = base;
        next.push_back(base);
      } else {
        values[type] = PgValue::kOther;
      }
    }
    types = std::move(next);
  }
  for (auto [domain, base] : base_of) {
    Oid type = base;
    for (int depth = 0; depth < 8 && !values.count(type) && base_of.count(type); ++depth) {
      type = base_of.at(type);
    }
    auto found = values.find(type);
    values[domain] = found != values.end() ? found->second : PgValue::kOther;
  }
  return values;
}

}  // namespace

struct PostgresReader::State {
  ConnPtr conn;
  std::string where;  // "host ..., port ..., database ..., user ..." for messages
  size_t batch_rows = 0;
  std::vector<ColumnPlan> columns;
  std::vector<GlobalCategories> categories;
  ResultPtr pending;  // the first batch, fetched by Open() to decide the kinds
  bool finished = false;

  Result<ResultPtr> Fetch(uint64_t rows_so_far) {
    const std::string fetch =
        "FETCH FORWARD " + std::to_string(batch_rows) + " FROM steward_cursor";
    ResultPtr result(PQexec(conn.get(), fetch.c_str()));
    if (result && PQresultStatus(result.get()) == PGRES_TUPLES_OK) return result;
    const std::string error = DescribeError(result.get(), conn.get(), kDeclarePrefix.size());
    const std::string when = "while reading rows " + std::to_string(rows_so_far + 1) + " to " +
                             std::to_string(rows_so_far + batch_rows);
    if (PQstatus(conn.get()) == CONNECTION_BAD) {
      return Status::Unavailable("lost the connection to PostgreSQL (" + where + ") " + when +
                                 " of the --sql query: " + error);
    }
    return Status::InvalidArgument("the --sql query failed " + when + ": " + error);
  }

  // Ends the transaction and closes the connection; the stream is over.
  Status Finish() {
    finished = true;
    pending.reset();
    if (!conn) return Status::Ok();
    Status status = RunCommand(conn.get(), "CLOSE steward_cursor; COMMIT", "ending the read");
    conn.reset();
    return status;
  }

  Result<Column> ReadColumn(const PGresult* result, size_t column, uint64_t first_row);
};

Result<Column> PostgresReader::State::ReadColumn(const PGresult* result, size_t column,
                                                 uint64_t first_row) {
  const ColumnPlan& plan = columns[column];
  const int rows = PQntuples(result);
  const int field = static_cast<int>(column);
  // `what` has "%" where the value goes.
  auto value_error = [&](int row, std::string_view text, std::string_view what) {
    std::string message(what);
    message.replace(message.find('%'), 1, QuoteForMessage(text));
    return Status::InvalidArgument("the --sql query's column '" + plan.name + "', row " +
                                   std::to_string(first_row + static_cast<uint64_t>(row) + 1) +
                                   ": " + message + "; cast the column to text in the query (" +
                                   SqlIdentifier(plan.name) + "::text) to read it as text");
  };
  constexpr std::string_view kTooBig =
      " value % is beyond 2^53 in magnitude, where a number "
      "cannot hold every integer exactly";
  auto text_of = [&](int row) {
    return std::string_view(PQgetvalue(result, row, field),
                            static_cast<size_t>(PQgetlength(result, row, field)));
  };
  switch (plan.kind) {
    case ColumnKind::kBoolean: {
      std::vector<int8_t> values(static_cast<size_t>(rows), kMissingBoolean);
      for (int row = 0; row < rows; ++row) {
        if (!PQgetisnull(result, row, field)) {
          values[static_cast<size_t>(row)] = text_of(row) == "t";
        }
      }
      return Column::Boolean(std::move(values));
    }
    case ColumnKind::kNumeric: {
      std::vector<double> values(static_cast<size_t>(rows), std::nan(""));
      for (int row = 0; row < rows; ++row) {
        if (PQgetisnull(result, row, field)) continue;
        const std::string_view text = text_of(row);
        double& value = values[static_cast<size_t>(row)];
        const char* end = text.data() + text.size();
        if (plan.value == PgValue::kInteger || plan.value == PgValue::kInt8) {
          int64_t integer = 0;
          auto [stop, ec] = std::from_chars(text.data(), end, integer);
          // Compared as integers: the cast to double would round 2^53 + 1 down to 2^53.
          if (ec != std::errc() || stop != end || integer > kMaxExactInt64 ||
              integer < -kMaxExactInt64) {
            return value_error(row, text, "int8" + std::string(kTooBig));
          }
          value = static_cast<double>(integer);
          continue;
        }
        // Both float and numeric print these words for their special values.
        if (text == "NaN") continue;  // missing, as NaN is a numeric column's missing marker
        if (text == "Infinity" || text == "-Infinity") {
          value = text[0] == '-' ? -HUGE_VAL : HUGE_VAL;
          continue;
        }
        auto [stop, ec] = std::from_chars(text.data(), end, value);
        if (stop != end || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
          return value_error(row, text, "cannot read the value %");
        }
        // float4 and float8 print the shortest text that reads back exactly, so they are done.
        if (plan.value == PgValue::kFloat) continue;
        if (ec == std::errc::result_out_of_range) {
          return value_error(row, text, "numeric value % is outside the range of a number");
        }
        if (std::fabs(value) > kMaxExactInteger) {
          return value_error(row, text, "numeric" + std::string(kTooBig));
        }
        if (!RoundTrips(text, value)) {
          return value_error(row, text,
                             "numeric value % has more digits than a number holds, so it would "
                             "be rounded");
        }
      }
      return Column::Numeric(std::move(values));
    }
    case ColumnKind::kTimestamp: {
      std::vector<int64_t> values(static_cast<size_t>(rows), kMissingTimestamp);
      for (int row = 0; row < rows; ++row) {
        if (PQgetisnull(result, row, field)) continue;
        const std::string_view text = text_of(row);
        if (text == "infinity" || text == "-infinity") {
          return value_error(row, text, "timestamp value % is infinite, which Steward cannot hold");
        }
        if (!ParseTimestamp(text, values[static_cast<size_t>(row)])) {
          return value_error(row, text, "cannot read timestamp value % (years 1 to 9999 only)");
        }
      }
      return Column::Timestamp(std::move(values));
    }
    case ColumnKind::kCategorical: {
      CategoryDictionary local;
      std::vector<int32_t> codes(static_cast<size_t>(rows), kMissingCode);
      for (int row = 0; row < rows; ++row) {
        if (PQgetisnull(result, row, field)) continue;
        std::string_view text = text_of(row);
        if (plan.value == PgValue::kPaddedString) {
          while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
        }
        int32_t code = local.Find(text);
        codes[static_cast<size_t>(row)] = code >= 0 ? code : local.Add(text);
      }
      const std::vector<int32_t> remap = categories[column].Remap(local.labels());
      for (int32_t& code : codes) {
        if (code >= 0) code = remap[static_cast<size_t>(code)];
      }
      return Column::Categorical(std::move(codes), categories[column].snapshot());
    }
    case ColumnKind::kText: {
      TextValues values;
      values.offsets.reserve(static_cast<size_t>(rows) + 1);
      values.missing.reserve(static_cast<size_t>(rows));
      for (int row = 0; row < rows; ++row) {
        if (PQgetisnull(result, row, field)) {
          values.AppendMissing();
          continue;
        }
        std::string_view text = text_of(row);
        if (plan.value == PgValue::kPaddedString) {
          while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
        }
        values.Append(text);
      }
      return Column::Text(std::move(values));
    }
  }
  return Status::Internal("unknown column kind");
}

std::string RedactPostgresUri(std::string_view uri) {
  return RedactUri(uri).text;
}

PostgresReader::PostgresReader() = default;
PostgresReader::~PostgresReader() = default;

Result<std::unique_ptr<PostgresReader>> PostgresReader::Open(const std::string& uri,
                                                             const std::string& sql,
                                                             size_t batch_rows) {
  if (sql.find_first_not_of(" \t\r\n;") == std::string::npos) {
    return Status::InvalidArgument("the --sql query is empty");
  }
  if (batch_rows == 0 || batch_rows > kMaxBatchRows) {
    return Status::InvalidArgument("PostgreSQL batch rows must be 1 to " +
                                   std::to_string(kMaxBatchRows) + ", got " +
                                   std::to_string(batch_rows));
  }
  const RedactedUri redacted = RedactUri(uri);
  char* parse_error = nullptr;
  std::unique_ptr<PQconninfoOption, ConninfoDeleter> parsed(
      PQconninfoParse(uri.c_str(), &parse_error));
  if (!parsed) {
    std::string message = parse_error ? OneLine(parse_error) : "out of memory";
    PQfreemem(parse_error);
    return Status::InvalidArgument("invalid PostgreSQL URI " + redacted.text + ": " +
                                   Scrub(std::move(message), uri, redacted));
  }
  RedactedUri secrets = redacted;
  for (const PQconninfoOption* option = parsed.get(); option->keyword; ++option) {
    if (option->val && std::string_view(option->keyword) == "password") {
      secrets.secrets.push_back(option->val);
    }
  }

  auto state = std::make_unique<State>();
  state->batch_rows = batch_rows;
  // Entries before "dbname" are defaults the URI may override; those after it always apply.
  const char* keywords[] = {"application_name", "connect_timeout", "dbname", "client_encoding",
                            nullptr};
  const char* values[] = {"steward", "10", uri.c_str(), "UTF8", nullptr};
  state->conn.reset(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (!state->conn) return Status::ResourceExhausted("PostgreSQL: out of memory while connecting");
  PGconn* conn = state->conn.get();
  auto or_default = [](const char* text) {
    return text && *text ? std::string(text) : std::string("(default)");
  };
  state->where = "host " + or_default(PQhost(conn)) + ", port " + or_default(PQport(conn)) +
                 ", database " + or_default(PQdb(conn)) + ", user " + or_default(PQuser(conn));
  if (PQstatus(conn) != CONNECTION_OK) {
    return Status::Unavailable("cannot connect to PostgreSQL (" + state->where +
                               "): " + Scrub(OneLine(PQerrorMessage(conn)), uri, secrets));
  }

  // SET LOCAL rather than SET: the settings end with the transaction, so a connection pooler
  // in transaction mode hands no changed session to its next client.
  // UTC makes timestamptz print in UTC; ISO is the date form ParseTimestamp reads; 3 extra
  // float digits make servers before 12 print floats exactly (later ones always do).
  STEWARD_RETURN_IF_ERROR(RunCommand(conn,
                                     "BEGIN TRANSACTION READ ONLY; SET LOCAL TIME ZONE 'UTC'; "
                                     "SET LOCAL DateStyle = 'ISO, YMD'; "
                                     "SET LOCAL extra_float_digits = 3",
                                     "starting a read-only transaction"));
  // PQexecParams sends the query as one statement, so "SELECT ...; DROP ..." is refused.
  const std::string declare = std::string(kDeclarePrefix) + sql;
  ResultPtr declared(PQexecParams(conn, declare.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0));
  if (!declared || PQresultStatus(declared.get()) != PGRES_COMMAND_OK) {
    std::string error = DescribeError(declared.get(), conn, kDeclarePrefix.size());
    if (PQstatus(conn) == CONNECTION_BAD) {
      return Status::Unavailable("lost the connection to PostgreSQL (" + state->where +
                                 ") while starting the --sql query: " + error);
    }
    if (error.find("multiple commands") != std::string::npos) error += "; --sql takes one query";
    return Status::InvalidArgument("the --sql query failed: " + error);
  }
  declared.reset();

  STEWARD_ASSIGN_OR_RETURN(state->pending, state->Fetch(0));
  const PGresult* first = state->pending.get();
  const int fields = PQnfields(first);
  if (fields == 0) return Status::InvalidArgument("the --sql query returns no columns");
  std::vector<Oid> unknown;
  for (int field = 0; field < fields; ++field) {
    ColumnPlan plan;
    plan.name = PQfname(first, field);
    plan.type = PQftype(first, field);
    if (std::optional<PgValue> value = BuiltinValue(plan.type)) {
      plan.value = *value;
    } else {
      unknown.push_back(plan.type);
    }
    state->columns.push_back(std::move(plan));
  }
  if (!unknown.empty()) {
    STEWARD_ASSIGN_OR_RETURN(auto looked_up, LookUpTypes(conn, std::move(unknown)));
    for (ColumnPlan& plan : state->columns) {
      if (!BuiltinValue(plan.type)) {
        plan.value = looked_up.count(plan.type) ? looked_up[plan.type] : PgValue::kOther;
      }
    }
  }

  std::vector<Field> schema_fields;
  const int rows = PQntuples(first);
  for (size_t column = 0; column < state->columns.size(); ++column) {
    ColumnPlan& plan = state->columns[column];
    switch (plan.value) {
      case PgValue::kBoolean: plan.kind = ColumnKind::kBoolean; break;
      case PgValue::kInteger:
      case PgValue::kInt8:
      case PgValue::kFloat:
      case PgValue::kNumeric: plan.kind = ColumnKind::kNumeric; break;
      case PgValue::kTimestamp: plan.kind = ColumnKind::kTimestamp; break;
      case PgValue::kOther: plan.kind = ColumnKind::kText; break;
      case PgValue::kString:
      case PgValue::kPaddedString: {
        // char(n) pads every value to n, so the padding does not change the distinct count.
        std::unordered_set<std::string_view> distinct;
        size_t present = 0;
        for (int row = 0; row < rows; ++row) {
          if (PQgetisnull(first, row, static_cast<int>(column))) continue;
          ++present;
          distinct.emplace(PQgetvalue(first, row, static_cast<int>(column)),
                           static_cast<size_t>(PQgetlength(first, row, static_cast<int>(column))));
        }
        const bool text =
            distinct.size() > kCategoricalMaxDistinct && distinct.size() * 2 > present;
        plan.kind = text ? ColumnKind::kText : ColumnKind::kCategorical;
        break;
      }
    }
    schema_fields.push_back({plan.name, plan.kind});
  }
  state->categories.resize(state->columns.size());

  auto reader = std::unique_ptr<PostgresReader>(new PostgresReader());
  Result<Schema> schema = Schema::Make(std::move(schema_fields));
  if (!schema.ok()) {
    return Status::InvalidArgument("the --sql query's columns: " + schema.status().message() +
                                   "; name each column once with AS");
  }
  reader->schema_ = std::move(schema).value();
  reader->stats_.sampled_records = static_cast<size_t>(rows);
  reader->state_ = std::move(state);
  return reader;
}

Result<std::optional<Table>> PostgresReader::Next() {
  State& state = *state_;
  if (state.finished) return std::optional<Table>();
  auto fail = [&state](Status status) {
    state.finished = true;
    state.pending.reset();
    state.conn.reset();  // the server rolls the transaction back
    return status;
  };
  ResultPtr result = std::move(state.pending);
  if (!result) {
    Result<ResultPtr> fetched = state.Fetch(stats_.rows);
    if (!fetched.ok()) return fail(fetched.status());
    result = std::move(fetched).value();
  }
  const auto rows = static_cast<size_t>(PQntuples(result.get()));
  if (rows == 0) {
    STEWARD_RETURN_IF_ERROR(state.Finish());
    return std::optional<Table>();
  }
  std::vector<Column> columns;
  columns.reserve(state.columns.size());
  for (size_t column = 0; column < state.columns.size(); ++column) {
    Result<Column> read = state.ReadColumn(result.get(), column, stats_.rows);
    if (!read.ok()) return fail(read.status());
    columns.push_back(std::move(read).value());
  }
  result.reset();
  stats_.rows += rows;
  // A short batch is the last: end the transaction now instead of after one more round trip.
  if (rows < state.batch_rows) STEWARD_RETURN_IF_ERROR(state.Finish());
  STEWARD_ASSIGN_OR_RETURN(Table batch, Table::Make(schema_, std::move(columns)));
  return std::optional<Table>(std::move(batch));
}

}  // namespace steward::io
