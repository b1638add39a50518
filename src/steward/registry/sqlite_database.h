#pragma once

#include <memory>
#include <string>

#include "steward/registry/database.h"

struct sqlite3;

namespace steward::registry {

// The default backend: one SQLite file, opened with the settings of RELIABILITY.md §4
// (WAL, synchronous=FULL, foreign_keys=ON, secure_delete=ON) and a busy timeout, so
// concurrent processes wait for the write lock rather than fail.
class SqliteDatabase final : public Database {
 public:
  // Opens `path`; with `create`, a missing file is created, else it is kNotFound.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path, bool create);
  ~SqliteDatabase() override;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  Status CreateSchema() override;
  Status Execute(std::string_view sql, const std::vector<SqlValue>& params = {}) override;
  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    const std::vector<SqlValue>& params = {}) override;
  Status BeginWrite() override;
  Status Commit() override;
  void Rollback() override;
  Status SnapshotTo(const std::string& path) override;
  // INTEGER PRIMARY KEY already continues after the largest id.
  Status SyncIdentityCounters() override { return Status::Ok(); }
  Result<std::vector<std::string>> CheckIntegrity() override;
  const std::string& where() const override { return path_; }

 private:
  SqliteDatabase(std::string path, sqlite3* handle) : path_(std::move(path)), handle_(handle) {}
  Status Error(std::string_view doing) const;

  std::string path_;
  sqlite3* handle_ = nullptr;
};

}  // namespace steward::registry
