#include "steward/server/key_cache.h"

#include "steward/model/sha256.h"

namespace steward::server {

Result<registry::KeyScope> KeyCache::Check(std::string_view key) {
  if (key.empty())
    return Status::PermissionDenied("no API key: send Authorization: Bearer KEY");
  const std::string digest = model::Sha256Hex(key);
  const auto now = std::chrono::steady_clock::now();
  {
    std::shared_lock lock(entries_mutex_);
    const auto found = entries_.find(digest);
    if (found != entries_.end() && now - found->second.checked < ttl_) {
      if (!found->second.valid)
        return Status::PermissionDenied(found->second.reason);
      return found->second.scope;
    }
  }
  Entry entry;
  {
    std::lock_guard lock(registry_mutex_);
    Result<registry::KeyScope> scope = registry_->VerifyApiKey(key);
    if (!scope.ok() && scope.status().code() != StatusCode::kPermissionDenied)
      return Status::Unavailable("cannot check the API key: " + scope.status().message());
    entry.valid = scope.ok();
    if (scope.ok())
      entry.scope = *scope;
    else
      entry.reason = scope.status().message();
  }
  entry.checked = now;
  {
    std::unique_lock lock(entries_mutex_);
    if (entries_.size() >= kMaxEntries)
      entries_.clear();
    entries_[digest] = entry;
  }
  if (!entry.valid)
    return Status::PermissionDenied(entry.reason);
  return entry.scope;
}

}  // namespace steward::server
