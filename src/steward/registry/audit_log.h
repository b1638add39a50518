#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/registry/database.h"

namespace steward::registry {

// One entry of the hash-chained audit log (docs/formats/registry.md).
struct AuditEntry {
  int64_t seq = 0;      // 1, 2, 3, ... without gaps
  std::string at;       // UTC, "2026-11-23T03:10:24.123Z"
  std::string actor;    // who made the change
  std::string action;   // "register", "promote", ...
  std::string subject;  // what changed, e.g. "credit@3" or "key 1f2e..."
  std::string details;  // canonical JSON text (CanonicalJson)
  std::string hash;     // h_seq, 64 hex digits
};

// h_0: the chain starts from 64 '0' characters.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The one text form of a JSON value that Steward hashes: no spaces, keys sorted, non-ASCII
// escaped as \uXXXX. Pure.
std::string CanonicalJson(const nlohmann::json& value);

// canonical(e): CanonicalJson of {"action","actor","at","details","seq","subject"}, where
// details is the details text as a JSON string. Pure.
std::string CanonicalAuditEntry(const AuditEntry& entry);

// h_i = SHA-256(h_{i-1} as 64 hex characters ‖ canonical(e_i)), lower-case hex. Pure.
std::string ChainHash(std::string_view previous_hash, std::string_view canonical_entry);

// Appends an entry after the current last one. REQUIRES: the caller holds a write transaction
// (Database::BeginWrite), so the entry commits or rolls back with the change it records.
Result<AuditEntry> AppendAuditEntry(Database& database, const std::string& at,
                                    const std::string& actor, const std::string& action,
                                    const std::string& subject, const nlohmann::json& details);

// Entries whose time is at or after `since` (all when empty), in seq order.
Result<std::vector<AuditEntry>> ReadAuditEntries(Database& database, std::string_view since = {});

}  // namespace steward::registry
