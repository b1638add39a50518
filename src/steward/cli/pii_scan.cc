#include "steward/cli/pii_scan.h"

#include <mutex>

#include "steward/cli/progress.h"
#include "steward/io/postgres_source.h"
#include "steward/privacy/pii_scanner.h"

namespace steward::cli {

Result<privacy::PiiScanReport> ScanSourceForPii(const std::string& uri, io::SourceOptions options,
                                                const std::vector<std::string>& columns,
                                                bool show_progress) {
  const std::string shown = io::RedactPostgresUri(uri);
  const bool reopenable =
      uri != "-" && uri.rfind("postgresql://", 0) != 0 && uri.rfind("postgres://", 0) != 0;
  if (reopenable) {
    // Inference would turn "0041 79 123 45 67" or a card number into a number: learn the
    // names from a first open, then read every column as text.
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<io::BatchReader> probe, io::OpenSource(uri, options));
    options.csv.column_kinds.clear();
    for (const Field& field : probe->schema().fields())
      options.csv.column_kinds.emplace_back(field.name, ColumnKind::kText);
  }
  ProgressBar progress("scanning " + shown, show_progress);
  options.csv.progress = [&progress](uint64_t done, uint64_t total) {
    progress.Update(done, total);
  };
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<io::BatchReader> reader,
                           io::OpenSource(uri, std::move(options)));
  std::vector<size_t> selected;
  if (columns.empty()) {
    for (size_t i = 0; i < reader->schema().size(); ++i)
      selected.push_back(i);
  } else {
    for (const std::string& name : columns) {
      const std::optional<size_t> index = reader->schema().Find(name);
      if (!index) {
        std::vector<std::string> names;
        for (const Field& field : reader->schema().fields())
          names.push_back(field.name);
        return Status::InvalidArgument(shown + ": unknown column '" + name +
                                       "' in --columns (columns: " + JoinNames(names) + ")");
      }
      selected.push_back(*index);
    }
  }
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<privacy::PiiScanner> scanner,
                           privacy::PiiScanner::Create());
  std::mutex mutex;
  std::vector<privacy::ColumnTally> totals;
  STEWARD_RETURN_IF_ERROR(reader->ForEachBatch([&](size_t, Table batch) -> Status {
    STEWARD_ASSIGN_OR_RETURN(std::vector<privacy::ColumnTally> tallies,
                             scanner->ScanTable(batch, selected));
    std::lock_guard lock(mutex);
    privacy::MergeTallies(totals, tallies);
    return Status::Ok();
  }));
  progress.Finish();
  privacy::PiiScanReport report;
  report.source = shown;
  report.rows = reader->stats().rows;
  if (totals.empty()) {
    for (size_t index : selected)
      totals.push_back(privacy::NewColumnTally(reader->schema().field(index).name));
  }
  for (const privacy::ColumnTally& tally : totals)
    report.columns.push_back(privacy::JudgeColumn(tally));
  return report;
}

Result<privacy::PiiScanReport> ScanTableForPii(const Table& table) {
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<privacy::PiiScanner> scanner,
                           privacy::PiiScanner::Create());
  std::vector<size_t> all(table.num_columns());
  for (size_t i = 0; i < all.size(); ++i)
    all[i] = i;
  STEWARD_ASSIGN_OR_RETURN(std::vector<privacy::ColumnTally> tallies,
                           scanner->ScanTable(table, all));
  privacy::PiiScanReport report;
  report.rows = table.num_rows();
  for (const privacy::ColumnTally& tally : tallies)
    report.columns.push_back(privacy::JudgeColumn(tally));
  return report;
}

}  // namespace steward::cli
