#include "steward/validate/expression_evaluator.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <string_view>
#include <utility>

namespace steward::validate {
namespace {

constexpr double kMissingNumber = std::numeric_limits<double>::quiet_NaN();

// A node's values over a batch: one per row, or a single value for every row (a literal).
// Column values are viewed in place, not copied.
template <typename T>
class Values {
 public:
  static Values Constant(T value) {
    Values values;
    values.owned_.push_back(value);
    values.constant_ = true;
    return values;
  }
  static Values Owned(std::vector<T> owned) {
    Values values;
    values.owned_ = std::move(owned);
    return values;
  }
  static Values View(std::span<const T> view) {
    Values values;
    values.view_ = view;
    values.viewing_ = true;
    return values;
  }

  bool constant() const { return constant_; }
  std::span<const T> data() const { return viewing_ ? view_ : std::span<const T>(owned_); }

 private:
  std::vector<T> owned_;
  std::span<const T> view_;
  bool viewing_ = false;
  bool constant_ = false;
};

using Numbers = Values<double>;
using Truths = Values<uint8_t>;
using Timestamps = Values<int64_t>;

template <typename R, typename A, typename F>
Values<R> Map(const Values<A>& a, size_t rows, F f) {
  const std::span<const A> x = a.data();
  if (a.constant())
    return Values<R>::Constant(f(x[0]));
  std::vector<R> out(rows);
  for (size_t i = 0; i < rows; ++i)
    out[i] = f(x[i]);
  return Values<R>::Owned(std::move(out));
}

// out[i] = f(a[i], b[i]), with a separate loop for each side that is constant so that every
// loop is a plain one the compiler vectorises.
template <typename R, typename A, typename B, typename F>
Values<R> Zip(const Values<A>& a, const Values<B>& b, size_t rows, F f) {
  const std::span<const A> x = a.data();
  const std::span<const B> y = b.data();
  if (a.constant() && b.constant())
    return Values<R>::Constant(f(x[0], y[0]));
  std::vector<R> out(rows);
  if (a.constant()) {
    const A left = x[0];
    for (size_t i = 0; i < rows; ++i)
      out[i] = f(left, y[i]);
  } else if (b.constant()) {
    const B right = y[0];
    for (size_t i = 0; i < rows; ++i)
      out[i] = f(x[i], right);
  } else {
    for (size_t i = 0; i < rows; ++i)
      out[i] = f(x[i], y[i]);
  }
  return Values<R>::Owned(std::move(out));
}

bool Holds(CompareOp op, int three_way) {
  switch (op) {
    case CompareOp::kEqual:
      return three_way == 0;
    case CompareOp::kNotEqual:
      return three_way != 0;
    case CompareOp::kLess:
      return three_way < 0;
    case CompareOp::kLessEqual:
      return three_way <= 0;
    case CompareOp::kGreater:
      return three_way > 0;
    case CompareOp::kGreaterEqual:
      return three_way >= 0;
  }
  return false;
}

uint8_t TruthOf(bool holds) {
  return holds ? kTrue : kFalse;
}

// Compares ordered values, unknown where either side is missing. One instantiation per
// operator keeps the operator out of the loop.
template <typename T, typename Missing>
Truths CompareOrdered(const Values<T>& a, const Values<T>& b, size_t rows, CompareOp op,
                      Missing missing) {
  auto run = [&](auto holds) {
    return Zip<uint8_t>(a, b, rows, [&](T x, T y) -> uint8_t {
      return missing(x) || missing(y) ? kUnknown : TruthOf(holds(x, y));
    });
  };
  switch (op) {
    case CompareOp::kEqual:
      return run(std::equal_to<T>());
    case CompareOp::kNotEqual:
      return run(std::not_equal_to<T>());
    case CompareOp::kLess:
      return run(std::less<T>());
    case CompareOp::kLessEqual:
      return run(std::less_equal<T>());
    case CompareOp::kGreater:
      return run(std::greater<T>());
    case CompareOp::kGreaterEqual:
      return run(std::greater_equal<T>());
  }
  return Truths::Constant(kUnknown);
}

bool IsMissingNumber(double value) {
  return std::isnan(value);
}
bool IsMissingTimestamp(int64_t value) {
  return value == kMissingTimestamp;
}

// 'in' gives true when found, unknown when not found but the list holds null, else false;
// 'not in' is its negation.
uint8_t Membership(bool found, bool list_has_null, bool negated) {
  const uint8_t in = found ? kTrue : (list_has_null ? kUnknown : kFalse);
  return negated ? static_cast<uint8_t>(kTrue - in) : in;
}

// A string operand: a string literal, or a categorical or text column.
class StringSide {
 public:
  StringSide(const BoundNode& node, const Table& batch)
      : literal_(node.kind == BoundKind::kLiteral ? &node.text : nullptr),
        column_(literal_ ? nullptr : &batch.column(node.column)) {}

  bool literal() const { return literal_ != nullptr; }
  bool categorical() const { return column_ && column_->kind() == ColumnKind::kCategorical; }
  const Column& column() const { return *column_; }
  bool missing(size_t row) const {
    if (literal_)
      return false;
    return categorical() ? column_->codes()[row] < 0 : column_->text().missing[row] != 0;
  }
  std::string_view at(size_t row) const {
    if (literal_)
      return *literal_;
    if (categorical())
      return column_->categories()[static_cast<size_t>(column_->codes()[row])];
    return column_->text().at(row);
  }

 private:
  const std::string* literal_;
  const Column* column_;
};

class Evaluation {
 public:
  Evaluation(const Table& batch, std::vector<std::vector<uint8_t>>& caches)
      : batch_(batch), rows_(batch.num_rows()), caches_(caches) {}

  Truths Logical(const BoundNode& node) {
    switch (node.kind) {
      case BoundKind::kColumn:
        return Map<uint8_t>(Values<int8_t>::View(batch_.column(node.column).booleans()), rows_,
                            [](int8_t v) -> uint8_t { return v < 0 ? kUnknown : TruthOf(v != 0); });
      case BoundKind::kLiteral:
        return Truths::Constant(node.truth);
      case BoundKind::kNot:
        return Map<uint8_t>(Logical(node.children[0]), rows_,
                            [](uint8_t v) -> uint8_t { return kTrue - v; });
      case BoundKind::kAnd:
      case BoundKind::kOr: {
        // Kleene logic: AND is the minimum, OR the maximum of false < unknown < true.
        const bool is_and = node.kind == BoundKind::kAnd;
        Truths result = Logical(node.children[0]);
        for (size_t i = 1; i < node.children.size(); ++i) {
          Truths next = Logical(node.children[i]);
          result = is_and ? Zip<uint8_t>(result, next, rows_,
                                         [](uint8_t a, uint8_t b) { return std::min(a, b); })
                          : Zip<uint8_t>(result, next, rows_,
                                         [](uint8_t a, uint8_t b) { return std::max(a, b); });
        }
        return result;
      }
      case BoundKind::kCompare:
        return Compare(node);
      case BoundKind::kIn:
        return In(node);
      case BoundKind::kIsNull:
        return IsNull(node);
      default:
        break;
    }
    return Truths::Constant(kUnknown);
  }

 private:
  Numbers Number(const BoundNode& node) {
    if (node.type == ValueType::kLogical) {
      // true/false as 1/0 where they meet numbers.
      return Map<double>(Logical(node), rows_, [](uint8_t v) {
        return v == kUnknown ? kMissingNumber : (v == kTrue ? 1.0 : 0.0);
      });
    }
    switch (node.kind) {
      case BoundKind::kColumn:
        return Numbers::View(batch_.column(node.column).numeric());
      case BoundKind::kLiteral:
        return Numbers::Constant(node.number);
      case BoundKind::kNegate:
        return Map<double>(Number(node.children[0]), rows_, [](double v) { return -v; });
      case BoundKind::kArithmetic:
        return Arithmetic(node);
      default:
        break;
    }
    return Numbers::Constant(kMissingNumber);
  }

  Numbers Arithmetic(const BoundNode& node) {
    Numbers a = Number(node.children[0]);
    Numbers b = Number(node.children[1]);
    switch (node.arithmetic) {
      case ArithmeticOp::kAdd:
        return Zip<double>(a, b, rows_, [](double x, double y) { return x + y; });
      case ArithmeticOp::kSubtract:
        return Zip<double>(a, b, rows_, [](double x, double y) { return x - y; });
      case ArithmeticOp::kMultiply:
        return Zip<double>(a, b, rows_, [](double x, double y) { return x * y; });
      case ArithmeticOp::kDivide:
        return Zip<double>(a, b, rows_,
                           [](double x, double y) { return y == 0 ? kMissingNumber : x / y; });
      case ArithmeticOp::kRemainder:
        return Zip<double>(a, b, rows_, [](double x, double y) {
          return y == 0 ? kMissingNumber : std::fmod(x, y);
        });
    }
    return Numbers::Constant(kMissingNumber);
  }

  Timestamps Timestamp(const BoundNode& node) {
    if (node.kind == BoundKind::kColumn)
      return Timestamps::View(batch_.column(node.column).timestamps());
    return Timestamps::Constant(node.micros);
  }

  Truths Compare(const BoundNode& node) {
    const BoundNode& left = node.children[0];
    const BoundNode& right = node.children[1];
    switch (left.type) {
      case ValueType::kTimestamp:
        return CompareOrdered(Timestamp(left), Timestamp(right), rows_, node.compare,
                              IsMissingTimestamp);
      case ValueType::kString:
        return CompareStrings(node);
      default:
        return CompareOrdered(Number(left), Number(right), rows_, node.compare, IsMissingNumber);
    }
  }

  // Extends a categorical node's per-category cache to the batch's categories.
  template <typename F>
  const std::vector<uint8_t>& CategoryResults(const BoundNode& node, const Column& column, F f) {
    std::vector<uint8_t>& cache = caches_[node.cache];
    const Categories& categories = column.categories();
    for (size_t code = cache.size(); code < categories.size(); ++code)
      cache.push_back(f(std::string_view(categories[code])));
    return cache;
  }

  Truths ByCode(const Column& column, const std::vector<uint8_t>& per_category) {
    return Map<uint8_t>(Values<int32_t>::View(column.codes()), rows_,
                        [&per_category](int32_t code) -> uint8_t {
                          return code < 0 ? kUnknown : per_category[static_cast<size_t>(code)];
                        });
  }

  Truths CompareStrings(const BoundNode& node) {
    const StringSide left(node.children[0], batch_);
    const StringSide right(node.children[1], batch_);
    const CompareOp op = node.compare;
    if (left.literal() && right.literal())
      return Truths::Constant(TruthOf(Holds(op, left.at(0).compare(right.at(0)))));
    if (node.cache != BoundNode::kNoCache) {
      const bool column_left = !left.literal();
      const StringSide& column = column_left ? left : right;
      const std::string_view literal = column_left ? right.at(0) : left.at(0);
      const auto& per_category = CategoryResults(node, column.column(), [&](std::string_view v) {
        return TruthOf(Holds(op, column_left ? v.compare(literal) : literal.compare(v)));
      });
      return ByCode(column.column(), per_category);
    }
    std::vector<uint8_t> out(rows_);
    for (size_t i = 0; i < rows_; ++i) {
      out[i] = left.missing(i) || right.missing(i)
                   ? kUnknown
                   : TruthOf(Holds(op, left.at(i).compare(right.at(i))));
    }
    return Truths::Owned(std::move(out));
  }

  Truths In(const BoundNode& node) {
    const BoundNode& operand = node.children[0];
    const bool has_null = node.list_has_null;
    const bool negated = node.negated;
    switch (operand.type) {
      case ValueType::kString:
        return InStrings(node);
      case ValueType::kTimestamp:
        return Map<uint8_t>(Timestamp(operand), rows_, [&](int64_t v) -> uint8_t {
          if (v == kMissingTimestamp)
            return kUnknown;
          return Membership(std::binary_search(node.timestamps.begin(), node.timestamps.end(), v),
                            has_null, negated);
        });
      default:
        return Map<uint8_t>(Number(operand), rows_, [&](double v) -> uint8_t {
          if (std::isnan(v))
            return kUnknown;
          return Membership(std::binary_search(node.numbers.begin(), node.numbers.end(), v),
                            has_null, negated);
        });
    }
  }

  Truths InStrings(const BoundNode& node) {
    const StringSide operand(node.children[0], batch_);
    auto member = [&node](std::string_view v) {
      return Membership(
          std::binary_search(node.strings.begin(), node.strings.end(), v, std::less<>()),
          node.list_has_null, node.negated);
    };
    if (operand.literal())
      return Truths::Constant(member(operand.at(0)));
    if (operand.categorical())
      return ByCode(operand.column(), CategoryResults(node, operand.column(), member));
    std::vector<uint8_t> out(rows_);
    for (size_t i = 0; i < rows_; ++i)
      out[i] = operand.missing(i) ? kUnknown : member(operand.at(i));
    return Truths::Owned(std::move(out));
  }

  Truths IsNull(const BoundNode& node) {
    const BoundNode& operand = node.children[0];
    const uint8_t if_null = node.negated ? kFalse : kTrue;
    const uint8_t if_not_null = kTrue - if_null;
    auto pick = [=](bool is_null) -> uint8_t { return is_null ? if_null : if_not_null; };
    if (operand.kind == BoundKind::kColumn && operand.type == ValueType::kString) {
      const StringSide column(operand, batch_);
      std::vector<uint8_t> out(rows_);
      for (size_t i = 0; i < rows_; ++i)
        out[i] = pick(column.missing(i));
      return Truths::Owned(std::move(out));
    }
    switch (operand.type) {
      case ValueType::kNumber:
        return Map<uint8_t>(Number(operand), rows_, [&](double v) { return pick(std::isnan(v)); });
      case ValueType::kLogical:
        return Map<uint8_t>(Logical(operand), rows_,
                            [&](uint8_t v) { return pick(v == kUnknown); });
      case ValueType::kTimestamp:
        return Map<uint8_t>(Timestamp(operand), rows_,
                            [&](int64_t v) { return pick(v == kMissingTimestamp); });
      case ValueType::kString:
        return Truths::Constant(pick(false));
      case ValueType::kNull:
        return Truths::Constant(pick(true));
    }
    return Truths::Constant(kUnknown);
  }

  const Table& batch_;
  const size_t rows_;
  std::vector<std::vector<uint8_t>>& caches_;
};

}  // namespace

ExpressionEvaluator::ExpressionEvaluator(BoundExpression expression)
    : expression_(std::move(expression)), category_caches_(expression_.category_caches) {}

void ExpressionEvaluator::Evaluate(const Table& batch, std::vector<uint8_t>& truth) {
  const Truths result = Evaluation(batch, category_caches_).Logical(expression_.root);
  const std::span<const uint8_t> values = result.data();
  if (result.constant()) {
    truth.assign(batch.num_rows(), values[0]);
  } else {
    truth.assign(values.begin(), values.end());
  }
}

}  // namespace steward::validate
