#include "steward/validate/internal/column_checks.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "steward/io/value_parsing.h"
#include "steward/validate/internal/expectation_text.h"
#include "steward/validate/internal/hash_index.h"
#include "steward/validate/internal/value_keys.h"

namespace steward::validate::internal {
namespace {

class MissingCheck final : public Check {
 public:
  MissingCheck(ColumnRef column, bool not_null, std::optional<double> max_rate, size_t examples)
      : column_(std::move(column)), not_null_(not_null), max_rate_(max_rate), log_(examples) {}

  void Consume(const Table& batch, uint64_t first_row) override {
    const Column& column = batch.column(column_.index);
    for (size_t row = 0; row < column.size(); ++row) {
      if (column.IsMissing(row))
        log_.AddValue(first_row, row, column_.name, column);
    }
  }

  void Finish(uint64_t rows, std::vector<ExpectationResult>& results) override {
    const uint64_t missing = log_.count();
    if (not_null_) {
      ExpectationResult result =
          NewResult(ColumnId(column_.name, "not_null"), std::string(kNotNullText), missing == 0);
      result.observed.number = static_cast<double>(missing);
      FailureLog copy = log_;
      copy.MoveTo(result);
      results.push_back(std::move(result));
    }
    if (max_rate_) {
      const double rate =
          rows == 0 ? 0.0 : static_cast<double>(missing) / static_cast<double>(rows);
      ExpectationResult result = NewResult(ColumnId(column_.name, "max_missing_rate"),
                                           MissingRateText(*max_rate_), rate <= *max_rate_);
      result.observed.number = rate;
      result.note = std::to_string(missing) + " of " + std::to_string(rows) + " values missing";
      // Rows count against a rate only when the rate is exceeded.
      if (result.status == ExpectationStatus::kFailed)
        log_.MoveTo(result);
      results.push_back(std::move(result));
    }
  }

 private:
  ColumnRef column_;
  bool not_null_;
  std::optional<double> max_rate_;
  FailureLog log_;
};

class UniqueCheck final : public Check {
 public:
  UniqueCheck(ColumnRef column, size_t examples) : column_(std::move(column)), log_(examples) {}

  void Consume(const Table& batch, uint64_t first_row) override {
    const Column& column = batch.column(column_.index);
    ForEachValueKey(column, [&](size_t row, uint64_t key) {
      std::optional<uint64_t> first = seen_.Insert(key, first_row + row);
      if (!first)
        return;
      if (FailingRow* example = log_.Add(first_row + row)) {
        example->values.emplace_back(column_.name, ValueAt(column, row));
        example->same_as_row = *first + 1;
      }
    });
  }

  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    ExpectationResult result =
        NewResult(ColumnId(column_.name, "unique"), std::string(kUniqueText), log_.count() == 0);
    result.observed.number = static_cast<double>(log_.count());
    result.note = std::to_string(seen_.size()) + " distinct values";
    log_.MoveTo(result);
    results.push_back(std::move(result));
  }

 private:
  ColumnRef column_;
  FirstSeenIndex seen_;
  FailureLog log_;
};

// min/max over numbers (T = double) or timestamps (T = int64_t).
template <typename T>
class RangeCheck final : public Check {
 public:
  RangeCheck(ColumnRef column, std::optional<Bound> min, std::optional<Bound> max, size_t examples)
      : column_(std::move(column)),
        min_(std::move(min)),
        max_(std::move(max)),
        below_(examples),
        above_(examples) {}

  void Consume(const Table& batch, uint64_t first_row) override {
    const Column& column = batch.column(column_.index);
    std::span<const T> values;
    if constexpr (std::is_same_v<T, double>) {
      values = column.numeric();
    } else {
      values = column.timestamps();
    }
    // Plain values and flags: GCC 12 warns falsely about optionals read in this loop.
    const bool has_min = min_.has_value();
    const bool has_max = max_.has_value();
    const T min = has_min ? Value(*min_) : T{};
    const T max = has_max ? Value(*max_) : T{};
    for (size_t row = 0; row < values.size(); ++row) {
      const T value = values[row];
      if (IsMissing(value))
        continue;
      seen_ = true;
      lowest_ = std::min(lowest_, value);
      highest_ = std::max(highest_, value);
      if (has_min && value < min)
        below_.AddValue(first_row, row, column_.name, column);
      if (has_max && value > max)
        above_.AddValue(first_row, row, column_.name, column);
    }
  }

  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    if (min_)
      results.push_back(Make("min", MinText(*min_), lowest_, below_));
    if (max_)
      results.push_back(Make("max", MaxText(*max_), highest_, above_));
  }

 private:
  static bool IsMissing(T value) {
    if constexpr (std::is_same_v<T, double>) {
      return value != value;
    } else {
      return value == kMissingTimestamp;
    }
  }
  static T Value(const Bound& bound) {
    if constexpr (std::is_same_v<T, double>) {
      return std::get<double>(bound);
    } else {
      return std::get<TimestampBound>(bound).micros;
    }
  }

  ExpectationResult Make(const char* key, std::string expected, T observed, FailureLog& log) {
    ExpectationResult result =
        NewResult(ColumnId(column_.name, key), std::move(expected), log.count() == 0);
    if (!seen_) {
      result.note = "no values";
    } else if constexpr (std::is_same_v<T, double>) {
      result.observed.number = observed;
    } else {
      result.observed.text = FormatTimestamp(observed);
    }
    log.MoveTo(result);
    return result;
  }

  ColumnRef column_;
  std::optional<Bound> min_;
  std::optional<Bound> max_;
  bool seen_ = false;
  T lowest_ = std::numeric_limits<T>::max();
  T highest_ = std::numeric_limits<T>::lowest();
  FailureLog below_;
  FailureLog above_;
};

// The first few distinct values outside the allowed set, for the report's note.
class UnexpectedValues {
 public:
  void Add(const std::string& value) {
    if (values_.size() < kShown &&
        std::find(values_.begin(), values_.end(), value) == values_.end())
      values_.push_back(value);
  }
  std::string Note() const {
    if (values_.empty())
      return "";
    std::string note = "unexpected values include ";
    for (size_t i = 0; i < values_.size(); ++i)
      note += (i > 0 ? ", " : "") + io::QuoteForMessage(values_[i]);
    return note;
  }

 private:
  static constexpr size_t kShown = 5;
  std::vector<std::string> values_;
};

class AllowedCheck final : public Check {
 public:
  AllowedCheck(ColumnRef column, AllowedValues allowed, size_t examples)
      : column_(std::move(column)),
        expected_(AllowedText(allowed)),
        allowed_(std::move(allowed)),
        log_(examples) {
    if (auto* strings = std::get_if<std::vector<std::string>>(&allowed_)) {
      std::sort(strings->begin(), strings->end());
    } else {
      auto& numbers = std::get<std::vector<double>>(allowed_);
      std::sort(numbers.begin(), numbers.end());
    }
  }

  void Consume(const Table& batch, uint64_t first_row) override {
    const Column& column = batch.column(column_.index);
    auto fail = [&](size_t row) {
      std::optional<std::string> value = ValueAt(column, row);
      unexpected_.Add(value.value_or(""));
      if (FailingRow* example = log_.Add(first_row + row))
        example->values.emplace_back(column_.name, std::move(value));
    };
    switch (column.kind()) {
      case ColumnKind::kNumeric: {
        const auto& numbers = std::get<std::vector<double>>(allowed_);
        const auto values = column.numeric();
        for (size_t row = 0; row < values.size(); ++row) {
          if (values[row] == values[row] &&
              !std::binary_search(numbers.begin(), numbers.end(), values[row]))
            fail(row);
        }
        return;
      }
      case ColumnKind::kCategorical: {
        // One lookup per category, kept across batches (their categories extend).
        const Categories& categories = column.categories();
        for (size_t code = per_category_.size(); code < categories.size(); ++code)
          per_category_.push_back(Allowed(categories[code]) ? 1 : 0);
        const auto codes = column.codes();
        for (size_t row = 0; row < codes.size(); ++row) {
          if (codes[row] >= 0 && !per_category_[static_cast<size_t>(codes[row])])
            fail(row);
        }
        return;
      }
      case ColumnKind::kText: {
        const TextValues& text = column.text();
        for (size_t row = 0; row < text.size(); ++row) {
          if (!text.missing[row] && !Allowed(text.at(row)))
            fail(row);
        }
        return;
      }
      case ColumnKind::kBoolean: {
        const bool true_allowed = Allowed("true");
        const bool false_allowed = Allowed("false");
        const auto values = column.booleans();
        for (size_t row = 0; row < values.size(); ++row) {
          if (values[row] >= 0 && !(values[row] ? true_allowed : false_allowed))
            fail(row);
        }
        return;
      }
      case ColumnKind::kTimestamp:
        return;
    }
  }

  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    ExpectationResult result =
        NewResult(ColumnId(column_.name, "allowed"), expected_, log_.count() == 0);
    result.observed.number = static_cast<double>(log_.count());
    result.note = unexpected_.Note();
    log_.MoveTo(result);
    results.push_back(std::move(result));
  }

 private:
  bool Allowed(std::string_view value) const {
    const auto& strings = std::get<std::vector<std::string>>(allowed_);
    return std::binary_search(strings.begin(), strings.end(), value, std::less<>());
  }

  ColumnRef column_;
  std::string expected_;  // in the suite's order; allowed_ is sorted for lookups
  AllowedValues allowed_;
  std::vector<uint8_t> per_category_;
  UnexpectedValues unexpected_;
  FailureLog log_;
};

}  // namespace

std::unique_ptr<Check> MakeMissingCheck(ColumnRef column, bool not_null,
                                        std::optional<double> max_missing_rate, size_t examples) {
  return std::make_unique<MissingCheck>(std::move(column), not_null, max_missing_rate, examples);
}

std::unique_ptr<Check> MakeUniqueCheck(ColumnRef column, size_t examples) {
  return std::make_unique<UniqueCheck>(std::move(column), examples);
}

std::unique_ptr<Check> MakeRangeCheck(ColumnRef column, std::optional<Bound> min,
                                      std::optional<Bound> max, size_t examples) {
  if (column.kind == ColumnKind::kTimestamp)
    return std::make_unique<RangeCheck<int64_t>>(std::move(column), min, max, examples);
  return std::make_unique<RangeCheck<double>>(std::move(column), min, max, examples);
}

std::unique_ptr<Check> MakeAllowedCheck(ColumnRef column, AllowedValues allowed, size_t examples) {
  return std::make_unique<AllowedCheck>(std::move(column), std::move(allowed), examples);
}

}  // namespace steward::validate::internal
