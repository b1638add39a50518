// `steward registry ...`: flags -> steward::registry -> text or JSON and an exit code.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/json_document.h"
#include "steward/cli/registry_output.h"
#include "steward/io/atomic_file.h"
#include "steward/model/sha256.h"
#include "steward/policy/policy.h"
#include "steward/registry/registry.h"

namespace steward::cli {
namespace {

using nlohmann::json;
using registry::Registry;

struct RegistryFlags {
  std::string location;
  std::string artifacts;
  std::string actor;
  std::string reason;
  std::string bundle;
  std::string model;
  std::string project;
  std::string validation;
  std::string reference;
  std::string alias;
  std::string role;
  std::string policy;
  std::string since;
  std::string file;
  std::string scope;
  std::string label;
  std::string key_id;
  std::string admin_key;
  int64_t version = 0;
  bool force = false;
};

registry::RegistryContext Context(const RegistryFlags& flags) {
  return {flags.actor, {}, flags.artifacts};
}

std::string Location(const RegistryFlags& flags) {
  return registry::ResolveRegistryLocation(flags.location);
}

int Emit(const GlobalOptions& global, const json& document,
         const std::function<void(std::ostream&)>& print, int exit_code = kExitOk) {
  if (global.json)
    std::cout << JsonText(document);
  else
    print(std::cout);
  return exit_code;
}

// Opens the registry and runs `body` on it, reporting an error the usual way.
int WithRegistry(const RegistryFlags& flags, const std::function<int(Registry&)>& body) {
  Result<std::unique_ptr<Registry>> opened = Registry::Open(Location(flags), Context(flags));
  if (!opened.ok())
    return ReportError(opened.status());
  return body(**opened);
}

// --policy FILE, else the registry's own policy.toml when it has one, else no policy.
Result<std::optional<std::pair<policy::Policy, std::string>>> LoadPolicy(
    const RegistryFlags& flags) {
  std::string path = flags.policy;
  if (path.empty()) {
    const std::string beside = Location(flags) + "/policy.toml";
    std::error_code error;
    if (!std::filesystem::exists(beside, error))
      return std::optional<std::pair<policy::Policy, std::string>>();
    path = beside;
  }
  STEWARD_ASSIGN_OR_RETURN(std::string text, io::ReadFileToString(path));
  STEWARD_ASSIGN_OR_RETURN(policy::Policy parsed, policy::ParsePolicy(text, path));
  return std::optional<std::pair<policy::Policy, std::string>>(
      std::make_pair(std::move(parsed), model::Sha256Hex(text)));
}

int RunInit(const RegistryFlags& flags, const GlobalOptions& global) {
  const std::string location = Location(flags);
  Result<std::unique_ptr<Registry>> registry = Registry::Init(location, Context(flags));
  if (!registry.ok())
    return ReportError(registry.status());
  return Emit(global, {{"registry", location}, {"initialised", true}},
              [&](std::ostream& out) { out << "registry ready at " << location << "\n"; });
}

int RunRegister(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    registry::RegisterRequest request{flags.bundle, flags.model, flags.project, flags.validation,
                                      flags.reason};
    Result<registry::VersionRecord> record = registry.Register(request);
    if (!record.ok())
      return ReportError(record.status());
    return Emit(global, VersionJson(*record), [&](std::ostream& out) {
      out << "registered " << record->model << "@" << record->version << " ("
          << record->parts.size() << " artifacts)\n";
    });
  });
}

int RunList(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Result<std::vector<registry::ModelSummary>> models = registry.List();
    if (!models.ok())
      return ReportError(models.status());
    return Emit(global, ModelsJson(*models), [&](std::ostream& out) { PrintModels(*models, out); });
  });
}

int RunShow(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Result<registry::VersionRecord> record = registry.Show(flags.reference);
    if (!record.ok())
      return ReportError(record.status());
    return Emit(global, VersionJson(*record),
                [&](std::ostream& out) { PrintVersion(*record, out); });
  });
}

int RunPromote(const RegistryFlags& flags, const GlobalOptions& global) {
  auto loaded = LoadPolicy(flags);
  if (!loaded.ok())
    return ReportError(loaded.status());
  return WithRegistry(flags, [&](Registry& registry) {
    registry::PromoteRequest request;
    request.model = flags.model;
    request.version = flags.version;
    request.alias = flags.alias;
    request.reason = flags.reason;
    request.force = flags.force;
    request.admin_key = flags.admin_key;
    if (request.admin_key.empty()) {
      if (const char* key = std::getenv("STEWARD_ADMIN_KEY"))
        request.admin_key = key;
    }
    if (loaded->has_value()) {
      request.policy = &(*loaded)->first;
      request.policy_sha256 = (*loaded)->second;
    }
    Result<registry::PromoteOutcome> outcome = registry.Promote(request);
    if (!outcome.ok())
      return ReportError(outcome.status());
    const int code = outcome->decision == "refused" ? kExitCheckFailed : kExitOk;
    return Emit(
        global, PromoteJson(request, *outcome),
        [&](std::ostream& out) { PrintPromote(request, *outcome, out); }, code);
  });
}

int RunApprove(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Status status = registry.Approve(flags.model, flags.version, flags.role, flags.reason);
    if (!status.ok())
      return ReportError(status);
    return Emit(global, {{"model", flags.model}, {"version", flags.version}, {"role", flags.role}},
                [&](std::ostream& out) {
                  out << "approved " << flags.model << "@" << flags.version << " as " << flags.role
                      << "\n";
                });
  });
}

int RunRollback(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Result<registry::AliasEvent> event = registry.Rollback(flags.model, flags.alias, flags.reason);
    if (!event.ok())
      return ReportError(event.status());
    return Emit(global, AliasEventJson(*event), [&](std::ostream& out) {
      out << "rolled back " << flags.model << "@" << flags.alias << " to version " << event->version
          << " (was " << event->previous.value_or(0) << ")\n";
    });
  });
}

int RunHistory(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Result<std::vector<registry::AliasEvent>> events = registry.History(flags.model, flags.alias);
    if (!events.ok())
      return ReportError(events.status());
    json list = json::array();
    for (const auto& event : *events)
      list.push_back(AliasEventJson(event));
    return Emit(global, {{"model", flags.model}, {"alias", flags.alias}, {"events", list}},
                [&](std::ostream& out) { PrintHistory(*events, out); });
  });
}

int RunAudit(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Result<std::vector<registry::AuditEntry>> entries = registry.Audit(flags.since);
    if (!entries.ok())
      return ReportError(entries.status());
    json list = json::array();
    for (const auto& entry : *entries)
      list.push_back(AuditEntryJson(entry));
    return Emit(global, {{"entries", list}}, [&](std::ostream& out) { PrintAudit(*entries, out); });
  });
}

int RunVerify(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Result<registry::VerifyReport> report = registry.Verify();
    if (!report.ok())
      return ReportError(report.status());
    return Emit(
        global, VerifyJson(*report), [&](std::ostream& out) { PrintVerify(*report, out); },
        report->ok() ? kExitOk : kExitCheckFailed);
  });
}

int RunBackup(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Status status = registry.Backup(flags.file);
    if (!status.ok())
      return ReportError(status);
    return Emit(global, {{"backup", flags.file}},
                [&](std::ostream& out) { out << "backup written to " << flags.file << "\n"; });
  });
}

int RunRestore(const RegistryFlags& flags, const GlobalOptions& global) {
  const std::string location = Location(flags);
  Result<registry::VerifyReport> report = Registry::Restore(flags.file, location, Context(flags));
  if (!report.ok())
    return ReportError(report.status());
  json document = VerifyJson(*report);
  document["restored_to"] = location;
  return Emit(global, document, [&](std::ostream& out) {
    out << "restored " << flags.file << " to " << location << "; ";
    PrintVerify(*report, out);
  });
}

int RunGc(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Result<registry::GcReport> report = registry.CollectGarbage();
    if (!report.ok())
      return ReportError(report.status());
    return Emit(global, {{"removed", report->removed}, {"bytes_removed", report->bytes_removed}},
                [&](std::ostream& out) {
                  out << "removed " << report->removed.size() << " unreferenced artifact(s), "
                      << report->bytes_removed << " bytes\n";
                });
  });
}

int RunKeysCreate(const RegistryFlags& flags, const GlobalOptions& global) {
  Result<registry::KeyScope> scope = registry::ParseScope(flags.scope);
  if (!scope.ok())
    return ReportError(scope.status());
  return WithRegistry(flags, [&](Registry& registry) {
    Result<registry::CreatedKey> key = registry.CreateKey(*scope, flags.label);
    if (!key.ok())
      return ReportError(key.status());
    return Emit(global,
                {{"id", key->id}, {"scope", registry::ScopeName(key->scope)}, {"key", key->secret}},
                [&](std::ostream& out) {
                  out << key->secret << "\n";
                  std::cerr << "API key " << key->id << " (" << registry::ScopeName(key->scope)
                            << ") created; it is shown only this once\n";
                });
  });
}

int RunKeysList(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Result<std::vector<registry::KeyRecord>> keys = registry.ListKeys();
    if (!keys.ok())
      return ReportError(keys.status());
    json list = json::array();
    for (const auto& key : *keys)
      list.push_back(KeyJson(key));
    return Emit(global, {{"keys", list}}, [&](std::ostream& out) { PrintKeys(*keys, out); });
  });
}

int RunKeysRevoke(const RegistryFlags& flags, const GlobalOptions& global) {
  return WithRegistry(flags, [&](Registry& registry) {
    Status status = registry.RevokeKey(flags.key_id);
    if (!status.ok())
      return ReportError(status);
    return Emit(global, {{"revoked", flags.key_id}},
                [&](std::ostream& out) { out << "revoked API key " << flags.key_id << "\n"; });
  });
}

using Runner = int (*)(const RegistryFlags&, const GlobalOptions&);

CLI::App* AddVerb(CLI::App& parent, const std::string& name, const std::string& description,
                  Runner runner, const std::shared_ptr<RegistryFlags>& flags,
                  const GlobalOptions& global, CommandRunner& run) {
  CLI::App* verb = parent.add_subcommand(name, description);
  verb->fallthrough();
  verb->callback([&run, &global, flags, runner] {
    run = [&global, flags, runner]() -> int { return runner(*flags, global); };
  });
  return verb;
}

}  // namespace

void AddRegistryCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<RegistryFlags>();
  CLI::App* command = app.add_subcommand(
      "registry",
      "Model registry: immutable versions with lineage, aliases moved through policy gates, "
      "approvals, API keys, and a hash-chained audit log");
  command->require_subcommand(1);
  command->fallthrough();
  command->add_option(
      "--registry", flags->location,
      "Registry directory or postgresql:// URI (default $STEWARD_REGISTRY, else ./.steward)");
  command->add_option("--artifacts", flags->artifacts,
                      "Artifact directory of a postgresql:// registry, shared by all its users "
                      "(default $STEWARD_ARTIFACTS)");
  command->add_option("--actor", flags->actor,
                      "Who is acting, recorded in the audit log "
                      "(default: the OS user)");
  command->footer(
      "Formats: docs/formats/registry.md, docs/formats/policy.md.\n"
      "Exit codes: 0 ok, 1 a gate refused the promotion or verify found damage, 2 usage or "
      "input error, 70 internal error.");

  AddVerb(*command, "init", "Create the registry (an existing one is left as it is)", RunInit,
          flags, global, run);

  CLI::App* reg =
      AddVerb(*command, "register", "Verify a bundle and record it as the model's next version",
              RunRegister, flags, global, run);
  reg->add_option("BUNDLE", flags->bundle, "Bundle directory or archive from 'steward train'")
      ->required();
  reg->add_option("--model", flags->model, "Model name ([A-Za-z0-9][A-Za-z0-9._-]*)")->required();
  reg->add_option("--project", flags->project, "Project of a new model (default: default)");
  reg->add_option("--validation", flags->validation,
                  "A validation report ('steward validate --json') to keep as evidence");
  reg->add_option("--reason", flags->reason, "Why, for the audit log");

  AddVerb(*command, "list", "List models with their versions and aliases", RunList, flags, global,
          run);

  CLI::App* show = AddVerb(*command, "show", "Show a version, its lineage and artifacts", RunShow,
                           flags, global, run);
  show->add_option("REFERENCE", flags->reference, "NAME, NAME@VERSION or NAME@ALIAS")->required();

  CLI::App* promote =
      AddVerb(*command, "promote",
              "Move an alias to a version if every policy gate passes (exit 1 listing each "
              "failing gate otherwise)",
              RunPromote, flags, global, run);
  promote->add_option("NAME", flags->model, "Model name")->required();
  promote->add_option("VERSION", flags->version, "Version number")->required();
  promote->add_option("--to", flags->alias, "Alias, e.g. staging or production")->required();
  promote->add_option("--policy", flags->policy,
                      "Policy file (default: policy.toml in the registry, if present)");
  promote->add_flag("--force", flags->force,
                    "Promote despite failing gates: needs --admin-key and --reason; recorded "
                    "as a forced promotion");
  promote->add_option("--admin-key", flags->admin_key,
                      "An admin API key (default $STEWARD_ADMIN_KEY)");
  promote->add_option("--reason", flags->reason, "Why, for the audit log");

  CLI::App* approve =
      AddVerb(*command, "approve", "Approve a version in a role", RunApprove, flags, global, run);
  approve->add_option("NAME", flags->model, "Model name")->required();
  approve->add_option("VERSION", flags->version, "Version number")->required();
  approve->add_option("--role", flags->role, "Role, e.g. risk or ml_lead")->required();
  approve->add_option("--reason", flags->reason, "Why, for the audit log");

  CLI::App* rollback =
      AddVerb(*command, "rollback", "Move an alias back to the version it held before", RunRollback,
              flags, global, run);
  rollback->add_option("NAME", flags->model, "Model name")->required();
  rollback->add_option("--alias", flags->alias, "Alias")->required();
  rollback->add_option("--reason", flags->reason, "Why, for the audit log");

  CLI::App* history =
      AddVerb(*command, "history", "Which version held an alias when, who moved it and why",
              RunHistory, flags, global, run);
  history->add_option("NAME", flags->model, "Model name")->required();
  history->add_option("--alias", flags->alias, "Alias")->required();

  CLI::App* audit = AddVerb(*command, "audit", "Print the audit log", RunAudit, flags, global, run);
  audit->add_option("--since", flags->since,
                    "Only entries at or after this UTC time (e.g. 2026-11-23 or "
                    "2026-11-23T10:00)");

  AddVerb(*command, "verify",
          "Re-hash every artifact and the audit chain and check every row against the log "
          "(exit 1 naming each problem)",
          RunVerify, flags, global, run);

  CLI::App* backup =
      AddVerb(*command, "backup", "Write the registry to one archive, consistently while in use",
              RunBackup, flags, global, run);
  backup->add_option("FILE", flags->file, "Archive to write")->required();

  CLI::App* restore = AddVerb(*command, "restore",
                              "Restore an archive into a new or empty registry directory or "
                              "PostgreSQL database, verified before it is put in place",
                              RunRestore, flags, global, run);
  restore->add_option("FILE", flags->file, "Archive written by 'registry backup'")->required();

  AddVerb(*command, "gc", "Remove artifacts that no version references, and nothing else", RunGc,
          flags, global, run);

  CLI::App* keys = command->add_subcommand("keys", "API keys for the prediction server");
  keys->require_subcommand(1);
  keys->fallthrough();
  CLI::App* create = AddVerb(*keys, "create", "Create a key; it is printed once, stored hashed",
                             RunKeysCreate, flags, global, run);
  create->add_option("--scope", flags->scope, "predict or admin")->required();
  create->add_option("--label", flags->label, "A name to recognise the key by");
  AddVerb(*keys, "list", "List keys (never the secrets)", RunKeysList, flags, global, run);
  CLI::App* revoke =
      AddVerb(*keys, "revoke", "Revoke a key by its id", RunKeysRevoke, flags, global, run);
  revoke->add_option("ID", flags->key_id, "Key id from 'keys list'")->required();
}

}  // namespace steward::cli
