#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/progress.h"
#include "steward/cli/reference_profile.h"
#include "steward/cli/source_flags.h"
#include "steward/cli/validation_report_text.h"
#include "steward/io/postgres_source.h"
#include "steward/validate/suggest.h"
#include "steward/validate/suite_parser.h"
#include "steward/validate/validator.h"

namespace steward::cli {
namespace {

struct ValidateFlags {
  std::string data;
  std::string suite;
  std::string reference;
  size_t examples = 5;
  SourceFlags source;
};

Result<validate::Suite> LoadOrSuggestSuite(const ValidateFlags& flags,
                                           const GlobalOptions& global) {
  if (!flags.suite.empty())
    return validate::LoadSuite(flags.suite);
  if (flags.reference.empty()) {
    return Status::InvalidArgument(
        "validate needs --suite FILE or --reference PROFILE (see --help)");
  }
  STEWARD_ASSIGN_OR_RETURN(profile::Profile reference,
                           ReferenceProfile(flags.reference, flags.source, global));
  return validate::SuggestSuite(reference, validate::SuggestOptions{}).suite;
}

}  // namespace

void AddValidateCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<ValidateFlags>();
  CLI::App* command = app.add_subcommand(
      "validate",
      "Check a data set against a validation suite: every expectation is evaluated and every "
      "failure reported, with the first failing rows");
  command
      ->add_option("DATA", flags->data,
                   "CSV or JSON Lines file, '-' for stdin, or postgresql://... with --sql")
      ->required();
  CLI::Option* suite_option =
      command->add_option("--suite", flags->suite,
                          "Suite file (TOML): table, [[column]] and [[row]] expectations; format "
                          "in docs/formats/suite.md");
  CLI::Option* reference_option =
      command->add_option("--reference", flags->reference,
                          "Instead of a suite: a profile (or a data set) of good data; checks the "
                          "suite 'steward suggest-suite' would infer from it");
  suite_option->excludes(reference_option);
  command
      ->add_option("--examples", flags->examples,
                   "Failing rows reported per expectation, with their values")
      ->capture_default_str();
  flags->source.Register(*command);
  command->footer(
      "Rows are data records numbered from 1 (the first record after the header). A [[row]]\n"
      "expectation fails a row only where it is false; a missing value makes a comparison\n"
      "unknown, which passes (write 'x is not null and ...' to require a value).\n"
      "Exit codes: 0 every expectation passed, 1 an expectation failed, 2 a bad suite, bad\n"
      "data or usage error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int {
      Result<validate::Suite> suite = LoadOrSuggestSuite(*flags, global);
      if (!suite.ok())
        return ReportError(suite.status());
      Result<io::SourceOptions> options = flags->source.Resolve();
      if (!options.ok())
        return ReportError(options.status());
      // A postgresql:// URI may hold a password; it never reaches the screen or the JSON.
      const std::string shown = io::RedactPostgresUri(flags->data);
      ProgressBar progress("validating " + shown, ProgressAllowed(global.quiet, global.json));
      options->csv.progress = [&progress](uint64_t done, uint64_t total) {
        progress.Update(done, total);
      };
      Result<std::unique_ptr<io::BatchReader>> reader =
          io::OpenSource(flags->data, std::move(options).value());
      if (!reader.ok())
        return ReportError(reader.status());
      validate::ValidateOptions validate_options;
      validate_options.examples = flags->examples;
      Result<validate::ValidationReport> report =
          validate::Validate(**reader, *suite, validate_options);
      progress.Finish();
      if (!report.ok())
        return ReportError(report.status());
      report->source = shown;
      report->suite = flags->suite.empty() ? "suggested from " + flags->reference : flags->suite;
      if (global.json) {
        std::cout << validate::ValidationReportToJson(*report).dump(
                         2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
      } else {
        PrintValidationReport(*report, std::cout);
      }
      return report->passed() ? kExitOk : kExitCheckFailed;
    };
  });
}

}  // namespace steward::cli
