// Reads a data source with Steward and prints the table as JSON, column by column, for the
// oracle scripts that compare it with pandas: {"rows": N, "columns": [{"name", "kind",
// "values": [...]}]}. Missing values are null; numbers are printed so they read back exactly.
#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/io/data_source.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: steward_table_dump DATA\n");
    return 2;
  }
  steward::Result<steward::io::ReadResult> read = steward::io::ReadSource(argv[1], {});
  if (!read.ok()) {
    std::fprintf(stderr, "%s\n", read.status().message().c_str());
    return 2;
  }
  const steward::Table& table = read->table;
  nlohmann::json columns = nlohmann::json::array();
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const steward::Column& column = table.column(c);
    nlohmann::json values = nlohmann::json::array();
    for (size_t row = 0; row < table.num_rows(); ++row) {
      if (column.IsMissing(row)) {
        values.push_back(nullptr);
      } else if (column.kind() == steward::ColumnKind::kNumeric) {
        const double value = column.numeric()[row];
        values.push_back(std::isinf(value) ? nlohmann::json(value > 0 ? "inf" : "-inf")
                                           : nlohmann::json(value));
      } else if (column.kind() == steward::ColumnKind::kTimestamp) {
        values.push_back(column.timestamps()[row]);
      } else if (column.kind() == steward::ColumnKind::kBoolean) {
        values.push_back(column.booleans()[row] == 1);
      } else {
        values.push_back(column.ValueToString(row));
      }
    }
    columns.push_back({{"name", table.name(c)},
                       {"kind", steward::ColumnKindName(column.kind())},
                       {"values", std::move(values)}});
  }
  nlohmann::json out = {{"rows", table.num_rows()}, {"columns", std::move(columns)}};
  std::cout << out.dump() << "\n";
  return 0;
}
