#include "steward/model/bundle_archive.h"

#include <algorithm>
#include <filesystem>

#include "steward/io/atomic_file.h"
#include "steward/model/ustar.h"

namespace steward::model {
namespace {

bool KnownEntry(std::string_view name) {
  return name == kManifestName ||
         std::find(kBundleParts.begin(), kBundleParts.end(), name) != kBundleParts.end();
}

}  // namespace

std::string MakeBundleArchive(const BundleParts& parts) {
  std::string archive;
  for (const auto& [name, bytes] : parts)
    AppendUstarEntry(archive, name, bytes);
  AppendUstarEntry(archive, kManifestName, MakeManifest(parts));
  AppendUstarEnd(archive);
  return archive;
}

Status WriteBundleArchive(const std::string& path, const BundleParts& parts) {
  return io::WriteFileAtomically(path, MakeBundleArchive(parts));
}

Result<BundleParts> ParseBundleArchive(std::string_view bytes, const std::string& where) {
  STEWARD_ASSIGN_OR_RETURN(std::vector<UstarEntry> entries,
                           ParseUstar(bytes, where, "bundle archive", KnownEntry));
  BundleParts parts;
  std::string manifest;
  bool have_manifest = false;
  for (UstarEntry& entry : entries) {
    if (entry.name == kManifestName) {
      manifest = std::move(entry.bytes);
      have_manifest = true;
    } else {
      parts.emplace(std::move(entry.name), std::move(entry.bytes));
    }
  }
  if (!have_manifest) {
    return Status::DataLoss(where +
                            ": manifest.json is missing; not a valid bundle archive, refusing "
                            "to load it");
  }
  STEWARD_RETURN_IF_ERROR(VerifyManifest(manifest, parts, where));
  return parts;
}

Result<BundleParts> ReadAnyBundle(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) {
    STEWARD_ASSIGN_OR_RETURN(std::string bytes, io::ReadFileToString(path));
    return ParseBundleArchive(bytes, path);
  }
  return ReadBundle(path);
}

Status SetBundlePart(const std::string& path, const std::string& name, std::string bytes) {
  STEWARD_ASSIGN_OR_RETURN(BundleParts parts, ReadAnyBundle(path));
  parts[name] = std::move(bytes);
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error))
    return WriteBundleArchive(path, parts);
  return WriteBundle(path, parts);
}

}  // namespace steward::model
