#include "steward/model/model_bundle.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <stdlib.h>
#include <unistd.h>

#include "steward/io/atomic_file.h"
#include "steward/io/value_parsing.h"
#include "steward/model/sha256.h"

namespace steward::model {
namespace {

namespace fs = std::filesystem;

bool KnownPart(std::string_view name) {
  return std::find(kBundleParts.begin(), kBundleParts.end(), name) != kBundleParts.end();
}

bool RequiredPart(std::string_view name) {
  return name != "profile.json" && name != "fairness.json";
}

Status Damaged(const std::string& where, const std::string& what) {
  return Status::DataLoss(where + ": " + what +
                          "; the bundle was modified, truncated or is "
                          "not a Steward bundle, refusing to load it");
}

}  // namespace

std::string MakeManifest(const BundleParts& parts) {
  nlohmann::json listed = nlohmann::json::object();
  for (const auto& [name, bytes] : parts)
    listed[name] = {{"bytes", bytes.size()}, {"sha256", Sha256Hex(bytes)}};
  const nlohmann::json manifest = {{"format", kBundleFormat}, {"parts", std::move(listed)}};
  return manifest.dump(1) + "\n";
}

Status VerifyManifest(std::string_view manifest, const BundleParts& parts,
                      const std::string& where) {
  const std::string manifest_where = where + "/" + std::string(kManifestName);
  const nlohmann::json document = nlohmann::json::parse(manifest, nullptr, false);
  if (document.is_discarded() || !document.is_object())
    return Damaged(manifest_where, "not a valid JSON object");
  auto format = document.find("format");
  if (format == document.end() || !format->is_string() || *format != kBundleFormat) {
    return Damaged(manifest_where, "the format is not '" + std::string(kBundleFormat) + "'");
  }
  auto listed = document.find("parts");
  if (listed == document.end() || !listed->is_object())
    return Damaged(manifest_where, "no 'parts' object");
  for (const auto& [name, entry] : listed->items()) {
    if (!KnownPart(name))
      return Damaged(manifest_where, "lists an unknown part " + io::QuoteForMessage(name));
    auto bytes = entry.find("bytes");
    auto sha = entry.find("sha256");
    if (!entry.is_object() || bytes == entry.end() || !bytes->is_number_unsigned() ||
        sha == entry.end() || !sha->is_string()) {
      return Damaged(manifest_where, "the entry of part '" + name + "' lacks bytes or sha256");
    }
    auto part = parts.find(name);
    if (part == parts.end())
      return Damaged(where, "part '" + name + "' is missing");
    if (part->second.size() != bytes->get<uint64_t>()) {
      return Damaged(where, "part '" + name + "' has " + std::to_string(part->second.size()) +
                                " bytes, the manifest says " + bytes->dump());
    }
    if (Sha256Hex(part->second) != sha->get<std::string>())
      return Damaged(where, "part '" + name + "' does not match its SHA-256 in the manifest");
  }
  for (const auto& [name, bytes] : parts) {
    if (!listed->contains(name))
      return Damaged(where, "part '" + name + "' is not in the manifest");
  }
  for (std::string_view name : kBundleParts) {
    if (RequiredPart(name) && !listed->contains(std::string(name)))
      return Damaged(manifest_where, "does not list the part '" + std::string(name) + "'");
  }
  return Status::Ok();
}

Status WriteBundle(const std::string& path, const BundleParts& parts) {
  std::error_code error;
  const bool exists = fs::exists(path, error);
  if (exists) {
    const bool is_bundle = fs::is_regular_file(fs::path(path) / kManifestName, error);
    if (!fs::is_directory(path, error) || (!is_bundle && !fs::is_empty(path, error))) {
      return Status::AlreadyExists(path +
                                   ": exists and is not a Steward bundle; choose another --out");
    }
  }
  const fs::path target = fs::absolute(path, error);
  std::string staging = target.string() + ".new-XXXXXX";
  if (::mkdtemp(staging.data()) == nullptr) {
    return Status::Unavailable(path +
                               ": cannot create a directory beside it: " + std::strerror(errno));
  }
  auto abandon = [&](Status status) {
    fs::remove_all(staging, error);
    return status;
  };
  for (const auto& [name, bytes] : parts) {
    if (!KnownPart(name))
      return abandon(Status::Internal("unknown bundle part '" + name + "'"));
    Status written = io::WriteFileAtomically(staging + "/" + name, bytes);
    if (!written.ok())
      return abandon(written);
  }
  Status written =
      io::WriteFileAtomically(staging + "/" + std::string(kManifestName), MakeManifest(parts));
  if (!written.ok())
    return abandon(written);
  if (exists) {
    const std::string old = staging + ".old";
    fs::rename(target, old, error);
    if (error)
      return abandon(Status::Unavailable(path + ": cannot replace: " + error.message()));
    fs::rename(staging, target, error);
    if (error) {
      fs::rename(old, target, error);
      return abandon(Status::Unavailable(path + ": cannot replace: " + error.message()));
    }
    fs::remove_all(old, error);
  } else {
    fs::rename(staging, target, error);
    if (error)
      return abandon(Status::Unavailable(path + ": cannot create: " + error.message()));
  }
  return io::SyncDirectory(target.parent_path().string());
}

Result<BundleParts> ReadBundle(const std::string& path) {
  std::error_code error;
  if (!fs::is_directory(path, error))
    return Status::NotFound(path + ": no bundle directory here");
  const std::string manifest_path = path + "/" + std::string(kManifestName);
  if (!fs::exists(manifest_path, error))
    return Damaged(path, "manifest.json is missing");
  STEWARD_ASSIGN_OR_RETURN(std::string manifest, io::ReadFileToString(manifest_path));
  BundleParts parts;
  for (std::string_view name : kBundleParts) {
    const std::string part_path = path + "/" + std::string(name);
    if (!fs::exists(part_path, error))
      continue;
    STEWARD_ASSIGN_OR_RETURN(std::string bytes, io::ReadFileToString(part_path));
    parts.emplace(name, std::move(bytes));
  }
  STEWARD_RETURN_IF_ERROR(VerifyManifest(manifest, parts, path));
  return parts;
}

}  // namespace steward::model
