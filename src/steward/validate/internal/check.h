#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "steward/core/table.h"
#include "steward/validate/validation_report.h"

namespace steward::validate::internal {

// One or more expectations evaluated over a stream of record batches. Validate() calls
// Consume() for every batch in order, then Finish() once. Not thread-safe.
class Check {
 public:
  virtual ~Check() = default;
  // `first_row`: the 0-based position of the batch's first row in the stream.
  virtual void Consume(const Table& batch, uint64_t first_row) = 0;
  // Appends this check's results, after the last batch; `rows` is the stream's row count.
  virtual void Finish(uint64_t rows, std::vector<ExpectationResult>& results) = 0;
};

// A result with its id, expectation text and pass/fail set.
inline ExpectationResult NewResult(std::string id, std::string expected, bool passed) {
  ExpectationResult result;
  result.id = std::move(id);
  result.expected = std::move(expected);
  result.status = passed ? ExpectationStatus::kPassed : ExpectationStatus::kFailed;
  return result;
}

// A result known before reading any row (a column's presence or kind, a skipped expectation).
class FixedResult final : public Check {
 public:
  explicit FixedResult(ExpectationResult result) : result_(std::move(result)) {}
  void Consume(const Table&, uint64_t) override {}
  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    results.push_back(std::move(result_));
  }

 private:
  ExpectationResult result_;
};

// Which column a check reads, and how it is named in ids and examples.
struct ColumnRef {
  size_t index = 0;
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;
};

// A value for an example: nullopt when missing.
inline std::optional<std::string> ValueAt(const Column& column, size_t row) {
  if (column.IsMissing(row))
    return std::nullopt;
  return column.ValueToString(row);
}

// Counts failing rows and keeps the first `limit` of them as examples.
class FailureLog {
 public:
  explicit FailureLog(size_t limit) : limit_(limit) {}

  // Counts one failing row; returns the example to fill in, or nullptr once enough are kept.
  FailingRow* Add(uint64_t stream_row) {
    ++count_;
    if (examples_.size() >= limit_)
      return nullptr;
    examples_.push_back(FailingRow{stream_row + 1, {}, std::nullopt});
    return &examples_.back();
  }
  // Counts one failing row whose example is the value of `column` at `row` in the batch.
  void AddValue(uint64_t first_row, size_t row, const std::string& name, const Column& column) {
    if (FailingRow* example = Add(first_row + row))
      example->values.emplace_back(name, ValueAt(column, row));
  }

  uint64_t count() const { return count_; }
  // Moves the count and examples into `result`.
  void MoveTo(ExpectationResult& result) {
    result.failing_rows = count_;
    result.examples = std::move(examples_);
  }

 private:
  size_t limit_;
  uint64_t count_ = 0;
  std::vector<FailingRow> examples_;
};

}  // namespace steward::validate::internal
