// `registry backup` and `registry restore`: one ustar archive holding a snapshot of the
// database, the artifacts it references and a manifest of their SHA-256s
// (docs/formats/registry.md).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "steward/io/atomic_file.h"
#include "steward/model/sha256.h"
#include "steward/model/ustar.h"
#include "steward/registry/names.h"
#include "steward/registry/registry.h"
#include "steward/registry/sqlite_database.h"

namespace steward::registry {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kBackupFormat = "steward.registry_backup/1";
constexpr std::string_view kManifestEntry = "manifest.json";
constexpr std::string_view kDatabaseEntry = "registry.db";
constexpr std::string_view kArtifactPrefix = "artifacts/sha256/";

bool IsBackupEntry(std::string_view name) {
  if (name == kManifestEntry || name == kDatabaseEntry)
    return true;
  return name.starts_with(kArtifactPrefix) && IsSha256Hex(name.substr(kArtifactPrefix.size()));
}

// A directory beside `near` that is removed when this goes out of scope, unless released.
class TempDirectory {
 public:
  static Result<TempDirectory> Create(const std::string& near) {
    fs::path target(near);
    const std::string parent = target.has_parent_path() ? target.parent_path().string() : ".";
    std::string pattern = parent + "/." + target.filename().string() + ".tmp-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr) {
      return Status::Unavailable(parent +
                                 ": cannot create a temporary directory: " + std::strerror(errno));
    }
    return TempDirectory(buffer.data());
  }
  TempDirectory(TempDirectory&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  TempDirectory& operator=(TempDirectory&&) = delete;
  ~TempDirectory() {
    if (!path_.empty()) {
      std::error_code error;
      fs::remove_all(path_, error);
    }
  }
  const std::string& path() const { return path_; }
  void Release() { path_.clear(); }

 private:
  explicit TempDirectory(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

Status Refuse(const std::string& where, const std::string& what) {
  return Status::DataLoss(where + ": " + what + "; refusing to restore it");
}

}  // namespace

Status Registry::Backup(const std::string& archive_path) {
  STEWARD_ASSIGN_OR_RETURN(TempDirectory scratch, TempDirectory::Create(archive_path));
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

Result<VerifyReport> Registry::Restore(const std::string& archive_path,
                                       const std::string& given_location, RegistryContext context) {
  // "reg/" names the directory "reg": the staging directory goes beside it, not inside.
  std::string location = given_location;
  while (location.size() > 1 && location.back() == '/')
    location.pop_back();
  if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
    return Status::FailedPrecondition(
        "restore writes SQLite registries only; restore a PostgreSQL registry with pg_restore");
  // The restored registry keeps its artifacts inside its directory, whatever --artifacts says.
  context.artifacts.clear();
  std::error_code error;
  const bool exists = fs::exists(location, error);
  if (exists && (!fs::is_directory(location, error) || !fs::is_empty(location, error))) {
    return Status::FailedPrecondition(location +
                                      " is not empty; restore only into a new or empty directory");
  }
  STEWARD_ASSIGN_OR_RETURN(std::string bytes, io::ReadFileToString(archive_path));
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<model::UstarEntry> entries,
      model::ParseUstar(bytes, archive_path, "registry backup", IsBackupEntry));
  const model::UstarEntry* manifest_entry = nullptr;
  const model::UstarEntry* database_entry = nullptr;
  std::map<std::string, const model::UstarEntry*> artifacts;
  for (const model::UstarEntry& entry : entries) {
    if (entry.name == kManifestEntry)
      manifest_entry = &entry;
    else if (entry.name == kDatabaseEntry)
      database_entry = &entry;
    else
      artifacts[entry.name.substr(kArtifactPrefix.size())] = &entry;
  }
  if (manifest_entry == nullptr || database_entry == nullptr)
    return Refuse(archive_path, "manifest.json or registry.db is missing");
  const json manifest = json::parse(manifest_entry->bytes, nullptr, false);
  if (!manifest.is_object() || manifest.value("format", json()) != kBackupFormat)
    return Refuse(archive_path, "manifest.json is not a steward.registry_backup/1 manifest");
  const json database = manifest.value("database", json::object());
  if (database.value("sha256", json()) != model::Sha256Hex(database_entry->bytes) ||
      database.value("bytes", json()) != database_entry->bytes.size()) {
    return Refuse(archive_path, "registry.db does not match its SHA-256 in the manifest");
  }
  const json listed = manifest.value("artifacts", json::object());
  if (!listed.is_object())
    return Refuse(archive_path, "the manifest's artifacts are not an object");
  for (const auto& [digest, entry] : artifacts) {
    if (!listed.contains(digest))
      return Refuse(archive_path, "artifact " + digest + " is not in the manifest");
    if (model::Sha256Hex(entry->bytes) != digest)
      return Refuse(archive_path, "artifact " + digest + " was altered");
  }
  for (const auto& [digest, entry] : listed.items()) {
    if (artifacts.count(digest) == 0)
      return Refuse(archive_path, "artifact " + digest + " in the manifest is missing");
  }

  const fs::path target(location);
  if (target.has_parent_path())
    fs::create_directories(target.parent_path(), error);
  STEWARD_ASSIGN_OR_RETURN(TempDirectory staging, TempDirectory::Create(location));
  STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(
      staging.path() + "/" + std::string(kDatabaseEntry), database_entry->bytes));
  ArtifactStore store(staging.path() + "/artifacts");
  STEWARD_RETURN_IF_ERROR(store.Create());
  for (const auto& [digest, entry] : artifacts)
    STEWARD_RETURN_IF_ERROR(store.PutVerified(digest, entry->bytes));
  VerifyReport report;
  {
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<Registry> restored, Open(staging.path(), context));
    STEWARD_ASSIGN_OR_RETURN(report, restored->Verify());
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> head,
        restored->database().Query("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
    const json actual_head =
        head.empty() ? json() : json{{"seq", AsInteger(head[0][0])}, {"hash", AsText(head[0][1])}};
    if (actual_head != manifest.value("audit_head", json()))
      report.problems.push_back("the audit log does not end at the head in the manifest");
  }
  if (!report.ok()) {
    std::string problems;
    for (const std::string& problem : report.problems)
      problems += "\n  " + problem;
    return Refuse(archive_path, "the restored registry does not verify:" + problems);
  }
  if (exists)
    fs::remove(location, error);
  if (::rename(staging.path().c_str(), location.c_str()) != 0)
    return Status::Unavailable(
        location + ": cannot move the restored registry into place: " + std::strerror(errno));
  staging.Release();
  STEWARD_RETURN_IF_ERROR(
      io::SyncDirectory(target.has_parent_path() ? target.parent_path().string() : "."));
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<Registry> registry, Open(location, context));
  const Status transaction = registry->InWriteTransaction([&]() -> Status {
    return registry
        ->Append("restore", "registry",
                 {{"archive_sha256", model::Sha256Hex(bytes)},
                  {"audit_head", manifest.value("audit_head", json())}})
        .status();
  });
  STEWARD_RETURN_IF_ERROR(transaction);
  return report;
}

}  // namespace steward::registry
