#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"

namespace steward::model {

// The subset of POSIX ustar that Steward writes and reads: regular files only, names shorter
// than 100 bytes, mode 0644, owner 0, mtime 0 (the same entries give the same bytes).
// Bundle archives (bundle_archive.h) and registry backups use it.

// Appends one regular-file entry. REQUIRES: name.size() < 100.
void AppendUstarEntry(std::string& archive, std::string_view name, std::string_view bytes);

// Appends the end-of-archive marker (two zero blocks).
void AppendUstarEnd(std::string& archive);

struct UstarEntry {
  std::string name;
  std::string bytes;
};

// Parses an archive into its entries, in order. Refuses with kDataLoss
// "WHERE: what; not a valid KIND, refusing to load it" a bad header checksum, a non-regular
// entry (link, directory), an entry `accept_name` rejects, a duplicate, a size past the end or
// a missing end marker. Names never reach the file system here. Pure.
Result<std::vector<UstarEntry>> ParseUstar(
    std::string_view bytes, const std::string& where, std::string_view kind,
    const std::function<bool(std::string_view)>& accept_name);

}  // namespace steward::model
