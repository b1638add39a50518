#include "steward/validate/expression_binder.h"

#include <algorithm>
#include <utility>

#include "steward/io/value_parsing.h"

namespace steward::validate {
namespace {

ValueType TypeOfColumn(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kNumeric:
      return ValueType::kNumber;
    case ColumnKind::kBoolean:
      return ValueType::kLogical;
    case ColumnKind::kCategorical:
    case ColumnKind::kText:
      return ValueType::kString;
    case ColumnKind::kTimestamp:
      return ValueType::kTimestamp;
  }
  return ValueType::kNull;
}

BoundNode MakeNode(BoundKind kind, ValueType type) {
  BoundNode node;
  node.kind = kind;
  node.type = type;
  return node;
}

bool IsNumberLike(ValueType type) {
  return type == ValueType::kNumber || type == ValueType::kLogical;
}

class Binder {
 public:
  Binder(const Schema& schema, const OffsetLocator& locate) : schema_(schema), locate_(locate) {}

  Result<BoundExpression> Run(const ExpressionNode& root) {
    BoundExpression bound;
    STEWARD_ASSIGN_OR_RETURN(bound.root, Bind(root));
    if (bound.root.type != ValueType::kLogical) {
      return Error(root.offset,
                   "a row expectation must be true or false, but this is " + Describe(bound.root));
    }
    bound.columns = std::move(columns_);
    bound.category_caches = caches_;
    return bound;
  }

 private:
  Status Error(size_t offset, const std::string& what) const {
    return Status::InvalidArgument(locate_(offset) + what);
  }

  std::string Describe(const BoundNode& node) const {
    if (node.kind == BoundKind::kColumn) {
      return std::string(ColumnKindName(node.column_kind)) + " column " +
             QuoteColumnName(schema_.field(node.column).name);
    }
    const bool literal = node.kind == BoundKind::kLiteral;
    switch (node.type) {
      case ValueType::kNumber:
        return literal ? "a number" : "a number expression";
      case ValueType::kLogical:
        return literal ? "a true/false literal" : "a true/false expression";
      case ValueType::kString:
        return "a string";
      case ValueType::kTimestamp:
        return "a timestamp";
      case ValueType::kNull:
        return "null";
    }
    return "?";
  }

  Result<BoundNode> Bind(const ExpressionNode& node) {
    switch (node.kind) {
      case NodeKind::kColumn:
        return BindColumn(node);
      case NodeKind::kNumber:
      case NodeKind::kString:
      case NodeKind::kBoolean:
      case NodeKind::kNull:
        return Literal(node);
      case NodeKind::kNegate:
      case NodeKind::kArithmetic:
        return BindArithmetic(node);
      case NodeKind::kNot:
      case NodeKind::kAnd:
      case NodeKind::kOr:
        return BindLogical(node);
      case NodeKind::kCompare:
        return BindCompare(node);
      case NodeKind::kIn:
        return BindIn(node);
      case NodeKind::kIsNull: {
        BoundNode bound = MakeNode(BoundKind::kIsNull, ValueType::kLogical);
        bound.negated = node.negated;
        STEWARD_ASSIGN_OR_RETURN(BoundNode operand, Bind(node.children[0]));
        bound.children.push_back(std::move(operand));
        return bound;
      }
    }
    return Error(node.offset, "unsupported expression");
  }

  Result<BoundNode> BindColumn(const ExpressionNode& node) {
    std::optional<size_t> index = schema_.Find(node.text);
    if (!index) {
      std::vector<std::string> names;
      for (const Field& field : schema_.fields())
        names.push_back(field.name);
      return Error(node.offset, "unknown column " + io::QuoteForMessage(node.text) +
                                    " (columns: " + JoinNames(names) + ")");
    }
    BoundNode bound = MakeNode(BoundKind::kColumn, ValueType::kNull);
    bound.column = *index;
    bound.column_kind = schema_.field(*index).kind;
    bound.type = TypeOfColumn(bound.column_kind);
    if (std::find(columns_.begin(), columns_.end(), *index) == columns_.end())
      columns_.push_back(*index);
    return bound;
  }

  static BoundNode Literal(const ExpressionNode& node) {
    BoundNode bound = MakeNode(BoundKind::kLiteral, ValueType::kNull);
    switch (node.kind) {
      case NodeKind::kNumber:
        bound.type = ValueType::kNumber;
        bound.number = node.number;
        break;
      case NodeKind::kString:
        bound.type = ValueType::kString;
        bound.text = node.text;
        break;
      case NodeKind::kBoolean:
        bound.type = ValueType::kLogical;
        bound.truth = node.boolean ? kTrue : kFalse;
        break;
      default:
        bound.type = ValueType::kNull;
        break;
    }
    return bound;
  }

  Result<BoundNode> BindArithmetic(const ExpressionNode& node) {
    BoundNode bound =
        MakeNode(node.kind == NodeKind::kNegate ? BoundKind::kNegate : BoundKind::kArithmetic,
                 ValueType::kNumber);
    bound.arithmetic = node.arithmetic;
    for (const ExpressionNode& child : node.children) {
      STEWARD_ASSIGN_OR_RETURN(BoundNode operand, Bind(child));
      if (operand.type != ValueType::kNumber) {
        const std::string op =
            node.kind == NodeKind::kNegate ? "-" : std::string(ArithmeticOpName(node.arithmetic));
        return Error(node.offset, "'" + op + "' needs numbers, but got " + Describe(operand));
      }
      bound.children.push_back(std::move(operand));
    }
    return bound;
  }

  Result<BoundNode> BindLogical(const ExpressionNode& node) {
    BoundNode bound = MakeNode(BoundKind::kNot, ValueType::kLogical);
    bound.kind = node.kind == NodeKind::kNot   ? BoundKind::kNot
                 : node.kind == NodeKind::kAnd ? BoundKind::kAnd
                                               : BoundKind::kOr;
    const char* name = node.kind == NodeKind::kNot   ? "not"
                       : node.kind == NodeKind::kAnd ? "and"
                                                     : "or";
    for (const ExpressionNode& child : node.children) {
      STEWARD_ASSIGN_OR_RETURN(BoundNode operand, Bind(child));
      if (operand.type != ValueType::kLogical) {
        return Error(child.offset, std::string("'") + name + "' needs true/false values, but got " +
                                       Describe(operand));
      }
      bound.children.push_back(std::move(operand));
    }
    return bound;
  }

  // A string literal where a timestamp is compared: parsed as ISO 8601 now, once.
  Status ToTimestamp(BoundNode& literal, size_t offset) const {
    int64_t micros = 0;
    if (!io::ParseTimestamp(literal.text, micros)) {
      return Error(offset, io::QuoteForMessage(literal.text) +
                               " is not an ISO 8601 timestamp (e.g. \"2024-01-31\" or "
                               "\"2024-01-31T12:00:00Z\")");
    }
    literal.type = ValueType::kTimestamp;
    literal.micros = micros;
    return Status::Ok();
  }

  static bool IsCategorical(const BoundNode& node) {
    return node.kind == BoundKind::kColumn && node.column_kind == ColumnKind::kCategorical;
  }

  Result<BoundNode> BindCompare(const ExpressionNode& node) {
    BoundNode bound = MakeNode(BoundKind::kCompare, ValueType::kLogical);
    bound.compare = node.compare;
    STEWARD_ASSIGN_OR_RETURN(BoundNode left, Bind(node.children[0]));
    STEWARD_ASSIGN_OR_RETURN(BoundNode right, Bind(node.children[1]));
    if (left.type == ValueType::kNull || right.type == ValueType::kNull) {
      return Error(node.offset,
                   "a comparison with null is never true or false; use 'is null' or "
                   "'is not null'");
    }
    // A string literal beside a timestamp is a timestamp.
    if (left.type == ValueType::kTimestamp && right.type == ValueType::kString &&
        right.kind == BoundKind::kLiteral) {
      STEWARD_RETURN_IF_ERROR(ToTimestamp(right, node.children[1].offset));
    } else if (right.type == ValueType::kTimestamp && left.type == ValueType::kString &&
               left.kind == BoundKind::kLiteral) {
      STEWARD_RETURN_IF_ERROR(ToTimestamp(left, node.children[0].offset));
    }
    const bool fits = (IsNumberLike(left.type) && IsNumberLike(right.type)) ||
                      (left.type == right.type && left.type != ValueType::kLogical);
    if (!fits) {
      return Error(node.offset,
                   "cannot compare " + Describe(left) + " with " + Describe(right) +
                       " (numbers compare with numeric and boolean columns, strings with "
                       "categorical, text and timestamp columns)");
    }
    const bool with_literal = left.kind == BoundKind::kLiteral || right.kind == BoundKind::kLiteral;
    if (left.type == ValueType::kString && with_literal &&
        (IsCategorical(left) || IsCategorical(right))) {
      bound.cache = caches_++;
    }
    bound.children.push_back(std::move(left));
    bound.children.push_back(std::move(right));
    return bound;
  }

  Result<BoundNode> BindIn(const ExpressionNode& node) {
    BoundNode bound = MakeNode(BoundKind::kIn, ValueType::kLogical);
    bound.negated = node.negated;
    STEWARD_ASSIGN_OR_RETURN(BoundNode operand, Bind(node.children[0]));
    if (operand.type == ValueType::kNull)
      return Error(node.children[0].offset, "'in' needs a value to look for, not null");
    for (size_t i = 1; i < node.children.size(); ++i) {
      const ExpressionNode& item = node.children[i];
      if (item.kind == NodeKind::kNull) {
        bound.list_has_null = true;
        continue;
      }
      const bool fits = (IsNumberLike(operand.type) &&
                         (item.kind == NodeKind::kNumber || item.kind == NodeKind::kBoolean)) ||
                        (operand.type == ValueType::kString && item.kind == NodeKind::kString) ||
                        (operand.type == ValueType::kTimestamp && item.kind == NodeKind::kString);
      if (!fits) {
        return Error(item.offset, "the list holds " + Describe(Literal(item)) + ", which " +
                                      Describe(operand) + " cannot equal");
      }
      if (operand.type == ValueType::kString) {
        bound.strings.push_back(item.text);
      } else if (operand.type == ValueType::kTimestamp) {
        BoundNode literal = Literal(item);
        STEWARD_RETURN_IF_ERROR(ToTimestamp(literal, item.offset));
        bound.timestamps.push_back(literal.micros);
      } else {
        bound.numbers.push_back(item.kind == NodeKind::kBoolean ? (item.boolean ? 1.0 : 0.0)
                                                                : item.number);
      }
    }
    std::sort(bound.numbers.begin(), bound.numbers.end());
    std::sort(bound.strings.begin(), bound.strings.end());
    std::sort(bound.timestamps.begin(), bound.timestamps.end());
    if (IsCategorical(operand))
      bound.cache = caches_++;
    bound.children.push_back(std::move(operand));
    return bound;
  }

  const Schema& schema_;
  const OffsetLocator& locate_;
  std::vector<size_t> columns_;
  size_t caches_ = 0;
};

}  // namespace

Result<BoundExpression> BindExpression(const ExpressionNode& root, const Schema& schema,
                                       const OffsetLocator& locate) {
  return Binder(schema, locate).Run(root);
}

}  // namespace steward::validate
