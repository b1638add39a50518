#include "steward/registry/registry_tables.h"

#include <algorithm>
#include <string>
#include <vector>

namespace steward::registry {
namespace {

struct RegistryTable {
  const char* name;
  const char* columns;
  const char* order;  // the primary key: rows copy in a stable order
};

// Parents before children, so foreign keys hold after every insert.
constexpr RegistryTable kRegistryTables[] = {
    {"meta", "key, value", "key"},
    {"models", "id, name, project, created_at, created_by", "id"},
    {"versions", "id, model_id, version, lineage, lineage_sha256, created_at, created_by", "id"},
    {"version_parts", "version_id, part, sha256, bytes", "version_id, part"},
    {"aliases", "model_id, alias, version_id", "model_id, alias"},
    {"approvals", "version_id, role, actor, at", "version_id, role, actor"},
    {"api_keys", "id, scope, label, salt, hash, created_at, created_by, revoked_at, revoked_by",
     "id"},
    {"audit", "seq, at, actor, action, subject, details, hash", "seq"},
};

// Rows per INSERT: one round trip to PostgreSQL each, and well under SQLite's limit of
// 32,766 parameters for the widest table.
constexpr size_t kRowsPerInsert = 256;

Status InsertBatch(Database& to, const RegistryTable& table, const std::vector<SqlRow>& rows,
                   size_t begin, size_t end) {
  std::string sql = std::string("INSERT INTO ") + table.name + "(" + table.columns + ") VALUES ";
  std::vector<SqlValue> params;
  for (size_t row = begin; row < end; ++row) {
    sql += row == begin ? "(" : ", (";
    for (size_t column = 0; column < rows[row].size(); ++column) {
      sql += column == 0 ? "?" : ", ?";
      params.push_back(rows[row][column]);
    }
    sql += ")";
  }
  Status status = to.Execute(sql, params);
  if (!status.ok())
    return status.WithContext(std::string("copying table ") + table.name + " into " + to.where());
  return Status::Ok();
}

}  // namespace

Status CopyRegistryRows(Database& from, Database& to) {
  for (const RegistryTable& table : kRegistryTables) {
    STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                             from.Query(std::string("SELECT ") + table.columns + " FROM " +
                                        table.name + " ORDER BY " + table.order));
    for (size_t begin = 0; begin < rows.size(); begin += kRowsPerInsert)
      STEWARD_RETURN_IF_ERROR(
          InsertBatch(to, table, rows, begin, std::min(rows.size(), begin + kRowsPerInsert)));
  }
  return to.SyncIdentityCounters();
}

Result<bool> RegistryHasRows(Database& database) {
  for (const RegistryTable& table : kRegistryTables) {
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        database.Query(std::string("SELECT 1 FROM ") + table.name + " LIMIT 1"));
    if (!rows.empty())
      return true;
  }
  return false;
}

}  // namespace steward::registry
