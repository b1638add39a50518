#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/io/batch_reader.h"
#include "steward/io/csv_options.h"

namespace steward::io {
struct CsvChunkResult;
}

namespace steward::io {

// Reads a CSV file (or stdin for "-") as a sequence of record batches in file order, in
// bounded memory: a few chunks of options.chunk_bytes are in flight, parsed on
// options.threads threads. Categorical codes are stable across batches: every batch's
// categories extend the previous batch's.
// Not thread-safe; call from one thread.
class CsvStreamReader final : public BatchReader {
 public:
  // Opens the input, detects its layout and infers column kinds. Fails naming the file for a
  // missing or unreadable file, an empty file, a header without rows, or a bad header.
  static Result<std::unique_ptr<CsvStreamReader>> Open(const std::string& path, CsvOptions options);
  ~CsvStreamReader() override;

  const Schema& schema() const override { return schema_; }
  const SourceStats& stats() const override { return stats_; }
  uint64_t expected_rows() const override { return expected_rows_; }

  // The next batch, or nullopt after the last. A bad record under BadRowPolicy::kError fails
  // with "file:line:column: what" and ends the stream. At the end, a quarantine file is
  // written (atomically).
  Result<std::optional<Table>> Next() override;
  // Reads the rest into one Table; with several threads, parsing and appending both run on
  // them. Not to be mixed with Next() on the same reader.
  Result<ReadResult> ReadAll() override;
  // Parse threads visit the batches, concurrently. Not to be mixed with Next().
  Status ForEachBatch(const BatchVisitor& visit) override;

 private:
  CsvStreamReader() = default;
  Result<std::optional<Table>> Consume(CsvChunkResult& chunk);
  Status FinishInput();
  // Parses on the pool: `in_order` sees every parsed chunk in file order, one at a time;
  // `after_deposit` (may be null) runs on each parse thread after it handed over its chunk.
  Status RunPipeline(const std::function<Status(CsvChunkResult&)>& in_order,
                     const std::function<Status()>& after_deposit);
  struct State;
  std::unique_ptr<State> state_;
  Schema schema_;
  SourceStats stats_;
  uint64_t expected_rows_ = 0;
};

// Reads a whole CSV input into one Table (see CsvStreamReader).
Result<ReadResult> ReadCsv(const std::string& path, CsvOptions options);

}  // namespace steward::io
