// `registry restore`: checks a backup archive entry by entry, then rebuilds the registry in a
// new directory (renamed into place once it verifies) or in an empty PostgreSQL database (in
// one transaction that commits only once it verifies).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <stdio.h>

#include "steward/io/atomic_file.h"
#include "steward/model/sha256.h"
#include "steward/model/ustar.h"
#include "steward/registry/internal/backup_archive.h"
#include "steward/registry/postgres_database.h"
#include "steward/registry/registry.h"
#include "steward/registry/registry_tables.h"
#include "steward/registry/sqlite_database.h"

namespace steward::registry {

namespace fs = std::filesystem;
using internal::kArtifactPrefix;
using internal::kBackupFormat;
using internal::kDatabaseEntry;
using internal::kManifestEntry;
using internal::TempDirectory;
using nlohmann::json;

// An archive whose entries all match its manifest.
struct CheckedBackup {
  std::string path;
  std::string sha256;  // of the whole archive, for the restore's audit entry
  json manifest;
  std::string database;                          // the SQLite snapshot
  std::map<std::string, std::string> artifacts;  // digest -> bytes
};

namespace {

Status Refuse(const std::string& where, const std::string& what) {
  return Status::DataLoss(where + ": " + what + "; refusing to restore it");
}

Result<CheckedBackup> ReadCheckedBackup(const std::string& archive_path) {
  CheckedBackup backup;
  backup.path = archive_path;
  STEWARD_ASSIGN_OR_RETURN(std::string bytes, io::ReadFileToString(archive_path));
  backup.sha256 = model::Sha256Hex(bytes);
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<model::UstarEntry> entries,
      model::ParseUstar(bytes, archive_path, "registry backup", internal::IsBackupEntry));
  bytes.clear();
  bool has_manifest = false;
  bool has_database = false;
  for (model::UstarEntry& entry : entries) {
    if (entry.name == kManifestEntry) {
      has_manifest = true;
      backup.manifest = json::parse(entry.bytes, nullptr, false);
    } else if (entry.name == kDatabaseEntry) {
      has_database = true;
      backup.database = std::move(entry.bytes);
    } else {
      backup.artifacts[entry.name.substr(kArtifactPrefix.size())] = std::move(entry.bytes);
    }
  }
  if (!has_manifest || !has_database)
    return Refuse(archive_path, "manifest.json or registry.db is missing");
  const json& manifest = backup.manifest;
  if (!manifest.is_object() || manifest.value("format", json()) != kBackupFormat)
    return Refuse(archive_path, "manifest.json is not a steward.registry_backup/1 manifest");
  const json database = manifest.value("database", json::object());
  if (database.value("sha256", json()) != model::Sha256Hex(backup.database) ||
      database.value("bytes", json()) != backup.database.size()) {
    return Refuse(archive_path, "registry.db does not match its SHA-256 in the manifest");
  }
  const json listed = manifest.value("artifacts", json::object());
  if (!listed.is_object())
    return Refuse(archive_path, "the manifest's artifacts are not an object");
  for (const auto& [digest, artifact] : backup.artifacts) {
    if (!listed.contains(digest))
      return Refuse(archive_path, "artifact " + digest + " is not in the manifest");
    if (model::Sha256Hex(artifact) != digest)
      return Refuse(archive_path, "artifact " + digest + " was altered");
  }
  for (const auto& [digest, entry] : listed.items()) {
    if (backup.artifacts.count(digest) == 0)
      return Refuse(archive_path, "artifact " + digest + " in the manifest is missing");
  }
  return backup;
}

// Adds to `report` a problem if the restored audit log does not end where the backup's did
// (entries cut from its end would otherwise leave a valid, shorter chain).
Status CheckAuditHead(Database& restored, const json& manifest, VerifyReport& report) {
  STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> head,
                           restored.Query("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
  const json actual =
      head.empty() ? json() : json{{"seq", AsInteger(head[0][0])}, {"hash", AsText(head[0][1])}};
  if (actual != manifest.value("audit_head", json()))
    report.problems.push_back("the audit log does not end at the head in the manifest");
  return Status::Ok();
}

Status RefuseUnverified(const std::string& archive_path, const VerifyReport& report) {
  std::string problems;
  for (const std::string& problem : report.problems)
    problems += "\n  " + problem;
  return Refuse(archive_path, "the restored registry does not verify:" + problems);
}

json RestoreDetails(const CheckedBackup& backup) {
  return {{"archive_sha256", backup.sha256},
          {"audit_head", backup.manifest.value("audit_head", json())}};
}

}  // namespace

Result<VerifyReport> Registry::Restore(const std::string& archive_path,
                                       const std::string& given_location, RegistryContext context) {
  // "reg/" names the directory "reg": the staging directory goes beside it, not inside.
  std::string location = given_location;
  while (location.size() > 1 && location.back() == '/')
    location.pop_back();
  if (!IsPostgresUri(location)) {
    std::error_code error;
    if (fs::exists(location, error) &&
        (!fs::is_directory(location, error) || !fs::is_empty(location, error))) {
      return Status::FailedPrecondition(
          location + " is not empty; restore only into a new or empty directory");
    }
  }
  STEWARD_ASSIGN_OR_RETURN(CheckedBackup backup, ReadCheckedBackup(archive_path));
  if (IsPostgresUri(location))
    return RestoreIntoPostgres(backup, location, std::move(context));
  return RestoreIntoDirectory(backup, location, std::move(context));
}

Result<VerifyReport> Registry::RestoreIntoDirectory(const CheckedBackup& backup,
                                                    const std::string& location,
                                                    RegistryContext context) {
  // The restored registry keeps its artifacts inside its directory, whatever --artifacts says.
  context.artifacts.clear();
  std::error_code error;
  const bool exists = fs::exists(location, error);
  const fs::path target(location);
  if (target.has_parent_path())
    fs::create_directories(target.parent_path(), error);
  STEWARD_ASSIGN_OR_RETURN(TempDirectory staging, TempDirectory::Create(location));
  STEWARD_RETURN_IF_ERROR(
      io::WriteFileAtomically(staging.path() + "/" + std::string(kDatabaseEntry), backup.database));
  ArtifactStore store(staging.path() + "/artifacts");
  STEWARD_RETURN_IF_ERROR(store.Create());
  for (const auto& [digest, bytes] : backup.artifacts)
    STEWARD_RETURN_IF_ERROR(store.PutVerified(digest, bytes));
  VerifyReport report;
  {
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<Registry> restored, Open(staging.path(), context));
    STEWARD_ASSIGN_OR_RETURN(report, restored->Verify());
    STEWARD_RETURN_IF_ERROR(CheckAuditHead(restored->database(), backup.manifest, report));
  }
  if (!report.ok())
    return RefuseUnverified(backup.path, report);
  if (exists)
    fs::remove(location, error);
  if (::rename(staging.path().c_str(), location.c_str()) != 0)
    return Status::Unavailable(
        location + ": cannot move the restored registry into place: " + std::strerror(errno));
  staging.Release();
  STEWARD_RETURN_IF_ERROR(
      io::SyncDirectory(target.has_parent_path() ? target.parent_path().string() : "."));
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<Registry> registry, Open(location, context));
  STEWARD_RETURN_IF_ERROR(registry->InWriteTransaction([&]() -> Status {
    return registry->Append("restore", "registry", RestoreDetails(backup)).status();
  }));
  return report;
}

Result<VerifyReport> Registry::RestoreIntoPostgres(const CheckedBackup& backup,
                                                   const std::string& location,
                                                   RegistryContext context) {
  if (context.actor.empty())
    context.actor = DefaultActor();
  std::string artifacts_root;
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<Database> database,
                           OpenDatabase(location, context, true, artifacts_root));
  std::unique_ptr<Registry> target(new Registry(HidePassword(location), artifacts_root,
                                                std::move(database), std::move(context)));
  Database& into = *target->database_;
  const Status occupied = Status::FailedPrecondition(
      into.where() + " already holds a registry; restore only into an empty database");
  STEWARD_RETURN_IF_ERROR(into.CreateSchema());
  STEWARD_ASSIGN_OR_RETURN(bool has_rows, RegistryHasRows(into));
  if (has_rows)
    return occupied;

  // The snapshot is read from a file: SQLite opens nothing else.
  STEWARD_ASSIGN_OR_RETURN(
      TempDirectory scratch,
      TempDirectory::Create((fs::temp_directory_path() / "steward-restore").string()));
  const std::string snapshot_path = scratch.path() + "/" + std::string(kDatabaseEntry);
  STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(snapshot_path, backup.database));
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDatabase> snapshot,
                           SqliteDatabase::Open(snapshot_path, false));
  // Artifacts first: content-addressed, so a failed restore leaves at most unreferenced files
  // that `gc` removes, never a version without its artifacts.
  STEWARD_RETURN_IF_ERROR(target->artifacts_.Create());
  for (const auto& [digest, bytes] : backup.artifacts)
    STEWARD_RETURN_IF_ERROR(target->artifacts_.PutVerified(digest, bytes));

  VerifyReport report;
  const Status restored = target->InWriteTransaction([&]() -> Status {
    STEWARD_ASSIGN_OR_RETURN(bool raced, RegistryHasRows(into));
    if (raced)
      return occupied;
    STEWARD_RETURN_IF_ERROR(CopyRegistryRows(*snapshot, into));
    STEWARD_ASSIGN_OR_RETURN(report, target->Verify());
    STEWARD_RETURN_IF_ERROR(CheckAuditHead(into, backup.manifest, report));
    if (!report.ok())
      return RefuseUnverified(backup.path, report);
    return target->Append("restore", "registry", RestoreDetails(backup)).status();
  });
  STEWARD_RETURN_IF_ERROR(restored);
  return report;
}

}  // namespace steward::registry
