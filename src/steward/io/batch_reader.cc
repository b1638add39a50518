#include "steward/io/batch_reader.h"

namespace steward::io {

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

Status BatchReader::ForEachBatch(const BatchVisitor& visit) {
  for (size_t index = 0;; ++index) {
    STEWARD_ASSIGN_OR_RETURN(std::optional<Table> batch, Next());
    if (!batch)
      return Status::Ok();
    STEWARD_RETURN_IF_ERROR(visit(index, std::move(*batch)));
  }
}

}  // namespace steward::io
