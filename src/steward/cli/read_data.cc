#include "steward/cli/read_data.h"

#include "steward/cli/progress.h"
#include "steward/io/postgres_source.h"

namespace steward::cli {

Result<io::ReadResult> ReadData(const std::string& path, io::SourceOptions options,
                                bool show_progress) {
  ProgressBar progress("reading " + io::RedactPostgresUri(path), show_progress);
  options.csv.progress = [&progress](uint64_t done, uint64_t total) {
    progress.Update(done, total);
  };
  Result<io::ReadResult> read = io::ReadSource(path, std::move(options));
  progress.Finish();
  return read;
}

void AddBundleAndDataArguments(CLI::App& command, std::string& bundle, std::string& data,
                               const std::string& what_data) {
  command.add_option("BUNDLE", bundle, "A bundle directory or archive written by 'steward train'")
      ->required();
  command
      .add_option("DATA", data,
                  what_data +
                      ": CSV or JSON Lines file, '-' for stdin, or postgresql://... "
                      "with --sql")
      ->required();
}

Result<BundleAndData> LoadBundleAndData(const std::string& bundle, const std::string& data,
                                        const SourceFlags& source, const GlobalOptions& global) {
  STEWARD_ASSIGN_OR_RETURN(io::SourceOptions options, source.Resolve());
  STEWARD_ASSIGN_OR_RETURN(model::Predictor predictor,
                           model::Predictor::Load(bundle, options.csv.threads));
  STEWARD_ASSIGN_OR_RETURN(
      io::ReadResult read,
      ReadData(data, std::move(options), ProgressAllowed(global.quiet, global.json)));
  return BundleAndData{std::move(predictor), std::move(read), io::RedactPostgresUri(data)};
}

}  // namespace steward::cli
