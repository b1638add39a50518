#include "steward/validate/internal/value_keys.h"

namespace steward::validate::internal {

void MixRowKeys(const Column& column, std::span<uint64_t> hashes) {
  // Missing values share one key per kind. For numbers the NaN key already is one; for text
  // an arbitrary constant stands in (a string hashing to it is a 2^-64 chance).
  constexpr uint64_t kMissingText = 0x6D697373696E6721ULL;
  auto mix = [&hashes](size_t row, uint64_t key) {
    hashes[row] = sketch::HashCombine(hashes[row], key);
  };
  switch (column.kind()) {
    case ColumnKind::kNumeric: {
      const auto values = column.numeric();
      for (size_t row = 0; row < values.size(); ++row)
        mix(row, sketch::HashNumber(values[row]));
      return;
    }
    case ColumnKind::kCategorical: {
      const auto codes = column.codes();
      for (size_t row = 0; row < codes.size(); ++row)
        mix(row, static_cast<uint64_t>(static_cast<int64_t>(codes[row])));
      return;
    }
    case ColumnKind::kText: {
      const TextValues& text = column.text();
      for (size_t row = 0; row < text.size(); ++row)
        mix(row, text.missing[row] ? kMissingText : sketch::HashBytes(text.at(row)));
      return;
    }
    case ColumnKind::kTimestamp: {
      const auto values = column.timestamps();
      for (size_t row = 0; row < values.size(); ++row)
        mix(row, static_cast<uint64_t>(values[row]));
      return;
    }
    case ColumnKind::kBoolean: {
      const auto values = column.booleans();
      for (size_t row = 0; row < values.size(); ++row)
        mix(row, static_cast<uint64_t>(static_cast<int64_t>(values[row])));
      return;
    }
  }
}

}  // namespace steward::validate::internal
