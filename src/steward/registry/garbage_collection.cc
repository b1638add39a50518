// `registry gc`: removes artifacts that no version references, and nothing else.
#include <filesystem>
#include <set>

#include "steward/registry/registry.h"

namespace steward::registry {

Result<GcReport> Registry::CollectGarbage() {
  GcReport report;
  // Files are removed while the write lock is held: a registration writes its artifacts under
  // the same lock, so it cannot reference a file between the scan and the removal.
  const Status transaction = InWriteTransaction([&]() -> Status {
    STEWARD_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                             database_->Query("SELECT DISTINCT sha256 FROM version_parts"));
    std::set<std::string> referenced;
    for (const SqlRow& row : rows)
      referenced.insert(AsText(row[0]));
    STEWARD_ASSIGN_OR_RETURN(std::vector<std::string> stored, artifacts_.List());
    for (const std::string& digest : stored) {
      if (referenced.count(digest) != 0)
        continue;
      std::error_code error;
      const auto bytes = std::filesystem::file_size(artifacts_.PathOf(digest), error);
      STEWARD_RETURN_IF_ERROR(artifacts_.Remove(digest));
      report.removed.push_back(digest);
      report.bytes_removed += error ? 0 : static_cast<int64_t>(bytes);
    }
    return AppendAuditEntry(*database_, Now(), context_.actor, "gc", "artifacts",
                            {{"removed", report.removed}, {"bytes", report.bytes_removed}})
        .status();
  });
  STEWARD_RETURN_IF_ERROR(transaction);
  return report;
}

}  // namespace steward::registry
