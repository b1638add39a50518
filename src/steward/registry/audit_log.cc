#include "steward/registry/audit_log.h"

#include "steward/model/sha256.h"

namespace steward::registry {

std::string CanonicalJson(const nlohmann::json& value) {
  // nlohmann::json keeps object keys in a std::map, so they come out sorted.
  return value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

std::string CanonicalAuditEntry(const AuditEntry& entry) {
  const nlohmann::json document = {{"action", entry.action}, {"actor", entry.actor},
                                   {"at", entry.at},         {"details", entry.details},
                                   {"seq", entry.seq},       {"subject", entry.subject}};
  return CanonicalJson(document);
}

std::string ChainHash(std::string_view previous_hash, std::string_view canonical_entry) {
  std::string input;
  input.reserve(previous_hash.size() + canonical_entry.size());
  input.append(previous_hash);
  input.append(canonical_entry);
  return model::Sha256Hex(input);
}

Result<AuditEntry> AppendAuditEntry(Database& database, const std::string& at,
                                    const std::string& actor, const std::string& action,
                                    const std::string& subject, const nlohmann::json& details) {
  STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> last,
                           database.Query("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
  AuditEntry entry;
  entry.seq = last.empty() ? 1 : AsInteger(last[0][0]) + 1;
  const std::string previous = last.empty() ? std::string(kGenesisHash) : AsText(last[0][1]);
  entry.at = at;
  entry.actor = actor;
  entry.action = action;
  entry.subject = subject;
  entry.details = CanonicalJson(details);
  entry.hash = ChainHash(previous, CanonicalAuditEntry(entry));
  STEWARD_RETURN_IF_ERROR(database.Execute(
      "INSERT INTO audit(seq, at, actor, action, subject, details, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.details, entry.hash}));
  // The head kept beside the chain makes a truncated tail visible to `verify`.
  STEWARD_RETURN_IF_ERROR(
      database.Execute("INSERT INTO meta(key, value) VALUES ('audit_head', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       {std::to_string(entry.seq) + ":" + entry.hash}));
  return entry;
}

Result<std::vector<AuditEntry>> ReadAuditEntries(Database& database, std::string_view since) {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database.Query("SELECT seq, at, actor, action, subject, details, hash FROM audit "
                     "WHERE at >= ? ORDER BY seq",
                     {std::string(since)}));
  std::vector<AuditEntry> entries;
  entries.reserve(rows.size());
  for (const SqlRow& row : rows) {
    entries.push_back({AsInteger(row[0]), AsText(row[1]), AsText(row[2]), AsText(row[3]),
                       AsText(row[4]), AsText(row[5]), AsText(row[6])});
  }
  return entries;
}

}  // namespace steward::registry
