// libFuzzer target for row expressions (validate/expression_*). Beyond "no crash", it checks:
// - a failure is a one-line, valid UTF-8 message that says where ("offset N: ...");
// - the printed form of a parsed expression (when within the length limit) parses again and
//   prints the same, and binds and evaluates to the same truth values as the original;
// - evaluating over one batch and over one-row batches (whose categories grow batch by
//   batch, as a reader's do) gives the same truth values, each false, unknown or true.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "steward/validate/expression_binder.h"
#include "steward/validate/expression_evaluator.h"
#include "steward/validate/expression_parser.h"
#include "steward/validate/expression_printer.h"
#include "steward/validate/internal/test_tables.h"

#include "table_checks.h"

namespace {

using steward::Table;
using steward::fuzz::Check;
using steward::fuzz::CheckString;
using steward::validate::testing::kNaN;

// Eight rows over every kind, with missing values, zeros and repeats.
const Table& Fixture() {
  static const Table table =
      steward::validate::testing::TableBuilder()
          .Numeric("a", {1, -2.5, kNaN, 0, 1e300, 7, 3, -0.0})
          .Numeric("n", {0, 2, 4, kNaN, 1, 1, 8, 2})
          .Categorical("b", {"x", "y", std::nullopt, "x", "zz", "", "y", "w"})
          .Text("c", {"x", "", "é", std::nullopt, "x y", "Y", "a\"b", "x"})
          .Timestamp("d",
                     {"2020-01-01", std::nullopt, "1999-12-31T23:59:59Z", "2020-01-01T00:00:00.5Z",
                      "2038-01-19", "1970-01-01", std::nullopt, "2020-02-29"})
          .Boolean("e", {1, 0, -1, 1, 0, -1, 1, 0})
          .Build();
  return table;
}

void CheckFailure(const steward::Status& status) {
  const std::string& message = status.message();
  Check(message.rfind("offset ", 0) == 0);
  CheckString(message);
  Check(message.find('\n') == std::string::npos);
}

std::vector<uint8_t> EvaluateWhole(const steward::validate::BoundExpression& bound) {
  steward::validate::ExpressionEvaluator evaluator(bound);
  std::vector<uint8_t> truth;
  evaluator.Evaluate(Fixture(), truth);
  Check(truth.size() == Fixture().num_rows());
  for (uint8_t value : truth)
    Check(value <= steward::validate::kTrue);
  return truth;
}

std::vector<uint8_t> EvaluateRowByRow(const steward::validate::BoundExpression& bound) {
  static const std::vector<Table> rows = steward::validate::testing::SplitIntoBatches(Fixture(), 1);
  steward::validate::ExpressionEvaluator evaluator(bound);
  std::vector<uint8_t> all;
  std::vector<uint8_t> truth;
  for (const Table& row : rows) {
    evaluator.Evaluate(row, truth);
    Check(truth.size() == 1);
    all.push_back(truth[0]);
  }
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = steward::validate::ParseExpression(text);
  if (!parsed.ok()) {
    CheckFailure(parsed.status());
    return 0;
  }
  Check(parsed->depth <= steward::validate::kMaxExpressionDepth);
  // The canonical form spells names and spacing out, so it may outgrow the length limit.
  const std::string printed = steward::validate::ExpressionToString(*parsed);
  std::optional<steward::validate::ExpressionNode> reparsed;
  if (printed.size() <= steward::validate::kMaxExpressionBytes) {
    auto again = steward::validate::ParseExpression(printed);
    Check(again.ok());
    Check(steward::validate::ExpressionToString(*again) == printed);
    Check(steward::validate::ReferencedColumns(*again) ==
          steward::validate::ReferencedColumns(*parsed));
    reparsed = std::move(again).value();
  }

  auto bound = steward::validate::BindExpression(*parsed, Fixture().schema());
  if (!bound.ok()) {
    CheckFailure(bound.status());
    if (reparsed)
      Check(!steward::validate::BindExpression(*reparsed, Fixture().schema()).ok());
    return 0;
  }
  const std::vector<uint8_t> whole = EvaluateWhole(*bound);
  Check(EvaluateRowByRow(*bound) == whole);
  if (reparsed) {
    auto rebound = steward::validate::BindExpression(*reparsed, Fixture().schema());
    Check(rebound.ok());
    Check(EvaluateWhole(*rebound) == whole);
  }
  return 0;
}
