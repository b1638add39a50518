// Registry operations that move aliases or add approvals: each checks its inputs, then makes
// its change and the audit entry in one write transaction.
#include "steward/registry/names.h"
#include "steward/registry/registry.h"

namespace steward::registry {
namespace {

using nlohmann::json;

json OptionalJson(const std::optional<int64_t>& value) {
  return value ? json(*value) : json();
}

}  // namespace

Result<policy::Evidence> Registry::LoadEvidence(int64_t version_id) {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database_->Query("SELECT lineage FROM versions WHERE id = ?", {version_id}));
  if (rows.empty())
    return Status::NotFound("no version with id " + std::to_string(version_id));
  const json lineage = json::parse(AsText(rows[0][0]), nullptr, false);
  if (!lineage.is_object())
    return Status::DataLoss("the lineage of version id " + std::to_string(version_id) +
                            " is not JSON (run 'steward registry verify')");
  policy::Evidence evidence;
  evidence.metrics = lineage.value("metrics", json::object()).value("booster", json());
  evidence.fairness = lineage.value("fairness", json());
  evidence.validation = lineage.value("validation", json());
  evidence.pii = lineage.value("pii", json());
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> approvals,
      database_->Query("SELECT role, COUNT(DISTINCT actor) FROM approvals WHERE version_id = ? "
                       "GROUP BY role",
                       {version_id}));
  for (const SqlRow& approval : approvals)
    evidence.approvals[AsText(approval[0])] = AsInteger(approval[1]);
  return evidence;
}

Status Registry::Approve(const std::string& model, int64_t version, const std::string& role,
                         const std::string& reason) {
  STEWARD_RETURN_IF_ERROR(CheckName(role, "role"));
  STEWARD_RETURN_IF_ERROR(CheckFreeText(reason, "reason"));
  const std::string subject = model + "@" + std::to_string(version);
  return InWriteTransaction([&]() -> Status {
    STEWARD_ASSIGN_OR_RETURN(int64_t version_id, VersionId(model, version));
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> registered,
        database_->Query("SELECT created_by FROM versions WHERE id = ?", {version_id}));
    if (AsText(registered[0][0]) == context_.actor) {
      return Status::PermissionDenied(subject + ": '" + context_.actor +
                                      "' registered this version and cannot approve it");
    }
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> existing,
        database_->Query("SELECT 1 FROM approvals WHERE version_id = ? AND role = ? AND actor = ?",
                         {version_id, role, context_.actor}));
    if (!existing.empty()) {
      return Status::AlreadyExists(subject + ": '" + context_.actor + "' already approved it as " +
                                   role);
    }
    const std::string at = Now();
    STEWARD_RETURN_IF_ERROR(
        database_->Execute("INSERT INTO approvals(version_id, role, actor, at) VALUES (?, ?, ?, ?)",
                           {version_id, role, context_.actor, at}));
    const json details = {
        {"model", model}, {"version", version}, {"role", role}, {"reason", reason}};
    return AppendAuditEntry(*database_, at, context_.actor, "approve", subject, details).status();
  });
}

Result<PromoteOutcome> Registry::Promote(const PromoteRequest& request) {
  STEWARD_RETURN_IF_ERROR(CheckName(request.alias, "alias"));
  STEWARD_RETURN_IF_ERROR(CheckFreeText(request.reason, "reason"));
  if (request.force) {
    if (request.reason.empty())
      return Status::InvalidArgument("--force needs --reason (it is recorded with the promotion)");
    Result<KeyScope> scope = VerifyApiKey(request.admin_key);
    if (!scope.ok())
      return Status::PermissionDenied("--force needs an admin API key: " +
                                      scope.status().message());
    if (*scope != KeyScope::kAdmin)
      return Status::PermissionDenied(
          "--force needs an admin API key; this key's scope is predict");
  }
  const std::string subject = request.model + "@" + request.alias;
  PromoteOutcome outcome;
  const Status transaction = InWriteTransaction([&]() -> Status {
    STEWARD_ASSIGN_OR_RETURN(int64_t version_id, VersionId(request.model, request.version));
    STEWARD_ASSIGN_OR_RETURN(int64_t model_id, ModelId(request.model));
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> current,
        database_->Query("SELECT v.version FROM aliases a JOIN versions v ON v.id = a.version_id "
                         "WHERE a.model_id = ? AND a.alias = ?",
                         {model_id, request.alias}));
    if (!current.empty()) {
      outcome.previous = AsInteger(current[0][0]);
      if (*outcome.previous == request.version) {
        return Status::FailedPrecondition(subject + " already holds version " +
                                          std::to_string(request.version));
      }
    }
    const policy::AliasGates* gates =
        request.policy == nullptr ? nullptr : request.policy->Find(request.alias);
    if (gates != nullptr) {
      STEWARD_ASSIGN_OR_RETURN(policy::Evidence evidence, LoadEvidence(version_id));
      outcome.gates = policy::EvaluateGates(*gates, evidence);
    }
    const bool passed = outcome.gates.allowed();
    outcome.decision = passed ? "allowed" : request.force ? "forced" : "refused";
    json details = {
        {"model", request.model},
        {"alias", request.alias},
        {"version", request.version},
        {"previous", OptionalJson(outcome.previous)},
        {"decision", outcome.decision},
        {"failures", outcome.gates.FailureReasons()},
        {"policy_sha256", request.policy == nullptr ? json() : json(request.policy_sha256)},
        {"reason", request.reason}};
    const std::string at = Now();
    if (outcome.decision == "refused") {
      STEWARD_ASSIGN_OR_RETURN(
          AuditEntry entry,
          AppendAuditEntry(*database_, at, context_.actor, "promote_refused", subject, details));
      outcome.audit_seq = entry.seq;
      return Status::Ok();
    }
    STEWARD_RETURN_IF_ERROR(database_->Execute(
        "INSERT INTO aliases(model_id, alias, version_id) VALUES (?, ?, ?) "
        "ON CONFLICT(model_id, alias) DO UPDATE SET version_id = excluded.version_id",
        {model_id, request.alias, version_id}));
    const std::string action = outcome.decision == "forced" ? "forced_promote" : "promote";
    STEWARD_ASSIGN_OR_RETURN(AuditEntry entry, AppendAuditEntry(*database_, at, context_.actor,
                                                                action, subject, details));
    outcome.audit_seq = entry.seq;
    return Status::Ok();
  });
  STEWARD_RETURN_IF_ERROR(transaction);
  return outcome;
}

Result<AliasEvent> Registry::Rollback(const std::string& model, const std::string& alias,
                                      const std::string& reason) {
  STEWARD_RETURN_IF_ERROR(CheckName(alias, "alias"));
  STEWARD_RETURN_IF_ERROR(CheckFreeText(reason, "reason"));
  const std::string subject = model + "@" + alias;
  AliasEvent event;
  const Status transaction = InWriteTransaction([&]() -> Status {
    STEWARD_ASSIGN_OR_RETURN(std::vector<AliasEvent> history, History(model, alias));
    if (history.empty())
      return Status::NotFound("model '" + model + "' has no alias '" + alias + "'");
    // Promotions push the version that took the alias; rollbacks pop it, so repeated
    // rollbacks walk further back.
    std::vector<int64_t> holders;
    for (const AliasEvent& past : history) {
      if (past.action == "rollback") {
        if (!holders.empty())
          holders.pop_back();
      } else {
        holders.push_back(past.version);
      }
    }
    if (holders.size() < 2) {
      return Status::FailedPrecondition(subject + " has no earlier version to roll back to");
    }
    const int64_t current = holders.back();
    const int64_t target = holders[holders.size() - 2];
    STEWARD_ASSIGN_OR_RETURN(int64_t model_id, ModelId(model));
    STEWARD_ASSIGN_OR_RETURN(int64_t version_id, VersionId(model, target));
    STEWARD_RETURN_IF_ERROR(
        database_->Execute("UPDATE aliases SET version_id = ? WHERE model_id = ? AND alias = ?",
                           {version_id, model_id, alias}));
    const json details = {{"model", model},
                          {"alias", alias},
                          {"version", target},
                          {"previous", current},
                          {"reason", reason}};
    STEWARD_ASSIGN_OR_RETURN(AuditEntry entry, AppendAuditEntry(*database_, Now(), context_.actor,
                                                                "rollback", subject, details));
    event = {entry.seq, entry.at, entry.actor, entry.action, target, current, reason};
    return Status::Ok();
  });
  STEWARD_RETURN_IF_ERROR(transaction);
  return event;
}

}  // namespace steward::registry
