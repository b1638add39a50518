#pragma once

#include <memory>
#include <optional>

#include "steward/validate/internal/check.h"
#include "steward/validate/suite.h"

namespace steward::validate::internal {

// The checks of one [[column]] entry that read its values, each made only for a column whose
// kind it applies to (see applicability.h). `examples` bounds the failing rows each keeps.

// not_null and max_missing_rate (either may be unset): one count of missing values.
std::unique_ptr<Check> MakeMissingCheck(ColumnRef column, bool not_null,
                                        std::optional<double> max_missing_rate, size_t examples);

// unique: no non-missing value repeats. Keeps one entry per distinct value (exact for
// numbers, categories, timestamps and booleans; a 64-bit hash of text values).
std::unique_ptr<Check> MakeUniqueCheck(ColumnRef column, size_t examples);

// min and/or max of a numeric or timestamp column.
// REQUIRES: each set bound fits the column (a number for numeric, a timestamp for timestamp).
std::unique_ptr<Check> MakeRangeCheck(ColumnRef column, std::optional<Bound> min,
                                      std::optional<Bound> max, size_t examples);

// allowed: every non-missing value is in the set. REQUIRES: AllowedApplies(allowed, kind).
std::unique_ptr<Check> MakeAllowedCheck(ColumnRef column, AllowedValues allowed, size_t examples);

}  // namespace steward::validate::internal
