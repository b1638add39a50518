#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/json_document.h"
#include "steward/cli/profile_report.h"
#include "steward/cli/progress.h"
#include "steward/cli/source_flags.h"
#include "steward/io/postgres_source.h"
#include "steward/profile/profile_json.h"
#include "steward/profile/profiler.h"

namespace steward::cli {
namespace {

struct ProfileFlags {
  std::string data;
  std::string out;
  std::string target;
  std::vector<double> quantiles;
  bool exact = false;
  profile::ProfileOptions options;
  SourceFlags source;
};

// Writes the profile to --out (atomically) and prints it: the whole document with --json, a
// summary for people otherwise.
int Emit(const profile::Profile& result, const std::string& out, const GlobalOptions& global,
         double seconds) {
  const nlohmann::json document = ProfileToJson(result);
  Result<std::string> text = SaveJsonDocument(document, out);
  if (!text.ok())
    return ReportError(text.status());
  if (global.json)
    std::cout << *text;
  else
    PrintProfileReport(document["summary"], out, seconds, std::cout);
  return kExitOk;
}

void AddMergeCommand(CLI::App& profile_command, const GlobalOptions& global, CommandRunner& run) {
  struct MergeFlags {
    std::vector<std::string> inputs;
    std::string out;
  };
  auto flags = std::make_shared<MergeFlags>();
  CLI::App* merge = profile_command.add_subcommand(
      "merge",
      "Merge profiles of parts of a data set (shards) into the profile of the whole: exact for "
      "counts, missing values, min/max, moments and duplicates (within documented limits), "
      "within the sketch bounds for quantiles and distinct counts");
  merge->add_option("PROFILES", flags->inputs, "Profile JSON files made by 'steward profile'")
      ->required()
      ->expected(2, -1);
  merge->add_option("--out", flags->out, "Where to write the merged profile (JSON)")->required();
  merge->fallthrough();  // --json and --quiet belong to the verb
  merge->callback([&run, &global, flags] {
    run = [&global, flags]() -> int {
      const auto start = std::chrono::steady_clock::now();
      Result<profile::Profile> merged = profile::LoadProfile(flags->inputs[0]);
      if (!merged.ok())
        return ReportError(merged.status());
      for (size_t i = 1; i < flags->inputs.size(); ++i) {
        Result<profile::Profile> part = profile::LoadProfile(flags->inputs[i]);
        if (!part.ok())
          return ReportError(part.status());
        Status status = profile::MergeProfiles(*merged, *part);
        if (!status.ok()) {
          return ReportError(
              Status::InvalidArgument(flags->inputs[i] + ": cannot merge: " + status.message()));
        }
      }
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return Emit(*merged, flags->out, global, seconds);
    };
  });
}

}  // namespace

void AddProfileCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<ProfileFlags>();
  CLI::App* command = app.add_subcommand(
      "profile",
      "Profile a data set in one streaming pass: per-column statistics, quantiles, distinct "
      "and frequent values, correlations, duplicates, target analysis and alerts");
  command->add_option("DATA", flags->data,
                      "CSV or JSON Lines file, '-' for stdin, or postgresql://... with --sql");
  command->add_option("--out", flags->out, "Write the profile (JSON) to this file");
  command->add_option("--target", flags->target,
                      "The column a model will predict: adds class balance and leakage checks");
  command
      ->add_option("--quantiles", flags->quantiles,
                   "Quantiles to report, between 0 and 1 (default 0.05 0.25 0.5 0.75 0.95)")
      ->delimiter(',')
      ->check(CLI::Range(0.0, 1.0));
  command->add_flag("--exact", flags->exact,
                    "Keep every value so quantiles are exact (memory grows with rows); by default "
                    "they are exact up to 65,536 values per column, then sketched");
  profile::ProfileOptions& defaults = flags->options;
  command->add_option("--sample-rows", defaults.sample_rows, "Rows kept as a uniform sample")
      ->capture_default_str();
  command->add_option("--seed", defaults.seed, "Seed of the sample and the sketches")
      ->capture_default_str();
  command->add_option("--top-k", defaults.top_k, "Frequent values shown per column")
      ->capture_default_str();
  command->add_option("--histogram-bins", defaults.histogram_bins, "Bins per numeric histogram")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  command
      ->add_option("--high-cardinality", defaults.alerts.high_cardinality,
                   "Alert on categorical/text columns with more distinct values")
      ->capture_default_str();
  command->add_option("--skewness", defaults.alerts.skewness, "Alert above this |skewness|")
      ->capture_default_str();
  command
      ->add_option("--correlation", defaults.alerts.correlation,
                   "Alert on pairs with |Pearson r| or Cramér's V at least this")
      ->capture_default_str();
  command
      ->add_option("--low-categorical", defaults.alerts.low_categorical,
                   "Numeric columns with at most this many values are flagged as categorical")
      ->capture_default_str();
  command
      ->add_option("--missing-rate", defaults.alerts.missing_rate,
                   "Alert on columns missing more often than this share")
      ->capture_default_str();
  flags->source.Register(*command);
  AddMergeCommand(*command, global, run);
  command->callback([command, &run, &global, flags] {
    if (!command->get_subcommands().empty())
      return;
    run = [&global, flags]() -> int {
      if (flags->data.empty())
        return ReportError(Status::InvalidArgument("profile needs DATA (see --help)"));
      profile::ProfileOptions options = flags->options;
      if (!flags->target.empty())
        options.target = flags->target;
      if (!flags->quantiles.empty())
        options.quantiles = flags->quantiles;
      if (flags->exact)
        options.exact_quantile_limit = UINT64_MAX;
      Result<io::SourceOptions> source = flags->source.Resolve();
      if (!source.ok())
        return ReportError(source.status());
      const std::string shown = io::RedactPostgresUri(flags->data);
      ProgressBar progress("profiling " + shown, ProgressAllowed(global.quiet, global.json));
      source->csv.progress = [&progress](uint64_t done, uint64_t total) {
        progress.Update(done, total);
      };
      const auto start = std::chrono::steady_clock::now();
      Result<std::unique_ptr<io::BatchReader>> reader =
          io::OpenSource(flags->data, std::move(source).value());
      if (!reader.ok())
        return ReportError(reader.status());
      Result<profile::Profile> result = profile::ProfileBatches(**reader, options, shown);
      progress.Finish();
      if (!result.ok())
        return ReportError(result.status());
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return Emit(*result, flags->out, global, seconds);
    };
  });
}

}  // namespace steward::cli
