#include "steward/registry/artifact_store.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

#include "steward/io/atomic_file.h"
#include "steward/model/sha256.h"
#include "steward/registry/names.h"

namespace steward::registry {
namespace {

namespace fs = std::filesystem;

}  // namespace

std::string ArtifactStore::PathOf(std::string_view digest) const {
  return root_ + "/sha256/" + std::string(digest);
}

Status ArtifactStore::Create() const {
  std::error_code error;
  fs::create_directories(root_ + "/sha256", error);
  if (error)
    return Status::Unavailable(root_ + "/sha256: cannot create: " + error.message());
  STEWARD_RETURN_IF_ERROR(io::SyncDirectory(root_));
  return io::SyncDirectory(root_ + "/sha256");
}

Result<std::string> ArtifactStore::Put(std::string_view bytes) const {
  std::string digest = model::Sha256Hex(bytes);
  // Same name and size: stored already. A file damaged in place is `verify`'s to report.
  std::error_code error;
  const auto size = fs::file_size(PathOf(digest), error);
  if (!error && size == bytes.size())
    return digest;
  STEWARD_RETURN_IF_ERROR(PutVerified(digest, bytes));
  return digest;
}

Status ArtifactStore::PutVerified(std::string_view digest, std::string_view bytes) const {
  if (!IsSha256Hex(digest))
    return Status::Internal("artifact name is not a SHA-256: " + std::string(digest));
  return io::WriteFileAtomically(PathOf(digest), bytes);
}

Result<std::string> ArtifactStore::Get(std::string_view digest) const {
  if (!IsSha256Hex(digest))
    return Status::InvalidArgument("not a SHA-256 digest: " + std::string(digest));
  Result<std::string> bytes = io::ReadFileToString(PathOf(digest));
  if (!bytes.ok()) {
    if (bytes.status().code() == StatusCode::kNotFound)
      return Status::NotFound("artifact " + std::string(digest) + " is missing");
    return bytes.status();
  }
  const std::string actual = model::Sha256Hex(*bytes);
  if (actual != digest) {
    return Status::DataLoss("artifact " + std::string(digest) + " was altered: its bytes hash to " +
                            actual);
  }
  return bytes;
}

Status ArtifactStore::Check(std::string_view digest) const {
  Result<std::string> bytes = Get(digest);
  return bytes.ok() ? Status::Ok() : bytes.status();
}

Result<std::vector<std::string>> ArtifactStore::List() const {
  std::vector<std::string> digests;
  std::error_code error;
  fs::directory_iterator entries(root_ + "/sha256", error);
  if (error)
    return Status::Unavailable(root_ + "/sha256: cannot list: " + error.message());
  for (const fs::directory_entry& entry : entries) {
    std::string name = entry.path().filename().string();
    if (IsSha256Hex(name))
      digests.push_back(std::move(name));
  }
  std::sort(digests.begin(), digests.end());
  return digests;
}

Status ArtifactStore::Remove(std::string_view digest) const {
  if (!IsSha256Hex(digest))
    return Status::Internal("artifact name is not a SHA-256: " + std::string(digest));
  const std::string path = PathOf(digest);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT)
    return Status::Unavailable(path + ": cannot remove: " + std::strerror(errno));
  return io::SyncDirectory(root_ + "/sha256");
}

}  // namespace steward::registry
