// The registry's side of a report: which registered version a bundle is, and its history.
#include "steward/registry/registry.h"
#include "steward/report/evidence.h"

namespace steward::report {
namespace {

using nlohmann::json;

bool SameParts(const registry::VersionRecord& version,
               const std::map<std::string, std::string>& bundle) {
  for (const auto& [name, sha256] : bundle) {
    const auto found = version.parts.find(name);
    if (found == version.parts.end() || found->second.sha256 != sha256)
      return false;
  }
  return !bundle.empty();
}

}  // namespace

Status AddRegistryEvidence(const std::string& location, Evidence& evidence) {
  registry::RegistryContext context;
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<registry::Registry> opened,
                           registry::Registry::Open(location, context));
  STEWARD_ASSIGN_OR_RETURN(std::vector<registry::ModelSummary> models, opened->List());
  std::optional<registry::VersionRecord> match;
  for (const registry::ModelSummary& model : models) {
    for (int64_t version = 1; version <= model.latest; ++version) {
      Result<registry::VersionRecord> record =
          opened->Show(model.name + "@" + std::to_string(version));
      if (record.ok() && SameParts(*record, evidence.bundle_sha256))
        match = std::move(*record);
    }
  }
  if (!match) {
    evidence.registry = {{"location", location},
                         {"note", evidence.bundle_sha256.empty()
                                      ? "no bundle was given, so no registered version to show"
                                      : "the bundle is not registered in this registry"}};
    return Status::Ok();
  }
  json approvals = json::array();
  for (const registry::ApprovalRecord& approval : match->approvals)
    approvals.push_back({{"role", approval.role}, {"actor", approval.actor}, {"at", approval.at}});
  STEWARD_ASSIGN_OR_RETURN(std::vector<registry::AuditEntry> entries, opened->Audit(""));
  json audit = json::array();
  const std::string prefix = match->model + "@";
  for (const registry::AuditEntry& entry : entries) {
    if (entry.subject.rfind(prefix, 0) != 0)
      continue;
    audit.push_back({{"seq", entry.seq},
                     {"at", entry.at},
                     {"actor", entry.actor},
                     {"action", entry.action},
                     {"subject", entry.subject},
                     {"details", json::parse(entry.details, nullptr, false)},
                     {"hash", entry.hash}});
  }
  evidence.registry = {{"location", location},
                       {"model", match->model},
                       {"project", match->project},
                       {"version", match->version},
                       {"created_at", match->created_at},
                       {"created_by", match->created_by},
                       {"aliases", match->aliases},
                       {"approvals", std::move(approvals)},
                       {"lineage", json::parse(match->lineage, nullptr, false)},
                       {"audit", std::move(audit)}};
  return Status::Ok();
}

}  // namespace steward::report
