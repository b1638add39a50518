#include "steward/validate/expression_lexer.h"

#include <array>
#include <charconv>
#include <utility>

#include "steward/io/value_parsing.h"

namespace steward::validate {
namespace {

bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool IsIdentifierPart(char c) {
  return IsIdentifierStart(c) || (c >= '0' && c <= '9');
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool EqualsIgnoringCase(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size())
    return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    if (c != keyword[i])
      return false;
  }
  return true;
}

TokenKind KeywordOrIdentifier(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, TokenKind>, 8> kKeywords = {{
      {"and", TokenKind::kAnd},
      {"or", TokenKind::kOr},
      {"not", TokenKind::kNot},
      {"in", TokenKind::kIn},
      {"is", TokenKind::kIs},
      {"null", TokenKind::kNull},
      {"true", TokenKind::kTrue},
      {"false", TokenKind::kFalse},
  }};
  for (const auto& [keyword, kind] : kKeywords) {
    if (EqualsIgnoringCase(word, keyword))
      return kind;
  }
  return TokenKind::kIdentifier;
}

class Lexer {
 public:
  Lexer(std::string_view text, const OffsetLocator& locate) : text_(text), locate_(locate) {}

  Result<std::vector<Token>> Run() {
    if (text_.size() > kMaxExpressionBytes) {
      return Error(kMaxExpressionBytes,
                   "expression longer than " + std::to_string(kMaxExpressionBytes) + " bytes");
    }
    if (!io::IsValidUtf8(text_))
      return Error(0, "expression is not valid UTF-8 or contains a NUL byte");
    std::vector<Token> tokens;
    while (true) {
      SkipSpace();
      if (pos_ == text_.size())
        break;
      Result<Token> token = Next();
      if (!token.ok())
        return token.status();
      tokens.push_back(std::move(token).value());
    }
    tokens.push_back(Token{TokenKind::kEnd, text_.size(), "", 0});
    return tokens;
  }

 private:
  Status Error(size_t offset, const std::string& what) const {
    return Status::InvalidArgument(locate_(offset) + what);
  }

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool Peek(char c, size_t ahead = 0) const {
    return pos_ + ahead < text_.size() && text_[pos_ + ahead] == c;
  }

  Result<Token> Next() {
    const size_t start = pos_;
    const char c = text_[pos_];
    if (IsIdentifierStart(c))
      return Word(start);
    if (IsDigit(c))
      return Number(start);
    if (c == '"')
      return String(start);
    if (c == '`')
      return QuotedIdentifier(start);
    auto make = [&](TokenKind kind, size_t length) {
      pos_ += length;
      return Token{kind, start, "", 0};
    };
    switch (c) {
      case '=':
        if (Peek('=', 1))
          return make(TokenKind::kEqual, 2);
        return Error(start, "unexpected '='; use '==' to compare");
      case '!':
        if (Peek('=', 1))
          return make(TokenKind::kNotEqual, 2);
        return Error(start, "unexpected '!'; use 'not' or '!='");
      case '<':
        if (Peek('>', 1))
          return Error(start, "unexpected '<>'; use '!='");
        return Peek('=', 1) ? make(TokenKind::kLessEqual, 2) : make(TokenKind::kLess, 1);
      case '>':
        return Peek('=', 1) ? make(TokenKind::kGreaterEqual, 2) : make(TokenKind::kGreater, 1);
      case '+':
        return make(TokenKind::kPlus, 1);
      case '-':
        return make(TokenKind::kMinus, 1);
      case '*':
        return make(TokenKind::kStar, 1);
      case '/':
        return make(TokenKind::kSlash, 1);
      case '%':
        return make(TokenKind::kPercent, 1);
      case '(':
        return make(TokenKind::kLeftParen, 1);
      case ')':
        return make(TokenKind::kRightParen, 1);
      case ',':
        return make(TokenKind::kComma, 1);
      case '\'':
        return Error(start, "strings are double-quoted (\"...\"); back-quote column names (`...`)");
      default:
        break;
    }
    // Show the whole code point, not a lone lead byte.
    size_t length = 1;
    while (start + length < text_.size() &&
           (static_cast<unsigned char>(text_[start + length]) & 0xC0) == 0x80)
      ++length;
    return Error(start, "unexpected character " + io::QuoteForMessage(text_.substr(start, length)));
  }

  Result<Token> Word(size_t start) {
    while (pos_ < text_.size() && IsIdentifierPart(text_[pos_]))
      ++pos_;
    std::string_view word = text_.substr(start, pos_ - start);
    TokenKind kind = KeywordOrIdentifier(word);
    return Token{kind, start, kind == TokenKind::kIdentifier ? std::string(word) : "", 0};
  }

  Result<Token> Number(size_t start) {
    auto digits = [&] {
      while (pos_ < text_.size() && IsDigit(text_[pos_]))
        ++pos_;
    };
    digits();
    if (Peek('.')) {
      ++pos_;
      if (pos_ == text_.size() || !IsDigit(text_[pos_]))
        return Error(pos_, "expected a digit after the decimal point");
      digits();
    }
    if (Peek('e') || Peek('E')) {
      ++pos_;
      if (Peek('+') || Peek('-'))
        ++pos_;
      if (pos_ == text_.size() || !IsDigit(text_[pos_]))
        return Error(pos_, "expected a digit in the exponent");
      digits();
    }
    if (pos_ < text_.size() && (IsIdentifierPart(text_[pos_]) || text_[pos_] == '.'))
      return Error(
          start, "malformed number " + io::QuoteForMessage(text_.substr(start, pos_ + 1 - start)));
    Token token{TokenKind::kNumber, start, "", 0};
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    auto [end, error] = std::from_chars(first, last, token.number);
    if (error == std::errc::result_out_of_range || end != last)
      return Error(start, "number " + io::QuoteForMessage(text_.substr(start, pos_ - start)) +
                              " does not fit a double");
    return token;
  }

  Result<Token> String(size_t start) {
    Token token{TokenKind::kString, start, "", 0};
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return token;
      }
      if (c == '\\') {
        if (Peek('"', 1) || Peek('\\', 1)) {
          token.text += text_[pos_ + 1];
          pos_ += 2;
          continue;
        }
        return Error(pos_, "unknown escape in a string; only \\\" and \\\\ are escapes");
      }
      token.text += c;
      ++pos_;
    }
    return Error(start, "unterminated string");
  }

  // `monthly income`; a back-quote inside the name is written twice.
  Result<Token> QuotedIdentifier(size_t start) {
    Token token{TokenKind::kIdentifier, start, "", 0};
    ++pos_;
    while (pos_ < text_.size()) {
      if (text_[pos_] == '`') {
        if (Peek('`', 1)) {
          token.text += '`';
          pos_ += 2;
          continue;
        }
        ++pos_;
        if (token.text.empty())
          return Error(start, "empty column name ``");
        return token;
      }
      token.text += text_[pos_];
      ++pos_;
    }
    return Error(start, "unterminated back-quoted column name");
  }

  std::string_view text_;
  const OffsetLocator& locate_;
  size_t pos_ = 0;
};

}  // namespace

std::string LocateByOffset(size_t offset) {
  return "offset " + std::to_string(offset) + ": ";
}

std::string QuoteColumnName(std::string_view name) {
  // Back-quotes doubled, as the expression would write them.
  std::string doubled;
  for (char c : name) {
    doubled += c;
    if (c == '`')
      doubled += c;
  }
  std::string quoted = io::QuoteForMessage(doubled);
  quoted.front() = '`';
  quoted[quoted.rfind('"')] = '`';  // the closing quote: any inside are escaped before it
  return quoted;
}

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd:
      return "the end";
    case TokenKind::kIdentifier:
      return "a column name";
    case TokenKind::kNumber:
      return "a number";
    case TokenKind::kString:
      return "a string";
    case TokenKind::kAnd:
      return "'and'";
    case TokenKind::kOr:
      return "'or'";
    case TokenKind::kNot:
      return "'not'";
    case TokenKind::kIn:
      return "'in'";
    case TokenKind::kIs:
      return "'is'";
    case TokenKind::kNull:
      return "'null'";
    case TokenKind::kTrue:
      return "'true'";
    case TokenKind::kFalse:
      return "'false'";
    case TokenKind::kEqual:
      return "'=='";
    case TokenKind::kNotEqual:
      return "'!='";
    case TokenKind::kLess:
      return "'<'";
    case TokenKind::kLessEqual:
      return "'<='";
    case TokenKind::kGreater:
      return "'>'";
    case TokenKind::kGreaterEqual:
      return "'>='";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kStar:
      return "'*'";
    case TokenKind::kSlash:
      return "'/'";
    case TokenKind::kPercent:
      return "'%'";
    case TokenKind::kLeftParen:
      return "'('";
    case TokenKind::kRightParen:
      return "')'";
    case TokenKind::kComma:
      return "','";
  }
  return "?";
}

Result<std::vector<Token>> LexExpression(std::string_view text, const OffsetLocator& locate) {
  return Lexer(text, locate).Run();
}

}  // namespace steward::validate
