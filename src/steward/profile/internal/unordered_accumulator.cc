#include "steward/profile/internal/unordered_accumulator.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "steward/sketch/hashing.h"

namespace steward::profile::internal {
namespace {

constexpr uint64_t kFalseHash = 0x2545f4914f6cdd1dULL;
constexpr uint64_t kTrueHash = 0x5851f42d4c957f2dULL;

int32_t LabelCode(const Column& column, size_t row) {
  return column.kind() == ColumnKind::kBoolean ? column.booleans()[row] : column.codes()[row];
}

}  // namespace

UnorderedAccumulator::UnorderedAccumulator(const Schema& schema, const ProfilePlan& plan,
                                           const ProfileOptions& options, RowHashBudget& budget)
    : row_sketch(options.hll_precision), plan_(&plan), options_(&options), budget_(&budget) {
  const size_t columns = schema.size();
  missing.assign(columns, 0);
  distinct.reserve(columns);
  for (size_t c = 0; c < columns; ++c)
    distinct.emplace_back(options.distinct_exact_limit, options.hll_precision);
  label_counts.resize(columns);
  for (size_t c = 0; c < columns; ++c) {
    if (schema.field(c).kind == ColumnKind::kBoolean)
      label_counts[c].assign(2, 0);
  }
  contingency.resize(plan.contingency_pairs.size());
  label_hashes_.resize(columns);
}

void UnorderedAccumulator::HashColumn(const Column& column, size_t index,
                                      std::vector<uint64_t>& hashes) {
  const size_t row_count = column.size();
  switch (column.kind()) {
    case ColumnKind::kNumeric: {
      std::span<const double> values = column.numeric();
      for (size_t row = 0; row < row_count; ++row) {
        if (std::isnan(values[row])) {
          ++missing[index];
          hashes[row] = kMissingValueHash;
        } else {
          hashes[row] = sketch::HashNumber(values[row]);
          distinct[index].AddHash(hashes[row]);
        }
      }
      break;
    }
    case ColumnKind::kText: {
      const TextValues& text = column.text();
      for (size_t row = 0; row < row_count; ++row) {
        if (text.missing[row]) {
          ++missing[index];
          hashes[row] = kMissingValueHash;
        } else {
          hashes[row] = sketch::HashBytes(text.at(row));
          distinct[index].AddHash(hashes[row]);
        }
      }
      break;
    }
    case ColumnKind::kTimestamp: {
      std::span<const int64_t> micros = column.timestamps();
      for (size_t row = 0; row < row_count; ++row) {
        if (micros[row] == kMissingTimestamp) {
          ++missing[index];
          hashes[row] = kMissingValueHash;
        } else {
          hashes[row] = sketch::HashCombine(kMissingValueHash, static_cast<uint64_t>(micros[row]));
          distinct[index].AddHash(hashes[row]);
        }
      }
      break;
    }
    case ColumnKind::kCategorical: {
      const Categories& categories = column.categories();
      std::vector<uint64_t>& label_hashes = label_hashes_[index];
      for (size_t code = label_hashes.size(); code < categories.size(); ++code)
        label_hashes.push_back(sketch::HashBytes(categories[code]));
      // Batches reach an accumulator in any order, and an earlier batch knows fewer
      // categories: grow only, never cut counts of later categories.
      std::vector<uint64_t>& counts = label_counts[index];
      if (counts.size() < categories.size())
        counts.resize(categories.size(), 0);
      std::span<const int32_t> codes = column.codes();
      for (size_t row = 0; row < row_count; ++row) {
        if (codes[row] < 0) {
          ++missing[index];
          hashes[row] = kMissingValueHash;
        } else {
          ++counts[static_cast<size_t>(codes[row])];
          hashes[row] = label_hashes[static_cast<size_t>(codes[row])];
        }
      }
      break;
    }
    case ColumnKind::kBoolean: {
      std::span<const int8_t> values = column.booleans();
      for (size_t row = 0; row < row_count; ++row) {
        if (values[row] < 0) {
          ++missing[index];
          hashes[row] = kMissingValueHash;
        } else {
          ++label_counts[index][static_cast<size_t>(values[row])];
          hashes[row] = values[row] ? kTrueHash : kFalseHash;
        }
      }
      break;
    }
  }
}

void UnorderedAccumulator::CountPairs(const Table& batch) {
  const size_t stride = options_->cramers_max_categories;
  for (size_t p = 0; p < plan_->contingency_pairs.size(); ++p) {
    LabelPairCounts& pair = contingency[p];
    if (pair.too_many_categories)
      continue;
    const auto [a, b] = plan_->contingency_pairs[p];
    const Column& first = batch.column(a);
    const Column& second = batch.column(b);
    if (pair.cells.empty())
      pair.cells.assign(stride * stride, 0);
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      const int32_t x = LabelCode(first, row);
      const int32_t y = LabelCode(second, row);
      if (x < 0 || y < 0)
        continue;
      if (static_cast<size_t>(x) >= stride || static_cast<size_t>(y) >= stride) {
        pair.too_many_categories = true;
        pair.cells = {};
        break;
      }
      ++pair.cells[static_cast<size_t>(x) * stride + static_cast<size_t>(y)];
    }
  }
}

void UnorderedAccumulator::DropRowHashes() {
  rows_exact = false;
  row_hashes = sketch::HashSet64();
}

void UnorderedAccumulator::AddRowHashes(const std::vector<uint64_t>& hashes) {
  rows += hashes.size();
  if (rows_exact && budget_->exhausted.load(std::memory_order_relaxed))
    DropRowHashes();
  const size_t held_before = row_hashes.size();
  for (uint64_t hash : hashes) {
    row_sketch.AddHash(hash);
    if (rows_exact)
      row_hashes.Insert(hash);
  }
  if (!rows_exact)
    return;
  const uint64_t added = row_hashes.size() - held_before;
  if (budget_->held.fetch_add(added, std::memory_order_relaxed) + added >
      options_->duplicate_exact_limit) {
    budget_->exhausted.store(true, std::memory_order_relaxed);
    DropRowHashes();
  }
}

void UnorderedAccumulator::Add(const Table& batch) {
  const size_t rows_in_batch = batch.num_rows();
  std::vector<uint64_t> value_hashes(rows_in_batch);
  std::vector<uint64_t> row_hash(rows_in_batch, options_->seed);
  for (size_t c = 0; c < batch.num_columns(); ++c) {
    HashColumn(batch.column(c), c, value_hashes);
    for (size_t row = 0; row < rows_in_batch; ++row)
      row_hash[row] = sketch::HashCombine(row_hash[row], value_hashes[row]);
  }
  AddRowHashes(row_hash);
  CountPairs(batch);
}

Status UnorderedAccumulator::Merge(UnorderedAccumulator& other) {
  for (size_t c = 0; c < missing.size(); ++c) {
    missing[c] += other.missing[c];
    STEWARD_RETURN_IF_ERROR(distinct[c].Merge(other.distinct[c]));
    std::vector<uint64_t>& counts = label_counts[c];
    counts.resize(std::max(counts.size(), other.label_counts[c].size()), 0);
    for (size_t code = 0; code < other.label_counts[c].size(); ++code)
      counts[code] += other.label_counts[c][code];
  }
  for (size_t p = 0; p < contingency.size(); ++p) {
    LabelPairCounts& mine = contingency[p];
    LabelPairCounts& theirs = other.contingency[p];
    if (mine.too_many_categories || theirs.too_many_categories) {
      mine.too_many_categories = true;
      mine.cells = {};
    } else if (mine.cells.empty()) {
      mine.cells = std::move(theirs.cells);
    } else if (!theirs.cells.empty()) {
      for (size_t i = 0; i < mine.cells.size(); ++i)
        mine.cells[i] += theirs.cells[i];
    }
  }
  STEWARD_RETURN_IF_ERROR(row_sketch.Merge(other.row_sketch));
  rows += other.rows;
  if (rows_exact && other.rows_exact) {
    row_hashes.Reserve(row_hashes.size() + other.row_hashes.size());
    other.row_hashes.ForEach([this](uint64_t hash) { row_hashes.Insert(hash); });
    if (row_hashes.size() > options_->duplicate_exact_limit)
      DropRowHashes();
  } else {
    DropRowHashes();
  }
  other.DropRowHashes();
  return Status::Ok();
}

}  // namespace steward::profile::internal
