#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "steward/core/column.h"

namespace steward::validate {

// A validation suite: what a data set must satisfy, as written in a suite file
// (docs/formats/suite.md) or built in code. Plain values throughout; an unset optional is an
// expectation that is not checked. ParseSuite() guarantees the invariants listed in the
// format document (min <= max, rates in [0, 1], ...); a suite built in code that breaks them
// is validated as written (an empty range fails every row).

// Where something was written in a suite file, for messages; empty when built in code.
struct SourceLocation {
  std::string file;
  uint32_t line = 0;    // 1-based; 0: unknown
  uint32_t column = 0;  // 1-based, in code points
  // For an `expect` string: true when each character of the expression sits on `line` at
  // `column` + its code-point offset (a one-line string without escapes), so that an offset
  // inside the expression maps to an exact column.
  bool verbatim = false;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// A timestamp bound, in microseconds since 1970-01-01 UTC.
struct TimestampBound {
  int64_t micros = 0;
  friend bool operator==(const TimestampBound&, const TimestampBound&) = default;
};

// A min/max bound: a number for numeric columns, a timestamp for timestamp columns.
using Bound = std::variant<double, TimestampBound>;

// The allowed set: strings for categorical, text and boolean ("true"/"false") columns,
// numbers for numeric columns.
using AllowedValues = std::variant<std::vector<std::string>, std::vector<double>>;

struct NumberRange {
  std::optional<double> min;
  std::optional<double> max;
  friend bool operator==(const NumberRange&, const NumberRange&) = default;
};

// The exact q-quantile (numpy's 'linear' convention) must lie in [min, max].
struct QuantileExpectation {
  double q = 0.5;
  std::optional<double> min;
  std::optional<double> max;
  friend bool operator==(const QuantileExpectation&, const QuantileExpectation&) = default;
};

enum class OutlierMethod : uint8_t {
  kIqr,  // outside [Q1 - 1.5 IQR, Q3 + 1.5 IQR]
  kMad,  // |x - median| > 3.5 * 1.4826 * MAD
};

struct OutlierExpectation {
  OutlierMethod method = OutlierMethod::kIqr;
  double max_rate = 0;  // outliers / non-missing values
  friend bool operator==(const OutlierExpectation&, const OutlierExpectation&) = default;
};

struct TableExpectations {
  std::optional<uint64_t> min_rows;
  std::optional<uint64_t> max_rows;
  std::optional<uint64_t> max_duplicate_rows;  // rows equal in every column to an earlier row
  std::vector<std::string> absent_columns;     // must not be in the data
  bool allow_extra_columns = true;             // false: every data column has a [[column]]
  friend bool operator==(const TableExpectations&, const TableExpectations&) = default;
};

struct ColumnExpectations {
  std::string name;
  std::optional<ColumnKind> kind;  // the kind the reader inferred (or was told with --type)
  bool required = true;            // false: the other expectations apply only if present
  bool not_null = false;
  std::optional<double> max_missing_rate;  // in [0, 1]
  bool unique = false;                     // missing values ignored
  std::optional<Bound> min;
  std::optional<Bound> max;
  std::optional<AllowedValues> allowed;
  std::optional<std::string> regex;    // RE2, matched against the whole value
  std::optional<uint64_t> min_length;  // UTF-8 code points
  std::optional<uint64_t> max_length;
  std::optional<NumberRange> mean;
  std::vector<QuantileExpectation> quantiles;
  std::optional<OutlierExpectation> max_outlier_rate;
  SourceLocation location;  // of the entry's `name`
  friend bool operator==(const ColumnExpectations&, const ColumnExpectations&) = default;
};

// A predicate every row must satisfy (not be FALSE for); see docs/formats/suite.md.
struct RowExpectation {
  std::string name;
  std::string expect;
  SourceLocation location;  // of the first character of the expression
  friend bool operator==(const RowExpectation&, const RowExpectation&) = default;
};

struct Suite {
  TableExpectations table;
  std::vector<ColumnExpectations> columns;
  std::vector<RowExpectation> rows;
  friend bool operator==(const Suite&, const Suite&) = default;
};

}  // namespace steward::validate
