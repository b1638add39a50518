#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "steward/core/column.h"
#include "steward/core/result.h"
#include "steward/core/schema.h"
#include "steward/validate/expression_parser.h"

namespace steward::validate {

// Three-valued logic (SQL's): truth values are bytes ordered false < unknown < true, so that
// AND is the minimum, OR the maximum and NOT is kTrue - x.
inline constexpr uint8_t kFalse = 0;
inline constexpr uint8_t kUnknown = 1;
inline constexpr uint8_t kTrue = 2;

// The type of a bound node's values. Numeric columns are kNumber, boolean columns kLogical,
// categorical and text columns kString, timestamp columns kTimestamp; `null` is kNull.
enum class ValueType : uint8_t { kNumber, kLogical, kString, kTimestamp, kNull };

enum class BoundKind : uint8_t {
  kColumn,
  kLiteral,
  kNegate,
  kNot,
  kAnd,
  kOr,
  kCompare,
  kArithmetic,
  kIn,
  kIsNull,
};

// A node of an expression bound to a schema: columns resolved to indices, every node typed,
// string literals compared with timestamps converted to timestamps.
struct BoundNode {
  BoundKind kind = BoundKind::kLiteral;
  ValueType type = ValueType::kNull;
  size_t column = 0;  // kColumn: index into the schema
  ColumnKind column_kind = ColumnKind::kNumeric;
  double number = 0;                                     // kLiteral of kNumber
  uint8_t truth = kUnknown;                              // kLiteral of kLogical
  std::string text;                                      // kLiteral of kString
  int64_t micros = std::numeric_limits<int64_t>::min();  // kLiteral of kTimestamp
  CompareOp compare = CompareOp::kEqual;
  ArithmeticOp arithmetic = ArithmeticOp::kAdd;
  bool negated = false;  // kIn: not in; kIsNull: is not null
  std::vector<BoundNode> children;
  // kIn: the list, sorted, in the operand's type (kLogical operands compare as numbers 0/1).
  std::vector<double> numbers;
  std::vector<std::string> strings;
  std::vector<int64_t> timestamps;
  bool list_has_null = false;
  // kCompare and kIn over a categorical column: index of the per-category result cache the
  // evaluator keeps for this node; otherwise kNoCache.
  static constexpr size_t kNoCache = static_cast<size_t>(-1);
  size_t cache = kNoCache;
};

struct BoundExpression {
  BoundNode root;               // of type kLogical
  std::vector<size_t> columns;  // schema indices of the columns read, in order of appearance
  size_t category_caches = 0;   // caches the nodes refer to
};

// Resolves the columns of `root` in `schema` and checks types (docs/formats/suite.md: numbers
// compare with numeric and boolean columns, strings with categorical, text and timestamp
// columns; arithmetic needs numbers; and/or/not need true/false values; the whole expression
// is true or false). Fails with kInvalidArgument, the message starting with locate(offset),
// naming an unknown column (and the known ones), the types that do not fit, a comparison with
// null (use 'is null'), or a string that is not an ISO 8601 timestamp where one is needed.
// Pure function.
Result<BoundExpression> BindExpression(const ExpressionNode& root, const Schema& schema,
                                       const OffsetLocator& locate = LocateByOffset);

}  // namespace steward::validate
