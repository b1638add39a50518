#include "steward/cli/registry_output.h"

#include <string>

namespace steward::cli {

using nlohmann::json;

namespace {

json OptionalVersion(const std::optional<int64_t>& version) {
  return version ? json(*version) : json();
}

std::string VersionText(const std::optional<int64_t>& version) {
  return version ? std::to_string(*version) : "none";
}

}  // namespace

json VersionJson(const registry::VersionRecord& record) {
  json parts = json::object();
  for (const auto& [name, ref] : record.parts)
    parts[name] = {{"sha256", ref.sha256}, {"bytes", ref.bytes}};
  json approvals = json::array();
  for (const auto& approval : record.approvals)
    approvals.push_back({{"role", approval.role}, {"actor", approval.actor}, {"at", approval.at}});
  json lineage = json::parse(record.lineage, nullptr, false);
  return {{"model", record.model},
          {"project", record.project},
          {"version", record.version},
          {"created_at", record.created_at},
          {"created_by", record.created_by},
          {"aliases", record.aliases},
          {"approvals", approvals},
          {"parts", parts},
          {"lineage", lineage.is_discarded() ? json() : lineage}};
}

json ModelsJson(const std::vector<registry::ModelSummary>& models) {
  json list = json::array();
  for (const auto& model : models) {
    list.push_back({{"name", model.name},
                    {"project", model.project},
                    {"versions", model.versions},
                    {"latest", model.latest},
                    {"aliases", model.aliases}});
  }
  return {{"models", list}};
}

json PromoteJson(const registry::PromoteRequest& request, const registry::PromoteOutcome& outcome) {
  json gates = json::array();
  for (const auto& gate : outcome.gates.outcomes)
    gates.push_back({{"gate", gate.gate}, {"passed", gate.passed}, {"detail", gate.detail}});
  return {{"model", request.model},
          {"version", request.version},
          {"alias", request.alias},
          {"decision", outcome.decision},
          {"previous", OptionalVersion(outcome.previous)},
          {"gates", gates},
          {"failures", outcome.gates.FailureReasons()},
          {"audit_seq", outcome.audit_seq}};
}

json AliasEventJson(const registry::AliasEvent& event) {
  return {{"seq", event.seq},         {"at", event.at},
          {"actor", event.actor},     {"action", event.action},
          {"version", event.version}, {"previous", OptionalVersion(event.previous)},
          {"reason", event.reason}};
}

json AuditEntryJson(const registry::AuditEntry& entry) {
  json details = json::parse(entry.details, nullptr, false);
  return {{"seq", entry.seq},
          {"at", entry.at},
          {"actor", entry.actor},
          {"action", entry.action},
          {"subject", entry.subject},
          {"details", details.is_discarded() ? json(entry.details) : details},
          {"hash", entry.hash}};
}

json VerifyJson(const registry::VerifyReport& report) {
  return {{"ok", report.ok()},           {"audit_entries", report.audit_entries},
          {"versions", report.versions}, {"artifacts_checked", report.artifacts_checked},
          {"problems", report.problems}, {"notes", report.notes}};
}

json KeyJson(const registry::KeyRecord& key) {
  return {{"id", key.id},
          {"scope", registry::ScopeName(key.scope)},
          {"label", key.label},
          {"created_at", key.created_at},
          {"created_by", key.created_by},
          {"revoked_at", key.revoked_at.empty() ? json() : json(key.revoked_at)}};
}

void PrintVersion(const registry::VersionRecord& record, std::ostream& out) {
  out << record.model << "@" << record.version << " (project " << record.project << ")\n";
  out << "  registered " << record.created_at << " by " << record.created_by << "\n";
  out << "  aliases:   ";
  for (const auto& alias : record.aliases)
    out << alias << " ";
  out << (record.aliases.empty() ? "none\n" : "\n");
  for (const auto& approval : record.approvals)
    out << "  approved as " << approval.role << " by " << approval.actor << " at " << approval.at
        << "\n";
  const json lineage = json::parse(record.lineage, nullptr, false);
  if (lineage.is_object()) {
    const json data = lineage.value("data", json::object());
    if (data.is_object()) {
      out << "  data:      " << data.value("source", json()).dump() << ", sha256 "
          << data.value("sha256", json()).dump() << ", " << data.value("rows", json()).dump()
          << " rows\n";
    }
    const json metrics = lineage.value("metrics", json::object()).value("booster", json());
    if (metrics.is_object())
      out << "  metrics:   " << metrics.dump() << "\n";
    out << "  fairness:  " << (lineage.value("fairness", json()).is_object() ? "recorded" : "none")
        << "\n";
  }
  for (const auto& [name, ref] : record.parts)
    out << "  " << name << "  " << ref.sha256 << "  " << ref.bytes << " bytes\n";
}

void PrintModels(const std::vector<registry::ModelSummary>& models, std::ostream& out) {
  if (models.empty()) {
    out << "no models registered\n";
    return;
  }
  for (const auto& model : models) {
    out << model.name << "  project " << model.project << "  " << model.versions
        << " version(s), latest " << model.latest;
    for (const auto& [alias, version] : model.aliases)
      out << "  " << alias << "=" << version;
    out << "\n";
  }
}

void PrintPromote(const registry::PromoteRequest& request, const registry::PromoteOutcome& outcome,
                  std::ostream& out) {
  const std::string target = request.model + "@" + request.alias;
  if (outcome.decision == "refused") {
    out << "refused: " << target << " stays at version " << VersionText(outcome.previous)
        << "; version " << request.version << " fails these gates:\n";
  } else {
    out << (outcome.decision == "forced" ? "forced: " : "promoted: ") << target
        << " now holds version " << request.version << " (was " << VersionText(outcome.previous)
        << ")\n";
  }
  for (const auto& gate : outcome.gates.outcomes)
    out << "  " << (gate.passed ? "pass " : "FAIL ") << gate.gate << ": " << gate.detail << "\n";
  if (outcome.gates.outcomes.empty())
    out << "  no policy gates for alias '" << request.alias << "'\n";
}

void PrintHistory(const std::vector<registry::AliasEvent>& events, std::ostream& out) {
  for (const auto& event : events) {
    out << event.at << "  " << event.action << "  version " << event.version << " (was "
        << VersionText(event.previous) << ")  by " << event.actor;
    if (!event.reason.empty())
      out << "  reason: " << event.reason;
    out << "\n";
  }
}

void PrintAudit(const std::vector<registry::AuditEntry>& entries, std::ostream& out) {
  for (const auto& entry : entries) {
    out << entry.seq << "  " << entry.at << "  " << entry.actor << "  " << entry.action << "  "
        << entry.subject << "\n";
  }
}

void PrintVerify(const registry::VerifyReport& report, std::ostream& out) {
  out << (report.ok() ? "registry verified: " : "registry DAMAGED: ") << report.audit_entries
      << " audit entries, " << report.versions << " versions, " << report.artifacts_checked
      << " artifacts checked\n";
  for (const auto& problem : report.problems)
    out << "  problem: " << problem << "\n";
  for (const auto& note : report.notes)
    out << "  note: " << note << "\n";
}

void PrintKeys(const std::vector<registry::KeyRecord>& keys, std::ostream& out) {
  for (const auto& key : keys) {
    out << key.id << "  " << registry::ScopeName(key.scope) << "  "
        << (key.label.empty() ? "-" : key.label) << "  created " << key.created_at << " by "
        << key.created_by << (key.revoked_at.empty() ? "" : "  REVOKED " + key.revoked_at) << "\n";
  }
}

}  // namespace steward::cli
