#include "steward/io/table_writer.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "steward/io/atomic_file.h"
#include "steward/io/csv_reader.h"
#include "steward/testing/temp_dir.h"

namespace steward::io {
namespace {

Table SampleTable() {
  auto schema = Schema::Make({{"x", ColumnKind::kNumeric},
                              {"group", ColumnKind::kCategorical},
                              {"note", ColumnKind::kText},
                              {"when", ColumnKind::kTimestamp},
                              {"flag", ColumnKind::kBoolean}});
  TextValues notes;
  notes.Append("plain");
  notes.Append("comma, \"quoted\"\nand a newline");
  notes.AppendMissing();
  std::vector<Column> columns;
  columns.push_back(Column::Numeric({0.1, -1e300, std::nan("")}));
  columns.push_back(Column::CategoricalFromLabels(std::vector<std::string>{"a", "b", "a"},
                                                  std::vector<uint8_t>{0, 0, 1}));
  columns.push_back(Column::Text(std::move(notes)));
  columns.push_back(Column::Timestamp({1409665236250000, kMissingTimestamp, 0}));
  columns.push_back(Column::Boolean({1, kMissingBoolean, 0}));
  return Table::Make(std::move(schema).value(), std::move(columns)).value();
}

TEST(TableWriter, CsvQuotesWhereNeededAndLeavesMissingEmpty) {
  EXPECT_EQ(FormatCsv(SampleTable()),
            "x,group,note,when,flag\n"
            "0.1,a,plain,2014-09-02T13:40:36.250000Z,true\n"
            "-1e+300,b,\"comma, \"\"quoted\"\"\nand a newline\",,\n"
            ",,,1970-01-01T00:00:00Z,false\n");
}

TEST(TableWriter, CsvRoundTripsThroughTheReader) {
  steward::testing::TempDir dir;
  const std::string path = dir.Path("out.csv");
  const Table table = SampleTable();
  ASSERT_TRUE(WriteCsv(table, path).ok());
  CsvOptions options;
  options.column_kinds = {{"note", ColumnKind::kText}};  // three values would infer categorical
  Result<ReadResult> read = ReadCsv(path, options);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->table.num_rows(), 3u);
  for (size_t c = 0; c < table.num_columns(); ++c) {
    EXPECT_EQ(read->table.schema().field(c).kind, table.schema().field(c).kind) << table.name(c);
    for (size_t row = 0; row < 3; ++row) {
      EXPECT_EQ(read->table.column(c).ValueToString(row), table.column(c).ValueToString(row));
      EXPECT_EQ(read->table.column(c).IsMissing(row), table.column(c).IsMissing(row));
    }
  }
}

TEST(TableWriter, FormulaEscapingIsOptIn) {
  std::vector<Column> columns;
  columns.push_back(
      Column::CategoricalFromLabels(std::vector<std::string>{"=HYPERLINK(\"x\")", "-2"}));
  Table table =
      Table::Make(Schema::Make({{"cell", ColumnKind::kCategorical}}).value(), std::move(columns))
          .value();
  EXPECT_EQ(FormatCsv(table), "cell\n\"=HYPERLINK(\"\"x\"\")\"\n-2\n");
  CsvWriteOptions options;
  options.escape_formulas = true;
  EXPECT_EQ(FormatCsv(table, options), "cell\n\"'=HYPERLINK(\"\"x\"\")\"\n'-2\n");
}

TEST(TableWriter, JsonLinesUseNullForMissingAndRefuseInfinity) {
  Result<std::string> json = FormatJsonLines(SampleTable());
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(*json,
            "{\"x\":0.1,\"group\":\"a\",\"note\":\"plain\",\"when\":\"2014-09-02T13:40:36."
            "250000Z\",\"flag\":true}\n"
            "{\"x\":-1e+300,\"group\":\"b\",\"note\":\"comma, \\\"quoted\\\"\\nand a "
            "newline\",\"when\":null,\"flag\":null}\n"
            "{\"x\":null,\"group\":null,\"note\":null,\"when\":\"1970-01-01T00:00:00Z\",\"flag\":"
            "false}\n");
  std::vector<Column> columns;
  columns.push_back(Column::Numeric({1, std::numeric_limits<double>::infinity()}));
  Table infinite =
      Table::Make(Schema::Make({{"v", ColumnKind::kNumeric}}).value(), std::move(columns)).value();
  Result<std::string> refused = FormatJsonLines(infinite);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "column 'v' row 2 holds an infinite number, which JSON cannot represent");
}

}  // namespace
}  // namespace steward::io
