#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "steward/validate/internal/check.h"
#include "steward/validate/suite.h"

namespace steward::validate::internal {

// Checks of a numeric column's distribution. REQUIRES: a numeric column.

// mean: of the non-missing values, by a compensated (Neumaier) sum; constant memory.
std::unique_ptr<Check> MakeMeanCheck(ColumnRef column, NumberRange range);

// quantiles and max_outlier_rate (either may be empty): exact, so the column's values are
// kept, 8 bytes a row, plus a sorted copy of the non-missing ones while finishing.
std::unique_ptr<Check> MakeDistributionCheck(ColumnRef column,
                                             std::vector<QuantileExpectation> quantiles,
                                             std::optional<OutlierExpectation> outliers,
                                             size_t examples);

}  // namespace steward::validate::internal
