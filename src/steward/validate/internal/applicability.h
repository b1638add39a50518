#pragma once

#include <string_view>
#include <variant>

#include "steward/core/column.h"
#include "steward/validate/suite.h"

namespace steward::validate::internal {

// Which column kinds each expectation applies to (docs/formats/suite.md). The parser checks
// them against a declared kind; Validate() against the data's kind when none is declared.

inline bool BoundApplies(const Bound& bound, ColumnKind kind) {
  return std::holds_alternative<double>(bound) ? kind == ColumnKind::kNumeric
                                               : kind == ColumnKind::kTimestamp;
}
inline std::string_view BoundKinds(const Bound& bound) {
  return std::holds_alternative<double>(bound) ? "numeric" : "timestamp";
}

inline bool AllowedApplies(const AllowedValues& allowed, ColumnKind kind) {
  if (std::holds_alternative<std::vector<double>>(allowed))
    return kind == ColumnKind::kNumeric;
  return kind == ColumnKind::kCategorical || kind == ColumnKind::kText ||
         kind == ColumnKind::kBoolean;
}
inline std::string_view AllowedKinds(const AllowedValues& allowed) {
  return std::holds_alternative<std::vector<double>>(allowed) ? "numeric"
                                                              : "categorical, text or boolean";
}

// regex, min_length, max_length.
inline bool StringRuleApplies(ColumnKind kind) {
  return kind == ColumnKind::kCategorical || kind == ColumnKind::kText;
}
inline constexpr std::string_view kStringRuleKinds = "categorical or text";

// mean, quantiles, max_outlier_rate.
inline bool NumericRuleApplies(ColumnKind kind) {
  return kind == ColumnKind::kNumeric;
}
inline constexpr std::string_view kNumericRuleKinds = "numeric";

}  // namespace steward::validate::internal
