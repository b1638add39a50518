#include "steward/validate/internal/string_checks.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "steward/io/value_parsing.h"
#include "steward/validate/internal/expectation_text.h"

namespace steward::validate::internal {
namespace {

// Calls f(row, verdict) for every non-missing value, where verdict = evaluate(value) is
// computed once per category of a categorical column and once per row of a text column.
template <typename T, typename Evaluate, typename F>
void ForEachVerdict(const Column& column, std::vector<T>& per_category, Evaluate evaluate, F f) {
  if (column.kind() == ColumnKind::kCategorical) {
    const Categories& categories = column.categories();
    for (size_t code = per_category.size(); code < categories.size(); ++code)
      per_category.push_back(evaluate(std::string_view(categories[code])));
    const auto codes = column.codes();
    for (size_t row = 0; row < codes.size(); ++row) {
      if (codes[row] >= 0)
        f(row, per_category[static_cast<size_t>(codes[row])]);
    }
    return;
  }
  const TextValues& text = column.text();
  for (size_t row = 0; row < text.size(); ++row) {
    if (!text.missing[row])
      f(row, evaluate(text.at(row)));
  }
}

uint64_t CountCodePoints(std::string_view text) {
  uint64_t count = 0;
  for (char c : text)
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

class RegexCheck final : public Check {
 public:
  RegexCheck(ColumnRef column, std::unique_ptr<RE2> regex, size_t examples)
      : column_(std::move(column)), regex_(std::move(regex)), log_(examples) {}

  void Consume(const Table& batch, uint64_t first_row) override {
    const Column& column = batch.column(column_.index);
    ForEachVerdict(
        column, per_category_,
        [this](std::string_view value) -> uint8_t { return RE2::FullMatch(value, *regex_); },
        [&](size_t row, uint8_t matches) {
          if (!matches)
            log_.AddValue(first_row, row, column_.name, column);
        });
  }

  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    ExpectationResult result =
        NewResult(ColumnId(column_.name, "regex"), RegexText(regex_->pattern()), log_.count() == 0);
    result.observed.number = static_cast<double>(log_.count());
    log_.MoveTo(result);
    results.push_back(std::move(result));
  }

 private:
  ColumnRef column_;
  std::unique_ptr<RE2> regex_;
  std::vector<uint8_t> per_category_;
  FailureLog log_;
};

class LengthCheck final : public Check {
 public:
  LengthCheck(ColumnRef column, std::optional<uint64_t> min, std::optional<uint64_t> max,
              size_t examples)
      : column_(std::move(column)), min_(min), max_(max), short_(examples), long_(examples) {}

  void Consume(const Table& batch, uint64_t first_row) override {
    const Column& column = batch.column(column_.index);
    ForEachVerdict(column, per_category_, CountCodePoints, [&](size_t row, uint64_t length) {
      shortest_ = std::min(shortest_, length);
      longest_ = std::max(longest_, length);
      if (min_ && length < *min_)
        short_.AddValue(first_row, row, column_.name, column);
      if (max_ && length > *max_)
        long_.AddValue(first_row, row, column_.name, column);
    });
  }

  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    const bool seen = longest_ >= shortest_;
    if (min_) {
      results.push_back(Make("min_length", MinLengthText(*min_), seen, shortest_, short_));
    }
    if (max_) {
      results.push_back(Make("max_length", MaxLengthText(*max_), seen, longest_, long_));
    }
  }

 private:
  ExpectationResult Make(const char* key, std::string expected, bool seen, uint64_t observed,
                         FailureLog& log) {
    ExpectationResult result =
        NewResult(ColumnId(column_.name, key), std::move(expected), log.count() == 0);
    if (seen)
      result.observed.number = static_cast<double>(observed);
    else
      result.note = "no values";
    log.MoveTo(result);
    return result;
  }

  ColumnRef column_;
  std::optional<uint64_t> min_;
  std::optional<uint64_t> max_;
  std::vector<uint64_t> per_category_;
  uint64_t shortest_ = std::numeric_limits<uint64_t>::max();
  uint64_t longest_ = 0;
  FailureLog short_;
  FailureLog long_;
};

}  // namespace

Result<std::unique_ptr<Check>> MakeRegexCheck(ColumnRef column, const std::string& pattern,
                                              size_t examples) {
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_unique<RE2>(pattern, options);
  if (!regex->ok()) {
    return Status::InvalidArgument("column " + io::QuoteForMessage(column.name) +
                                   ": invalid regex: " + regex->error());
  }
  return std::unique_ptr<Check>(
      std::make_unique<RegexCheck>(std::move(column), std::move(regex), examples));
}

std::unique_ptr<Check> MakeLengthCheck(ColumnRef column, std::optional<uint64_t> min_length,
                                       std::optional<uint64_t> max_length, size_t examples) {
  return std::make_unique<LengthCheck>(std::move(column), min_length, max_length, examples);
}

}  // namespace steward::validate::internal
