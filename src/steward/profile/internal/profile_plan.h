#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/schema.h"
#include "steward/profile/profile_options.h"
#include "steward/sketch/hashing.h"

namespace steward::profile::internal {

// Which columns take part in which table-wide statistic, decided once from the schema.
struct ProfilePlan {
  std::vector<size_t> numeric_columns;
  std::vector<std::pair<size_t, size_t>> pearson_pairs;  // column indexes, first < second
  std::vector<size_t> label_columns;                     // categorical and boolean
  std::vector<std::pair<size_t, size_t>> contingency_pairs;
  std::optional<size_t> target;
  bool target_has_labels = false;  // categorical or boolean target: classes
  uint64_t sample_salt = 0;        // keeps samples of different sources independent
  // Values a batch's quantile sketch keeps raw. When the source holds far more rows than the
  // whole profile keeps raw, batches compact their sketches on their own threads instead of
  // handing raw values to the in-order merge.
  uint64_t batch_exact_quantile_limit = 0;

  static Result<ProfilePlan> Make(const Schema& schema, const ProfileOptions& options,
                                  uint64_t sample_salt, uint64_t expected_rows);
};

// Hashes a value of one row in the canonical form shared by distinct counts and duplicate
// rows; categorical values hash by label, so profiles of different files agree.
inline constexpr uint64_t kMissingValueHash = 0x9e3779b97f4a7c15ULL;

// The sample key of a row: a seeded hash of where the row is, uniform in [0, 2^64).
// SampleKey(seed, salt, batch, row) == SampleKeyOf(SampleKeyBase(seed, salt), batch, row); the
// split lets a batch hash its seed and salt once instead of once per row.
uint64_t SampleKey(uint64_t seed, uint64_t salt, size_t batch_index, size_t row);

inline uint64_t SampleKeyBase(uint64_t seed, uint64_t salt) {
  return sketch::HashCombine(seed, salt);
}

inline uint64_t SampleKeyOf(uint64_t base, size_t batch_index, size_t row) {
  return sketch::HashCombine(base, (static_cast<uint64_t>(batch_index) << 32) ^ row);
}

}  // namespace steward::profile::internal
