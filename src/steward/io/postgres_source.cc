#include "steward/io/postgres_source.h"

#include <cstdlib>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include "steward/io/global_categories.h"
#include "steward/io/internal/postgres_uri.h"
#include "steward/io/internal/postgres_values.h"

namespace steward::io {
namespace {

using internal::BuiltinValue;
using internal::ColumnPlan;
using internal::DescribeError;
using internal::OneLine;
using internal::PgValue;
using internal::ReadColumn;
using internal::RedactedUri;
using internal::RedactUri;
using internal::Scrub;

// Matches CsvOptions::categorical_max_distinct's default, so both sources decide alike.
constexpr size_t kCategoricalMaxDistinct = 50;
// PQntuples() counts rows in an int.
constexpr size_t kMaxBatchRows = std::numeric_limits<int>::max();
constexpr std::string_view kDeclarePrefix = "DECLARE steward_cursor NO SCROLL CURSOR FOR ";

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

// Runs a statement that returns no rows.
Status RunCommand(PGconn* conn, const char* sql, std::string_view what) {
  ResultPtr result(PQexec(conn, sql));
  if (result && PQresultStatus(result.get()) == PGRES_COMMAND_OK)
    return Status::Ok();
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
    for (Oid type : types)
      array += (array.size() > 1 ? "," : "") + std::to_string(type);
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
    if (result && PQresultStatus(result.get()) == PGRES_TUPLES_OK)
      return result;
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
    if (!conn)
      return Status::Ok();
    Status status = RunCommand(conn.get(), "CLOSE steward_cursor; COMMIT", "ending the read");
    conn.reset();
    return status;
  }
};

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
  if (!state->conn)
    return Status::ResourceExhausted("PostgreSQL: out of memory while connecting");
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
    if (error.find("multiple commands") != std::string::npos)
      error += "; --sql takes one query";
    return Status::InvalidArgument("the --sql query failed: " + error);
  }
  declared.reset();

  STEWARD_ASSIGN_OR_RETURN(state->pending, state->Fetch(0));
  const PGresult* first = state->pending.get();
  const int fields = PQnfields(first);
  if (fields == 0)
    return Status::InvalidArgument("the --sql query returns no columns");
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
      case PgValue::kBoolean:
        plan.kind = ColumnKind::kBoolean;
        break;
      case PgValue::kInteger:
      case PgValue::kInt8:
      case PgValue::kFloat:
      case PgValue::kNumeric:
        plan.kind = ColumnKind::kNumeric;
        break;
      case PgValue::kTimestamp:
        plan.kind = ColumnKind::kTimestamp;
        break;
      case PgValue::kOther:
        plan.kind = ColumnKind::kText;
        break;
      case PgValue::kString:
      case PgValue::kPaddedString: {
        // char(n) pads every value to n, so the padding does not change the distinct count.
        std::unordered_set<std::string_view> distinct;
        size_t present = 0;
        for (int row = 0; row < rows; ++row) {
          if (PQgetisnull(first, row, static_cast<int>(column)))
            continue;
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
  if (state.finished)
    return std::optional<Table>();
  auto fail = [&state](Status status) {
    state.finished = true;
    state.pending.reset();
    state.conn.reset();  // the server rolls the transaction back
    return status;
  };
  ResultPtr result = std::move(state.pending);
  if (!result) {
    Result<ResultPtr> fetched = state.Fetch(stats_.rows);
    if (!fetched.ok())
      return fail(fetched.status());
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
    Result<Column> read = ReadColumn(result.get(), static_cast<int>(column), state.columns[column],
                                     state.categories[column], stats_.rows);
    if (!read.ok())
      return fail(read.status());
    columns.push_back(std::move(read).value());
  }
  result.reset();
  stats_.rows += rows;
  // A short batch is the last: end the transaction now instead of after one more round trip.
  if (rows < state.batch_rows)
    STEWARD_RETURN_IF_ERROR(state.Finish());
  STEWARD_ASSIGN_OR_RETURN(Table batch, Table::Make(schema_, std::move(columns)));
  return std::optional<Table>(std::move(batch));
}

}  // namespace steward::io
