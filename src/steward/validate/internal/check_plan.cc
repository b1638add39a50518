#include "steward/validate/internal/check_plan.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "steward/io/value_parsing.h"
#include "steward/validate/expression_binder.h"
#include "steward/validate/expression_parser.h"
#include "steward/validate/internal/applicability.h"
#include "steward/validate/internal/column_checks.h"
#include "steward/validate/internal/distribution_checks.h"
#include "steward/validate/internal/expectation_text.h"
#include "steward/validate/internal/row_check.h"
#include "steward/validate/internal/string_checks.h"
#include "steward/validate/internal/table_checks.h"
#include "steward/validate/suite_location.h"

namespace steward::validate::internal {
namespace {

std::string QuotedList(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names)
    text += (text.empty() ? "" : ", ") + io::QuoteForMessage(name);
  return text;
}

// The offset of the first reference to column `name` in the expression, depth first.
std::optional<size_t> FirstReference(const ExpressionNode& node, const std::string& name) {
  if (node.kind == NodeKind::kColumn && node.text == name)
    return node.offset;
  for (const ExpressionNode& child : node.children) {
    if (std::optional<size_t> offset = FirstReference(child, name))
      return offset;
  }
  return std::nullopt;
}

class Planner {
 public:
  Planner(const Suite& suite, const Schema& schema, size_t examples)
      : suite_(suite), schema_(schema), examples_(examples) {}

  Result<std::vector<std::unique_ptr<Check>>> Run() {
    PlanTable();
    for (const ColumnExpectations& column : suite_.columns)
      STEWARD_RETURN_IF_ERROR(PlanColumn(column));
    for (const RowExpectation& row : suite_.rows)
      STEWARD_RETURN_IF_ERROR(PlanRow(row));
    return std::move(checks_);
  }

 private:
  void Add(std::unique_ptr<Check> check) { checks_.push_back(std::move(check)); }
  void Fixed(ExpectationResult result) { Add(std::make_unique<FixedResult>(std::move(result))); }
  void Skipped(std::string id, std::string expected, std::string note) {
    ExpectationResult result = NewResult(std::move(id), std::move(expected), true);
    result.status = ExpectationStatus::kSkipped;
    result.note = std::move(note);
    Fixed(std::move(result));
  }

  const ColumnExpectations* Declared(const std::string& name) const {
    auto it = std::find_if(suite_.columns.begin(), suite_.columns.end(),
                           [&](const ColumnExpectations& c) { return c.name == name; });
    return it == suite_.columns.end() ? nullptr : &*it;
  }

  std::vector<std::string> DataColumnNames() const {
    std::vector<std::string> names;
    for (const Field& field : schema_.fields())
      names.push_back(field.name);
    return names;
  }

  void PlanTable() {
    const TableExpectations& table = suite_.table;
    if (table.min_rows || table.max_rows)
      Add(MakeRowCountCheck(table.min_rows, table.max_rows));
    if (table.max_duplicate_rows)
      Add(MakeDuplicateRowsCheck(*table.max_duplicate_rows, DataColumnNames(), examples_));
    if (!table.absent_columns.empty()) {
      std::vector<std::string> present;
      for (const std::string& name : table.absent_columns) {
        if (schema_.Find(name))
          present.push_back(name);
      }
      ExpectationResult result = NewResult(
          "table:absent_columns", "absent: " + QuotedList(table.absent_columns), present.empty());
      result.observed.number = static_cast<double>(present.size());
      if (!present.empty())
        result.note = "present: " + QuotedList(present);
      Fixed(std::move(result));
    }
    if (!table.allow_extra_columns) {
      std::vector<std::string> extra;
      for (const std::string& name : DataColumnNames()) {
        if (Declared(name) == nullptr)
          extra.push_back(name);
      }
      ExpectationResult result = NewResult("table:allow_extra_columns",
                                           "no columns without a [[column]] entry", extra.empty());
      result.observed.number = static_cast<double>(extra.size());
      if (!extra.empty())
        result.note = "extra: " + QuotedList(extra);
      Fixed(std::move(result));
    }
  }

  Status PlanColumn(const ColumnExpectations& column) {
    const std::string quoted = io::QuoteForMessage(column.name);
    const std::optional<size_t> index = schema_.Find(column.name);
    if (!index) {
      if (column.required) {
        ExpectationResult result = NewResult(ColumnId(column.name, "required"), "present", false);
        result.observed.text = "absent";
        Fixed(std::move(result));
      }
      const std::string note =
          "column " + quoted + " is absent" + (column.required ? "" : " (not required)");
      if (column.kind)
        Skipped(ColumnId(column.name, "kind"), std::string(ColumnKindName(*column.kind)), note);
      for (const ExpectationText& text : ColumnExpectationTexts(column))
        Skipped(ColumnId(column.name, text.key), text.expected, note);
      return Status::Ok();
    }
    const ColumnKind kind = schema_.field(*index).kind;
    if (column.required) {
      ExpectationResult result = NewResult(ColumnId(column.name, "required"), "present", true);
      result.observed.text = "present";
      Fixed(std::move(result));
    }
    if (column.kind) {
      ExpectationResult result =
          NewResult(ColumnId(column.name, "kind"), std::string(ColumnKindName(*column.kind)),
                    kind == *column.kind);
      result.observed.text = std::string(ColumnKindName(kind));
      Fixed(std::move(result));
    }
    // An expectation for another kind of column: skipped when the entry declares a kind (the
    // kind expectation fails already), failed when the suite left the kind open.
    auto not_applicable = [&](const std::string& key, std::string expected,
                              std::string_view kinds) {
      const std::string actual(ColumnKindName(kind));
      if (column.kind) {
        Skipped(ColumnId(column.name, key), std::move(expected),
                "column " + quoted + " is " + actual + ", not " +
                    std::string(ColumnKindName(*column.kind)));
        return;
      }
      ExpectationResult result = NewResult(ColumnId(column.name, key), std::move(expected), false);
      result.note = "applies to " + std::string(kinds) + " columns; " + quoted + " is " + actual;
      Fixed(std::move(result));
    };
    const ColumnRef ref{*index, column.name, kind};
    if (column.not_null || column.max_missing_rate)
      Add(MakeMissingCheck(ref, column.not_null, column.max_missing_rate, examples_));
    if (column.unique)
      Add(MakeUniqueCheck(ref, examples_));
    PlanBounds(column, ref, not_applicable);
    if (column.allowed) {
      if (AllowedApplies(*column.allowed, kind))
        Add(MakeAllowedCheck(ref, *column.allowed, examples_));
      else
        not_applicable("allowed", AllowedText(*column.allowed), AllowedKinds(*column.allowed));
    }
    if (column.regex) {
      if (StringRuleApplies(kind)) {
        Result<std::unique_ptr<Check>> check = MakeRegexCheck(ref, *column.regex, examples_);
        if (!check.ok()) {
          return Status::InvalidArgument(LocationPrefix(column.location) +
                                         check.status().message());
        }
        Add(std::move(check).value());
      } else {
        not_applicable("regex", RegexText(*column.regex), kStringRuleKinds);
      }
    }
    if (column.min_length || column.max_length) {
      if (StringRuleApplies(kind)) {
        Add(MakeLengthCheck(ref, column.min_length, column.max_length, examples_));
      } else {
        if (column.min_length)
          not_applicable("min_length", MinLengthText(*column.min_length), kStringRuleKinds);
        if (column.max_length)
          not_applicable("max_length", MaxLengthText(*column.max_length), kStringRuleKinds);
      }
    }
    if (column.mean) {
      if (NumericRuleApplies(kind))
        Add(MakeMeanCheck(ref, *column.mean));
      else
        not_applicable("mean", MeanText(*column.mean), kNumericRuleKinds);
    }
    if (!column.quantiles.empty() || column.max_outlier_rate) {
      if (NumericRuleApplies(kind)) {
        Add(MakeDistributionCheck(ref, column.quantiles, column.max_outlier_rate, examples_));
      } else {
        for (const QuantileExpectation& quantile : column.quantiles)
          not_applicable(QuantileKey(quantile.q), QuantileText(quantile), kNumericRuleKinds);
        if (column.max_outlier_rate) {
          not_applicable("max_outlier_rate", OutlierText(*column.max_outlier_rate),
                         kNumericRuleKinds);
        }
      }
    }
    return Status::Ok();
  }

  template <typename NotApplicable>
  void PlanBounds(const ColumnExpectations& column, const ColumnRef& ref,
                  NotApplicable& not_applicable) {
    const bool min_applies = column.min && BoundApplies(*column.min, ref.kind);
    const bool max_applies = column.max && BoundApplies(*column.max, ref.kind);
    if (min_applies && max_applies) {
      Add(MakeRangeCheck(ref, column.min, column.max, examples_));
      return;
    }
    if (column.min) {
      if (min_applies)
        Add(MakeRangeCheck(ref, column.min, std::nullopt, examples_));
      else
        not_applicable("min", MinText(*column.min), BoundKinds(*column.min));
    }
    if (column.max) {
      if (max_applies)
        Add(MakeRangeCheck(ref, std::nullopt, column.max, examples_));
      else
        not_applicable("max", MaxText(*column.max), BoundKinds(*column.max));
    }
  }

  Status PlanRow(const RowExpectation& row) {
    const OffsetLocator locate = RowExpressionLocator(row);
    STEWARD_ASSIGN_OR_RETURN(ExpressionNode root, ParseExpression(row.expect, locate));
    const std::string id = "row:" + row.name;
    const std::vector<std::string> referenced = ReferencedColumns(root);
    std::optional<std::string> absent;
    for (const std::string& name : referenced) {
      if (schema_.Find(name))
        continue;
      if (Declared(name) == nullptr) {
        return Status::InvalidArgument(locate(FirstReference(root, name).value_or(0)) +
                                       "unknown column " + io::QuoteForMessage(name) +
                                       " (columns: " + JoinNames(DataColumnNames()) + ")");
      }
      if (!absent)
        absent = name;
    }
    if (absent) {
      Skipped(id, row.expect, "column " + io::QuoteForMessage(*absent) + " is absent");
      return Status::Ok();
    }
    Result<BoundExpression> bound = BindExpression(root, schema_, locate);
    if (!bound.ok()) {
      // Data of another kind than the suite declares is reported by that column's kind
      // expectation; the expression, written for the declared kind, cannot run.
      for (const std::string& name : referenced) {
        const ColumnExpectations* declared = Declared(name);
        const ColumnKind actual = schema_.field(*schema_.Find(name)).kind;
        if (declared != nullptr && declared->kind && *declared->kind != actual) {
          Skipped(id, row.expect,
                  "column " + io::QuoteForMessage(name) + " is " +
                      std::string(ColumnKindName(actual)) + ", not " +
                      std::string(ColumnKindName(*declared->kind)));
          return Status::Ok();
        }
      }
      return bound.status();
    }
    Add(MakeRowCheck(row.name, row.expect, std::move(bound).value(), schema_, examples_));
    return Status::Ok();
  }

  const Suite& suite_;
  const Schema& schema_;
  size_t examples_;
  std::vector<std::unique_ptr<Check>> checks_;
};

}  // namespace

Result<std::vector<std::unique_ptr<Check>>> PlanChecks(const Suite& suite, const Schema& schema,
                                                       size_t examples) {
  return Planner(suite, schema, examples).Run();
}

}  // namespace steward::validate::internal
