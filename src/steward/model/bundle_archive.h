#pragma once

#include <string>
#include <string_view>

#include "steward/core/result.h"
#include "steward/model/model_bundle.h"

namespace steward::model {

// A bundle as one file (--archive): a POSIX ustar archive of the parts and manifest.json,
// readable with `tar -xf`. Entries carry mode 0644, owner 0 and mtime 0, so the same parts give
// the same bytes.
std::string MakeBundleArchive(const BundleParts& parts);
Status WriteBundleArchive(const std::string& path, const BundleParts& parts);

// Parses and verifies an archive's bytes (VerifyManifest). Only regular-file entries named
// like bundle parts or manifest.json are accepted; links, directories, paths, duplicates,
// bad checksums and sizes past the end are refused with kDataLoss naming `where` and the
// entry. Pure; the fuzzer calls it on arbitrary bytes.
Result<BundleParts> ParseBundleArchive(std::string_view bytes, const std::string& where);

// Reads a bundle directory (ReadBundle) or archive file, whichever `path` is.
Result<BundleParts> ReadAnyBundle(const std::string& path);

// Adds or replaces part `name` of the verified bundle (directory or archive) at `path`, and its
// manifest entry; the bundle is rewritten atomically, so a failure leaves the old one whole.
Status SetBundlePart(const std::string& path, const std::string& name, std::string bytes);

}  // namespace steward::model
