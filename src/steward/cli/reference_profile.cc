#include "steward/cli/reference_profile.h"

#include <cctype>
#include <fstream>

#include "steward/cli/progress.h"
#include "steward/io/postgres_source.h"
#include "steward/profile/profile_json.h"
#include "steward/profile/profiler.h"

namespace steward::cli {
namespace {

void SkipSpace(std::string_view text, size_t& at) {
  while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at])))
    ++at;
}

bool Expect(std::string_view text, size_t& at, std::string_view token) {
  SkipSpace(text, at);
  if (text.substr(at, token.size()) != token)
    return false;
  at += token.size();
  return true;
}

}  // namespace

bool IsProfileFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return false;
  std::string head(256, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(file.gcount()));
  size_t at = 0;
  return Expect(head, at, "{") && Expect(head, at, "\"format\"") && Expect(head, at, ":") &&
         Expect(head, at, "\"steward.profile/");
}

Result<profile::Profile> ReferenceProfile(const std::string& path, const SourceFlags& source,
                                          const GlobalOptions& global) {
  if (IsProfileFile(path))
    return profile::LoadProfile(path);
  STEWARD_ASSIGN_OR_RETURN(io::SourceOptions options, source.Resolve());
  const std::string shown = io::RedactPostgresUri(path);
  ProgressBar progress("profiling " + shown, ProgressAllowed(global.quiet, global.json));
  options.csv.progress = [&progress](uint64_t done, uint64_t total) {
    progress.Update(done, total);
  };
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<io::BatchReader> reader,
                           io::OpenSource(path, std::move(options)));
  Result<profile::Profile> profiled =
      profile::ProfileBatches(*reader, profile::ProfileOptions{}, shown);
  progress.Finish();
  return profiled;
}

}  // namespace steward::cli
