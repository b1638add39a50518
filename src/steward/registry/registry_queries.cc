// Read-only operations of Registry: versions, models, alias history, the audit log.
#include <algorithm>

#include "steward/model/model_bundle.h"
#include "steward/registry/names.h"
#include "steward/registry/registry.h"

namespace steward::registry {
namespace {

using nlohmann::json;

bool IsAllDigits(std::string_view text) {
  return !text.empty() && text.size() <= 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int64_t> OptionalVersion(const json& value) {
  if (value.is_number_integer())
    return value.get<int64_t>();
  return std::nullopt;
}

}  // namespace

Result<VersionRecord> Registry::LoadVersion(int64_t version_id) {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database_->Query("SELECT m.name, m.project, v.version, v.created_at, v.created_by, "
                       "v.lineage FROM versions v JOIN models m ON m.id = v.model_id "
                       "WHERE v.id = ?",
                       {version_id}));
  if (rows.empty())
    return Status::NotFound("no version with id " + std::to_string(version_id));
  VersionRecord record;
  record.model = AsText(rows[0][0]);
  record.project = AsText(rows[0][1]);
  record.version = AsInteger(rows[0][2]);
  record.created_at = AsText(rows[0][3]);
  record.created_by = AsText(rows[0][4]);
  record.lineage = AsText(rows[0][5]);
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> parts,
      database_->Query("SELECT part, sha256, bytes FROM version_parts WHERE version_id = ? "
                       "ORDER BY part",
                       {version_id}));
  for (const SqlRow& part : parts)
    record.parts[AsText(part[0])] = {AsText(part[1]), AsInteger(part[2])};
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> aliases,
      database_->Query("SELECT alias FROM aliases WHERE version_id = ? ORDER BY alias",
                       {version_id}));
  for (const SqlRow& alias : aliases)
    record.aliases.push_back(AsText(alias[0]));
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> approvals,
      database_->Query("SELECT role, actor, at FROM approvals WHERE version_id = ? "
                       "ORDER BY at, role, actor",
                       {version_id}));
  for (const SqlRow& approval : approvals)
    record.approvals.push_back({AsText(approval[0]), AsText(approval[1]), AsText(approval[2])});
  return record;
}

Result<std::vector<ModelSummary>> Registry::List() {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database_->Query("SELECT m.id, m.name, m.project, COUNT(v.id), COALESCE(MAX(v.version), 0) "
                       "FROM models m LEFT JOIN versions v ON v.model_id = m.id "
                       "GROUP BY m.id, m.name, m.project ORDER BY m.name"));
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> aliases,
      database_->Query("SELECT a.model_id, a.alias, v.version FROM aliases a "
                       "JOIN versions v ON v.id = a.version_id ORDER BY a.alias"));
  std::vector<ModelSummary> models;
  for (const SqlRow& row : rows) {
    ModelSummary summary;
    summary.name = AsText(row[1]);
    summary.project = AsText(row[2]);
    summary.versions = AsInteger(row[3]);
    summary.latest = AsInteger(row[4]);
    for (const SqlRow& alias : aliases) {
      if (AsInteger(alias[0]) == AsInteger(row[0]))
        summary.aliases[AsText(alias[1])] = AsInteger(alias[2]);
    }
    models.push_back(std::move(summary));
  }
  return models;
}

Result<VersionRecord> Registry::Show(std::string_view reference) {
  const size_t at = reference.find('@');
  const std::string model(reference.substr(0, at));
  STEWARD_ASSIGN_OR_RETURN(int64_t model_id, ModelId(model));
  std::vector<SqlRow> rows;
  if (at == std::string_view::npos) {
    STEWARD_ASSIGN_OR_RETURN(rows, database_->Query("SELECT id FROM versions WHERE model_id = ? "
                                                    "ORDER BY version DESC LIMIT 1",
                                                    {model_id}));
    if (rows.empty())
      return Status::NotFound("model '" + model + "' has no versions");
  } else {
    const std::string selector(reference.substr(at + 1));
    if (IsAllDigits(selector)) {
      STEWARD_ASSIGN_OR_RETURN(int64_t id, VersionId(model, std::stoll(selector)));
      return LoadVersion(id);
    }
    STEWARD_RETURN_IF_ERROR(CheckName(selector, "alias"));
    STEWARD_ASSIGN_OR_RETURN(
        rows, database_->Query("SELECT version_id FROM aliases WHERE model_id = ? AND alias = ?",
                               {model_id, selector}));
    if (rows.empty())
      return Status::NotFound("model '" + model + "' has no alias '" + selector + "'");
  }
  return LoadVersion(AsInteger(rows[0][0]));
}

Result<std::map<std::string, std::string>> Registry::LoadBundle(
    const VersionRecord& version) const {
  const std::string where = version.model + "@" + std::to_string(version.version);
  model::BundleParts parts;
  std::string manifest;
  for (const auto& [part, ref] : version.parts) {
    Result<std::string> bytes = artifacts_.Get(ref.sha256);
    if (!bytes.ok())
      return bytes.status().WithContext(where + " part " + part);
    if (part == model::kManifestName)
      manifest = std::move(bytes).value();
    else if (std::find(model::kBundleParts.begin(), model::kBundleParts.end(), part) !=
             model::kBundleParts.end())
      parts[part] = std::move(bytes).value();
  }
  if (manifest.empty())
    return Status::DataLoss(where + ": the version has no manifest.json");
  STEWARD_RETURN_IF_ERROR(model::VerifyManifest(manifest, parts, where));
  return parts;
}

Result<std::vector<AliasEvent>> Registry::History(const std::string& model,
                                                  const std::string& alias) {
  STEWARD_RETURN_IF_ERROR(ModelId(model).status());
  STEWARD_RETURN_IF_ERROR(CheckName(alias, "alias"));
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database_->Query("SELECT seq, at, actor, action, details FROM audit "
                       "WHERE action IN ('promote', 'forced_promote', 'rollback') "
                       "AND subject = ? ORDER BY seq",
                       {model + "@" + alias}));
  std::vector<AliasEvent> events;
  for (const SqlRow& row : rows) {
    const json details = json::parse(AsText(row[4]), nullptr, false);
    if (!details.is_object())
      return Status::DataLoss("audit entry " + AsText(row[0]) + ": details are not JSON");
    AliasEvent event;
    event.seq = AsInteger(row[0]);
    event.at = AsText(row[1]);
    event.actor = AsText(row[2]);
    event.action = AsText(row[3]);
    event.version = details.value("version", int64_t{0});
    event.previous = OptionalVersion(details.value("previous", json()));
    event.reason = details.value("reason", std::string());
    events.push_back(std::move(event));
  }
  return events;
}

Result<std::vector<AuditEntry>> Registry::Audit(std::string_view since) {
  // Times are stored as "YYYY-MM-DDTHH:MM:SS.mmmZ", so a prefix of that form compares as text.
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const bool dated = since.size() >= 10 && digit(since[0]) && digit(since[1]) && digit(since[2]) &&
                     digit(since[3]) && since[4] == '-' && digit(since[5]) && digit(since[6]) &&
                     since[7] == '-' && digit(since[8]) && digit(since[9]);
  if (!since.empty() && (!dated || since.size() > 24)) {
    return Status::InvalidArgument("--since " + std::string(since.substr(0, 40)) +
                                   ": expected a UTC time like 2026-11-23 or 2026-11-23T10:00");
  }
  return ReadAuditEntries(*database_, since);
}

}  // namespace steward::registry
