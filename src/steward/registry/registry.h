#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"
#include "steward/policy/gates.h"
#include "steward/policy/policy.h"
#include "steward/registry/artifact_store.h"
#include "steward/registry/audit_log.h"
#include "steward/registry/database.h"

namespace steward::registry {

struct CheckedBackup;

// Who acts and when: every change records both. Tests pass a fixed clock.
struct RegistryContext {
  std::string actor;                 // --actor, else the OS user (DefaultActor)
  std::function<std::string()> now;  // UTC "YYYY-MM-DDTHH:MM:SS.mmmZ"; empty: the system clock
  // The artifact directory. Empty: DIR/artifacts for a directory registry; a postgresql://
  // registry needs one that all its users share (else $STEWARD_ARTIFACTS).
  std::string artifacts;
};

struct PartRef {
  std::string sha256;
  int64_t bytes = 0;
};

struct ApprovalRecord {
  std::string role;
  std::string actor;
  std::string at;
};

// One immutable version and what currently points at it.
struct VersionRecord {
  std::string model;
  std::string project;
  int64_t version = 0;
  std::string created_at;
  std::string created_by;
  std::string lineage;                   // canonical JSON (docs/formats/registry.md)
  std::map<std::string, PartRef> parts;  // bundle part (and validation.json) -> artifact
  std::vector<std::string> aliases;      // aliases that hold this version now
  std::vector<ApprovalRecord> approvals;
};

struct ModelSummary {
  std::string name;
  std::string project;
  int64_t versions = 0;
  int64_t latest = 0;
  std::map<std::string, int64_t> aliases;  // alias -> version
};

struct RegisterRequest {
  std::string bundle_path;  // a bundle directory or archive
  std::string model;
  std::string project;          // empty: the model's project, or "default" for a new model
  std::string validation_path;  // optional: a validation report (steward validate --json)
  std::string reason;
};

struct PromoteRequest {
  std::string model;
  int64_t version = 0;
  std::string alias;
  std::string reason;
  const policy::Policy* policy = nullptr;  // nullptr: no policy, no gates
  std::string policy_sha256;               // recorded with the decision
  bool force = false;                      // needs admin_key and a reason
  std::string admin_key;
};

struct PromoteOutcome {
  std::string decision;  // "allowed", "refused" or "forced"
  policy::GateDecision gates;
  std::optional<int64_t> previous;  // the version the alias held before
  int64_t audit_seq = 0;
};

// One move of an alias, from the audit log.
struct AliasEvent {
  int64_t seq = 0;
  std::string at;
  std::string actor;
  std::string action;  // "promote", "forced_promote" or "rollback"
  int64_t version = 0;
  std::optional<int64_t> previous;
  std::string reason;
};

struct VerifyReport {
  int64_t audit_entries = 0;
  int64_t versions = 0;
  int64_t artifacts_checked = 0;
  std::vector<std::string> problems;  // each names the entry, row or artifact and what changed
  std::vector<std::string> notes;     // not damage: e.g. unreferenced artifacts gc would remove
  bool ok() const { return problems.empty(); }
};

struct GcReport {
  std::vector<std::string> removed;  // digests
  int64_t bytes_removed = 0;
};

enum class KeyScope { kPredict, kAdmin };
std::string_view ScopeName(KeyScope scope);
Result<KeyScope> ParseScope(std::string_view text);

struct CreatedKey {
  std::string id;      // public: shown by `keys list`, used by `keys revoke`
  std::string secret;  // "stw_<64 hex>", shown once, never stored
  KeyScope scope = KeyScope::kPredict;
};

struct KeyRecord {
  std::string id;
  KeyScope scope = KeyScope::kPredict;
  std::string label;
  std::string created_at;
  std::string created_by;
  std::string revoked_at;  // empty while valid
};

// A model registry: projects -> models -> immutable versions with lineage, content-addressed
// artifacts, aliases with history, approvals, API keys, and a hash-chained audit log
// (docs/formats/registry.md). Every change and its audit entry commit in one transaction, so
// several processes may use one registry at once. A Registry object is not thread-safe: use
// one per thread.
class Registry {
 public:
  // Creates the registry at `location` (a directory, created if missing, or a postgresql://
  // URI); an existing registry is opened unchanged.
  static Result<std::unique_ptr<Registry>> Init(const std::string& location,
                                                RegistryContext context);
  // Opens an existing registry; kNotFound naming the location if there is none.
  static Result<std::unique_ptr<Registry>> Open(const std::string& location,
                                                RegistryContext context);

  // Verifies the bundle (its manifest), stores each part once, and records version N+1 of
  // the model with its lineage. Nothing is written if any check fails.
  Result<VersionRecord> Register(const RegisterRequest& request);
  Result<std::vector<ModelSummary>> List();
  // `reference` is NAME (latest version), NAME@VERSION or NAME@ALIAS.
  Result<VersionRecord> Show(std::string_view reference);

  // Records that `actor` approves the version in `role`. Refuses a second approval by the
  // same actor in the same role and an approval by the actor who registered the version.
  Status Approve(const std::string& model, int64_t version, const std::string& role,
                 const std::string& reason);
  // Evaluates the policy's gates for the alias and moves it when they pass (or when forced
  // with an admin key and a reason). A refusal is an outcome, not an error, and is audited.
  Result<PromoteOutcome> Promote(const PromoteRequest& request);
  // Moves the alias back to the version it held before the current one.
  Result<AliasEvent> Rollback(const std::string& model, const std::string& alias,
                              const std::string& reason);
  // The bundle parts of a version, each re-hashed as it is read and checked against the
  // version's manifest.json (model::VerifyManifest): what `serve` loads.
  Result<std::map<std::string, std::string>> LoadBundle(const VersionRecord& version) const;
  Result<std::vector<AliasEvent>> History(const std::string& model, const std::string& alias);
  Result<std::vector<AuditEntry>> Audit(std::string_view since);
  // Records an erasure done outside the registry (`steward forget`) as an audit entry with
  // `action` "forget". `details` holds keyed pseudonyms and counts only, never an erased value:
  // the log is append-only and must keep no personal data (RELIABILITY.md section 5).
  Result<AuditEntry> RecordErasure(const std::string& subject, const nlohmann::json& details);
  // Re-hashes every artifact and the whole audit chain and checks every state row against a
  // replay of the log.
  Result<VerifyReport> Verify();
  // Removes artifacts that no version references, and nothing else.
  Result<GcReport> CollectGarbage();

  Result<CreatedKey> CreateKey(KeyScope scope, const std::string& label);
  Result<std::vector<KeyRecord>> ListKeys();
  Status RevokeKey(const std::string& id);
  // The scope of a valid (known, unrevoked) key. Reads the database on every call, so a
  // revocation is seen at once by every process. kPermissionDenied for any bad key.
  Result<KeyScope> VerifyApiKey(std::string_view key);

  // Writes one archive: a snapshot of the database, the artifacts it references and a
  // manifest of their SHA-256s, consistent while other processes write.
  Status Backup(const std::string& archive_path);
  // Restores an archive into `location`: a directory that does not exist or is empty, or a
  // postgresql:// database with no registry rows (a backup of either backend restores into
  // either). Everything is checked (hashes, chain, replay) before the restore is visible: in a
  // temporary directory renamed into place, or inside the transaction that copies the rows.
  // On any failure `location` is left as it was.
  static Result<VerifyReport> Restore(const std::string& archive_path, const std::string& location,
                                      RegistryContext context);

  Database& database() { return *database_; }
  const ArtifactStore& artifacts() const { return artifacts_; }
  const std::string& location() const { return location_; }

 private:
  Registry(std::string location, std::string artifacts_root, std::unique_ptr<Database> database,
           RegistryContext context);
  static Result<std::unique_ptr<Database>> OpenDatabase(const std::string& location,
                                                        RegistryContext& context, bool create,
                                                        std::string& artifacts_root);
  static Result<VerifyReport> RestoreIntoDirectory(const CheckedBackup& backup,
                                                   const std::string& location,
                                                   RegistryContext context);
  static Result<VerifyReport> RestoreIntoPostgres(const CheckedBackup& backup,
                                                  const std::string& location,
                                                  RegistryContext context);
  static Result<std::unique_ptr<Registry>> OpenAt(const std::string& location,
                                                  RegistryContext context, bool create);
  // Runs `body` in a write transaction; commits if it returns OK, else rolls back.
  Status InWriteTransaction(const std::function<Status()>& body);
  std::string Now() const;
  Result<int64_t> ModelId(const std::string& model);
  Result<int64_t> VersionId(const std::string& model, int64_t version);
  Result<VersionRecord> LoadVersion(int64_t version_id);
  Result<policy::Evidence> LoadEvidence(int64_t version_id);
  Result<AuditEntry> Append(const std::string& action, const std::string& subject,
                            const nlohmann::json& details);

  std::string location_;
  std::unique_ptr<Database> database_;
  ArtifactStore artifacts_;
  RegistryContext context_;
};

// The registry location: `flag` if set, else $STEWARD_REGISTRY, else "./.steward".
std::string ResolveRegistryLocation(const std::string& flag);

// The OS user running the process (getpwuid), else $USER, else "uid:N".
std::string DefaultActor();

// The current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string UtcNow();

}  // namespace steward::registry
