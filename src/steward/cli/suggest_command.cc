#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/reference_profile.h"
#include "steward/io/atomic_file.h"
#include "steward/validate/suggest.h"
#include "steward/validate/suite_writer.h"

namespace steward::cli {

void AddSuggestSuiteCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  struct Flags {
    std::string input;
    std::string out;
    validate::SuggestOptions options;
    SourceFlags source;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* command = app.add_subcommand(
      "suggest-suite",
      "Infer a validation suite from a data set or its profile: kinds, missing values, "
      "uniqueness of identifiers, allowed categories, ranges with a margin, means, lengths and "
      "row counts, as a TOML file to read, edit and pass to 'steward validate --suite'");
  command
      ->add_option("INPUT", flags->input,
                   "A profile made by 'steward profile --out', or a data set (CSV or JSON Lines "
                   "file, '-' for stdin, postgresql://... with --sql), which is profiled first")
      ->required();
  command->add_option("--out", flags->out, "Write the suite here (default: standard output)");
  validate::SuggestOptions& options = flags->options;
  command
      ->add_option("--range-margin", options.range_margin,
                   "Widen numeric and length ranges by this share of the observed range")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command
      ->add_option("--rows-factor", options.row_count_factor,
                   "Expect between rows/factor and rows*factor rows")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 1e9));
  command
      ->add_option("--missing-factor", options.missing_rate_factor,
                   "Allow missing rates up to the observed rate times this (and at least +0.01)")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 1e9));
  command
      ->add_option("--mean-shift", options.mean_shift,
                   "Expect each mean within this many standard deviations of the observed one")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command
      ->add_option("--max-categories", options.max_categories,
                   "List allowed values for columns with at most this many")
      ->capture_default_str();
  flags->source.Register(*command);
  command->footer(
      "The suite describes the data as it was, not as it must be: review it before relying on\n"
      "it. Rules: docs/formats/suite.md (Suggested suites).\n"
      "Exit codes: 0 written, 2 unreadable input or usage error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int {
      Result<profile::Profile> reference = ReferenceProfile(flags->input, flags->source, global);
      if (!reference.ok())
        return ReportError(reference.status());
      const validate::SuggestedSuite suggested = validate::SuggestSuite(*reference, flags->options);
      const std::string text = validate::SuiteToToml(suggested.suite, suggested.comments);
      if (!flags->out.empty()) {
        Status written = io::WriteFileAtomically(flags->out, text);
        if (!written.ok())
          return ReportError(written);
      }
      if (global.json) {
        nlohmann::json document = {{"source", reference->source},
                                   {"rows", reference->rows},
                                   {"columns", suggested.suite.columns.size()},
                                   {"suite", text}};
        if (!flags->out.empty())
          document["out"] = flags->out;
        std::cout << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      } else if (flags->out.empty()) {
        std::cout << text;
      } else {
        std::cout << "Suite for " << suggested.suite.columns.size() << " columns of "
                  << reference->source << " written to " << flags->out << "\n";
      }
      return kExitOk;
    };
  });
}

}  // namespace steward::cli
