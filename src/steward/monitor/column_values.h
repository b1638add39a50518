#pragma once
// Gathers each column's values on one side of a comparison: from a data source (streamed in
// batches, in bounded memory past the exact limit), from a saved profile, or from the server's
// prediction log.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/io/batch_reader.h"
#include "steward/io/prediction_log.h"
#include "steward/monitor/distribution.h"
#include "steward/profile/profile.h"

namespace steward::monitor {

struct CollectOptions {
  // Numeric values kept raw per column (every test exact); past it a KLL sketch, whose rank
  // error the report states.
  uint64_t exact_limit = uint64_t{1} << 24;
  uint64_t seed = 42;
};

struct CollectedColumns {
  std::vector<ColumnValues> columns;
  uint64_t rows = 0;
  std::vector<std::string> notes;  // columns left out and why
};

// Every numeric, categorical and boolean column of the source; text and timestamp columns are
// left out with a note. Folds batches on the reader's threads.
Result<CollectedColumns> CollectFromBatches(io::BatchReader& reader, const CollectOptions& options);

// The same from a table already in memory (e.g. one the model also predicts from).
CollectedColumns CollectFromTable(const Table& table, const CollectOptions& options);

// The same columns from a profile's state (its numeric sketches and label counts).
CollectedColumns CollectFromProfile(const profile::Profile& profile);

// Which prediction records a window holds: by time (UTC text as the log stores it; a prefix such
// as "2026-11-20" compares as that day's start) and then the last N.
struct LogWindow {
  std::string since;  // inclusive; empty: from the start
  std::string until;  // exclusive; empty: to the end
  uint64_t last = 0;  // 0: all
};

// The window's prediction records, in log order.
std::vector<const io::PredictionRecord*> SelectPredictions(
    const std::vector<io::PredictionRecord>& records, const LogWindow& window);

struct LogColumns {
  CollectedColumns inputs;                 // one column per reference column
  std::optional<ColumnValues> prediction;  // "probability" / "value" / "class" of the outputs
  std::vector<std::string> record_ids;     // of the window's predictions, in order
  std::string first_time, last_time;
};

// The window's prediction records as columns laid out like `reference` (same names and kinds).
// A record whose inputs are not a JSON object is an error naming its id.
Result<LogColumns> CollectFromPredictionLog(const std::vector<io::PredictionRecord>& records,
                                            const std::vector<ColumnValues>& reference,
                                            const LogWindow& window);

}  // namespace steward::monitor
