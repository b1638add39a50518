#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"

namespace steward::io {

// What reading a source saw, for reports ("1,000,000 rows, 2 bad rows skipped").
struct SourceStats {
  uint64_t rows = 0;
  uint64_t bad_rows = 0;                      // skipped or quarantined
  uint64_t blank_lines = 0;                   // empty lines, which hold no record
  uint64_t bytes = 0;                         // input bytes consumed (0 for a database)
  char delimiter = 0;                         // CSV only
  size_t sampled_records = 0;                 // records the column kinds were inferred from
  std::vector<std::string> bad_row_examples;  // the first few, as "where: what"
};

struct ReadResult {
  Table table;
  SourceStats stats;
};

// Called with each batch and its index (0, 1, ... in file order). May be called from several
// threads at once, in any order; must be thread-safe.
using BatchVisitor = std::function<Status(size_t index, Table batch)>;

// A source of record batches in order, all with schema(). Categorical codes are stable across
// batches: each batch's categories extend the previous batch's. Memory is bounded by a few
// batches, so a caller that folds batches (profiling) runs in constant memory.
// Not thread-safe; call from one thread.
class BatchReader {
 public:
  virtual ~BatchReader() = default;
  virtual const Schema& schema() const = 0;
  // The next batch, or nullopt after the last. After an error the reader is finished.
  virtual Result<std::optional<Table>> Next() = 0;
  virtual const SourceStats& stats() const = 0;
  // A guess of the total rows, to size columns once; 0 when unknown.
  virtual uint64_t expected_rows() const { return 0; }
  // Drains the reader into one Table. The default appends what Next() yields; a reader may
  // do better (the CSV reader appends on its parse threads).
  virtual Result<ReadResult> ReadAll();
  // Visits every remaining batch; stops at the first error, the visitor's or the reader's.
  // The default calls Next() and visits on the calling thread; a reader may visit on its own
  // threads (the CSV reader visits on its parse threads), so folding batches scales.
  virtual Status ForEachBatch(const BatchVisitor& visit);
};

// Drains `reader` into one Table (reader.ReadAll()).
inline Result<ReadResult> ReadAll(BatchReader& reader) {
  return reader.ReadAll();
}

}  // namespace steward::io
