#include "steward/validate/internal/expectation_text.h"

#include "steward/io/value_parsing.h"

namespace steward::validate::internal {

std::string ColumnId(std::string_view column, std::string_view key) {
  return "column:" + std::string(column) + ":" + std::string(key);
}

std::string QuantileKey(double q) {
  return "quantile:" + FormatNumber(q);
}

std::string BoundText(const Bound& bound) {
  if (const double* number = std::get_if<double>(&bound))
    return FormatNumber(*number);
  return FormatTimestamp(std::get<TimestampBound>(bound).micros);
}

std::string RangeText(const std::optional<double>& min, const std::optional<double>& max) {
  if (min && max)
    return "in [" + FormatNumber(*min) + ", " + FormatNumber(*max) + "]";
  return min ? ">= " + FormatNumber(*min) : "<= " + FormatNumber(max.value_or(0));
}

bool InRange(double value, const std::optional<double>& min, const std::optional<double>& max) {
  return (!min || value >= *min) && (!max || value <= *max);
}

std::string MissingRateText(double max_rate) {
  return "missing rate <= " + FormatNumber(max_rate);
}

std::string MinText(const Bound& min) {
  return ">= " + BoundText(min);
}

std::string MaxText(const Bound& max) {
  return "<= " + BoundText(max);
}

std::string AllowedText(const AllowedValues& allowed) {
  constexpr size_t kShown = 10;
  std::string text = "in {";
  size_t count = 0;
  auto add = [&](const std::string& value) {
    if (count < kShown)
      text += (count > 0 ? ", " : "") + value;
    ++count;
  };
  if (const auto* strings = std::get_if<std::vector<std::string>>(&allowed)) {
    for (const std::string& value : *strings)
      add(io::QuoteForMessage(value));
  } else {
    for (double value : std::get<std::vector<double>>(allowed))
      add(FormatNumber(value));
  }
  if (count > kShown)
    text += ", and " + std::to_string(count - kShown) + " more";
  return text + "}";
}

std::string RegexText(const std::string& pattern) {
  return "matches " + io::QuoteForMessage(pattern);
}

std::string MinLengthText(uint64_t length) {
  return "length >= " + std::to_string(length);
}

std::string MaxLengthText(uint64_t length) {
  return "length <= " + std::to_string(length);
}

std::string MeanText(const NumberRange& range) {
  return "mean " + RangeText(range.min, range.max);
}

std::string QuantileText(const QuantileExpectation& quantile) {
  return "quantile " + FormatNumber(quantile.q) + " " + RangeText(quantile.min, quantile.max);
}

std::string OutlierText(const OutlierExpectation& outliers) {
  return std::string(outliers.method == OutlierMethod::kIqr ? "iqr" : "mad") +
         " outlier rate <= " + FormatNumber(outliers.max_rate);
}

std::vector<ExpectationText> ColumnExpectationTexts(const ColumnExpectations& column) {
  std::vector<ExpectationText> texts;
  if (column.not_null)
    texts.push_back({"not_null", std::string(kNotNullText)});
  if (column.max_missing_rate)
    texts.push_back({"max_missing_rate", MissingRateText(*column.max_missing_rate)});
  if (column.unique)
    texts.push_back({"unique", std::string(kUniqueText)});
  if (column.min)
    texts.push_back({"min", MinText(*column.min)});
  if (column.max)
    texts.push_back({"max", MaxText(*column.max)});
  if (column.allowed)
    texts.push_back({"allowed", AllowedText(*column.allowed)});
  if (column.regex)
    texts.push_back({"regex", RegexText(*column.regex)});
  if (column.min_length)
    texts.push_back({"min_length", MinLengthText(*column.min_length)});
  if (column.max_length)
    texts.push_back({"max_length", MaxLengthText(*column.max_length)});
  if (column.mean)
    texts.push_back({"mean", MeanText(*column.mean)});
  for (const QuantileExpectation& quantile : column.quantiles)
    texts.push_back({QuantileKey(quantile.q), QuantileText(quantile)});
  if (column.max_outlier_rate)
    texts.push_back({"max_outlier_rate", OutlierText(*column.max_outlier_rate)});
  return texts;
}

}  // namespace steward::validate::internal
