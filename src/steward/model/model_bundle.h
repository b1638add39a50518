#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>

#include "steward/core/result.h"

namespace steward::model {

// The files of a bundle (docs/formats/bundle.md), by name. profile.json and fairness.json
// are optional.
inline constexpr std::array<std::string_view, 7> kBundleParts = {
    "model.json",   "schema.json", "profile.json", "metrics.json",
    "explain.json", "card.json",   "fairness.json"};
inline constexpr std::string_view kManifestName = "manifest.json";
inline constexpr std::string_view kBundleFormat = "steward.bundle/1";

using BundleParts = std::map<std::string, std::string>;  // part name -> bytes

// The manifest of `parts`: format, and per part its byte count and SHA-256.
std::string MakeManifest(const BundleParts& parts);

// Checks `parts` against `manifest` (bytes of manifest.json). Every required part (all of
// kBundleParts but profile.json and fairness.json) must be listed, every listed part present with
// the listed size and SHA-256. Fails with kDataLoss naming `where` and the first part that differs,
// is missing or is unknown. Pure; used by ReadBundle and the fuzzer.
Status VerifyManifest(std::string_view manifest, const BundleParts& parts,
                      const std::string& where);

// Writes a bundle directory at `path`: the parts, then manifest.json, each written to a new
// sibling directory and fsynced, which then replaces `path`. An existing `path` must be a
// bundle (it has a manifest.json) or an empty directory; anything else is refused, so a
// mistyped --out never deletes a user's files.
Status WriteBundle(const std::string& path, const BundleParts& parts);

// Reads and verifies the bundle directory at `path` (VerifyManifest). Parts are returned only
// if every one verifies.
Result<BundleParts> ReadBundle(const std::string& path);

}  // namespace steward::model
