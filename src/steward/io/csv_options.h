#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "steward/core/column.h"
#include "steward/io/value_parsing.h"

namespace steward::io {

// What to do with a record that cannot be read: stop with an error naming it, or count it and
// go on (skip), or count it, go on and keep its raw text in a file (quarantine).
enum class BadRowPolicy : uint8_t { kError, kSkip, kQuarantine };

// Called with bytes read so far and the total (0 when unknown, e.g. stdin); possibly from a
// parse thread, but never concurrently.
using ProgressCallback = std::function<void(uint64_t bytes_done, uint64_t bytes_total)>;

struct CsvOptions {
  char delimiter = 0;  // 0: detect among , ; tab |
  bool header = true;  // false: columns are named column_1, column_2, ...
  MissingTokens missing = MissingTokens::Default();
  // Records sampled from the start to infer column kinds; 0 reads the whole input first.
  size_t infer_rows = 20'000;
  // Kinds forced by the user, by column name; they bypass inference.
  std::vector<std::pair<std::string, ColumnKind>> column_kinds;
  // A string column becomes text (not categorical) when the sample has more than this many
  // distinct values and they make up more than half of its values.
  size_t categorical_max_distinct = 50;
  unsigned threads = 0;  // 0: one per core
  // Bytes of whole records parsed per task: small enough that a chunk's values stay in the
  // core's L2 cache until they are appended (2 MiB chunks made two threads 1.3x one, 512 KiB 1.5x).
  size_t chunk_bytes = size_t{512} << 10;
  BadRowPolicy bad_rows = BadRowPolicy::kError;
  std::string quarantine_path;  // with kQuarantine: bad records go here, after the header
  ProgressCallback progress;
};

}  // namespace steward::io
