#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "steward/core/result.h"
#include "steward/validate/internal/check.h"

namespace steward::validate::internal {

// The checks of categorical and text values. A categorical column's verdicts are computed
// once per category and kept across batches (each batch's categories extend the last).

// regex: RE2, matched against the whole value. Fails with kInvalidArgument if `pattern`
// does not compile. REQUIRES: a categorical or text column.
Result<std::unique_ptr<Check>> MakeRegexCheck(ColumnRef column, const std::string& pattern,
                                              size_t examples);

// min_length and/or max_length, in UTF-8 code points. REQUIRES: a categorical or text column.
std::unique_ptr<Check> MakeLengthCheck(ColumnRef column, std::optional<uint64_t> min_length,
                                       std::optional<uint64_t> max_length, size_t examples);

}  // namespace steward::validate::internal
