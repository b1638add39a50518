#include "steward/validate/internal/row_check.h"

#include <utility>
#include <vector>

#include "steward/validate/expression_evaluator.h"

namespace steward::validate::internal {
namespace {

class RowCheck final : public Check {
 public:
  RowCheck(std::string name, std::string expect, BoundExpression expression, const Schema& schema,
           size_t examples)
      : name_(std::move(name)), expect_(std::move(expect)), log_(examples) {
    for (size_t index : expression.columns)
      names_.push_back(schema.field(index).name);
    evaluator_.emplace(std::move(expression));
  }

  void Consume(const Table& batch, uint64_t first_row) override {
    evaluator_->Evaluate(batch, truth_);
    const std::vector<size_t>& columns = evaluator_->expression().columns;
    for (size_t row = 0; row < truth_.size(); ++row) {
      if (truth_[row] == kTrue)
        continue;
      if (truth_[row] == kUnknown) {
        ++unknown_;
        continue;
      }
      if (FailingRow* example = log_.Add(first_row + row)) {
        for (size_t i = 0; i < columns.size(); ++i)
          example->values.emplace_back(names_[i], ValueAt(batch.column(columns[i]), row));
      }
    }
  }

  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    ExpectationResult result = NewResult("row:" + name_, expect_, log_.count() == 0);
    result.observed.number = static_cast<double>(log_.count());
    if (unknown_ > 0) {
      result.note = std::to_string(unknown_) +
                    " rows unknown because of missing values (they pass; add 'is not null' to "
                    "require values)";
    }
    log_.MoveTo(result);
    results.push_back(std::move(result));
  }

 private:
  std::string name_;
  std::string expect_;
  std::optional<ExpressionEvaluator> evaluator_;
  std::vector<std::string> names_;
  std::vector<uint8_t> truth_;
  uint64_t unknown_ = 0;
  FailureLog log_;
};

}  // namespace

std::unique_ptr<Check> MakeRowCheck(const std::string& name, const std::string& expect,
                                    BoundExpression expression, const Schema& schema,
                                    size_t examples) {
  return std::make_unique<RowCheck>(name, expect, std::move(expression), schema, examples);
}

}  // namespace steward::validate::internal
