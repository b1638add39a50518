#include "steward/validate/suggest.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "steward/validate/internal/format_number.h"

namespace steward::validate {
namespace {

using internal::FormatNumber;
using profile::ColumnState;
using profile::NumericState;
using profile::Profile;

// The decimal places that show a margin of `width` to two significant digits.
int DecimalsFor(double width) {
  if (!(width > 0) || !std::isfinite(width))
    return 0;
  return std::clamp(static_cast<int>(-std::floor(std::log10(width))) + 1, -15, 15);
}

constexpr int kUnrounded = 1000;

// `value` rounded down (or up) to `decimals` places, so the bound reads as a short decimal
// and never excludes `value`. Dividing an integer by a power of ten gives the double nearest
// the decimal, which prints as that decimal.
double RoundOutward(double value, int decimals, bool down) {
  if (!std::isfinite(value) || decimals == kUnrounded)
    return value;
  const double scale = std::pow(10.0, std::abs(decimals));
  const double scaled = decimals >= 0 ? value * scale : value / scale;
  const double whole = down ? std::floor(scaled) : std::ceil(scaled);
  if (std::abs(whole) >= 9e15)  // beyond exact integers: the value itself is short enough
    return value;
  double rounded = decimals >= 0 ? whole / scale : whole * scale;
  if (down && rounded > value)
    rounded = decimals >= 0 ? (whole - 1) / scale : (whole - 1) * scale;
  if (!down && rounded < value)
    rounded = decimals >= 0 ? (whole + 1) / scale : (whole + 1) * scale;
  return rounded;
}

std::string Short(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.4g", value);
  return text;
}

std::string Count(uint64_t n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<size_t>(at), ",");
  return digits;
}

struct Distinct {
  uint64_t value = 0;
  bool exact = false;
};

// The distinct values of a numeric column whose values the quantile sketch still keeps raw.
std::optional<std::vector<double>> ExactNumbers(const NumericState& numeric, uint64_t limit) {
  if (!numeric.quantiles.is_exact())
    return std::nullopt;
  std::set<double> values;
  bool too_many = false;
  numeric.quantiles.ForEachItem([&](double value, uint64_t) {
    if (!too_many && values.insert(value).second && values.size() > limit)
      too_many = true;
  });
  if (too_many)
    return std::nullopt;
  return std::vector<double>(values.begin(), values.end());
}

class ColumnSuggester {
 public:
  ColumnSuggester(const ColumnState& column, const SuggestOptions& options,
                  uint64_t low_categorical)
      : column_(column), options_(options), low_categorical_(low_categorical) {}

  ColumnExpectations Suggest(std::string& observed) {
    ColumnExpectations out;
    out.name = column_.name;
    out.kind = column_.kind;
    const uint64_t present = column_.count - column_.missing;
    observed = "observed: " + std::string(ColumnKindName(column_.kind)) + ", " +
               Count(column_.count) + " rows, " + Count(column_.missing) + " missing";
    if (present == 0) {
      observed += "; no values, so nothing more is expected";
      return out;
    }
    SuggestMissing(out);
    const profile::ColumnState::DistinctValues counted = column_.Distinct();
    const Distinct distinct{static_cast<uint64_t>(counted.value), counted.exact};
    observed +=
        ", " + std::string(distinct.exact ? "" : "about ") + Count(distinct.value) + " distinct";
    SuggestUnique(out, present, distinct);
    switch (column_.kind) {
      case ColumnKind::kNumeric:
        SuggestNumeric(out, distinct, observed);
        break;
      case ColumnKind::kCategorical:
        SuggestLabels(out, distinct, observed);
        break;
      case ColumnKind::kText:
        SuggestText(out, distinct, observed);
        break;
      case ColumnKind::kTimestamp:
        SuggestTimestamp(out, observed);
        break;
      case ColumnKind::kBoolean:
        break;
    }
    return out;
  }

 private:
  void SuggestMissing(ColumnExpectations& out) const {
    if (column_.missing == 0) {
      out.not_null = true;
      return;
    }
    const double rate = static_cast<double>(column_.missing) / static_cast<double>(column_.count);
    const double bound = std::max(rate * options_.missing_rate_factor, rate + 0.01);
    // Less a relative 1e-12, so that 0.1 * 1.5 = 0.15000000000000002 is written as 0.15.
    out.max_missing_rate = std::min(1.0, RoundOutward(bound * (1 - 1e-12), 3, /*down=*/false));
  }

  // Only values that can be identifiers: labels, text and whole numbers (distinct measured
  // values of a continuous quantity are chance).
  void SuggestUnique(ColumnExpectations& out, uint64_t present, Distinct distinct) const {
    const bool identifier_kind = column_.kind == ColumnKind::kCategorical ||
                                 column_.kind == ColumnKind::kText ||
                                 (column_.kind == ColumnKind::kNumeric && column_.numeric &&
                                  column_.numeric->non_integers == 0);
    out.unique = identifier_kind && distinct.exact && distinct.value == present &&
                 present >= options_.min_unique_rows;
  }

  void SuggestNumeric(ColumnExpectations& out, Distinct distinct, std::string& observed) const {
    const NumericState& numeric = *column_.numeric;
    const sketch::Moments& moments = numeric.moments;
    if (moments.count() == 0) {
      observed += "; only infinite values";
      return;
    }
    observed += ", " + Short(moments.min()) + " to " + Short(moments.max()) + ", mean " +
                Short(moments.mean()) + ", sd " + Short(moments.stddev());
    if (out.unique)
      return;  // an identifier's range and mean say nothing about the next data
    if (distinct.exact && distinct.value <= low_categorical_) {
      if (std::optional<std::vector<double>> values = ExactNumbers(numeric, low_categorical_)) {
        out.allowed = std::move(values).value();
        return;
      }
    }
    const bool integers = numeric.non_integers == 0;
    const double width = moments.max() - moments.min();
    const double margin = options_.range_margin * (width > 0 ? width : std::abs(moments.max()));
    // Without a margin the bounds are the observed values, unrounded.
    const int decimals = margin == 0 ? kUnrounded
                         : integers  ? std::min(0, DecimalsFor(margin))
                                     : DecimalsFor(margin);
    double low = RoundOutward(moments.min() - margin, decimals, /*down=*/true);
    if (numeric.negatives == 0)
      low = std::max(low, 0.0);  // never-negative quantities stay non-negative
    out.min = low;
    out.max = RoundOutward(moments.max() + margin, decimals, /*down=*/false);
    const double shift = options_.mean_shift * moments.stddev();
    if (moments.count() >= 2 && shift > 0 && std::isfinite(shift)) {
      const int mean_decimals = DecimalsFor(shift);
      out.mean = NumberRange{RoundOutward(moments.mean() - shift, mean_decimals, true),
                             RoundOutward(moments.mean() + shift, mean_decimals, false)};
    }
  }

  // False, with a note, when there are too many values to list.
  bool FewEnoughToList(Distinct distinct, std::string& observed) const {
    if (distinct.value <= options_.max_categories)
      return true;
    observed += "; too many values to list as allowed (more than " +
                std::to_string(options_.max_categories) + ")";
    return false;
  }

  void SuggestLabels(ColumnExpectations& out, Distinct distinct, std::string& observed) const {
    if (out.unique || !FewEnoughToList(distinct, observed))
      return;
    std::vector<std::string> labels;
    for (const auto& [label, count] : column_.label_counts)
      labels.push_back(label);
    out.allowed = std::move(labels);
  }

  void SuggestText(ColumnExpectations& out, Distinct distinct, std::string& observed) const {
    const profile::TextState& text = *column_.text;
    const sketch::Moments& lengths = text.lengths;
    observed += ", length " + Short(lengths.min()) + " to " + Short(lengths.max());
    const double margin = options_.range_margin * (lengths.max() - lengths.min());
    out.min_length = static_cast<uint64_t>(std::max(0.0, std::floor(lengths.min() - margin)));
    out.max_length = static_cast<uint64_t>(std::ceil(lengths.max() + margin));
    // Space-saving holds every value while it has room for all of them.
    if (out.unique || !FewEnoughToList(distinct, observed) || !distinct.exact ||
        !text.top.is_exact())
      return;
    std::vector<std::string> labels;
    for (const sketch::SpaceSaving::Item& item : text.top.Top(text.top.size()))
      labels.push_back(item.value);
    std::sort(labels.begin(), labels.end());
    out.allowed = std::move(labels);
  }

  // Only the earliest time: new data is expected to be later than the profiled data.
  void SuggestTimestamp(ColumnExpectations& out, std::string& observed) const {
    const sketch::KllSketch& times = column_.timestamp->quantiles;
    if (times.count() == 0)
      return;
    observed += ", " + FormatTimestamp(static_cast<int64_t>(times.min())) + " to " +
                FormatTimestamp(static_cast<int64_t>(times.max()));
    const double margin = options_.range_margin * (times.max() - times.min());
    constexpr double kMicrosPerSecond = 1e6;
    const double earliest =
        std::floor((times.min() - margin) / kMicrosPerSecond) * kMicrosPerSecond;
    out.min = TimestampBound{static_cast<int64_t>(earliest)};
  }

  const ColumnState& column_;
  const SuggestOptions& options_;
  uint64_t low_categorical_;
};

std::string Header(const Profile& profile, const SuggestOptions& options) {
  return "Suggested by `steward suggest-suite` from " +
         (profile.source.empty() ? std::string("a profile") : profile.source) + " (" +
         Count(profile.rows) + " rows, " + std::to_string(profile.columns.size()) +
         " columns).\nIt describes the data as it was: review it and keep what must hold.\n" +
         "Margins: ranges widened by " + FormatNumber(options.range_margin * 100) +
         "% of the observed range, row count within a factor of " +
         FormatNumber(options.row_count_factor) + ",\nmissing rates times " +
         FormatNumber(options.missing_rate_factor) + " (at least +0.01), means within " +
         FormatNumber(options.mean_shift) + " standard deviations.";
}

}  // namespace

SuggestedSuite SuggestSuite(const Profile& profile, const SuggestOptions& options) {
  SuggestedSuite out;
  out.comments.header = Header(profile, options);
  TableExpectations& table = out.suite.table;
  const double rows = static_cast<double>(profile.rows);
  table.min_rows = static_cast<uint64_t>(std::floor(rows / options.row_count_factor));
  table.max_rows = static_cast<uint64_t>(std::ceil(rows * options.row_count_factor));
  const profile::DuplicateState::Duplicates duplicates = profile.duplicates.Count();
  if (duplicates.exact && duplicates.rows == 0)
    table.max_duplicate_rows = 0;
  for (const ColumnState& column : profile.columns) {
    ColumnSuggester suggester(column, options, profile.options.alerts.low_categorical);
    std::string observed;
    out.suite.columns.push_back(suggester.Suggest(observed));
    out.comments.columns[column.name] = std::move(observed);
  }
  return out;
}

}  // namespace steward::validate
