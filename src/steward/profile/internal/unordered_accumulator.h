#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "steward/core/table.h"
#include "steward/profile/internal/profile_plan.h"
#include "steward/profile/profile.h"

namespace steward::profile::internal {

// Row hashes held by all of a profiler's accumulators together: the exact duplicate count
// then costs the same memory whatever the number of threads, and the sets are dropped for the
// HyperLogLog as soon as their sum passes options.duplicate_exact_limit (which can be early
// when threads hold the same row).
struct RowHashBudget {
  std::atomic<uint64_t> held{0};
  std::atomic<bool> exhausted{false};
};

// The statistics whose result does not depend on the order batches arrive in: counts,
// distinct values, label counts, contingency tables and duplicate rows. Each thread folds
// batches into its own accumulator; they are merged at the end.
class UnorderedAccumulator {
 public:
  UnorderedAccumulator(const Schema& schema, const ProfilePlan& plan, const ProfileOptions& options,
                       RowHashBudget& budget);

  void Add(const Table& batch);
  Status Merge(UnorderedAccumulator& other);

  // Codes index the categories of the last batch (they only grow); booleans use 0 and 1.
  struct LabelPairCounts {
    std::vector<uint64_t> cells;  // [code_a * stride + code_b]
    bool too_many_categories = false;
  };

  std::vector<uint64_t> missing;
  std::vector<sketch::DistinctCounter> distinct;    // numeric, text and timestamp columns
  std::vector<std::vector<uint64_t>> label_counts;  // categorical and boolean columns
  std::vector<LabelPairCounts> contingency;         // per plan.contingency_pairs
  sketch::HashSet64 row_hashes;
  bool rows_exact = true;
  sketch::HyperLogLog row_sketch;
  uint64_t rows = 0;

 private:
  void HashColumn(const Column& column, size_t index, std::vector<uint64_t>& hashes);
  void CountPairs(const Table& batch);
  void AddRowHashes(const std::vector<uint64_t>& row_hashes);
  void DropRowHashes();

  const ProfilePlan* plan_;
  const ProfileOptions* options_;
  RowHashBudget* budget_;
  std::vector<std::vector<uint64_t>> label_hashes_;  // per categorical column, by code
};

}  // namespace steward::profile::internal
