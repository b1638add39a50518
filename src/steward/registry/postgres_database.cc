#include "steward/registry/postgres_database.h"

#include <cstdlib>

#include <libpq-fe.h>

#include "steward/registry/registry_tables.h"
#include "steward/registry/sqlite_database.h"

namespace steward::registry {
namespace {

// PostgreSQL type OIDs of the integer columns (pg_type.h).
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;

constexpr const char* kPostgresSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS models(
  id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, project TEXT NOT NULL,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions(
  id BIGSERIAL PRIMARY KEY, model_id BIGINT NOT NULL REFERENCES models(id),
  version BIGINT NOT NULL, lineage TEXT NOT NULL, lineage_sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL, UNIQUE(model_id, version));
CREATE TABLE IF NOT EXISTS version_parts(
  version_id BIGINT NOT NULL REFERENCES versions(id), part TEXT NOT NULL,
  sha256 TEXT NOT NULL, bytes BIGINT NOT NULL, PRIMARY KEY(version_id, part));
CREATE INDEX IF NOT EXISTS version_parts_by_sha256 ON version_parts(sha256);
CREATE TABLE IF NOT EXISTS aliases(
  model_id BIGINT NOT NULL REFERENCES models(id), alias TEXT NOT NULL,
  version_id BIGINT NOT NULL REFERENCES versions(id), PRIMARY KEY(model_id, alias));
CREATE TABLE IF NOT EXISTS approvals(
  version_id BIGINT NOT NULL REFERENCES versions(id), role TEXT NOT NULL,
  actor TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY(version_id, role, actor));
CREATE TABLE IF NOT EXISTS api_keys(
  id TEXT PRIMARY KEY, scope TEXT NOT NULL, label TEXT NOT NULL, salt TEXT NOT NULL,
  hash TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  revoked_at TEXT, revoked_by TEXT);
CREATE TABLE IF NOT EXISTS audit(
  seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  subject TEXT NOT NULL, details TEXT NOT NULL, hash TEXT NOT NULL);
)sql";

void IgnoreNotice(void*, const char*) {}

std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\t' || c == '\r')
      c = ' ';
  }
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

// '?' placeholders (the dialect the registry writes) become PostgreSQL's $1, $2, ...
std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  int next = 0;
  for (char c : sql) {
    if (c == '?')
      out += "$" + std::to_string(++next);
    else
      out += c;
  }
  return out;
}

}  // namespace

bool IsPostgresUri(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string HidePassword(const std::string& uri) {
  const size_t scheme = uri.find("://");
  if (scheme == std::string::npos)
    return uri;
  const size_t start = scheme + 3;
  const size_t at = uri.find('@', start);
  const size_t slash = uri.find('/', start);
  if (at == std::string::npos || (slash != std::string::npos && slash < at))
    return uri;
  const size_t colon = uri.find(':', start);
  if (colon == std::string::npos || colon > at)
    return uri;
  return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(const std::string& uri) {
  const std::string where = HidePassword(uri);
  PGconn* connection = PQconnectdb(uri.c_str());
  std::unique_ptr<PostgresDatabase> database(new PostgresDatabase(where, connection));
  if (connection == nullptr || PQstatus(connection) != CONNECTION_OK) {
    const std::string message = connection ? OneLine(PQerrorMessage(connection)) : "out of memory";
    std::string scrubbed = message;
    for (size_t found = scrubbed.find(uri); found != std::string::npos;
         found = scrubbed.find(uri)) {
      scrubbed.replace(found, uri.size(), where);
    }
    return Status::Unavailable(where + ": cannot connect: " + scrubbed);
  }
  PQsetNoticeProcessor(connection, IgnoreNotice, nullptr);
  STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> fsync, database->Query("SHOW fsync"));
  if (fsync.empty() || AsText(fsync[0][0]) != "on") {
    return Status::FailedPrecondition(where +
                                      ": the server runs with fsync=off, which can lose or "
                                      "corrupt committed registry changes; refusing to use it");
  }
  return database;
}

PostgresDatabase::~PostgresDatabase() {
  if (connection_ != nullptr)
    PQfinish(connection_);
}

Status PostgresDatabase::CreateSchema() {
  return Execute(kPostgresSchema);
}

Result<std::vector<SqlRow>> PostgresDatabase::Query(std::string_view sql,
                                                    const std::vector<SqlValue>& params) {
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (size_t index = 0; index < params.size(); ++index) {
    if (const auto* integer = std::get_if<int64_t>(&params[index])) {
      texts[index] = std::to_string(*integer);
      values[index] = texts[index].c_str();
    } else if (const auto* text = std::get_if<std::string>(&params[index])) {
      values[index] = text->c_str();
    }
  }
  const std::string statement = NumberPlaceholders(sql);
  PGresult* result =
      params.empty() ? PQexec(connection_, statement.c_str())
                     : PQexecParams(connection_, statement.c_str(), static_cast<int>(params.size()),
                                    nullptr, values.data(), nullptr, nullptr, 0);
  std::unique_ptr<PGresult, void (*)(PGresult*)> owned(result, PQclear);
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string message = where_ + ": running '" + std::string(sql.substr(0, 60)) +
                                "': " + OneLine(PQerrorMessage(connection_));
    const std::string code = state ? state : "";
    if (code == "23505")
      return Status::AlreadyExists(message);
    return Status::Unavailable(message);
  }
  std::vector<SqlRow> rows;
  const int row_count = PQntuples(result);
  const int column_count = PQnfields(result);
  rows.reserve(static_cast<size_t>(row_count));
  for (int row = 0; row < row_count; ++row) {
    SqlRow values_out;
    for (int column = 0; column < column_count; ++column) {
      if (PQgetisnull(result, row, column)) {
        values_out.emplace_back(std::monostate{});
        continue;
      }
      const char* text = PQgetvalue(result, row, column);
      const Oid type = PQftype(result, column);
      if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid)
        values_out.emplace_back(static_cast<int64_t>(std::strtoll(text, nullptr, 10)));
      else
        values_out.emplace_back(
            std::string(text, static_cast<size_t>(PQgetlength(result, row, column))));
    }
    rows.push_back(std::move(values_out));
  }
  return rows;
}

Status PostgresDatabase::Execute(std::string_view sql, const std::vector<SqlValue>& params) {
  Result<std::vector<SqlRow>> rows = Query(sql, params);
  return rows.ok() ? Status::Ok() : rows.status();
}

Status PostgresDatabase::BeginWrite() {
  STEWARD_RETURN_IF_ERROR(Execute("BEGIN"));
  in_transaction_ = true;
  // One writer at a time, across every process and machine using the registry: the audit
  // chain needs each entry to follow the one committed before it.
  Status locked = Execute("LOCK TABLE audit IN EXCLUSIVE MODE");
  if (!locked.ok())
    Rollback();
  return locked;
}

Status PostgresDatabase::Commit() {
  Status status = Execute("COMMIT");
  in_transaction_ = false;
  return status;
}

void PostgresDatabase::Rollback() {
  if (in_transaction_)
    PQclear(PQexec(connection_, "ROLLBACK"));
  in_transaction_ = false;
}

Status PostgresDatabase::SnapshotTo(const std::string& path) {
  // One snapshot for every table, taken without blocking writers.
  STEWARD_RETURN_IF_ERROR(Execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  in_transaction_ = true;
  Status copied = [&]() -> Status {
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDatabase> snapshot,
                             SqliteDatabase::Open(path, true));
    STEWARD_RETURN_IF_ERROR(snapshot->CreateSchema());
    STEWARD_RETURN_IF_ERROR(snapshot->BeginWrite());
    Status status = CopyRegistryRows(*this, *snapshot);
    if (!status.ok()) {
      snapshot->Rollback();
      return status;
    }
    return snapshot->Commit();
  }();
  Rollback();
  return copied;
}

Status PostgresDatabase::SyncIdentityCounters() {
  for (const char* table : {"models", "versions"}) {
    STEWARD_RETURN_IF_ERROR(Execute(std::string("SELECT setval(pg_get_serial_sequence('") + table +
                                    "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + table));
  }
  return Status::Ok();
}

}  // namespace steward::registry
