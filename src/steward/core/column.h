#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "steward/core/result.h"

namespace steward {

// The kinds of values a column holds, each with its own missing-value marker.
enum class ColumnKind : uint8_t {
  kNumeric,      // double; NaN is missing
  kCategorical,  // int32 code into a dictionary; -1 is missing
  kText,         // UTF-8 strings with a missing mask
  kTimestamp,    // int64 microseconds since 1970-01-01 UTC; kMissingTimestamp is missing
  kBoolean,      // int8 0/1; -1 is missing
};

std::string_view ColumnKindName(ColumnKind kind);
Result<ColumnKind> ParseColumnKind(std::string_view name);

inline constexpr int32_t kMissingCode = -1;
inline constexpr int64_t kMissingTimestamp = std::numeric_limits<int64_t>::min();
inline constexpr int8_t kMissingBoolean = -1;

// Category labels of a categorical column; shared, immutable once published.
using Categories = std::vector<std::string>;

// Strings stored end to end: value i is bytes[offsets[i], offsets[i+1]).
struct TextValues {
  std::vector<uint64_t> offsets{0};
  std::string bytes;
  std::vector<uint8_t> missing;  // 1 where the value is missing

  size_t size() const { return missing.size(); }
  std::string_view at(size_t row) const {
    return std::string_view(bytes).substr(offsets[row], offsets[row + 1] - offsets[row]);
  }
  void Append(std::string_view value) {
    bytes.append(value);
    offsets.push_back(bytes.size());
    missing.push_back(0);
  }
  void AppendMissing() {
    offsets.push_back(bytes.size());
    missing.push_back(1);
  }
};

// One column of a Table: values of one kind, stored contiguously.
// A Column is a value type; copies are deep except for the shared, immutable categories.
class Column {
 public:
  static Column Numeric(std::vector<double> values);
  // REQUIRES: every code is kMissingCode or an index into `categories`.
  static Column Categorical(std::vector<int32_t> codes,
                            std::shared_ptr<const Categories> categories);
  static Column Text(TextValues values);
  static Column Timestamp(std::vector<int64_t> micros);
  static Column Boolean(std::vector<int8_t> values);

  // Builds a categorical column from labels; `missing` marks missing rows (may be empty).
  static Column CategoricalFromLabels(std::span<const std::string> labels,
                                      std::span<const uint8_t> missing = {});

  ColumnKind kind() const { return kind_; }
  size_t size() const;
  bool IsMissing(size_t row) const;
  size_t MissingCount() const;

  // Human-readable value of one row ("" when missing); timestamps in ISO 8601 UTC.
  std::string ValueToString(size_t row) const;

  // Typed access. REQUIRES: kind() matches.
  std::span<const double> numeric() const { return std::get<std::vector<double>>(data_); }
  std::span<const int32_t> codes() const { return std::get<CategoricalData>(data_).codes; }
  const Categories& categories() const { return *std::get<CategoricalData>(data_).categories; }
  const std::shared_ptr<const Categories>& shared_categories() const {
    return std::get<CategoricalData>(data_).categories;
  }
  const TextValues& text() const { return std::get<TextValues>(data_); }
  std::span<const int64_t> timestamps() const { return std::get<TimestampStorage>(data_).micros; }
  std::span<const int8_t> booleans() const { return std::get<std::vector<int8_t>>(data_); }

 private:
  struct CategoricalData {
    std::vector<int32_t> codes;
    std::shared_ptr<const Categories> categories;
  };
  struct TimestampStorage {
    std::vector<int64_t> micros;
  };
  using Data = std::variant<std::vector<double>, CategoricalData, TextValues, TimestampStorage,
                            std::vector<int8_t>>;

  Column(ColumnKind kind, Data data) : kind_(kind), data_(std::move(data)) {}

  ColumnKind kind_;
  Data data_;
};

// Formats microseconds since the epoch as ISO 8601 UTC ("2014-09-02T13:40:36Z").
std::string FormatTimestamp(int64_t micros);

}  // namespace steward
