#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"

namespace steward::validate {

// Row expressions (docs/formats/suite.md) are at most this long, in bytes.
inline constexpr size_t kMaxExpressionBytes = 4096;

// Turns a byte offset inside an expression into the start of an error message, e.g.
// "suite.toml:12:20: row 'adults': " or, by default, "offset 7: ".
using OffsetLocator = std::function<std::string(size_t offset)>;
std::string LocateByOffset(size_t offset);

enum class TokenKind : uint8_t {
  kEnd,
  kIdentifier,  // a column name, plain or back-quoted
  kNumber,
  kString,
  kAnd,
  kOr,
  kNot,
  kIn,
  kIs,
  kNull,
  kTrue,
  kFalse,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kLeftParen,
  kRightParen,
  kComma,
};

// How a token kind is shown in messages: "'and'", "a number", "the end".
std::string_view TokenKindName(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kEnd;
  size_t offset = 0;  // bytes into the expression
  std::string text;   // kIdentifier: the column name; kString: the value, escapes resolved
  double number = 0;  // kNumber
};

// A column name for messages as an expression writes it, back-quoted with back-quotes doubled,
// control bytes escaped and long names shortened, so that a message stays one line of valid
// UTF-8 (e.g. "`monthly income`").
std::string QuoteColumnName(std::string_view name);

// Splits `text` into tokens ending with one kEnd token. Keywords (and, or, not, in, is, null,
// true, false) are matched without regard to case; a column with such a name is back-quoted.
// Fails with kInvalidArgument, the message starting with locate(offset), on text longer than
// kMaxExpressionBytes, invalid UTF-8 or NUL, an unknown character or escape, an unterminated
// string or back-quoted name, or a number a double cannot hold. Pure function.
Result<std::vector<Token>> LexExpression(std::string_view text,
                                         const OffsetLocator& locate = LocateByOffset);

}  // namespace steward::validate
