#pragma once

#include <cstdint>
#include <vector>

#include "steward/core/table.h"
#include "steward/validate/expression_binder.h"

namespace steward::validate {

// Evaluates a bound row expression over record batches, a column at a time: each node
// computes its values for every row of the batch into a vector (a literal stays one value),
// so the cost per row is a few vectorised loops, not a walk of the tree. Missing values
// follow SQL's three-valued logic; arithmetic on a missing value, a division or remainder by
// zero and inf - inf give a missing number.
//
// Comparisons and 'in' lists over a categorical column are computed once per category and
// kept across batches, which relies on the BatchReader contract that each batch's categories
// extend the previous batch's. Not thread-safe: one evaluator per stream.
class ExpressionEvaluator {
 public:
  explicit ExpressionEvaluator(BoundExpression expression);

  // Sets truth[i] to kFalse, kUnknown or kTrue for every row of `batch`.
  // REQUIRES: `batch` has the schema the expression was bound to.
  void Evaluate(const Table& batch, std::vector<uint8_t>& truth);

  const BoundExpression& expression() const { return expression_; }

 private:
  BoundExpression expression_;
  std::vector<std::vector<uint8_t>> category_caches_;
};

}  // namespace steward::validate
