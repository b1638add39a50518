#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"
#include "steward/validate/expression_lexer.h"

namespace steward::validate {

// Row expressions nest at most this deep (parentheses, operators and 'not' all count), so
// that parsing, binding and evaluating recurse a bounded number of times.
inline constexpr size_t kMaxExpressionDepth = 64;

enum class NodeKind : uint8_t {
  kColumn,      // text: the column name
  kNumber,      // number
  kString,      // text
  kBoolean,     // boolean
  kNull,        //
  kNegate,      // -children[0]
  kNot,         // not children[0]
  kAnd,         // children[0] and children[1] and ...
  kOr,          // children[0] or children[1] or ...
  kCompare,     // children[0] compare children[1]
  kArithmetic,  // children[0] arithmetic children[1]
  kIn,          // children[0] [not] in (children[1], ...); the list holds literals only
  kIsNull,      // children[0] is [not] null
};

enum class CompareOp : uint8_t { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };
enum class ArithmeticOp : uint8_t { kAdd, kSubtract, kMultiply, kDivide, kRemainder };

std::string_view CompareOpName(CompareOp op);        // "=="
std::string_view ArithmeticOpName(ArithmeticOp op);  // "+"

// A node of a parsed (unbound) row expression.
struct ExpressionNode {
  NodeKind kind = NodeKind::kNull;
  size_t offset = 0;  // bytes into the expression: where the node's operator or token starts
  size_t depth = 1;   // 1 for a leaf
  std::string text;
  double number = 0;
  bool boolean = false;
  bool negated = false;  // kIn: 'not in'; kIsNull: 'is not null'
  CompareOp compare = CompareOp::kEqual;
  ArithmeticOp arithmetic = ArithmeticOp::kAdd;
  std::vector<ExpressionNode> children;
};

// Parses a row expression (grammar in docs/formats/suite.md). Fails with kInvalidArgument,
// the message starting with locate(offset of the problem), on any lexical or syntax error or
// nesting deeper than kMaxExpressionDepth. Pure function.
Result<ExpressionNode> ParseExpression(std::string_view text,
                                       const OffsetLocator& locate = LocateByOffset);

// The distinct column names an expression reads, in order of first appearance.
std::vector<std::string> ReferencedColumns(const ExpressionNode& root);

}  // namespace steward::validate
