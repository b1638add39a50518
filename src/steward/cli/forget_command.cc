// `steward forget`: erases one data subject from a prediction log and records the erasure, by
// keyed pseudonym only, in the registry's audit log (docs/formats/prediction_log.md, Erasure).
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/json_document.h"
#include "steward/io/prediction_log_eraser.h"
#include "steward/privacy/key_file.h"
#include "steward/privacy/pseudonymize.h"
#include "steward/registry/registry.h"

namespace steward::cli {
namespace {

using nlohmann::json;

struct ForgetFlags {
  std::string column;
  std::string value;
  std::string prediction_log;
  std::string key_file;
  std::string registry;
  std::string model;
  std::string actor;
  bool dry_run = false;
};

// The subject's value stays in this process: every message, output and audit entry carries
// its pseudonym. `--value -` reads it from stdin, out of the process list and shell history.
Result<std::string> SubjectValue(const std::string& flag) {
  if (flag != "-")
    return flag;
  std::string line;
  if (!std::getline(std::cin, line))
    return Status::InvalidArgument("--value -: no line on stdin");
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  return line;
}

std::string Plural(uint64_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

void PrintSummary(const ForgetFlags& flags, const io::EraseReport& report,
                  const std::string& pseudonym, const registry::AuditEntry* entry) {
  const uint64_t removed = report.predictions_removed + report.feedback_removed;
  const std::string subject = "column " + flags.column + ", pseudonym " + pseudonym;
  if (removed + report.predictions_pending + report.feedback_pending == 0) {
    std::cout << "no record in " << flags.prediction_log << " matches " << subject
              << (flags.model.empty() ? "" : " (model " + flags.model + ")")
              << ": nothing removed (" << Plural(report.segments_scanned, "segment", "segments")
              << " read)\n";
  } else {
    std::cout << (flags.dry_run ? "dry run: would remove " : "removed ")
              << Plural(report.predictions_removed, "prediction", "predictions") << " and "
              << Plural(report.feedback_removed, "feedback record", "feedback records") << " of "
              << subject << " from " << flags.prediction_log << " ("
              << (flags.dry_run ? "would rewrite " : "rewrote ") << report.segments_rewritten.size()
              << " of " << Plural(report.segments_scanned, "segment", "segments") << ")\n";
  }
  for (const std::string& segment : report.segments_busy) {
    std::cout << "not rewritten: " << segment
              << " is held open by a running writer (steward serve) or another forget\n";
  }
  if (report.predictions_pending + report.feedback_pending > 0) {
    std::cout << "INCOMPLETE: " << Plural(report.predictions_pending, "prediction", "predictions")
              << " and " << Plural(report.feedback_pending, "feedback record", "feedback records")
              << " of this subject remain in the open segment; run forget again once the server"
                 " has rotated it (at most an hour) or stopped\n";
  }
  if (flags.dry_run)
    std::cout << "dry run: nothing was changed and nothing recorded\n";
  else if (entry != nullptr)
    std::cout << "recorded as audit entry " << entry->seq << " (forget)\n";
}

int RunForget(const ForgetFlags& flags, const GlobalOptions& global) {
  // The key first: a missing or exposed key must stop the run before anything is read.
  Result<privacy::PseudonymKey> key = privacy::LoadKeyFile(flags.key_file);
  if (!key.ok())
    return ReportError(key.status());
  Result<std::string> value = SubjectValue(flags.value);
  if (!value.ok())
    return ReportError(value.status());
  const std::string pseudonym = privacy::Pseudonym(*key, *value);

  // The registry before the log, so that an erasure it could not record never happens.
  std::unique_ptr<registry::Registry> registry;
  if (!flags.dry_run) {
    Result<std::unique_ptr<registry::Registry>> opened = registry::Registry::Open(
        registry::ResolveRegistryLocation(flags.registry), {flags.actor, {}, {}});
    if (!opened.ok())
      return ReportError(opened.status().WithContext("forget records the erasure in the registry"));
    registry = std::move(opened).value();
  }

  Result<io::EraseReport> report = io::EraseFromPredictionLog(
      flags.prediction_log, {flags.column, *value, flags.model, flags.dry_run});
  if (!report.ok())
    return ReportError(report.status());
  const bool complete = report->predictions_pending + report->feedback_pending == 0;

  json details = {
      {"column", flags.column},
      {"value_pseudonym", pseudonym},
      {"pseudonym", "HMAC-SHA256, first " + std::to_string(privacy::kPseudonymHexDigits) +
                        " hex digits ('steward pseudonymize')"},
      {"prediction_log", flags.prediction_log},
      {"records_removed", report->predictions_removed + report->feedback_removed},
      {"predictions_removed", report->predictions_removed},
      {"feedback_removed", report->feedback_removed},
      {"segments_scanned", report->segments_scanned},
      {"segments_rewritten", report->segments_rewritten.size()},
      {"rewritten", report->segments_rewritten},
      {"segments_busy", report->segments_busy},
      {"predictions_pending", report->predictions_pending},
      {"feedback_pending", report->feedback_pending},
      {"complete", complete}};
  // Absent rather than null: `registry verify` reads "model" of every entry as a string.
  if (!flags.model.empty())
    details["model"] = flags.model;
  std::optional<registry::AuditEntry> entry;
  if (registry) {
    Result<registry::AuditEntry> recorded = registry->RecordErasure("prediction log", details);
    if (!recorded.ok()) {
      return ReportError(recorded.status().WithContext(
          std::to_string(report->predictions_removed + report->feedback_removed) +
          " records were removed but the audit entry could not be written"));
    }
    entry = std::move(recorded).value();
  }
  if (global.json) {
    json document = details;
    document["format"] = "steward.forget/1";
    document["dry_run"] = flags.dry_run;
    document["model"] = flags.model.empty() ? json() : json(flags.model);
    document["audit"] =
        entry ? json{{"seq", entry->seq}, {"hash", entry->hash}, {"action", entry->action}}
              : json();
    std::cout << JsonText(document);
  } else {
    PrintSummary(flags, *report, pseudonym, entry ? &*entry : nullptr);
  }
  return complete ? kExitOk : kExitCheckFailed;
}

}  // namespace

void AddForgetCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<ForgetFlags>();
  CLI::App* command = app.add_subcommand(
      "forget",
      "Erase one data subject from a prediction log (GDPR Art. 17) and record it in the audit log");
  command->add_option("--column", flags->column, "Input feature that identifies the subject")
      ->required();
  command
      ->add_option("--value", flags->value,
                   "The subject's value in that column; '-' reads it from stdin (keeps it out "
                   "of the process list). Strings match exactly; numbers by value (41 = 41.0)")
      ->required();
  command->add_option("--prediction-log", flags->prediction_log, "Prediction log directory")
      ->required();
  command
      ->add_option("--key-file", flags->key_file,
                   "Pseudonymisation key ('steward keygen', mode 0600): the audit entry names "
                   "the subject by its HMAC pseudonym, never the value")
      ->required();
  command->add_option("--registry", flags->registry,
                      "Registry whose audit log records the erasure (default: $STEWARD_REGISTRY, "
                      "else ./.steward)");
  command->add_option("--model", flags->model, "Only predictions of this model");
  command->add_option("--actor", flags->actor, "Who asks (default: the OS user)");
  command->add_flag("--dry-run", flags->dry_run,
                    "Count what would be removed; change nothing, record nothing");
  command->footer(
      "Removes every prediction whose logged input COLUMN equals the value, and the feedback\n"
      "records that label them. Each changed segment is replaced atomically; the segment a\n"
      "running 'steward serve' appends to is locked by it and left alone (reported, exit 1).\n"
      "Exit codes: 0 done (also when nothing matched), 1 records remain in a segment a server\n"
      "holds open, 2 usage or input error, 70 internal error.");
  command->callback(
      [&run, &global, flags] { run = [&global, flags] { return RunForget(*flags, global); }; });
}

}  // namespace steward::cli
