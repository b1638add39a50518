#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"

namespace steward::registry {

// Content-addressed files: each artifact is stored once, at `ROOT/sha256/<digest>`, named by
// the SHA-256 of its bytes. A write goes to a temporary file that is fsynced, renamed into
// place and the directory fsynced, so a crash leaves the artifact complete or absent (a
// leftover temporary file starts with '.' and is never taken for an artifact).
// Safe to use from several processes at once: writers of the same bytes rename the same
// content over each other.
class ArtifactStore {
 public:
  explicit ArtifactStore(std::string root) : root_(std::move(root)) {}

  // Creates ROOT/sha256/ if missing.
  Status Create() const;
  // Stores `bytes` unless an artifact with their digest and size exists; returns the digest.
  Result<std::string> Put(std::string_view bytes) const;
  // The bytes of artifact `digest`; kNotFound if absent, kDataLoss if its bytes no longer
  // hash to `digest`.
  Result<std::string> Get(std::string_view digest) const;
  // Re-hashes the artifact; kNotFound if absent, kDataLoss naming both digests on mismatch.
  Status Check(std::string_view digest) const;
  // Every digest-named file, sorted. Other files are ignored.
  Result<std::vector<std::string>> List() const;
  // Removes artifact `digest` (a missing one is not an error) and fsyncs the directory.
  Status Remove(std::string_view digest) const;
  // Writes `bytes` as artifact `digest` without rehashing the name; for restore, which
  // checked the digest already. REQUIRES: digest is 64 lower-case hex digits.
  Status PutVerified(std::string_view digest, std::string_view bytes) const;

  std::string PathOf(std::string_view digest) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

}  // namespace steward::registry
