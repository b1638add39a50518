#include "steward/validate/expression_parser.h"

#include <string>

#include <gtest/gtest.h>

#include "steward/validate/internal/format_number.h"

namespace steward::validate {
namespace {

// The tree as an S-expression, so tests can state its shape exactly.
std::string Shape(const ExpressionNode& node) {
  switch (node.kind) {
    case NodeKind::kColumn:
      return node.text;
    case NodeKind::kNumber:
      return internal::FormatNumber(node.number);
    case NodeKind::kString:
      return "\"" + node.text + "\"";
    case NodeKind::kBoolean:
      return node.boolean ? "true" : "false";
    case NodeKind::kNull:
      return "null";
    default:
      break;
  }
  std::string op;
  switch (node.kind) {
    case NodeKind::kNegate:
      op = "neg";
      break;
    case NodeKind::kNot:
      op = "not";
      break;
    case NodeKind::kAnd:
      op = "and";
      break;
    case NodeKind::kOr:
      op = "or";
      break;
    case NodeKind::kCompare:
      op = std::string(CompareOpName(node.compare));
      break;
    case NodeKind::kArithmetic:
      op = std::string(ArithmeticOpName(node.arithmetic));
      break;
    case NodeKind::kIn:
      op = node.negated ? "not-in" : "in";
      break;
    case NodeKind::kIsNull:
      op = node.negated ? "is-not-null" : "is-null";
      break;
    default:
      break;
  }
  std::string out = "(" + op;
  for (const ExpressionNode& child : node.children)
    out += " " + Shape(child);
  return out + ")";
}

std::string ShapeOf(std::string_view text) {
  Result<ExpressionNode> node = ParseExpression(text);
  EXPECT_TRUE(node.ok()) << text << ": " << node.status().message();
  return node.ok() ? Shape(*node) : "";
}

std::string ExpressionErrorOf(std::string_view text) {
  Result<ExpressionNode> node = ParseExpression(text);
  EXPECT_FALSE(node.ok()) << text;
  return node.ok() ? "" : node.status().message();
}

TEST(ExpressionParser, OrBindsLooserThanAndThanNot) {
  EXPECT_EQ(ShapeOf("a or b and c"), "(or a (and b c))");
  EXPECT_EQ(ShapeOf("a and b or c"), "(or (and a b) c)");
  EXPECT_EQ(ShapeOf("not a and b"), "(and (not a) b)");
  EXPECT_EQ(ShapeOf("not a == 1"), "(not (== a 1))");
  EXPECT_EQ(ShapeOf("not not a"), "(not (not a))");
  EXPECT_EQ(ShapeOf("(a or b) and c"), "(and (or a b) c)");
}

TEST(ExpressionParser, ChainsOfAndOrBecomeOneNode) {
  EXPECT_EQ(ShapeOf("a and b and c and d"), "(and a b c d)");
  EXPECT_EQ(ShapeOf("a or b or c"), "(or a b c)");
  EXPECT_EQ(ShapeOf("a and (b and c)"), "(and a (and b c))");
}

TEST(ExpressionParser, ArithmeticFollowsUsualPrecedenceAndLeftAssociativity) {
  EXPECT_EQ(ShapeOf("a + b * c >= d - e / f % g"), "(>= (+ a (* b c)) (- d (% (/ e f) g)))");
  EXPECT_EQ(ShapeOf("a - b - c == 0"), "(== (- (- a b) c) 0)");
  EXPECT_EQ(ShapeOf("a - (b - c) == 0"), "(== (- a (- b c)) 0)");
  EXPECT_EQ(ShapeOf("-a * 2 < 3"), "(< (* (neg a) 2) 3)");
  EXPECT_EQ(ShapeOf("- -a > 0"), "(> (neg (neg a)) 0)");
}

TEST(ExpressionParser, NegativeLiteralsStayLiterals) {
  EXPECT_EQ(ShapeOf("a > -1.5"), "(> a -1.5)");
  EXPECT_EQ(ShapeOf("a > - - 2"), "(> a 2)");
}

TEST(ExpressionParser, EveryComparisonOperator) {
  EXPECT_EQ(ShapeOf("a == 1 and a != 2 and a < 3 and a <= 4 and a > 5 and a >= 6"),
            "(and (== a 1) (!= a 2) (< a 3) (<= a 4) (> a 5) (>= a 6))");
}

TEST(ExpressionParser, InListsAndNullTests) {
  EXPECT_EQ(ShapeOf("g in (\"a\", \"b\")"), "(in g \"a\" \"b\")");
  EXPECT_EQ(ShapeOf("x not in (1, -2, null, true)"), "(not-in x 1 -2 null true)");
  EXPECT_EQ(ShapeOf("x is null or y is not null"), "(or (is-null x) (is-not-null y))");
  EXPECT_EQ(ShapeOf("x + 1 in (2)"), "(in (+ x 1) 2)");
  EXPECT_EQ(ShapeOf("`monthly income` IS NOT NULL"), "(is-not-null monthly income)");
}

TEST(ExpressionParser, ReportsSyntaxErrorsWithTheirOffset) {
  EXPECT_EQ(ExpressionErrorOf(""), "offset 0: empty expression");
  EXPECT_EQ(ExpressionErrorOf("   "), "offset 0: empty expression");
  EXPECT_EQ(ExpressionErrorOf("a < b < c"),
            "offset 6: comparisons do not chain; combine them with 'and'");
  EXPECT_EQ(ExpressionErrorOf("a < b is null"),
            "offset 6: comparisons do not chain; combine them with 'and'");
  EXPECT_EQ(ExpressionErrorOf("(a == 1"),
            "offset 7: expected ')' to close the '(' at offset 0, found the end");
  EXPECT_EQ(ExpressionErrorOf("a == 1)"), "offset 6: expected an operator or the end, found ')'");
  EXPECT_EQ(ExpressionErrorOf("a =="),
            "offset 4: expected a value (a column, a literal or '('), found the end");
  EXPECT_EQ(ExpressionErrorOf("a and and b"),
            "offset 6: expected a value (a column, a literal or '('), found 'and'");
  EXPECT_EQ(ExpressionErrorOf("a b"),
            "offset 2: expected an operator or the end, found column `b`");
  EXPECT_EQ(ExpressionErrorOf("a is 5"), "offset 5: expected 'null' after 'is', found a number");
  EXPECT_EQ(ExpressionErrorOf("a is not 5"),
            "offset 9: expected 'null' after 'is not', found a number");
  EXPECT_EQ(ExpressionErrorOf("a not b"), "offset 2: expected 'in' or 'is' before 'not' here");
  EXPECT_EQ(ExpressionErrorOf("a in 1"),
            "offset 5: expected '(' to start the list after 'in', found a number");
  EXPECT_EQ(ExpressionErrorOf("a in ()"),
            "offset 6: lists after 'in' hold literals (numbers, strings, true, false, null), "
            "found ')'");
  EXPECT_EQ(ExpressionErrorOf("a in (b)"),
            "offset 6: lists after 'in' hold literals (numbers, strings, true, false, null), "
            "found column `b`");
  EXPECT_EQ(ExpressionErrorOf("a in (1, 2"),
            "offset 10: expected ',' or ')' in the list, found the end");
  EXPECT_EQ(ExpressionErrorOf("a in (-\"x\")"),
            "offset 7: expected a number after '-', found a string");
  EXPECT_EQ(ExpressionErrorOf("a == not b"),
            "offset 5: expected a value (a column, a literal or '('), found 'not'");
}

// Found by expression_fuzzer: a back-quoted name holding a line break put the break into the
// message.
TEST(ExpressionParser, MessagesEscapeColumnNames) {
  EXPECT_EQ(ExpressionErrorOf("d in (\"0201-02\") `````mr 8\n`````\n`\n`"),
            "offset 17: expected an operator or the end, found column `````mr 8\\x0A`````");
}

TEST(ExpressionParser, LimitsNestingDepthWithoutDeepRecursion) {
  auto wrapped = [](size_t levels) {
    return std::string(levels, '(') + "a" + std::string(levels, ')') + " > 0";
  };
  // A comparison over a column: 2 levels; each pair of parentheses adds one.
  EXPECT_TRUE(ParseExpression(wrapped(62)).ok());
  EXPECT_EQ(ExpressionErrorOf(wrapped(63)), "offset 128: expression nested deeper than 64 levels");
  EXPECT_EQ(ExpressionErrorOf(wrapped(64)), "offset 0: expression nested deeper than 64 levels");
  auto negated = [](size_t count) {
    std::string text;
    for (size_t i = 0; i < count; ++i)
      text += "not ";
    return text + "a";
  };
  EXPECT_TRUE(ParseExpression(negated(63)).ok());
  EXPECT_NE(ExpressionErrorOf(negated(64)).find("nested deeper than 64 levels"), std::string::npos);
  // A long flat sum nests one level per operator.
  auto sum = [](size_t terms) {
    std::string text = "a";
    for (size_t i = 1; i < terms; ++i)
      text += " + a";
    return text + " > 0";
  };
  EXPECT_TRUE(ParseExpression(sum(63)).ok());
  EXPECT_NE(ExpressionErrorOf(sum(64)).find("nested deeper than 64 levels"), std::string::npos);
  // Far past the limit, parsing stops at the limit instead of recursing on.
  EXPECT_EQ(ExpressionErrorOf(std::string(4000, '(')),
            "offset 64: expression nested deeper than 64 levels");
  EXPECT_NE(ExpressionErrorOf(std::string(4000, '-') + "a").find("nested deeper than 64 levels"),
            std::string::npos);
}

TEST(ExpressionParser, ListsReferencedColumnsOnceInOrder) {
  Result<ExpressionNode> node = ParseExpression("b > 1 and a is null or b < `c d` + a");
  ASSERT_TRUE(node.ok());
  EXPECT_EQ(ReferencedColumns(*node), (std::vector<std::string>{"b", "a", "c d"}));
}

}  // namespace
}  // namespace steward::validate
