#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/progress.h"
#include "steward/cli/reference_profile.h"
#include "steward/cli/source_flags.h"
#include "steward/cli/text_table.h"
#include "steward/io/postgres_source.h"
#include "steward/validate/suggest.h"
#include "steward/validate/suite_parser.h"
#include "steward/validate/validator.h"

namespace steward::cli {
namespace {

using validate::ExpectationResult;
using validate::ExpectationStatus;
using validate::ValidationReport;

std::string ObservedText(const validate::Observation& observed) {
  if (!observed.text.empty())
    return observed.text;
  if (!observed.number)
    return "-";
  char text[32];
  std::snprintf(text, sizeof(text), "%.6g", *observed.number);
  return text;
}

// "row 12: Age=15, consent=no; row 40 (same as row 3): ..." within about `width` characters.
std::string ExamplesText(const ExpectationResult& result, size_t width) {
  std::string text;
  for (const validate::FailingRow& row : result.examples) {
    text += text.empty() ? "" : "; ";
    text += "row " + std::to_string(row.row);
    if (row.same_as_row)
      text += " (same as row " + std::to_string(*row.same_as_row) + ")";
    text += ":";
    for (size_t i = 0; i < row.values.size(); ++i) {
      text += i > 0 ? ", " : " ";
      text += row.values[i].first + "=" + row.values[i].second.value_or("null");
    }
  }
  return Shorten(text, width);
}

void PrintReport(const ValidationReport& report, std::ostream& out) {
  out << report.source << ": " << FormatCount(report.rows) << " rows x " << report.columns
      << " columns";
  if (report.bad_rows > 0)
    out << " (" << FormatCount(report.bad_rows) << " bad rows left out)";
  out << ", suite " << report.suite << "\n";
  const size_t failed = report.Count(ExpectationStatus::kFailed);
  const size_t skipped = report.Count(ExpectationStatus::kSkipped);
  if (failed > 0) {
    out << "\n";
    TextTable table({"failed", "expected", "observed", "failing rows"});
    for (const ExpectationResult& result : report.results) {
      if (result.status == ExpectationStatus::kFailed) {
        table.AddRow({Shorten(result.id, 48), Shorten(result.expected, 40),
                      Shorten(ObservedText(result.observed), 24),
                      FormatCount(result.failing_rows)});
      }
    }
    table.Print(out);
    bool first_details = true;
    for (const ExpectationResult& result : report.results) {
      if (result.status != ExpectationStatus::kFailed ||
          (result.examples.empty() && result.note.empty()))
        continue;
      out << (first_details ? "\n" : "") << result.id << ":\n";
      first_details = false;
      if (!result.examples.empty())
        out << "  " << ExamplesText(result, 200) << "\n";
      if (!result.note.empty())
        out << "  " << result.note << "\n";
    }
  }
  if (skipped > 0) {
    out << "\n";
    TextTable table({"skipped", "because"});
    for (const ExpectationResult& result : report.results) {
      if (result.status == ExpectationStatus::kSkipped)
        table.AddRow({Shorten(result.id, 48), result.note});
    }
    table.Print(out);
  }
  out << "\n" << report.results.size() << " expectations, " << failed << " failed";
  if (skipped > 0)
    out << ", " << skipped << " skipped";
  out << "\n";
}

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
      Result<ValidationReport> report = validate::Validate(**reader, *suite, validate_options);
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
        PrintReport(*report, std::cout);
      }
      return report->passed() ? kExitOk : kExitCheckFailed;
    };
  });
}

}  // namespace steward::cli
