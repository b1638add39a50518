#pragma once

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <stdlib.h>

#include "steward/core/result.h"
#include "steward/registry/names.h"

// The layout of a `registry backup` archive (docs/formats/registry.md), shared by backup.cc
// and restore.cc.
namespace steward::registry::internal {

constexpr std::string_view kBackupFormat = "steward.registry_backup/1";
constexpr std::string_view kManifestEntry = "manifest.json";
// A SQLite snapshot of the database, whichever backend the registry uses: one portable,
// self-checking file that restore copies into either backend.
constexpr std::string_view kDatabaseEntry = "registry.db";
constexpr std::string_view kArtifactPrefix = "artifacts/sha256/";

inline bool IsBackupEntry(std::string_view name) {
  if (name == kManifestEntry || name == kDatabaseEntry)
    return true;
  return name.starts_with(kArtifactPrefix) && IsSha256Hex(name.substr(kArtifactPrefix.size()));
}

// A new directory beside `near` (in its parent), removed with its contents when this goes out
// of scope, unless released.
class TempDirectory {
 public:
  static Result<TempDirectory> Create(const std::string& near) {
    std::filesystem::path target(near);
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
      std::filesystem::remove_all(path_, error);
    }
  }
  const std::string& path() const { return path_; }
  void Release() { path_.clear(); }

 private:
  explicit TempDirectory(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace steward::registry::internal
