#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "steward/validate/internal/check.h"

namespace steward::validate::internal {

// min_rows and/or max_rows: the number of records read.
std::unique_ptr<Check> MakeRowCountCheck(std::optional<uint64_t> min_rows,
                                         std::optional<uint64_t> max_rows);

// max_duplicate_rows: rows equal in every column to an earlier row (missing equals missing,
// as pandas.DataFrame.duplicated counts them). Rows are compared by a 64-bit hash of all
// their values, kept once per distinct row (32-64 bytes each); two different rows share a
// hash with probability about n^2 / 2^65.
std::unique_ptr<Check> MakeDuplicateRowsCheck(uint64_t max_duplicates,
                                              std::vector<std::string> column_names,
                                              size_t examples);

}  // namespace steward::validate::internal
