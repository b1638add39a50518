#include "steward/validate/expression_printer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace steward::validate {
namespace {

// Precedence levels for printing, lowest first; a child needs parentheses below its slot's.
constexpr int kPrecedenceOr = 1;
constexpr int kPrecedenceAnd = 2;
constexpr int kPrecedenceNot = 3;
constexpr int kPrecedenceComparison = 4;
constexpr int kPrecedenceAdditive = 5;
constexpr int kPrecedenceMultiplicative = 6;
constexpr int kPrecedenceUnary = 7;
constexpr int kPrecedencePrimary = 8;

int Precedence(const ExpressionNode& node) {
  switch (node.kind) {
    case NodeKind::kOr:
      return kPrecedenceOr;
    case NodeKind::kAnd:
      return kPrecedenceAnd;
    case NodeKind::kNot:
      return kPrecedenceNot;
    case NodeKind::kCompare:
    case NodeKind::kIn:
    case NodeKind::kIsNull:
      return kPrecedenceComparison;
    case NodeKind::kArithmetic:
      return node.arithmetic == ArithmeticOp::kAdd || node.arithmetic == ArithmeticOp::kSubtract
                 ? kPrecedenceAdditive
                 : kPrecedenceMultiplicative;
    case NodeKind::kNegate:
      return kPrecedenceUnary;
    case NodeKind::kNumber:
      return std::signbit(node.number) ? kPrecedenceUnary : kPrecedencePrimary;
    default:
      return kPrecedencePrimary;
  }
}

std::string NumberToString(double value) {
  std::array<char, 32> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return error == std::errc() ? std::string(buffer.data(), end) : std::string("0");
}

std::string Quote(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    if (quote == '"' && (c == '"' || c == '\\'))
      out += '\\';
    if (quote == '`' && c == '`')
      out += '`';
    out += c;
  }
  out += quote;
  return out;
}

void Print(const ExpressionNode& node, std::string& out);

// Prints `child` where the grammar expects precedence `slot` or higher: parentheses only where
// the source must have had them too, so the printed text never nests deeper than the source.
void PrintChild(const ExpressionNode& child, int slot, std::string& out) {
  if (Precedence(child) < slot) {
    out += '(';
    Print(child, out);
    out += ')';
  } else {
    Print(child, out);
  }
}

void Print(const ExpressionNode& node, std::string& out) {
  switch (node.kind) {
    case NodeKind::kColumn:
      out += Quote(node.text, '`');
      return;
    case NodeKind::kNumber:
      out += NumberToString(node.number);
      return;
    case NodeKind::kString:
      out += Quote(node.text, '"');
      return;
    case NodeKind::kBoolean:
      out += node.boolean ? "true" : "false";
      return;
    case NodeKind::kNull:
      out += "null";
      return;
    case NodeKind::kNegate:
      out += '-';
      // "- -x": a space keeps two minus signs apart for the reader.
      if (Precedence(node.children[0]) == kPrecedenceUnary)
        out += ' ';
      PrintChild(node.children[0], kPrecedenceUnary, out);
      return;
    case NodeKind::kNot:
      out += "not ";
      PrintChild(node.children[0], kPrecedenceNot, out);
      return;
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      // A nested chain of the same kind came from parentheses; keep them.
      const int own = Precedence(node) + 1;
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0)
          out += node.kind == NodeKind::kAnd ? " and " : " or ";
        PrintChild(node.children[i], own, out);
      }
      return;
    }
    case NodeKind::kCompare:
      PrintChild(node.children[0], kPrecedenceAdditive, out);
      out += ' ';
      out += CompareOpName(node.compare);
      out += ' ';
      PrintChild(node.children[1], kPrecedenceAdditive, out);
      return;
    case NodeKind::kArithmetic: {
      const int own = Precedence(node);
      PrintChild(node.children[0], own, out);
      out += ' ';
      out += ArithmeticOpName(node.arithmetic);
      out += ' ';
      PrintChild(node.children[1], own + 1, out);
      return;
    }
    case NodeKind::kIn:
      PrintChild(node.children[0], kPrecedenceAdditive, out);
      out += node.negated ? " not in (" : " in (";
      for (size_t i = 1; i < node.children.size(); ++i) {
        if (i > 1)
          out += ", ";
        Print(node.children[i], out);
      }
      out += ')';
      return;
    case NodeKind::kIsNull:
      PrintChild(node.children[0], kPrecedenceAdditive, out);
      out += node.negated ? " is not null" : " is null";
      return;
  }
}

}  // namespace

std::string ExpressionToString(const ExpressionNode& node) {
  std::string out;
  Print(node, out);
  return out;
}

}  // namespace steward::validate
