#include "steward/validate/expression_evaluator.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "steward/validate/expression_binder.h"
#include "steward/validate/expression_parser.h"
#include "steward/validate/internal/test_tables.h"

namespace steward::validate {
namespace {

using testing::kNaN;
using testing::TableBuilder;

// Five rows covering each kind with a missing value in row 4 (index 3) of every column.
Table Sample() {
  return TableBuilder()
      .Numeric("x", {1, 2, 3, kNaN, 0})
      .Numeric("y", {1, 0, 6, 1, 0})
      .Categorical("g", {"a", "b", "c", std::nullopt, "a"})
      .Text("t", {"a", "bb", "c", std::nullopt, "b"})
      .Timestamp("ts", {"2020-01-01", "2021-06-15T12:00:00Z", "2019-12-31T23:59:59Z", std::nullopt,
                        "2020-01-01T00:00:00Z"})
      .Boolean("f", {1, 0, -1, -1, 1})
      .Build();
}

// Truth values as letters: T, F, U (unknown).
std::string Evaluate(std::string_view text, const Table& table) {
  Result<ExpressionNode> node = ParseExpression(text);
  EXPECT_TRUE(node.ok()) << text << ": " << node.status().message();
  if (!node.ok())
    return "";
  Result<BoundExpression> bound = BindExpression(*node, table.schema());
  EXPECT_TRUE(bound.ok()) << text << ": " << bound.status().message();
  if (!bound.ok())
    return "";
  ExpressionEvaluator evaluator(std::move(bound).value());
  std::vector<uint8_t> truth;
  evaluator.Evaluate(table, truth);
  EXPECT_EQ(truth.size(), table.num_rows());
  std::string letters;
  for (uint8_t value : truth)
    letters += value == kTrue ? 'T' : value == kFalse ? 'F' : 'U';
  return letters;
}

std::string Eval(std::string_view text) {
  return Evaluate(text, Sample());
}

std::string BindError(std::string_view text) {
  Result<ExpressionNode> node = ParseExpression(text);
  EXPECT_TRUE(node.ok()) << text << ": " << node.status().message();
  if (!node.ok())
    return "";
  Result<BoundExpression> bound = BindExpression(*node, Sample().schema());
  EXPECT_FALSE(bound.ok()) << text;
  return bound.ok() ? "" : bound.status().message();
}

TEST(ExpressionEvaluator, ComparesNumbersWithMissingAsUnknown) {
  EXPECT_EQ(Eval("x == 1"), "TFFUF");
  EXPECT_EQ(Eval("x != 1"), "FTTUT");
  EXPECT_EQ(Eval("x < 2"), "TFFUT");
  EXPECT_EQ(Eval("x <= 2"), "TTFUT");
  EXPECT_EQ(Eval("x > 2"), "FFTUF");
  EXPECT_EQ(Eval("x >= 2"), "FTTUF");
  EXPECT_EQ(Eval("2 <= x"), "FTTUF");
  EXPECT_EQ(Eval("x >= y"), "TTFUT");
}

TEST(ExpressionEvaluator, KleeneLogicForAndOrNot) {
  // f is T, F, U, U, T; x > 1 is F, T, T, U, F.
  EXPECT_EQ(Eval("f"), "TFUUT");
  EXPECT_EQ(Eval("not f"), "FTUUF");
  EXPECT_EQ(Eval("f and x > 1"), "FFUUF");
  EXPECT_EQ(Eval("f or x > 1"), "TTTUT");
  EXPECT_EQ(Eval("f and true"), "TFUUT");
  EXPECT_EQ(Eval("f and false"), "FFFFF");
  EXPECT_EQ(Eval("f or true"), "TTTTT");
  EXPECT_EQ(Eval("f or false"), "TFUUT");
  EXPECT_EQ(Eval("not (f or x > 1)"), "FFFUF");
  EXPECT_EQ(Eval("f and x > 1 and y > 0"), "FFUUF");
  EXPECT_EQ(Eval("f or x > 1 or y > 0"), "TTTTT");
}

TEST(ExpressionEvaluator, IsNullTestsEveryKind) {
  EXPECT_EQ(Eval("x is null"), "FFFTF");
  EXPECT_EQ(Eval("g is null"), "FFFTF");
  EXPECT_EQ(Eval("t is null"), "FFFTF");
  EXPECT_EQ(Eval("ts is null"), "FFFTF");
  EXPECT_EQ(Eval("f is null"), "FFTTF");
  EXPECT_EQ(Eval("x is not null"), "TTTFT");
  EXPECT_EQ(Eval("x / y is null"), "FTFTT");
  EXPECT_EQ(Eval("(x > 1) is null"), "FFFTF");
  EXPECT_EQ(Eval("\"a\" is null"), "FFFFF");
}

TEST(ExpressionEvaluator, TheIsNotNullIdiomTurnsUnknownIntoFalse) {
  EXPECT_EQ(Eval("x >= 1"), "TTTUF");
  EXPECT_EQ(Eval("x is not null and x >= 1"), "TTTFF");
}

TEST(ExpressionEvaluator, ArithmeticWithMissingAndDivisionByZero) {
  EXPECT_EQ(Eval("x + y == 2"), "TTFUF");
  EXPECT_EQ(Eval("x - y == 0"), "TFFUT");
  EXPECT_EQ(Eval("x * y == 18"), "FFTUF");
  EXPECT_EQ(Eval("x / y == 1"), "TUFUU");
  EXPECT_EQ(Eval("y % 4 == 2"), "FFTFF");
  EXPECT_EQ(Eval("x % y == 0"), "TUFUU");
  EXPECT_EQ(Eval("-x < -1"), "FTTUF");
  EXPECT_EQ(Eval("-7 % 3 == -1"), "TTTTT");
  EXPECT_EQ(Eval("1 + 2 * 3 == 7"), "TTTTT");
}

TEST(ExpressionEvaluator, ComparesStringsWithCategoricalAndTextColumns) {
  EXPECT_EQ(Eval("g == \"a\""), "TFFUT");
  EXPECT_EQ(Eval("\"a\" != g"), "FTTUF");
  EXPECT_EQ(Eval("g < \"b\""), "TFFUT");
  EXPECT_EQ(Eval("\"b\" <= g"), "FTTUF");
  EXPECT_EQ(Eval("t == \"bb\""), "FTFUF");
  EXPECT_EQ(Eval("t > \"b\""), "FTTUF");
  EXPECT_EQ(Eval("g == t"), "TFTUF");
  EXPECT_EQ(Eval("\"a\" < \"b\""), "TTTTT");
}

TEST(ExpressionEvaluator, InListsFollowSqlWithNulls) {
  EXPECT_EQ(Eval("g in (\"a\", \"c\")"), "TFTUT");
  EXPECT_EQ(Eval("g not in (\"a\", \"c\")"), "FTFUF");
  EXPECT_EQ(Eval("g in (\"a\", null)"), "TUUUT");
  EXPECT_EQ(Eval("g not in (\"a\", null)"), "FUUUF");
  EXPECT_EQ(Eval("t in (\"bb\", \"zz\")"), "FTFUF");
  EXPECT_EQ(Eval("x in (1, 3)"), "TFTUF");
  EXPECT_EQ(Eval("x + 1 not in (2, 4)"), "FTFUT");
  EXPECT_EQ(Eval("f in (true)"), "TFUUT");
  EXPECT_EQ(Eval("f in (0)"), "FTUUF");
  EXPECT_EQ(Eval("ts in (\"2020-01-01\")"), "TFFUT");
  EXPECT_EQ(Eval("\"b\" in (\"a\", \"b\")"), "TTTTT");
}

TEST(ExpressionEvaluator, BooleanColumnsCompareWithNumbersAndLogicals) {
  EXPECT_EQ(Eval("f == 1"), "TFUUT");
  EXPECT_EQ(Eval("f == false"), "FTUUF");
  EXPECT_EQ(Eval("f != true"), "FTUUF");
  EXPECT_EQ(Eval("(x > 1) == f"), "FFUUF");
}

TEST(ExpressionEvaluator, ComparesTimestampsWithIso8601Literals) {
  EXPECT_EQ(Eval("ts >= \"2020-01-01\""), "TTFUT");
  EXPECT_EQ(Eval("ts < \"2020-01-01T00:00:00Z\""), "FFTUF");
  EXPECT_EQ(Eval("\"2021-01-01\" < ts"), "FTFUF");
  EXPECT_EQ(Eval("ts == ts"), "TTTUT");
}

TEST(ExpressionEvaluator, ResolvesOnlyKnownColumns) {
  EXPECT_EQ(BindError("age > 1"), "offset 0: unknown column \"age\" (columns: x, y, g, t, ts, f)");
  EXPECT_EQ(BindError("x > 1 and `a b` > 1"),
            "offset 10: unknown column \"a b\" (columns: x, y, g, t, ts, f)");
}

TEST(ExpressionEvaluator, ReportsTypeErrorsWhereTheyAre) {
  EXPECT_EQ(BindError("x == \"a\""),
            "offset 2: cannot compare numeric column `x` with a string (numbers compare with "
            "numeric and boolean columns, strings with categorical, text and timestamp columns)");
  EXPECT_EQ(BindError("g > 1"),
            "offset 2: cannot compare categorical column `g` with a number (numbers compare with "
            "numeric and boolean columns, strings with categorical, text and timestamp columns)");
  EXPECT_EQ(BindError("ts > 5"),
            "offset 3: cannot compare timestamp column `ts` with a number (numbers compare with "
            "numeric and boolean columns, strings with categorical, text and timestamp columns)");
  EXPECT_EQ(BindError("ts > t"),
            "offset 3: cannot compare timestamp column `ts` with text column `t` (numbers compare "
            "with numeric and boolean columns, strings with categorical, text and timestamp "
            "columns)");
  EXPECT_EQ(BindError("ts > \"yesterday\""),
            "offset 5: \"yesterday\" is not an ISO 8601 timestamp (e.g. \"2024-01-31\" or "
            "\"2024-01-31T12:00:00Z\")");
  EXPECT_EQ(BindError("g + 1 > 2"), "offset 2: '+' needs numbers, but got categorical column `g`");
  EXPECT_EQ(BindError("-t == 1"), "offset 0: '-' needs numbers, but got text column `t`");
  EXPECT_EQ(BindError("x and f"),
            "offset 0: 'and' needs true/false values, but got numeric column `x`");
  EXPECT_EQ(BindError("f or 1"), "offset 5: 'or' needs true/false values, but got a number");
  EXPECT_EQ(BindError("not g"),
            "offset 4: 'not' needs true/false values, but got categorical column `g`");
  EXPECT_EQ(BindError("x + 1"),
            "offset 2: a row expectation must be true or false, but this is a number expression");
  EXPECT_EQ(BindError("x == null"),
            "offset 2: a comparison with null is never true or false; use 'is null' or 'is not "
            "null'");
  EXPECT_EQ(BindError("g in (\"a\", 1)"),
            "offset 11: the list holds a number, which categorical column `g` cannot equal");
  EXPECT_EQ(BindError("x in (1, \"a\")"),
            "offset 9: the list holds a string, which numeric column `x` cannot equal");
  EXPECT_EQ(BindError("ts in (\"soon\")"),
            "offset 7: \"soon\" is not an ISO 8601 timestamp (e.g. \"2024-01-31\" or "
            "\"2024-01-31T12:00:00Z\")");
  EXPECT_EQ(BindError("null in (1)"), "offset 0: 'in' needs a value to look for, not null");
}

TEST(ExpressionEvaluator, KeepsCategoryResultsAcrossBatchesWhoseCategoriesGrow) {
  // Categories appear batch after batch; results must not depend on how rows are batched.
  std::vector<testing::Cell> groups;
  std::vector<double> values;
  for (int i = 0; i < 50; ++i) {
    groups.push_back(i % 7 == 3 ? testing::Cell() : "g" + std::to_string(i % 11 + i / 10));
    values.push_back(i % 5 == 0 ? kNaN : i);
  }
  const Table whole = TableBuilder().Categorical("g", groups).Numeric("v", values).Build();
  const std::string text = "g in (\"g1\", \"g12\") or g > \"g5\" and v > 10";
  const std::string expected = Evaluate(text, whole);
  for (size_t rows_per_batch : {1, 3, 7, 50}) {
    ExpressionEvaluator evaluator(
        BindExpression(ParseExpression(text).value(), whole.schema()).value());
    std::string letters;
    for (const Table& batch : testing::SplitIntoBatches(whole, rows_per_batch)) {
      std::vector<uint8_t> truth;
      evaluator.Evaluate(batch, truth);
      for (uint8_t value : truth)
        letters += value == kTrue ? 'T' : value == kFalse ? 'F' : 'U';
    }
    EXPECT_EQ(letters, expected) << rows_per_batch << " rows per batch";
  }
  EXPECT_NE(expected.find('T'), std::string::npos);
  EXPECT_NE(expected.find('F'), std::string::npos);
}

TEST(ExpressionEvaluator, ListsTheColumnsItReads) {
  BoundExpression bound =
      BindExpression(ParseExpression("t == \"a\" or x > 1 and t != g").value(), Sample().schema())
          .value();
  EXPECT_EQ(bound.columns, (std::vector<size_t>{3, 0, 2}));
}

}  // namespace
}  // namespace steward::validate
