#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "steward/core/result.h"

namespace steward::registry {

// NULL, an integer or text: the only column types the registry uses, so every backend maps
// them the same way.
using SqlValue = std::variant<std::monostate, int64_t, std::string>;
using SqlRow = std::vector<SqlValue>;

// The SQL store behind a registry. Statements use '?' placeholders and the SQL subset that
// SQLite and PostgreSQL share (INSERT ... RETURNING, ON CONFLICT DO NOTHING). Each backend
// creates the schema in its own dialect. One instance per thread; not thread-safe.
class Database {
 public:
  virtual ~Database() = default;

  // Creates the registry's tables if they do not exist.
  virtual Status CreateSchema() = 0;
  virtual Status Execute(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql,
                                            const std::vector<SqlValue>& params = {}) = 0;
  // Starts a transaction that holds the write lock from its first statement, so concurrent
  // writers queue instead of failing at commit (SQLite: BEGIN IMMEDIATE).
  virtual Status BeginWrite() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
  // Writes a consistent copy of the whole database, as a new SQLite file at `path`, while
  // other processes may be writing (SQLite: VACUUM INTO; PostgreSQL: one REPEATABLE READ
  // transaction copied row by row).
  virtual Status SnapshotTo(const std::string& path) = 0;
  // After rows were inserted with explicit ids (a restore), makes generated ids continue
  // after the largest one (PostgreSQL's sequences; SQLite needs nothing).
  virtual Status SyncIdentityCounters() = 0;
  // The backend's own consistency checks (SQLite: integrity_check, foreign_key_check); the
  // problems found, empty if none.
  virtual Result<std::vector<std::string>> CheckIntegrity() = 0;
  // Where the database is, for messages.
  virtual const std::string& where() const = 0;
};

// Typed access to a column of a query result; a NULL reads as 0 or "".
int64_t AsInteger(const SqlValue& value);
std::string AsText(const SqlValue& value);
bool IsNull(const SqlValue& value);

}  // namespace steward::registry
