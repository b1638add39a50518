#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/privacy/column_tally.h"
#include "steward/privacy/pattern_set.h"

namespace steward::privacy {

// Scans the values of table columns for personal data and tallies, per column and detector,
// the values that are or contain a valid instance (see column_tally.h). Values of one column
// are joined and scanned by one Hyperscan call for all detectors; candidates are then checked
// (candidate_check.h). Columns of other kinds than text are scanned as their text form.
// Thread-safety: every method is const and safe from several threads at once (each call
// borrows its own Hyperscan scratch), so batches can be scanned on the threads that parse them.
class PiiScanner {
 public:
  static Result<std::unique_ptr<PiiScanner>> Create();

  // A tally per column in `columns` (indices into `table`), named and with the evidence of
  // the column's name. REQUIRES: every index < table.num_columns().
  Result<std::vector<ColumnTally>> ScanTable(const Table& table,
                                             std::span<const size_t> columns) const;

  // Adds the values of `column` to `tally` (whose name and name_evidence are already set).
  Status ScanColumn(const Column& column, ColumnTally& tally) const;

 private:
  explicit PiiScanner(std::unique_ptr<PatternSet> patterns) : patterns_(std::move(patterns)) {}
  Result<ScratchPtr> BorrowScratch() const;
  void ReturnScratch(ScratchPtr scratch) const;
  Status ScanText(const TextValues& values, ColumnTally& tally) const;

  std::unique_ptr<PatternSet> patterns_;
  mutable std::mutex scratch_mutex_;
  mutable std::vector<ScratchPtr> idle_scratch_;
};

// A new tally for the column `name`, its name evidence filled in.
ColumnTally NewColumnTally(std::string name);

// Merges per-batch tallies into `totals` (same columns, same order); empty `totals` is
// initialised from `batch`.
void MergeTallies(std::vector<ColumnTally>& totals, const std::vector<ColumnTally>& batch);

}  // namespace steward::privacy
