#pragma once

#include <string_view>
#include <vector>

#include "steward/core/column.h"
#include "steward/core/result.h"
#include "steward/core/schema.h"

namespace steward {

// A columnar table: a Schema and one Column per field, all of the same length.
// Immutable after Make(); safe to read from many threads.
class Table {
 public:
  Table() = default;
  // Fails if the counts differ, a column's kind differs from its field's, or lengths differ.
  static Result<Table> Make(Schema schema, std::vector<Column> columns);

  const Schema& schema() const { return schema_; }
  size_t num_rows() const { return num_rows_; }
  size_t num_columns() const { return columns_.size(); }
  const Column& column(size_t index) const { return columns_[index]; }
  const std::string& name(size_t index) const { return schema_.field(index).name; }
  // Fails with kNotFound naming the column and the known ones.
  Result<const Column*> ColumnByName(std::string_view name) const;

  // Moves the columns out, e.g. to concatenate batches. Leaves the table empty.
  std::vector<Column> ReleaseColumns() &&;

 private:
  Table(Schema schema, std::vector<Column> columns, size_t num_rows)
      : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {}
  Schema schema_;
  std::vector<Column> columns_;
  size_t num_rows_ = 0;
};

// Builds one table from batches with the same schema, freeing each batch as it is appended,
// so the peak is the result plus one batch. Categorical codes are kept as they are when a
// batch's categories extend those seen so far (as readers guarantee), and remapped otherwise.
// Not thread-safe.
class TableAppender {
 public:
  // `expected_rows` (0: unknown) sizes the columns once, avoiding regrowth.
  explicit TableAppender(Schema schema, size_t expected_rows = 0);
  ~TableAppender();
  TableAppender(TableAppender&&) noexcept;
  TableAppender& operator=(TableAppender&&) noexcept;

  // Fails if the batch's schema differs (names or kinds).
  Status Append(Table batch);
  Result<Table> Finish() &&;

 private:
  class ColumnAppender;
  Schema schema_;
  std::vector<ColumnAppender> columns_;
};

// Appends batches with the same schema into one table (see TableAppender).
Result<Table> ConcatenateTables(std::vector<Table> batches);

}  // namespace steward
