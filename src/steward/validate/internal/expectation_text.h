#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "steward/validate/internal/format_number.h"
#include "steward/validate/suite.h"

namespace steward::validate::internal {

// Ids and descriptions of expectations as reports show them (docs/formats/suite.md), in one
// place so that a check and a skipped or failed-before-reading result say the same.

// "column:age:min".
std::string ColumnId(std::string_view column, std::string_view key);
// "quantile:0.5", the key of one quantile expectation.
std::string QuantileKey(double q);

std::string BoundText(const Bound& bound);  // "18" or "2024-01-31T00:00:00Z"
// "in [30, 50]", ">= 30" or "<= 50". REQUIRES: min or max set.
std::string RangeText(const std::optional<double>& min, const std::optional<double>& max);
bool InRange(double value, const std::optional<double>& min, const std::optional<double>& max);

inline constexpr std::string_view kNotNullText = "no missing values";
inline constexpr std::string_view kUniqueText = "no repeated values";
std::string MissingRateText(double max_rate);
std::string MinText(const Bound& min);
std::string MaxText(const Bound& max);
std::string AllowedText(const AllowedValues& allowed);
std::string RegexText(const std::string& pattern);
std::string MinLengthText(uint64_t length);
std::string MaxLengthText(uint64_t length);
std::string MeanText(const NumberRange& range);
std::string QuantileText(const QuantileExpectation& quantile);
std::string OutlierText(const OutlierExpectation& outliers);

struct ExpectationText {
  std::string key;  // "min", "quantile:0.5", ...
  std::string expected;
};

// The value expectations of a [[column]] entry (all but required and kind), in report order.
std::vector<ExpectationText> ColumnExpectationTexts(const ColumnExpectations& column);

}  // namespace steward::validate::internal
