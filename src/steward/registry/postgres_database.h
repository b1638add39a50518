#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "steward/registry/database.h"

struct pg_conn;

namespace steward::registry {

// A registry database on PostgreSQL (a postgresql:// URI), for a registry shared by several
// machines. Writers serialise on a table lock taken at BeginWrite, as SQLite's BEGIN IMMEDIATE
// does. Refuses a server running with fsync=off (RELIABILITY.md §4). Artifacts stay in a
// directory (RegistryContext::artifacts), which every user of the registry must share.
class PostgresDatabase final : public Database {
 public:
  static Result<std::unique_ptr<PostgresDatabase>> Open(const std::string& uri);
  ~PostgresDatabase() override;
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  Status CreateSchema() override;
  Status Execute(std::string_view sql, const std::vector<SqlValue>& params = {}) override;
  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    const std::vector<SqlValue>& params = {}) override;
  Status BeginWrite() override;
  Status Commit() override;
  void Rollback() override;
  Status SnapshotTo(const std::string& path) override;
  Status SyncIdentityCounters() override;
  // PostgreSQL enforces the foreign keys itself; there is nothing more to check here.
  Result<std::vector<std::string>> CheckIntegrity() override { return std::vector<std::string>(); }
  const std::string& where() const override { return where_; }

 private:
  PostgresDatabase(std::string where, pg_conn* connection)
      : where_(std::move(where)), connection_(connection) {}

  std::string where_;  // the URI with its password hidden
  pg_conn* connection_ = nullptr;
  bool in_transaction_ = false;
};

// Whether a registry location names a PostgreSQL database rather than a directory.
bool IsPostgresUri(std::string_view location);

// `uri` with the password of its user info replaced by "***", for messages.
std::string HidePassword(const std::string& uri);

}  // namespace steward::registry
