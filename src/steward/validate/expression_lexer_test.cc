#include "steward/validate/expression_lexer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace steward::validate {
namespace {

std::vector<TokenKind> Kinds(std::string_view text) {
  Result<std::vector<Token>> tokens = LexExpression(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status().message();
  std::vector<TokenKind> kinds;
  if (tokens.ok()) {
    for (const Token& token : *tokens)
      kinds.push_back(token.kind);
  }
  return kinds;
}

std::string ErrorOf(std::string_view text) {
  Result<std::vector<Token>> tokens = LexExpression(text);
  EXPECT_FALSE(tokens.ok()) << text;
  return tokens.ok() ? "" : tokens.status().message();
}

TEST(ExpressionLexer, SplitsOperatorsAndPunctuation) {
  using K = TokenKind;
  EXPECT_EQ(Kinds("== != < <= > >= + - * / % ( ) ,"),
            (std::vector<K>{K::kEqual, K::kNotEqual, K::kLess, K::kLessEqual, K::kGreater,
                            K::kGreaterEqual, K::kPlus, K::kMinus, K::kStar, K::kSlash, K::kPercent,
                            K::kLeftParen, K::kRightParen, K::kComma, K::kEnd}));
  EXPECT_EQ(Kinds("a<=b"),
            (std::vector<K>{K::kIdentifier, K::kLessEqual, K::kIdentifier, K::kEnd}));
}

TEST(ExpressionLexer, KeywordsIgnoreCaseAndBackQuotesMakeNames) {
  using K = TokenKind;
  EXPECT_EQ(Kinds("and OR Not in IS null TRUE false"),
            (std::vector<K>{K::kAnd, K::kOr, K::kNot, K::kIn, K::kIs, K::kNull, K::kTrue, K::kFalse,
                            K::kEnd}));
  Result<std::vector<Token>> tokens = LexExpression("`and` `monthly income` `a``b` android");
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 5u);
  EXPECT_EQ((*tokens)[0].kind, TokenKind::kIdentifier);
  EXPECT_EQ((*tokens)[0].text, "and");
  EXPECT_EQ((*tokens)[1].text, "monthly income");
  EXPECT_EQ((*tokens)[2].text, "a`b");
  EXPECT_EQ((*tokens)[3].text, "android");
}

TEST(ExpressionLexer, ReadsNumbersAndStringsWithOffsets) {
  Result<std::vector<Token>> tokens = LexExpression(R"(x >= 1.5e3 and s == "a \"q\" \\ b")");
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[2].kind, TokenKind::kNumber);
  EXPECT_EQ((*tokens)[2].number, 1500);
  EXPECT_EQ((*tokens)[2].offset, 5u);
  EXPECT_EQ((*tokens)[6].kind, TokenKind::kString);
  EXPECT_EQ((*tokens)[6].text, R"(a "q" \ b)");
  EXPECT_EQ((*tokens)[6].offset, 20u);
  EXPECT_EQ(tokens->back().offset, 34u);
}

TEST(ExpressionLexer, RejectsWhatIsNotPartOfTheLanguage) {
  EXPECT_EQ(ErrorOf("a = 1"), "offset 2: unexpected '='; use '==' to compare");
  EXPECT_EQ(ErrorOf("!a"), "offset 0: unexpected '!'; use 'not' or '!='");
  EXPECT_EQ(ErrorOf("a <> 1"), "offset 2: unexpected '<>'; use '!='");
  EXPECT_EQ(ErrorOf("a == 'x'"),
            "offset 5: strings are double-quoted (\"...\"); back-quote column names (`...`)");
  EXPECT_EQ(ErrorOf("a # b"), "offset 2: unexpected character \"#\"");
  EXPECT_EQ(ErrorOf("a == é"), "offset 5: unexpected character \"é\"");
  EXPECT_EQ(ErrorOf("s == \"abc"), "offset 5: unterminated string");
  EXPECT_EQ(ErrorOf("s == \"a\\n\""),
            "offset 7: unknown escape in a string; only \\\" and \\\\ are escapes");
  EXPECT_EQ(ErrorOf("`abc"), "offset 0: unterminated back-quoted column name");
  EXPECT_EQ(ErrorOf("`` == 1"), "offset 0: empty column name ``");
}

TEST(ExpressionLexer, RejectsMalformedNumbers) {
  EXPECT_EQ(ErrorOf("x > 1."), "offset 6: expected a digit after the decimal point");
  EXPECT_EQ(ErrorOf("x > 1e"), "offset 6: expected a digit in the exponent");
  EXPECT_EQ(ErrorOf("x > 12abc"), "offset 4: malformed number \"12a\"");
  EXPECT_EQ(ErrorOf("x > 1.2.3"), "offset 4: malformed number \"1.2.\"");
  EXPECT_EQ(ErrorOf("x > 1e400"), "offset 4: number \"1e400\" does not fit a double");
}

TEST(ExpressionLexer, LimitsLengthAndRejectsInvalidUtf8) {
  const std::string longest(kMaxExpressionBytes, ' ');
  EXPECT_TRUE(LexExpression(longest).ok());
  EXPECT_EQ(ErrorOf(longest + " "), "offset 4096: expression longer than 4096 bytes");
  EXPECT_EQ(ErrorOf("a == \"\xFF\""),
            "offset 0: expression is not valid UTF-8 or contains a NUL byte");
  EXPECT_EQ(ErrorOf(std::string("a\0b", 3)),
            "offset 0: expression is not valid UTF-8 or contains a NUL byte");
}

TEST(ExpressionLexer, UsesTheCallersLocator) {
  Result<std::vector<Token>> tokens =
      LexExpression("a = 1", [](size_t offset) { return "at " + std::to_string(offset) + ": "; });
  ASSERT_FALSE(tokens.ok());
  EXPECT_EQ(tokens.status().message(), "at 2: unexpected '='; use '==' to compare");
}

}  // namespace
}  // namespace steward::validate
