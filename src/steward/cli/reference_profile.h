#pragma once

#include <string>

#include "steward/cli/command.h"
#include "steward/cli/source_flags.h"
#include "steward/core/result.h"
#include "steward/profile/profile.h"

namespace steward::cli {

// True when `path` is a profile written by `steward profile`: a JSON document whose first key
// is "format" with a "steward.profile/..." value (as Steward writes them), not a data set.
bool IsProfileFile(const std::string& path);

// The profile a suite is inferred from: read from a profile file, or made by profiling the data
// set at `path` (with progress on a terminal unless quiet).
Result<profile::Profile> ReferenceProfile(const std::string& path, const SourceFlags& source,
                                          const GlobalOptions& global);

}  // namespace steward::cli
