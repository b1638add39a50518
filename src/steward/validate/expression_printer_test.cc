#include "steward/validate/expression_printer.h"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

namespace steward::validate {
namespace {

// Equal trees: the same kinds, values and operators, whatever the offsets and depths.
bool SameTree(const ExpressionNode& a, const ExpressionNode& b) {
  if (a.kind != b.kind || a.text != b.text || a.boolean != b.boolean || a.negated != b.negated ||
      a.compare != b.compare || a.arithmetic != b.arithmetic ||
      a.children.size() != b.children.size())
    return false;
  if (a.kind == NodeKind::kNumber &&
      !(a.number == b.number && std::signbit(a.number) == std::signbit(b.number)))
    return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!SameTree(a.children[i], b.children[i]))
      return false;
  }
  return true;
}

TEST(ExpressionPrinter, PrintsAnExpressionThatParsesToTheSameTree) {
  for (std::string_view text : {
           "age >= 18 or consent == \"yes\"",
           "(a or b) and not (c or d)",
           "a - (b - c) * -d / (e % 2) >= -0.5",
           "`weird `` name` in (\"x\", \"y \\\" z\", null) and x not in (1e+300, -2)",
           "not (a and (b and c)) or x is not null",
           "(a == 1) == true",
           "- -x > 1",
           "x > -0",
       }) {
    Result<ExpressionNode> first = ParseExpression(text);
    ASSERT_TRUE(first.ok()) << text << ": " << first.status().message();
    const std::string printed = ExpressionToString(*first);
    Result<ExpressionNode> second = ParseExpression(printed);
    ASSERT_TRUE(second.ok()) << printed << ": " << second.status().message();
    EXPECT_TRUE(SameTree(*first, *second)) << text << " printed as " << printed;
    EXPECT_EQ(ExpressionToString(*second), printed);
  }
}

TEST(ExpressionPrinter, UsesCanonicalSpellingAndFewestParentheses) {
  EXPECT_EQ(ExpressionToString(ParseExpression("age>=18 OR NOT(x)").value()),
            "`age` >= 18 or not `x`");
  EXPECT_EQ(ExpressionToString(ParseExpression("((a + b)) * (c) IS NOT NULL").value()),
            "(`a` + `b`) * `c` is not null");
  EXPECT_EQ(ExpressionToString(ParseExpression("a - (b + c) < a - b + c").value()),
            "`a` - (`b` + `c`) < `a` - `b` + `c`");
}

}  // namespace
}  // namespace steward::validate
