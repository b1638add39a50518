#pragma once
// Test support only: included by the module's *_test.cc files and fuzzers, never by the
// library. Builds small tables and streams them as a BatchReader would.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "steward/core/table.h"
#include "steward/io/batch_reader.h"
#include "steward/io/value_parsing.h"

namespace steward::validate::testing {

using Cell = std::optional<std::string>;  // nullopt: missing
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A broken test fixture is a bug in the test: stop at once (usable without gtest, by fuzzers).
[[noreturn]] inline void Die(const std::string& message) {
  std::fprintf(stderr, "test table: %s\n", message.c_str());
  std::abort();
}

// TableBuilder().Numeric("age", {31, kNaN}).Categorical("group", {"a", std::nullopt}).Build()
class TableBuilder {
 public:
  TableBuilder& Numeric(std::string name, std::vector<double> values) {
    return Add(std::move(name), ColumnKind::kNumeric, Column::Numeric(std::move(values)));
  }
  TableBuilder& Categorical(std::string name, const std::vector<Cell>& values) {
    std::vector<std::string> labels;
    std::vector<uint8_t> missing;
    for (const Cell& value : values) {
      labels.push_back(value.value_or(""));
      missing.push_back(value ? 0 : 1);
    }
    return Add(std::move(name), ColumnKind::kCategorical,
               Column::CategoricalFromLabels(labels, missing));
  }
  TableBuilder& Text(std::string name, const std::vector<Cell>& values) {
    TextValues text;
    for (const Cell& value : values) {
      if (value)
        text.Append(*value);
      else
        text.AppendMissing();
    }
    return Add(std::move(name), ColumnKind::kText, Column::Text(std::move(text)));
  }
  // ISO 8601 strings; nullopt is missing. REQUIRES: every string parses.
  TableBuilder& Timestamp(std::string name, const std::vector<Cell>& values) {
    std::vector<int64_t> micros;
    for (const Cell& value : values) {
      int64_t parsed = kMissingTimestamp;
      if (value && !io::ParseTimestamp(*value, parsed))
        Die("not a timestamp: " + *value);
      micros.push_back(parsed);
    }
    return Add(std::move(name), ColumnKind::kTimestamp, Column::Timestamp(std::move(micros)));
  }
  // 1 true, 0 false, -1 missing.
  TableBuilder& Boolean(std::string name, std::vector<int8_t> values) {
    return Add(std::move(name), ColumnKind::kBoolean, Column::Boolean(std::move(values)));
  }

  Table Build() {
    Result<Schema> schema = Schema::Make(fields_);
    if (!schema.ok())
      Die(schema.status().message());
    Result<Table> table = Table::Make(std::move(schema).value(), std::move(columns_));
    if (!table.ok())
      Die(table.status().message());
    return std::move(table).value();
  }

 private:
  TableBuilder& Add(std::string name, ColumnKind kind, Column column) {
    fields_.push_back(Field{std::move(name), kind, ColumnRole::kFeature});
    columns_.push_back(std::move(column));
    return *this;
  }
  std::vector<Field> fields_;
  std::vector<Column> columns_;
};

// Rows [begin, end) of `column`; a categorical slice's categories are the first
// `categories` of the column's, as a reader's batch dictionary grows.
inline Column SliceColumn(const Column& column, size_t begin, size_t end, size_t categories) {
  switch (column.kind()) {
    case ColumnKind::kNumeric:
      return Column::Numeric({column.numeric().begin() + begin, column.numeric().begin() + end});
    case ColumnKind::kCategorical: {
      const Categories& all = column.categories();
      return Column::Categorical(
          {column.codes().begin() + begin, column.codes().begin() + end},
          std::make_shared<const Categories>(all.begin(), all.begin() + categories));
    }
    case ColumnKind::kText: {
      TextValues text;
      for (size_t row = begin; row < end; ++row) {
        if (column.text().missing[row])
          text.AppendMissing();
        else
          text.Append(column.text().at(row));
      }
      return Column::Text(std::move(text));
    }
    case ColumnKind::kTimestamp:
      return Column::Timestamp(
          {column.timestamps().begin() + begin, column.timestamps().begin() + end});
    case ColumnKind::kBoolean:
      return Column::Boolean({column.booleans().begin() + begin, column.booleans().begin() + end});
  }
  return Column::Numeric({});
}

// Cuts `table` into batches of `rows_per_batch` rows (the last may be shorter), each
// batch's categories extending the previous batch's, as BatchReader promises.
inline std::vector<Table> SplitIntoBatches(const Table& table, size_t rows_per_batch) {
  std::vector<Table> batches;
  std::vector<size_t> categories(table.num_columns(), 0);
  for (size_t begin = 0; begin < table.num_rows(); begin += rows_per_batch) {
    const size_t end = std::min(table.num_rows(), begin + rows_per_batch);
    std::vector<Column> columns;
    for (size_t c = 0; c < table.num_columns(); ++c) {
      const Column& column = table.column(c);
      if (column.kind() == ColumnKind::kCategorical) {
        for (size_t row = begin; row < end; ++row) {
          categories[c] =
              std::max(categories[c], static_cast<size_t>(std::max(column.codes()[row], -1) + 1));
        }
      }
      columns.push_back(SliceColumn(column, begin, end, categories[c]));
    }
    batches.push_back(Table::Make(table.schema(), std::move(columns)).value());
  }
  return batches;
}

// A BatchReader over batches held in memory.
class VectorBatchReader final : public io::BatchReader {
 public:
  VectorBatchReader(Schema schema, std::vector<Table> batches)
      : schema_(std::move(schema)), batches_(std::move(batches)) {}
  // `table` in batches of `rows_per_batch` rows.
  static std::unique_ptr<VectorBatchReader> Of(const Table& table, size_t rows_per_batch = 1000) {
    return std::make_unique<VectorBatchReader>(table.schema(),
                                               SplitIntoBatches(table, rows_per_batch));
  }

  const Schema& schema() const override { return schema_; }
  Result<std::optional<Table>> Next() override {
    if (next_ == batches_.size())
      return std::optional<Table>();
    stats_.rows += batches_[next_].num_rows();
    return std::optional<Table>(std::move(batches_[next_++]));
  }
  const io::SourceStats& stats() const override { return stats_; }

 private:
  Schema schema_;
  std::vector<Table> batches_;
  size_t next_ = 0;
  io::SourceStats stats_;
};

}  // namespace steward::validate::testing
