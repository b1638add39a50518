#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "steward/core/result.h"

namespace steward::model {

struct RowSplit {
  std::vector<uint32_t> train;  // ascending
  std::vector<uint32_t> valid;  // ascending
};

// Splits `rows` into training and validation rows, `valid_fraction` of each stratum for
// validation (rounded, at least one from a stratum of two or more rows). With `strata`
// (class indexes per row of the table, as floats) each class keeps its share; without, the
// rows form one stratum. The result depends only on the inputs and `seed` (a SplitMix64-seeded
// Fisher-Yates shuffle, the same on every platform). Fails if either side ends up empty.
Result<RowSplit> StratifiedSplit(std::span<const uint32_t> rows, std::span<const float> strata,
                                 double valid_fraction, uint64_t seed);

// `folds` disjoint validation folds over `rows`, stratified the same way; fold i's training
// rows are the others. Fails if a fold would be empty.
Result<std::vector<RowSplit>> StratifiedFolds(std::span<const uint32_t> rows,
                                              std::span<const float> strata, size_t folds,
                                              uint64_t seed);

}  // namespace steward::model
