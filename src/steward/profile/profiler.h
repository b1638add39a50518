#pragma once

#include <memory>
#include <string>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/io/batch_reader.h"
#include "steward/profile/profile.h"

namespace steward::profile {

// Builds a Profile from record batches in one pass and bounded memory. Batches may be added
// from several threads at once and in any order; the result depends only on the batches and
// their indexes (file order), never on the thread count or timing: order-sensitive state
// (moments, quantile sketches, the sample) is merged in index order.
class Profiler {
 public:
  // Fails if options.target names no column of `schema`.
  // `expected_rows` (0: unknown) lets batches sketch early when the data is surely too large
  // for exact quantiles.
  static Result<std::unique_ptr<Profiler>> Make(const Schema& schema, ProfileOptions options,
                                                std::string source, uint64_t expected_rows = 0);
  ~Profiler();

  // Thread-safe. REQUIRES: each index once; batches have `schema`; categorical categories of
  // a later batch extend those of an earlier one (as readers guarantee).
  Status AddBatch(size_t index, const Table& batch);
  // REQUIRES: every index from 0 to the last was added.
  Result<Profile> Finish();

 private:
  Profiler() = default;
  struct State;
  std::unique_ptr<State> state_;
};

// Profiles everything `reader` yields, on the reader's threads when it has them.
Result<Profile> ProfileBatches(io::BatchReader& reader, ProfileOptions options, std::string source);

}  // namespace steward::profile
