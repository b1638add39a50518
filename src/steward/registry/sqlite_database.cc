#include "steward/registry/sqlite_database.h"

#include <sqlite3.h>
#include <sys/stat.h>

namespace steward::registry {
namespace {

constexpr int kBusyTimeoutMs = 30000;

// Every table the registry keeps. The audit table is the hash-chained log
// (docs/formats/registry.md); the others are the current state, which `verify` checks against
// a replay of the log.
constexpr const char* kSqliteSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS models(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, project TEXT NOT NULL,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions(
  id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models(id),
  version INTEGER NOT NULL, lineage TEXT NOT NULL, lineage_sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL, UNIQUE(model_id, version));
CREATE TABLE IF NOT EXISTS version_parts(
  version_id INTEGER NOT NULL REFERENCES versions(id), part TEXT NOT NULL,
  sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY(version_id, part));
CREATE INDEX IF NOT EXISTS version_parts_by_sha256 ON version_parts(sha256);
CREATE TABLE IF NOT EXISTS aliases(
  model_id INTEGER NOT NULL REFERENCES models(id), alias TEXT NOT NULL,
  version_id INTEGER NOT NULL REFERENCES versions(id), PRIMARY KEY(model_id, alias));
CREATE TABLE IF NOT EXISTS approvals(
  version_id INTEGER NOT NULL REFERENCES versions(id), role TEXT NOT NULL,
  actor TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY(version_id, role, actor));
CREATE TABLE IF NOT EXISTS api_keys(
  id TEXT PRIMARY KEY, scope TEXT NOT NULL, label TEXT NOT NULL, salt TEXT NOT NULL,
  hash TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  revoked_at TEXT, revoked_by TEXT);
CREATE TABLE IF NOT EXISTS audit(
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  subject TEXT NOT NULL, details TEXT NOT NULL, hash TEXT NOT NULL);
)sql";

struct StatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path, bool create) {
  struct stat info {};
  if (!create && ::stat(path.c_str(), &info) != 0)
    return Status::NotFound(path + ": no registry database here");
  sqlite3* handle = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(path, handle));
  if (rc != SQLITE_OK)
    return database->Error("opening");
  sqlite3_busy_timeout(handle, kBusyTimeoutMs);
  // journal_mode=WAL is persistent; the others hold per connection.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                             "PRAGMA foreign_keys=ON", "PRAGMA secure_delete=ON"}) {
    STEWARD_RETURN_IF_ERROR(database->Execute(pragma));
  }
  return database;
}

SqliteDatabase::~SqliteDatabase() {
  sqlite3_close_v2(handle_);
}

Status SqliteDatabase::Error(std::string_view doing) const {
  const int code = sqlite3_extended_errcode(handle_);
  const std::string message = path_ + ": " + std::string(doing) + ": " + sqlite3_errmsg(handle_);
  const int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Status::Unavailable(message);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return Status::DataLoss(message);
  if (primary == SQLITE_CONSTRAINT)
    return Status::AlreadyExists(message);
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY || primary == SQLITE_PERM)
    return Status::PermissionDenied(message);
  return Status::Unavailable(message);
}

Status SqliteDatabase::CreateSchema() {
  char* error = nullptr;
  if (sqlite3_exec(handle_, kSqliteSchema, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    return Status::Unavailable(path_ + ": creating the registry schema: " + message);
  }
  return Status::Ok();
}

Result<std::vector<SqlRow>> SqliteDatabase::Query(std::string_view sql,
                                                  const std::vector<SqlValue>& params) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    return Error("preparing '" + std::string(sql.substr(0, 60)) + "'");
  }
  Statement statement(raw);
  for (size_t index = 0; index < params.size(); ++index) {
    const int position = static_cast<int>(index) + 1;
    const SqlValue& value = params[index];
    int rc = SQLITE_OK;
    if (std::holds_alternative<int64_t>(value)) {
      rc = sqlite3_bind_int64(raw, position, std::get<int64_t>(value));
    } else if (std::holds_alternative<std::string>(value)) {
      const std::string& text = std::get<std::string>(value);
      rc = sqlite3_bind_text64(raw, position, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(raw, position);
    }
    if (rc != SQLITE_OK)
      return Error("binding a parameter");
  }
  std::vector<SqlRow> rows;
  while (true) {
    const int rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE)
      break;
    if (rc != SQLITE_ROW)
      return Error("running '" + std::string(sql.substr(0, 60)) + "'");
    const int columns = sqlite3_column_count(raw);
    SqlRow row;
    row.reserve(static_cast<size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      switch (sqlite3_column_type(raw, column)) {
        case SQLITE_NULL:
          row.emplace_back(std::monostate{});
          break;
        case SQLITE_INTEGER:
          row.emplace_back(static_cast<int64_t>(sqlite3_column_int64(raw, column)));
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, column));
          const int bytes = sqlite3_column_bytes(raw, column);
          row.emplace_back(std::string(text == nullptr ? "" : text, static_cast<size_t>(bytes)));
        }
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Status SqliteDatabase::Execute(std::string_view sql, const std::vector<SqlValue>& params) {
  Result<std::vector<SqlRow>> rows = Query(sql, params);
  return rows.ok() ? Status::Ok() : rows.status();
}

Status SqliteDatabase::BeginWrite() {
  return Execute("BEGIN IMMEDIATE");
}

Status SqliteDatabase::Commit() {
  return Execute("COMMIT");
}

void SqliteDatabase::Rollback() {
  if (sqlite3_get_autocommit(handle_) == 0)
    sqlite3_exec(handle_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status SqliteDatabase::SnapshotTo(const std::string& path) {
  return Execute("VACUUM INTO ?", {path});
}

Result<std::vector<std::string>> SqliteDatabase::CheckIntegrity() {
  std::vector<std::string> problems;
  STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> integrity, Query("PRAGMA integrity_check"));
  for (const SqlRow& row : integrity) {
    if (row.empty() || AsText(row[0]) != "ok")
      problems.push_back("database integrity: " + (row.empty() ? "" : AsText(row[0])));
  }
  STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> foreign, Query("PRAGMA foreign_key_check"));
  for (const SqlRow& row : foreign) {
    problems.push_back("table " + AsText(row[0]) + " row " + std::to_string(AsInteger(row[1])) +
                       " refers to a missing row of " + AsText(row[2]));
  }
  return problems;
}

}  // namespace steward::registry
