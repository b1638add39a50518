#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "steward/core/result.h"
#include "steward/registry/registry.h"

namespace steward::server {

// API keys checked against the registry's salted hashes (Registry::VerifyApiKey, constant-time)
// and remembered for `ttl` by the SHA-256 of the key, never the key itself: a request costs a
// hash and a lookup, and a revoked key stops working within `ttl`.
class KeyCache {
 public:
  KeyCache(std::unique_ptr<registry::Registry> registry, std::chrono::milliseconds ttl)
      : registry_(std::move(registry)), ttl_(ttl) {}

  // The key's scope; kPermissionDenied for a missing, unknown or revoked key; kUnavailable when
  // the registry cannot be read (the request is refused: fail closed).
  Result<registry::KeyScope> Check(std::string_view key);

 private:
  struct Entry {
    bool valid = false;
    registry::KeyScope scope = registry::KeyScope::kPredict;
    std::string reason;
    std::chrono::steady_clock::time_point checked;
  };
  // Bounds the memory a stream of random keys can take.
  static constexpr size_t kMaxEntries = 10'000;

  std::unique_ptr<registry::Registry> registry_;  // used under registry_mutex_ only
  std::chrono::milliseconds ttl_;
  std::shared_mutex entries_mutex_;
  std::unordered_map<std::string, Entry> entries_;  // by SHA-256 of the key
  std::mutex registry_mutex_;
};

}  // namespace steward::server
