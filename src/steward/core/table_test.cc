#include "steward/core/table.h"

#include <gtest/gtest.h>

namespace steward {
namespace {

Table MakeTable(std::vector<double> x, std::vector<std::string> group) {
  auto schema = Schema::Make({{"x", ColumnKind::kNumeric}, {"group", ColumnKind::kCategorical}});
  std::vector<Column> columns;
  columns.push_back(Column::Numeric(std::move(x)));
  columns.push_back(Column::CategoricalFromLabels(group));
  return Table::Make(std::move(schema).value(), std::move(columns)).value();
}

TEST(Table, MakeChecksLengthsAndKinds) {
  auto schema = Schema::Make({{"x", ColumnKind::kNumeric}, {"y", ColumnKind::kNumeric}}).value();
  std::vector<Column> columns;
  columns.push_back(Column::Numeric({1, 2}));
  columns.push_back(Column::Numeric({1}));
  Result<Table> ragged = Table::Make(schema, std::move(columns));
  ASSERT_FALSE(ragged.ok());
  EXPECT_EQ(ragged.status().message(), "column 'y' has 1 rows, expected 2");

  std::vector<Column> wrong_kind;
  wrong_kind.push_back(Column::Numeric({1}));
  wrong_kind.push_back(Column::Boolean({1}));
  Result<Table> mismatched = Table::Make(schema, std::move(wrong_kind));
  ASSERT_FALSE(mismatched.ok());
  EXPECT_EQ(mismatched.status().message(),
            "column 'y' holds boolean values but its field says numeric");
}

TEST(Table, ColumnByNameReportsUnknownNames) {
  Table table = MakeTable({1}, {"a"});
  ASSERT_TRUE(table.ColumnByName("group").ok());
  EXPECT_EQ(table.ColumnByName("nope").status().message(),
            "unknown column 'nope' (columns: x, group)");
}

TEST(Table, ConcatenateRemapsCategories) {
  std::vector<Table> batches;
  batches.push_back(MakeTable({1, 2}, {"a", "b"}));
  batches.push_back(MakeTable({3}, {"c"}));
  batches.push_back(MakeTable({4, 5}, {"b", "a"}));
  Result<Table> joined = ConcatenateTables(std::move(batches));
  ASSERT_TRUE(joined.ok());
  ASSERT_EQ(joined->num_rows(), 5u);
  const Column& group = joined->column(1);
  EXPECT_EQ(group.categories(), (Categories{"a", "b", "c"}));
  std::vector<std::string> labels;
  for (size_t row = 0; row < 5; ++row)
    labels.push_back(group.ValueToString(row));
  EXPECT_EQ(labels, (std::vector<std::string>{"a", "b", "c", "b", "a"}));
  EXPECT_EQ(joined->column(0).numeric()[4], 5);
}

}  // namespace
}  // namespace steward
