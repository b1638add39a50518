#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/inspect_report.h"
#include "steward/cli/progress.h"
#include "steward/cli/source_flags.h"
#include "steward/io/postgres_source.h"

namespace steward::cli {

void AddInspectCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  struct Flags {
    std::string data;
    size_t examples = 3;
    SourceFlags source;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* command = app.add_subcommand(
      "inspect",
      "Read a data set and show its rows, columns, inferred kinds, missing values and examples");
  command
      ->add_option("DATA", flags->data,
                   "CSV or JSON Lines file, '-' for stdin, or postgresql://... with --sql")
      ->required();
  command->add_option("--examples", flags->examples, "Example values shown per column")
      ->capture_default_str();
  flags->source.Register(*command);
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int {
      Result<io::SourceOptions> options = flags->source.Resolve();
      if (!options.ok())
        return ReportError(options.status());
      // A postgresql:// URI may hold a password; it never reaches the screen or the JSON.
      const std::string shown = io::RedactPostgresUri(flags->data);
      ProgressBar progress("reading " + shown, ProgressAllowed(global.quiet, global.json));
      options->csv.progress = [&progress](uint64_t done, uint64_t total) {
        progress.Update(done, total);
      };
      const auto start = std::chrono::steady_clock::now();
      Result<io::ReadResult> read = io::ReadSource(flags->data, std::move(options).value());
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      progress.Finish();
      if (!read.ok())
        return ReportError(read.status());
      InspectReport report = BuildInspectReport(shown, *read, seconds, flags->examples);
      if (global.json) {
        std::cout << InspectReportToJson(report).dump(2, ' ', false,
                                                      nlohmann::json::error_handler_t::replace)
                  << "\n";
      } else {
        PrintInspectReport(report, std::cout);
      }
      return kExitOk;
    };
  });
}

}  // namespace steward::cli
