#include "steward/validate/expression_parser.h"

#include <algorithm>
#include <array>
#include <span>
#include <utility>

namespace steward::validate {
namespace {

std::string DepthError() {
  return "expression nested deeper than " + std::to_string(kMaxExpressionDepth) + " levels";
}

// Recursive descent, one function per precedence level (lowest first). `nesting_` counts the
// parentheses, 'not' and unary '-' the descent is inside; each adds at least one level to
// the finished tree, so stopping at the limit rejects nothing the depth check would accept,
// and the recursion stays bounded whatever the input.
class Parser {
 public:
  Parser(std::vector<Token> tokens, const OffsetLocator& locate)
      : tokens_(std::move(tokens)), locate_(locate) {}

  Result<ExpressionNode> Run() {
    Result<ExpressionNode> root = ParseOr();
    if (!root.ok())
      return root;
    if (Current().kind != TokenKind::kEnd) {
      if (ContinuesComparison(Current().kind))
        return Error(Current().offset, "comparisons do not chain; combine them with 'and'");
      return Error(Current().offset,
                   "expected an operator or the end, found " + Describe(Current()));
    }
    return root;
  }

 private:
  const Token& Current() const { return tokens_[pos_]; }
  const Token& Ahead() const { return tokens_[std::min(pos_ + 1, tokens_.size() - 1)]; }
  bool Accept(TokenKind kind) {
    if (Current().kind != kind)
      return false;
    ++pos_;
    return true;
  }

  Status Error(size_t offset, const std::string& what) const {
    return Status::InvalidArgument(locate_(offset) + what);
  }

  static std::string Describe(const Token& token) {
    if (token.kind == TokenKind::kIdentifier)
      return "column " + QuoteColumnName(token.text);
    return std::string(TokenKindName(token.kind));
  }

  // A token that would start a second comparison after a first one.
  static bool ContinuesComparison(TokenKind kind) {
    return IsComparison(kind) || kind == TokenKind::kIs || kind == TokenKind::kIn;
  }

  static bool IsComparison(TokenKind kind) {
    return kind == TokenKind::kEqual || kind == TokenKind::kNotEqual || kind == TokenKind::kLess ||
           kind == TokenKind::kLessEqual || kind == TokenKind::kGreater ||
           kind == TokenKind::kGreaterEqual;
  }

  // A node over `children`, one level deeper than the deepest of them.
  Result<ExpressionNode> Make(ExpressionNode node) const {
    size_t deepest = 0;
    for (const ExpressionNode& child : node.children)
      deepest = std::max(deepest, child.depth);
    node.depth = deepest + 1;
    if (node.depth > kMaxExpressionDepth)
      return Error(node.offset, DepthError());
    return node;
  }

  // or/and chains become one node with many children rather than a deep left spine.
  Result<ExpressionNode> ParseChain(NodeKind kind, TokenKind op,
                                    Result<ExpressionNode> (Parser::*operand)()) {
    Result<ExpressionNode> first = (this->*operand)();
    if (!first.ok() || Current().kind != op)
      return first;
    ExpressionNode node;
    node.kind = kind;
    node.offset = Current().offset;
    node.children.push_back(std::move(first).value());
    while (Accept(op)) {
      Result<ExpressionNode> next = (this->*operand)();
      if (!next.ok())
        return next;
      node.children.push_back(std::move(next).value());
    }
    return Make(std::move(node));
  }

  Result<ExpressionNode> ParseOr() {
    return ParseChain(NodeKind::kOr, TokenKind::kOr, &Parser::ParseAnd);
  }
  Result<ExpressionNode> ParseAnd() {
    return ParseChain(NodeKind::kAnd, TokenKind::kAnd, &Parser::ParseNot);
  }

  Result<ExpressionNode> ParseNot() {
    if (Current().kind != TokenKind::kNot)
      return ParseComparison();
    ExpressionNode node;
    node.kind = NodeKind::kNot;
    node.offset = Current().offset;
    ++pos_;
    Result<ExpressionNode> operand = Nested(&Parser::ParseNot, node.offset);
    if (!operand.ok())
      return operand;
    node.children.push_back(std::move(operand).value());
    return Make(std::move(node));
  }

  // Runs `parse` one nesting level deeper, refusing to go past the limit.
  Result<ExpressionNode> Nested(Result<ExpressionNode> (Parser::*parse)(), size_t offset) {
    if (nesting_ >= kMaxExpressionDepth)
      return Error(offset, DepthError());
    ++nesting_;
    Result<ExpressionNode> result = (this->*parse)();
    --nesting_;
    return result;
  }

  Result<ExpressionNode> ParseComparison() {
    Result<ExpressionNode> left = ParseAdditive();
    if (!left.ok())
      return left;
    ExpressionNode node;
    node.offset = Current().offset;
    const TokenKind op = Current().kind;
    if (IsComparison(op)) {
      ++pos_;
      static constexpr std::array<std::pair<TokenKind, CompareOp>, 6> kOps = {{
          {TokenKind::kEqual, CompareOp::kEqual},
          {TokenKind::kNotEqual, CompareOp::kNotEqual},
          {TokenKind::kLess, CompareOp::kLess},
          {TokenKind::kLessEqual, CompareOp::kLessEqual},
          {TokenKind::kGreater, CompareOp::kGreater},
          {TokenKind::kGreaterEqual, CompareOp::kGreaterEqual},
      }};
      for (const auto& [token, compare] : kOps) {
        if (token == op)
          node.compare = compare;
      }
      Result<ExpressionNode> right = ParseAdditive();
      if (!right.ok())
        return right;
      node.kind = NodeKind::kCompare;
      node.children.push_back(std::move(left).value());
      node.children.push_back(std::move(right).value());
      return Make(std::move(node));
    }
    if (op == TokenKind::kIs) {
      ++pos_;
      node.kind = NodeKind::kIsNull;
      node.negated = Accept(TokenKind::kNot);
      if (!Accept(TokenKind::kNull)) {
        return Error(Current().offset, std::string(node.negated ? "expected 'null' after 'is not'"
                                                                : "expected 'null' after 'is'") +
                                           ", found " + Describe(Current()));
      }
      node.children.push_back(std::move(left).value());
      return Make(std::move(node));
    }
    if (op == TokenKind::kIn || (op == TokenKind::kNot && Ahead().kind == TokenKind::kIn)) {
      node.negated = op == TokenKind::kNot;
      pos_ += node.negated ? 2 : 1;
      node.kind = NodeKind::kIn;
      node.children.push_back(std::move(left).value());
      STEWARD_RETURN_IF_ERROR(ParseList(node));
      return Make(std::move(node));
    }
    if (op == TokenKind::kNot)
      return Error(Current().offset, "expected 'in' or 'is' before 'not' here");
    return left;
  }

  // ("a", "b") or (1, -2.5, null): literals only.
  Status ParseList(ExpressionNode& node) {
    if (!Accept(TokenKind::kLeftParen)) {
      return Error(Current().offset,
                   "expected '(' to start the list after 'in', found " + Describe(Current()));
    }
    do {
      ExpressionNode item;
      item.offset = Current().offset;
      const bool minus = Accept(TokenKind::kMinus);
      const Token& token = Current();
      if (token.kind == TokenKind::kNumber) {
        item.kind = NodeKind::kNumber;
        item.number = minus ? -token.number : token.number;
      } else if (minus) {
        return Error(token.offset, "expected a number after '-', found " + Describe(token));
      } else if (token.kind == TokenKind::kString) {
        item.kind = NodeKind::kString;
        item.text = token.text;
      } else if (token.kind == TokenKind::kTrue || token.kind == TokenKind::kFalse) {
        item.kind = NodeKind::kBoolean;
        item.boolean = token.kind == TokenKind::kTrue;
      } else if (token.kind == TokenKind::kNull) {
        item.kind = NodeKind::kNull;
      } else {
        return Error(token.offset,
                     "lists after 'in' hold literals (numbers, strings, true, "
                     "false, null), found " +
                         Describe(token));
      }
      ++pos_;
      node.children.push_back(std::move(item));
    } while (Accept(TokenKind::kComma));
    if (!Accept(TokenKind::kRightParen)) {
      return Error(Current().offset,
                   "expected ',' or ')' in the list, found " + Describe(Current()));
    }
    return Status::Ok();
  }

  Result<ExpressionNode> ParseBinaryLevel(Result<ExpressionNode> (Parser::*operand)(),
                                          std::span<const std::pair<TokenKind, ArithmeticOp>> ops) {
    Result<ExpressionNode> left = (this->*operand)();
    while (left.ok()) {
      auto match = std::find_if(ops.begin(), ops.end(),
                                [&](const auto& entry) { return entry.first == Current().kind; });
      if (match == ops.end())
        break;
      ExpressionNode node;
      node.kind = NodeKind::kArithmetic;
      node.arithmetic = match->second;
      node.offset = Current().offset;
      ++pos_;
      Result<ExpressionNode> right = (this->*operand)();
      if (!right.ok())
        return right;
      node.children.push_back(std::move(left).value());
      node.children.push_back(std::move(right).value());
      left = Make(std::move(node));
    }
    return left;
  }

  Result<ExpressionNode> ParseAdditive() {
    static constexpr std::array<std::pair<TokenKind, ArithmeticOp>, 2> kOps = {{
        {TokenKind::kPlus, ArithmeticOp::kAdd},
        {TokenKind::kMinus, ArithmeticOp::kSubtract},
    }};
    return ParseBinaryLevel(&Parser::ParseMultiplicative, kOps);
  }

  Result<ExpressionNode> ParseMultiplicative() {
    static constexpr std::array<std::pair<TokenKind, ArithmeticOp>, 3> kOps = {{
        {TokenKind::kStar, ArithmeticOp::kMultiply},
        {TokenKind::kSlash, ArithmeticOp::kDivide},
        {TokenKind::kPercent, ArithmeticOp::kRemainder},
    }};
    return ParseBinaryLevel(&Parser::ParseUnary, kOps);
  }

  Result<ExpressionNode> ParseUnary() {
    if (Current().kind != TokenKind::kMinus)
      return ParsePrimary();
    const size_t offset = Current().offset;
    ++pos_;
    Result<ExpressionNode> operand = Nested(&Parser::ParseUnary, offset);
    if (!operand.ok())
      return operand;
    if (operand->kind == NodeKind::kNumber) {
      // A negative literal stays a literal, so "-1" reads as the number it names.
      operand->number = -operand->number;
      operand->offset = offset;
      return operand;
    }
    ExpressionNode node;
    node.kind = NodeKind::kNegate;
    node.offset = offset;
    node.children.push_back(std::move(operand).value());
    return Make(std::move(node));
  }

  Result<ExpressionNode> ParsePrimary() {
    const Token& token = Current();
    ExpressionNode node;
    node.offset = token.offset;
    switch (token.kind) {
      case TokenKind::kIdentifier:
        node.kind = NodeKind::kColumn;
        node.text = token.text;
        break;
      case TokenKind::kNumber:
        node.kind = NodeKind::kNumber;
        node.number = token.number;
        break;
      case TokenKind::kString:
        node.kind = NodeKind::kString;
        node.text = token.text;
        break;
      case TokenKind::kTrue:
      case TokenKind::kFalse:
        node.kind = NodeKind::kBoolean;
        node.boolean = token.kind == TokenKind::kTrue;
        break;
      case TokenKind::kNull:
        node.kind = NodeKind::kNull;
        break;
      case TokenKind::kLeftParen: {
        ++pos_;
        Result<ExpressionNode> inner = Nested(&Parser::ParseOr, token.offset);
        if (!inner.ok())
          return inner;
        if (!Accept(TokenKind::kRightParen)) {
          if (ContinuesComparison(Current().kind))
            return Error(Current().offset, "comparisons do not chain; combine them with 'and'");
          return Error(Current().offset, "expected ')' to close the '(' at offset " +
                                             std::to_string(token.offset) + ", found " +
                                             Describe(Current()));
        }
        // Parentheses count as a level, so that the limit bounds what the text nests.
        if (++inner->depth > kMaxExpressionDepth)
          return Error(token.offset, DepthError());
        return inner;
      }
      default:
        return Error(token.offset,
                     "expected a value (a column, a literal or '('), found " + Describe(token));
    }
    ++pos_;
    return node;
  }

  std::vector<Token> tokens_;
  const OffsetLocator& locate_;
  size_t pos_ = 0;
  size_t nesting_ = 0;
};

void CollectColumns(const ExpressionNode& node, std::vector<std::string>& names) {
  if (node.kind == NodeKind::kColumn &&
      std::find(names.begin(), names.end(), node.text) == names.end()) {
    names.push_back(node.text);
  }
  for (const ExpressionNode& child : node.children)
    CollectColumns(child, names);
}

}  // namespace

std::string_view CompareOpName(CompareOp op) {
  static constexpr std::array<std::string_view, 6> kNames = {"==", "!=", "<", "<=", ">", ">="};
  return kNames[static_cast<size_t>(op)];
}

std::string_view ArithmeticOpName(ArithmeticOp op) {
  static constexpr std::array<std::string_view, 5> kNames = {"+", "-", "*", "/", "%"};
  return kNames[static_cast<size_t>(op)];
}

Result<ExpressionNode> ParseExpression(std::string_view text, const OffsetLocator& locate) {
  STEWARD_ASSIGN_OR_RETURN(std::vector<Token> tokens, LexExpression(text, locate));
  if (tokens.size() == 1)
    return Status::InvalidArgument(locate(0) + "empty expression");
  return Parser(std::move(tokens), locate).Run();
}

std::vector<std::string> ReferencedColumns(const ExpressionNode& root) {
  std::vector<std::string> names;
  CollectColumns(root, names);
  return names;
}

}  // namespace steward::validate
