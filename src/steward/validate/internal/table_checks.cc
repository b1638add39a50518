#include "steward/validate/internal/table_checks.h"

#include <string>
#include <utility>
#include <vector>

#include "steward/validate/internal/hash_index.h"
#include "steward/validate/internal/value_keys.h"

namespace steward::validate::internal {
namespace {

class RowCountCheck final : public Check {
 public:
  RowCountCheck(std::optional<uint64_t> min, std::optional<uint64_t> max) : min_(min), max_(max) {}

  void Consume(const Table&, uint64_t) override {}

  void Finish(uint64_t rows, std::vector<ExpectationResult>& results) override {
    if (min_) {
      ExpectationResult result =
          NewResult("table:min_rows", "rows >= " + std::to_string(*min_), rows >= *min_);
      result.observed.number = static_cast<double>(rows);
      results.push_back(std::move(result));
    }
    if (max_) {
      ExpectationResult result =
          NewResult("table:max_rows", "rows <= " + std::to_string(*max_), rows <= *max_);
      result.observed.number = static_cast<double>(rows);
      results.push_back(std::move(result));
    }
  }

 private:
  std::optional<uint64_t> min_;
  std::optional<uint64_t> max_;
};

class DuplicateRowsCheck final : public Check {
 public:
  DuplicateRowsCheck(uint64_t max_duplicates, std::vector<std::string> names, size_t examples)
      : max_duplicates_(max_duplicates), names_(std::move(names)), log_(examples) {}

  void Consume(const Table& batch, uint64_t first_row) override {
    hashes_.assign(batch.num_rows(), 0x5374657761726421ULL);
    for (size_t column = 0; column < batch.num_columns(); ++column)
      MixRowKeys(batch.column(column), hashes_);
    for (size_t row = 0; row < hashes_.size(); ++row) {
      std::optional<uint64_t> first = seen_.Insert(hashes_[row], first_row + row);
      if (!first)
        continue;
      if (FailingRow* example = log_.Add(first_row + row)) {
        example->same_as_row = *first + 1;
        for (size_t column = 0; column < batch.num_columns(); ++column)
          example->values.emplace_back(names_[column], ValueAt(batch.column(column), row));
      }
    }
  }

  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    ExpectationResult result = NewResult("table:max_duplicate_rows",
                                         "duplicate rows <= " + std::to_string(max_duplicates_),
                                         log_.count() <= max_duplicates_);
    result.observed.number = static_cast<double>(log_.count());
    if (result.status == ExpectationStatus::kFailed)
      log_.MoveTo(result);
    results.push_back(std::move(result));
  }

 private:
  uint64_t max_duplicates_;
  std::vector<std::string> names_;
  FirstSeenIndex seen_;
  std::vector<uint64_t> hashes_;
  FailureLog log_;
};

}  // namespace

std::unique_ptr<Check> MakeRowCountCheck(std::optional<uint64_t> min_rows,
                                         std::optional<uint64_t> max_rows) {
  return std::make_unique<RowCountCheck>(min_rows, max_rows);
}

std::unique_ptr<Check> MakeDuplicateRowsCheck(uint64_t max_duplicates,
                                              std::vector<std::string> column_names,
                                              size_t examples) {
  return std::make_unique<DuplicateRowsCheck>(max_duplicates, std::move(column_names), examples);
}

}  // namespace steward::validate::internal
