// `registry verify`: the audit chain, every artifact, and every state row against a replay of
// the log. Each problem names the entry, row or artifact and what is wrong with it.
#include <map>
#include <set>
#include <tuple>

#include "steward/model/sha256.h"
#include "steward/registry/internal/credentials.h"
#include "steward/registry/registry.h"

namespace steward::registry {
namespace {

using nlohmann::json;

using Approval =
    std::tuple<std::string, int64_t, std::string, std::string>;  // model, v, role, actor

// The state the audit log says the registry should be in.
struct ReplayedState {
  std::map<std::string, json> versions;         // "model@N" -> register details
  std::map<std::string, std::string> projects;  // model -> project
  std::map<std::string, int64_t> aliases;       // "model@alias" -> version
  std::set<Approval> approvals;
  std::map<std::string, json> keys;  // id -> key_create details (+ "revoked")
};

void CheckChain(const std::vector<AuditEntry>& entries, const std::string& head,
                VerifyReport& report) {
  std::string previous(kGenesisHash);
  int64_t expected = 1;
  for (const AuditEntry& entry : entries) {
    const std::string name = "audit entry " + std::to_string(entry.seq);
    if (entry.seq != expected) {
      if (entry.seq > expected) {
        report.problems.push_back(
            "audit entr" + std::string(entry.seq - expected == 1 ? "y " : "ies ") +
            std::to_string(expected) +
            (entry.seq - expected == 1 ? "" : "-" + std::to_string(entry.seq - 1)) +
            " deleted: the sequence jumps from " + std::to_string(expected - 1) + " to " +
            std::to_string(entry.seq));
      } else {
        report.problems.push_back(name + " is out of order (expected " + std::to_string(expected) +
                                  ")");
      }
    }
    const std::string computed = ChainHash(previous, CanonicalAuditEntry(entry));
    if (computed != entry.hash) {
      report.problems.push_back(name + " (" + entry.action + " " + entry.subject + ")" +
                                (entry.seq != expected
                                     ? " does not chain to the entry before it"
                                     : " was modified: its hash does not match its content and "
                                       "the entry before it"));
    }
    previous = entry.hash;
    expected = entry.seq + 1;
  }
  const size_t colon = head.find(':');
  if (colon != std::string::npos) {
    const int64_t head_seq = std::stoll(head.substr(0, colon));
    const std::string head_hash = head.substr(colon + 1);
    if (head_seq >= expected) {
      report.problems.push_back("audit entries " + std::to_string(expected) + "-" +
                                std::to_string(head_seq) +
                                " deleted: the log ends before its recorded head");
    } else if (head_seq == expected - 1 && head_hash != previous) {
      report.problems.push_back("audit entry " + std::to_string(head_seq) +
                                " differs from the recorded head of the log");
    }
  } else if (!entries.empty()) {
    report.problems.push_back("the recorded head of the audit log is missing");
  }
}

ReplayedState Replay(const std::vector<AuditEntry>& entries, VerifyReport& report) {
  ReplayedState state;
  for (const AuditEntry& entry : entries) {
    const json details = json::parse(entry.details, nullptr, false);
    if (!details.is_object()) {
      report.problems.push_back("audit entry " + std::to_string(entry.seq) +
                                ": details are not a JSON object");
      continue;
    }
    const std::string model = details.value("model", std::string());
    if (entry.action == "register") {
      state.versions[entry.subject] = details;
      state.projects[model] = details.value("project", std::string());
    } else if (entry.action == "promote" || entry.action == "forced_promote" ||
               entry.action == "rollback") {
      state.aliases[entry.subject] = details.value("version", int64_t{0});
    } else if (entry.action == "approve") {
      state.approvals.emplace(model, details.value("version", int64_t{0}),
                              details.value("role", std::string()), entry.actor);
    } else if (entry.action == "key_create") {
      state.keys[details.value("key_id", std::string())] = details;
    } else if (entry.action == "key_revoke") {
      state.keys[details.value("key_id", std::string())]["revoked"] = true;
    }
  }
  return state;
}

std::string VersionName(const SqlValue& model, const SqlValue& version) {
  return AsText(model) + "@" + AsText(version);
}

// Versions and their parts against their register entries.
Status CheckVersions(Database& database, const ReplayedState& state, VerifyReport& report) {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> versions,
      database.Query("SELECT v.id, m.name, m.project, v.version, v.lineage, v.lineage_sha256 "
                     "FROM versions v JOIN models m ON m.id = v.model_id "
                     "ORDER BY m.name, v.version"));
  report.versions = static_cast<int64_t>(versions.size());
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> all_parts,
      database.Query("SELECT version_id, part, sha256, bytes FROM version_parts"));
  std::map<int64_t, json> parts_by_version;
  for (const SqlRow& part : all_parts) {
    parts_by_version[AsInteger(part[0])][AsText(part[1])] = {{"sha256", AsText(part[2])},
                                                             {"bytes", AsInteger(part[3])}};
  }
  std::set<std::string> seen;
  for (const SqlRow& row : versions) {
    const std::string name = VersionName(row[1], row[3]);
    seen.insert(name);
    auto recorded = state.versions.find(name);
    if (recorded == state.versions.end()) {
      report.problems.push_back("version " + name +
                                " has no register entry in the audit log (row inserted or "
                                "entry deleted)");
      continue;
    }
    const json& details = recorded->second;
    const std::string expected = details.value("lineage_sha256", std::string());
    if (model::Sha256Hex(AsText(row[4])) != expected || AsText(row[5]) != expected) {
      report.problems.push_back("version " + name +
                                ": its lineage row was modified (it no longer hashes to the "
                                "lineage_sha256 of its register entry)");
    }
    if (AsText(row[2]) != details.value("project", std::string()))
      report.problems.push_back("model " + AsText(row[1]) + ": its project was modified");
    if (parts_by_version[AsInteger(row[0])] != details.value("parts", json::object()))
      report.problems.push_back("version " + name +
                                ": its part rows differ from its register entry");
  }
  for (const auto& [name, details] : state.versions) {
    if (seen.count(name) == 0)
      report.problems.push_back("version " + name + " is in the audit log but its row is gone");
  }
  return Status::Ok();
}

// Current aliases against the last move of each in the log.
Status CheckAliases(Database& database, const ReplayedState& state, VerifyReport& report) {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database.Query("SELECT m.name, a.alias, v.version FROM aliases a JOIN models m ON "
                     "m.id = a.model_id JOIN versions v ON v.id = a.version_id"));
  std::map<std::string, int64_t> actual;
  for (const SqlRow& row : rows)
    actual[AsText(row[0]) + "@" + AsText(row[1])] = AsInteger(row[2]);
  for (const auto& [name, version] : actual) {
    auto expected = state.aliases.find(name);
    if (expected == state.aliases.end()) {
      report.problems.push_back("alias " + name + " has no promotion in the audit log");
    } else if (expected->second != version) {
      report.problems.push_back("alias " + name + " points at version " + std::to_string(version) +
                                " but the audit log moved it to " +
                                std::to_string(expected->second));
    }
  }
  for (const auto& [name, version] : state.aliases) {
    if (actual.count(name) == 0)
      report.problems.push_back("alias " + name + " is in the audit log but its row is gone");
  }
  return Status::Ok();
}

Status CheckApprovals(Database& database, const ReplayedState& state, VerifyReport& report) {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database.Query("SELECT m.name, v.version, p.role, p.actor FROM approvals p JOIN versions "
                     "v ON v.id = p.version_id JOIN models m ON m.id = v.model_id"));
  std::set<Approval> actual;
  for (const SqlRow& row : rows)
    actual.emplace(AsText(row[0]), AsInteger(row[1]), AsText(row[2]), AsText(row[3]));
  auto describe = [](const Approval& approval) {
    return "approval of " + std::get<0>(approval) + "@" + std::to_string(std::get<1>(approval)) +
           " as " + std::get<2>(approval) + " by " + std::get<3>(approval);
  };
  for (const Approval& approval : actual) {
    if (state.approvals.count(approval) == 0)
      report.problems.push_back(describe(approval) + " has no approve entry in the audit log");
  }
  for (const Approval& approval : state.approvals) {
    if (actual.count(approval) == 0)
      report.problems.push_back(describe(approval) + " is in the audit log but its row is gone");
  }
  return Status::Ok();
}

Status CheckKeys(Database& database, const ReplayedState& state, VerifyReport& report) {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database.Query("SELECT id, scope, label, salt, hash, revoked_at FROM api_keys"));
  std::set<std::string> seen;
  for (const SqlRow& row : rows) {
    const std::string id = AsText(row[0]);
    seen.insert(id);
    auto expected = state.keys.find(id);
    if (expected == state.keys.end()) {
      report.problems.push_back("API key " + id + " has no key_create entry in the audit log");
      continue;
    }
    const json& details = expected->second;
    if (AsText(row[1]) != details.value("scope", std::string()) ||
        AsText(row[2]) != details.value("label", std::string()) ||
        internal::CredentialDigest(AsText(row[3]), AsText(row[4])) !=
            details.value("credential_sha256", std::string())) {
      report.problems.push_back("API key " + id + ": its row was modified");
    }
    if (IsNull(row[5]) == details.value("revoked", false))
      report.problems.push_back("API key " + id + ": its revocation differs from the audit log");
  }
  for (const auto& [id, details] : state.keys) {
    if (seen.count(id) == 0)
      report.problems.push_back("API key " + id + " is in the audit log but its row is gone");
  }
  return Status::Ok();
}

// Every referenced artifact, re-hashed once.
Status CheckArtifacts(Database& database, const ArtifactStore& artifacts, VerifyReport& report) {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database.Query("SELECT p.sha256, m.name, v.version, p.part FROM version_parts p JOIN "
                     "versions v ON v.id = p.version_id JOIN models m ON m.id = v.model_id "
                     "ORDER BY m.name, v.version, p.part"));
  std::map<std::string, std::string> referenced;  // digest -> its first user, for messages
  for (const SqlRow& row : rows)
    referenced.emplace(AsText(row[0]), VersionName(row[1], row[2]) + " " + AsText(row[3]));
  for (const auto& [digest, user] : referenced) {
    Status status = artifacts.Check(digest);
    ++report.artifacts_checked;
    if (!status.ok())
      report.problems.push_back(status.message() + " (part " + user + ")");
  }
  STEWARD_ASSIGN_OR_RETURN(std::vector<std::string> stored, artifacts.List());
  int64_t unreferenced = 0;
  for (const std::string& digest : stored)
    unreferenced += referenced.count(digest) == 0 ? 1 : 0;
  if (unreferenced > 0) {
    report.notes.push_back(std::to_string(unreferenced) +
                           " artifact(s) no version references ('registry gc' removes them)");
  }
  return Status::Ok();
}

}  // namespace

Result<VerifyReport> Registry::Verify() {
  VerifyReport report;
  STEWARD_ASSIGN_OR_RETURN(report.problems, database_->CheckIntegrity());
  STEWARD_ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, ReadAuditEntries(*database_));
  report.audit_entries = static_cast<int64_t>(entries.size());
  STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> head,
                           database_->Query("SELECT value FROM meta WHERE key = 'audit_head'"));
  CheckChain(entries, head.empty() ? "" : AsText(head[0][0]), report);
  const ReplayedState state = Replay(entries, report);
  STEWARD_RETURN_IF_ERROR(CheckVersions(*database_, state, report));
  STEWARD_RETURN_IF_ERROR(CheckAliases(*database_, state, report));
  STEWARD_RETURN_IF_ERROR(CheckApprovals(*database_, state, report));
  STEWARD_RETURN_IF_ERROR(CheckKeys(*database_, state, report));
  STEWARD_RETURN_IF_ERROR(CheckArtifacts(*database_, artifacts_, report));
  return report;
}

}  // namespace steward::registry
