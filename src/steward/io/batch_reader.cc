#include "steward/io/batch_reader.h"

namespace steward::io {

Result<Table> EmptyTable(const Schema& schema) {
  std::vector<Column> columns;
  for (const Field& field : schema.fields()) {
    switch (field.kind) {
      case ColumnKind::kNumeric:
        columns.push_back(Column::Numeric({}));
        break;
      case ColumnKind::kCategorical:
        columns.push_back(Column::Categorical({}, nullptr));
        break;
      case ColumnKind::kText:
        columns.push_back(Column::Text({}));
        break;
      case ColumnKind::kTimestamp:
        columns.push_back(Column::Timestamp({}));
        break;
      case ColumnKind::kBoolean:
        columns.push_back(Column::Boolean({}));
        break;
    }
  }
  return Table::Make(schema, std::move(columns));
}

Result<ReadResult> BatchReader::ReadAll() {
  TableAppender appender(schema(), expected_rows());
  for (;;) {
    STEWARD_ASSIGN_OR_RETURN(std::optional<Table> batch, Next());
    if (!batch)
      break;
    STEWARD_RETURN_IF_ERROR(appender.Append(std::move(*batch)));
  }
  ReadResult result;
  result.stats = stats();
  STEWARD_ASSIGN_OR_RETURN(result.table, std::move(appender).Finish());
  return result;
}

}  // namespace steward::io
