#pragma once

#include <cstdint>
#include <span>

#include "steward/core/column.h"
#include "steward/sketch/hashing.h"
#include "steward/validate/internal/hash_index.h"

namespace steward::validate::internal {

// Calls f(row, key) for every non-missing value of `column`, where equal values have equal
// keys: numbers by sketch::HashNumber, categories by code (stable across a stream's batches),
// timestamps by their microseconds, booleans by value, text by sketch::HashBytes.
template <typename F>
void ForEachValueKey(const Column& column, F f) {
  switch (column.kind()) {
    case ColumnKind::kNumeric: {
      const auto values = column.numeric();
      for (size_t row = 0; row < values.size(); ++row) {
        if (values[row] == values[row])
          f(row, sketch::HashNumber(values[row]));
      }
      return;
    }
    case ColumnKind::kCategorical: {
      const auto codes = column.codes();
      for (size_t row = 0; row < codes.size(); ++row) {
        if (codes[row] >= 0)
          f(row, static_cast<uint64_t>(codes[row]));
      }
      return;
    }
    case ColumnKind::kText: {
      const TextValues& text = column.text();
      for (size_t row = 0; row < text.size(); ++row) {
        if (!text.missing[row])
          f(row, sketch::HashBytes(text.at(row)));
      }
      return;
    }
    case ColumnKind::kTimestamp: {
      const auto values = column.timestamps();
      for (size_t row = 0; row < values.size(); ++row) {
        if (values[row] != kMissingTimestamp)
          f(row, static_cast<uint64_t>(values[row]));
      }
      return;
    }
    case ColumnKind::kBoolean: {
      const auto values = column.booleans();
      for (size_t row = 0; row < values.size(); ++row) {
        if (values[row] >= 0)
          f(row, static_cast<uint64_t>(values[row]));
      }
      return;
    }
  }
}

// Mixes each row's key of `column` into hashes[row], missing values included (as one marker
// per kind), so that rows equal in every column end with equal hashes.
void MixRowKeys(const Column& column, std::span<uint64_t> hashes);

}  // namespace steward::validate::internal
