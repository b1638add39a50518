#pragma once
// Invariants every successfully read Table must hold, shared by the reader fuzzers: abort()
// (which libFuzzer reports) when one does not.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "steward/core/table.h"
#include "steward/io/value_parsing.h"

namespace steward::fuzz {

inline void Check(bool condition) {
  if (!condition)
    std::abort();
}

inline void CheckString(std::string_view text) {
  Check(steward::io::IsValidUtf8(text));  // also rejects NUL bytes
}

inline void CheckTable(const Table& table) {
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    Check(column.size() == table.num_rows());
    Check(column.kind() == table.schema().field(c).kind);
    CheckString(table.name(c));
    Check(!table.name(c).empty());
    if (column.kind() == ColumnKind::kCategorical) {
      const size_t categories = column.shared_categories() ? column.categories().size() : 0;
      for (int32_t code : column.codes()) {
        Check(code >= -1 && code < static_cast<int32_t>(categories));
      }
      if (categories > 0) {
        for (const std::string& label : column.categories())
          CheckString(label);
      }
    }
    if (column.kind() == ColumnKind::kText) {
      for (size_t row = 0; row < column.size(); ++row)
        CheckString(column.text().at(row));
    }
  }
}

// The table as text, for comparing two reads of the same input.
inline std::string Render(const Table& table) {
  std::string out;
  for (size_t row = 0; row < table.num_rows(); ++row) {
    for (size_t c = 0; c < table.num_columns(); ++c) {
      out += table.column(c).IsMissing(row) ? "\x01" : table.column(c).ValueToString(row);
      out += '\x02';
    }
  }
  return out;
}

}  // namespace steward::fuzz
