#pragma once

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/registry/registry.h"

namespace steward::cli {

// JSON documents and human text for `steward registry ...` results. Pure.
nlohmann::json VersionJson(const registry::VersionRecord& record);
nlohmann::json ModelsJson(const std::vector<registry::ModelSummary>& models);
nlohmann::json PromoteJson(const registry::PromoteRequest& request,
                           const registry::PromoteOutcome& outcome);
nlohmann::json AliasEventJson(const registry::AliasEvent& event);
nlohmann::json AuditEntryJson(const registry::AuditEntry& entry);
nlohmann::json VerifyJson(const registry::VerifyReport& report);
nlohmann::json KeyJson(const registry::KeyRecord& key);

void PrintVersion(const registry::VersionRecord& record, std::ostream& out);
void PrintModels(const std::vector<registry::ModelSummary>& models, std::ostream& out);
void PrintPromote(const registry::PromoteRequest& request, const registry::PromoteOutcome& outcome,
                  std::ostream& out);
void PrintHistory(const std::vector<registry::AliasEvent>& events, std::ostream& out);
void PrintAudit(const std::vector<registry::AuditEntry>& entries, std::ostream& out);
void PrintVerify(const registry::VerifyReport& report, std::ostream& out);
void PrintKeys(const std::vector<registry::KeyRecord>& keys, std::ostream& out);

}  // namespace steward::cli
