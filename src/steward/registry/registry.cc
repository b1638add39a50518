#include "steward/registry/registry.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include <pwd.h>
#include <unistd.h>

#include "steward/io/atomic_file.h"
#include "steward/model/bundle_archive.h"
#include "steward/model/sha256.h"
#include "steward/registry/lineage.h"
#include "steward/registry/names.h"
#include "steward/registry/postgres_database.h"
#include "steward/registry/sqlite_database.h"

namespace steward::registry {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kDatabaseFile = "registry.db";
constexpr std::string_view kArtifactsDirectory = "artifacts";
constexpr std::string_view kValidationFormat = "steward.validation/1";
constexpr std::string_view kDefaultProject = "default";

Result<json> ReadValidationReport(const std::string& path) {
  STEWARD_ASSIGN_OR_RETURN(std::string text, io::ReadFileToString(path));
  json report = json::parse(text, nullptr, false);
  if (report.is_discarded() || !report.is_object() ||
      report.value("format", json()) != kValidationFormat ||
      !report.value("passed", json()).is_boolean()) {
    return Status::InvalidArgument(path +
                                   ": not a validation report (steward.validation/1 from "
                                   "'steward validate --json')");
  }
  return report;
}

}  // namespace

std::string ResolveRegistryLocation(const std::string& flag) {
  if (!flag.empty())
    return flag;
  if (const char* from_environment = std::getenv("STEWARD_REGISTRY"))
    if (*from_environment != '\0')
      return from_environment;
  return "./.steward";
}

std::string DefaultActor() {
  if (const passwd* user = ::getpwuid(::geteuid()))
    return user->pw_name;
  if (const char* from_environment = std::getenv("USER"))
    return from_environment;
  return "uid:" + std::to_string(::geteuid());
}

std::string UtcNow() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[96];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis % 1000));
  return text;
}

Registry::Registry(std::string location, std::string artifacts_root,
                   std::unique_ptr<Database> database, RegistryContext context)
    : location_(std::move(location)),
      database_(std::move(database)),
      artifacts_(std::move(artifacts_root)),
      context_(std::move(context)) {}

Result<std::unique_ptr<Database>> Registry::OpenDatabase(const std::string& location,
                                                         RegistryContext& context, bool create,
                                                         std::string& artifacts_root) {
  if (IsPostgresUri(location)) {
    if (context.artifacts.empty()) {
      if (const char* from_environment = std::getenv("STEWARD_ARTIFACTS"))
        context.artifacts = from_environment;
    }
    if (context.artifacts.empty()) {
      return Status::InvalidArgument(
          HidePassword(location) +
          ": a PostgreSQL registry keeps its artifacts in a directory every user shares; pass "
          "--artifacts DIR or set STEWARD_ARTIFACTS");
    }
    artifacts_root = context.artifacts;
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<PostgresDatabase> database,
                             PostgresDatabase::Open(location));
    if (!create) {
      Result<std::vector<SqlRow>> version =
          database->Query("SELECT value FROM meta WHERE key = 'schema_version'");
      if (!version.ok() || version->empty()) {
        return Status::NotFound("no registry at " + database->where() +
                                " (run 'steward registry init', or pass --registry)");
      }
    }
    return std::unique_ptr<Database>(std::move(database));
  }
  artifacts_root = context.artifacts.empty() ? location + "/" + std::string(kArtifactsDirectory)
                                             : context.artifacts;
  const std::string database_path = location + "/" + std::string(kDatabaseFile);
  std::error_code error;
  if (create) {
    fs::create_directories(location, error);
    if (error) {
      return Status::Unavailable(location +
                                 ": cannot create the registry directory: " + error.message());
    }
  } else if (!fs::exists(database_path, error)) {
    return Status::NotFound("no registry at " + location +
                            " (run 'steward registry init', or pass --registry)");
  }
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDatabase> database,
                           SqliteDatabase::Open(database_path, create));
  return std::unique_ptr<Database>(std::move(database));
}

Result<std::unique_ptr<Registry>> Registry::OpenAt(const std::string& location,
                                                   RegistryContext context, bool create) {
  if (context.actor.empty())
    context.actor = DefaultActor();
  STEWARD_RETURN_IF_ERROR(CheckFreeText(context.actor, "actor"));
  std::string artifacts_root;
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<Database> database,
                           OpenDatabase(location, context, create, artifacts_root));
  std::unique_ptr<Registry> registry(
      new Registry(IsPostgresUri(location) ? HidePassword(location) : location, artifacts_root,
                   std::move(database), std::move(context)));
  if (create) {
    STEWARD_RETURN_IF_ERROR(registry->artifacts_.Create());
    // Outside the write transaction: PostgreSQL's writers lock the audit table, which must exist.
    STEWARD_RETURN_IF_ERROR(registry->database_->CreateSchema());
    const Status transaction = registry->InWriteTransaction([&]() -> Status {
      STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> entries,
                               registry->database_->Query("SELECT COUNT(*) FROM audit"));
      if (AsInteger(entries[0][0]) > 0)
        return Status::Ok();
      STEWARD_RETURN_IF_ERROR(registry->database_->Execute(
          "INSERT INTO meta(key, value) VALUES ('schema_version', '1')"));
      return registry->Append("init", "registry", {{"schema_version", 1}}).status();
    });
    STEWARD_RETURN_IF_ERROR(transaction);
  }
  return registry;
}

Result<std::unique_ptr<Registry>> Registry::Init(const std::string& location,
                                                 RegistryContext context) {
  return OpenAt(location, std::move(context), true);
}

Result<std::unique_ptr<Registry>> Registry::Open(const std::string& location,
                                                 RegistryContext context) {
  return OpenAt(location, std::move(context), false);
}

Status Registry::InWriteTransaction(const std::function<Status()>& body) {
  STEWARD_RETURN_IF_ERROR(database_->BeginWrite());
  Status status = body();
  if (status.ok())
    status = database_->Commit();
  if (!status.ok())
    database_->Rollback();
  return status;
}

std::string Registry::Now() const {
  return context_.now ? context_.now() : UtcNow();
}

Result<AuditEntry> Registry::Append(const std::string& action, const std::string& subject,
                                    const json& details) {
  return AppendAuditEntry(*database_, Now(), context_.actor, action, subject, details);
}

Result<AuditEntry> Registry::RecordErasure(const std::string& subject, const json& details) {
  AuditEntry entry;
  STEWARD_RETURN_IF_ERROR(InWriteTransaction([&]() -> Status {
    STEWARD_ASSIGN_OR_RETURN(entry, Append("forget", subject, details));
    return Status::Ok();
  }));
  return entry;
}

Result<int64_t> Registry::ModelId(const std::string& model) {
  STEWARD_RETURN_IF_ERROR(CheckName(model, "model name"));
  STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                           database_->Query("SELECT id FROM models WHERE name = ?", {model}));
  if (rows.empty())
    return Status::NotFound("no model '" + model + "' in the registry at " + location_);
  return AsInteger(rows[0][0]);
}

Result<int64_t> Registry::VersionId(const std::string& model, int64_t version) {
  STEWARD_ASSIGN_OR_RETURN(int64_t model_id, ModelId(model));
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database_->Query("SELECT id FROM versions WHERE model_id = ? AND version = ?",
                       {model_id, version}));
  if (rows.empty()) {
    return Status::NotFound("model '" + model + "' has no version " + std::to_string(version));
  }
  return AsInteger(rows[0][0]);
}

Result<VersionRecord> Registry::Register(const RegisterRequest& request) {
  STEWARD_RETURN_IF_ERROR(CheckName(request.model, "model name"));
  if (!request.project.empty())
    STEWARD_RETURN_IF_ERROR(CheckName(request.project, "project name"));
  STEWARD_RETURN_IF_ERROR(CheckFreeText(request.reason, "reason"));
  STEWARD_ASSIGN_OR_RETURN(model::BundleParts parts, model::ReadAnyBundle(request.bundle_path));
  parts["manifest.json"] = model::MakeManifest(parts);
  json validation;
  if (!request.validation_path.empty()) {
    STEWARD_ASSIGN_OR_RETURN(validation, ReadValidationReport(request.validation_path));
    STEWARD_ASSIGN_OR_RETURN(parts["validation.json"],
                             io::ReadFileToString(request.validation_path));
  }
  int64_t version_id = 0;
  const Status transaction = InWriteTransaction([&]() -> Status {
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> models,
        database_->Query("SELECT id, project FROM models WHERE name = ?", {request.model}));
    std::string project = request.project.empty() ? std::string(kDefaultProject) : request.project;
    const std::string at = Now();
    int64_t model_id = 0;
    if (models.empty()) {
      STEWARD_ASSIGN_OR_RETURN(
          std::vector<SqlRow> inserted,
          database_->Query("INSERT INTO models(name, project, created_at, created_by) "
                           "VALUES (?, ?, ?, ?) RETURNING id",
                           {request.model, project, at, context_.actor}));
      model_id = AsInteger(inserted[0][0]);
    } else {
      model_id = AsInteger(models[0][0]);
      const std::string existing = AsText(models[0][1]);
      if (!request.project.empty() && request.project != existing) {
        return Status::InvalidArgument("model '" + request.model + "' belongs to project '" +
                                       existing + "', not '" + request.project + "'");
      }
      project = existing;
    }
    // Artifacts are written under the write lock, so `gc` (which takes it too) never
    // removes a file that a registration is about to reference.
    LineageFacts facts;
    for (const auto& [name, bytes] : parts) {
      STEWARD_ASSIGN_OR_RETURN(std::string digest, artifacts_.Put(bytes));
      facts.parts[name] = {digest, static_cast<int64_t>(bytes.size())};
    }
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> latest,
        database_->Query("SELECT COALESCE(MAX(version), 0) FROM versions WHERE model_id = ?",
                         {model_id}));
    facts.model = request.model;
    facts.project = project;
    facts.version = AsInteger(latest[0][0]) + 1;
    facts.registered_at = at;
    facts.registered_by = context_.actor;
    facts.reason = request.reason;
    facts.validation = validation;
    STEWARD_ASSIGN_OR_RETURN(json lineage, BuildLineage(parts, facts, request.bundle_path));
    const std::string lineage_text = CanonicalJson(lineage);
    const std::string lineage_sha256 = model::Sha256Hex(lineage_text);
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> inserted,
        database_->Query(
            "INSERT INTO versions(model_id, version, lineage, lineage_sha256, "
            "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            {model_id, facts.version, lineage_text, lineage_sha256, at, context_.actor}));
    version_id = AsInteger(inserted[0][0]);
    json recorded_parts = json::object();
    for (const auto& [name, ref] : facts.parts) {
      STEWARD_RETURN_IF_ERROR(database_->Execute(
          "INSERT INTO version_parts(version_id, part, sha256, bytes) VALUES (?, ?, ?, ?)",
          {version_id, name, ref.first, ref.second}));
      recorded_parts[name] = {{"sha256", ref.first}, {"bytes", ref.second}};
    }
    const json details = {{"model", request.model},   {"project", project},
                          {"version", facts.version}, {"lineage_sha256", lineage_sha256},
                          {"parts", recorded_parts},  {"reason", request.reason}};
    return AppendAuditEntry(*database_, at, context_.actor, "register",
                            request.model + "@" + std::to_string(facts.version), details)
        .status();
  });
  STEWARD_RETURN_IF_ERROR(transaction);
  return LoadVersion(version_id);
}

}  // namespace steward::registry
