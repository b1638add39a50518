// `registry backup`: one ustar archive holding a SQLite snapshot of the database, the
// artifacts it references and a manifest of their SHA-256s (docs/formats/registry.md).
#include <string>
#include <vector>

#include "steward/io/atomic_file.h"
#include "steward/model/sha256.h"
#include "steward/model/ustar.h"
#include "steward/registry/internal/backup_archive.h"
#include "steward/registry/registry.h"
#include "steward/registry/sqlite_database.h"

namespace steward::registry {
namespace {

using internal::kArtifactPrefix;
using internal::kBackupFormat;
using internal::kDatabaseEntry;
using internal::kManifestEntry;
using nlohmann::json;

}  // namespace

Status Registry::Backup(const std::string& archive_path) {
  STEWARD_ASSIGN_OR_RETURN(internal::TempDirectory scratch,
                           internal::TempDirectory::Create(archive_path));
  const std::string snapshot_path = scratch.path() + "/" + std::string(kDatabaseEntry);
  STEWARD_RETURN_IF_ERROR(database_->SnapshotTo(snapshot_path));
  json manifest = {
      {"format", kBackupFormat}, {"created_at", Now()}, {"created_by", context_.actor}};
  std::vector<std::string> digests;
  {
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDatabase> snapshot,
                             SqliteDatabase::Open(snapshot_path, false));
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        snapshot->Query("SELECT DISTINCT sha256 FROM version_parts ORDER BY sha256"));
    for (const SqlRow& row : rows)
      digests.push_back(AsText(row[0]));
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> head,
        snapshot->Query("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
    manifest["audit_head"] =
        head.empty() ? json() : json{{"seq", AsInteger(head[0][0])}, {"hash", AsText(head[0][1])}};
    // Switch the snapshot out of WAL so the copy is one self-contained file.
    STEWARD_RETURN_IF_ERROR(snapshot->Execute("PRAGMA journal_mode=DELETE"));
  }
  STEWARD_ASSIGN_OR_RETURN(std::string database_bytes, io::ReadFileToString(snapshot_path));
  manifest["database"] = {{"sha256", model::Sha256Hex(database_bytes)},
                          {"bytes", database_bytes.size()}};
  std::string archive;
  std::string artifact_entries;
  json listed = json::object();
  for (const std::string& digest : digests) {
    Result<std::string> bytes = artifacts_.Get(digest);
    if (!bytes.ok())
      return bytes.status().WithContext("backup of " + location_ + " refused");
    listed[digest] = {{"bytes", bytes->size()}};
    model::AppendUstarEntry(artifact_entries, std::string(kArtifactPrefix) + digest, *bytes);
  }
  manifest["artifacts"] = std::move(listed);
  model::AppendUstarEntry(archive, kManifestEntry, manifest.dump(1) + "\n");
  model::AppendUstarEntry(archive, kDatabaseEntry, database_bytes);
  archive += artifact_entries;
  model::AppendUstarEnd(archive);
  STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(archive_path, archive));
  return InWriteTransaction([&]() -> Status {
    return Append("backup", "registry",
                  {{"archive_sha256", model::Sha256Hex(archive)},
                   {"audit_head", manifest["audit_head"]},
                   {"artifacts", digests.size()}})
        .status();
  });
}

}  // namespace steward::registry
