#include "steward/io/value_parsing.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <random>

#include <gtest/gtest.h>

namespace steward::io {
namespace {

double Parsed(std::string_view text) {
  double value = 0;
  EXPECT_EQ(ParseNumber(text, value), NumberParse::kOk) << text;
  return value;
}

TEST(ParseNumber, AcceptsDecimalScientificSignsAndSpaces) {
  EXPECT_EQ(Parsed("42"), 42);
  EXPECT_EQ(Parsed("-0.5"), -0.5);
  EXPECT_EQ(Parsed("+7"), 7);
  EXPECT_EQ(Parsed(" 3.25 "), 3.25);
  EXPECT_EQ(Parsed("1e3"), 1000);
  EXPECT_EQ(Parsed(".5"), 0.5);
  EXPECT_TRUE(std::signbit(Parsed("-0")));
  EXPECT_TRUE(std::isinf(Parsed("inf")));
  EXPECT_TRUE(std::isinf(Parsed("-Infinity")));
}

TEST(ParseNumber, RejectsWhatIsNotANumberInTheCLocale) {
  double value = 0;
  for (std::string_view text :
       {"", "abc", "1,5", "0x1p3", "1e", "--1", "+-1", "1.2.3", "4O", "12 34"}) {
    EXPECT_EQ(ParseNumber(text, value), NumberParse::kNotANumber) << text;
  }
}

TEST(ParseNumber, OverflowIsAnErrorAndUnderflowRounds) {
  double value = 0;
  EXPECT_EQ(ParseNumber("1e400", value), NumberParse::kOutOfRange);
  EXPECT_EQ(ParseNumber("-1e400", value), NumberParse::kOutOfRange);
  EXPECT_EQ(ParseNumber("1e-400", value), NumberParse::kOk);
  EXPECT_EQ(value, 0.0);
}

TEST(ParseNumber, IntegersBeyondTwoToThe53AreFlagged) {
  double value = 0;
  EXPECT_EQ(ParseNumber("9007199254740992", value), NumberParse::kOk);
  EXPECT_EQ(ParseNumber("9007199254740993", value), NumberParse::kInexactInteger);
  EXPECT_EQ(ParseNumber("-12345678901234567890", value), NumberParse::kInexactInteger);
  EXPECT_EQ(ParseNumber("1234567890123456789.5", value), NumberParse::kOk);
}

// The fast path must give the same bits as the correctly rounded general parser.
TEST(ParseDecimalFast, MatchesFromCharsBitForBit) {
  std::mt19937_64 random(20261122);
  std::uniform_int_distribution<int> digits(1, 19);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> exponent(-30, 30);
  size_t fast = 0;
  for (int trial = 0; trial < 300'000; ++trial) {
    std::string text;
    if (trial % 3 == 0)
      text += '-';
    const int integer_digits = digits(random) % 12;
    for (int i = 0; i < integer_digits; ++i)
      text += static_cast<char>('0' + digit(random));
    if (trial % 2 == 0 || integer_digits == 0) {
      text += '.';
      const int fraction_digits = digits(random) % 12 + 1;
      for (int i = 0; i < fraction_digits; ++i)
        text += static_cast<char>('0' + digit(random));
    }
    if (trial % 5 == 0)
      text += "e" + std::to_string(exponent(random));
    double expected = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), expected);
    ASSERT_EQ(ec, std::errc()) << text;
    ASSERT_EQ(end, text.data() + text.size()) << text;
    double value = 0;
    const char* stop = ParseDecimalFast(text.data(), text.data() + text.size(), value);
    if (stop == nullptr)
      continue;
    ++fast;
    ASSERT_EQ(stop, text.data() + text.size()) << text;
    uint64_t expected_bits = 0;
    uint64_t bits = 0;
    std::memcpy(&expected_bits, &expected, 8);
    std::memcpy(&bits, &value, 8);
    ASSERT_EQ(bits, expected_bits) << text;
  }
  EXPECT_GT(fast, 150'000u);  // most plain decimals take the fast path
}

TEST(ParseDecimalFast, StopsAtTheFirstByteThatIsNotPartOfTheNumber) {
  double value = 0;
  const std::string text = "123456789.25,rest";
  const char* stop = ParseDecimalFast(text.data(), text.data() + text.size(), value);
  ASSERT_NE(stop, nullptr);
  EXPECT_EQ(*stop, ',');
  EXPECT_EQ(value, 123456789.25);
  EXPECT_EQ(ParseDecimalFast(text.data(), text.data(), value), nullptr);
}

TEST(ParseBoolean, AcceptsThreeCasings) {
  int8_t flag = -1;
  EXPECT_TRUE(ParseBoolean("TRUE", flag));
  EXPECT_EQ(flag, 1);
  EXPECT_TRUE(ParseBoolean("false", flag));
  EXPECT_EQ(flag, 0);
  EXPECT_FALSE(ParseBoolean("yes", flag));
  EXPECT_FALSE(ParseBoolean("1", flag));
  EXPECT_FALSE(ParseBoolean("tRUE", flag));
}

int64_t Micros(std::string_view text) {
  int64_t micros = 0;
  EXPECT_TRUE(ParseTimestamp(text, micros)) << text;
  return micros;
}

TEST(ParseTimestamp, ReadsIso8601DatesTimesAndZones) {
  EXPECT_EQ(Micros("1970-01-01"), 0);
  EXPECT_EQ(Micros("2014-09-02 13:40:36"), 1409665236000000);
  EXPECT_EQ(Micros("2014-09-02T13:40:36Z"), 1409665236000000);
  EXPECT_EQ(Micros("2014-09-02T15:40:36+02:00"), 1409665236000000);
  EXPECT_EQ(Micros("2014-09-02T08:40:36-0500"), 1409665236000000);
  EXPECT_EQ(Micros("2014-09-02T13:40:36.25"), 1409665236250000);
  EXPECT_EQ(Micros("2014-09-02T13:40"), 1409665200000000);
  EXPECT_EQ(Micros("1949-01"), -662688000000000);
  EXPECT_EQ(Micros("2000-02-29"), 951782400000000);
}

TEST(ParseTimestamp, RejectsImpossibleOrForeignDates) {
  int64_t micros = 0;
  for (std::string_view text :
       {"2001-02-29", "2014-13-01", "2014-00-10", "2014-09-31", "14-09-02", "2014/09/02",
        "2014-09-02T25:00", "2014-09-02T13:40:36X", "2014", "02.09.2014", "2014-09-02T13:60"}) {
    EXPECT_FALSE(ParseTimestamp(text, micros)) << text;
  }
}

TEST(IsValidUtf8, AcceptsUtf8AndRejectsMalformedBytes) {
  EXPECT_TRUE(IsValidUtf8("plain ascii text that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("Zoë, Łódź, 東京, 🙂"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8(std::string_view("abcdefgh\0ijk", 12)));  // NUL in the fast path
  EXPECT_FALSE(IsValidUtf8(std::string_view("a\0", 2)));
}

TEST(MissingTokens, DefaultsFollowPandas) {
  MissingTokens tokens = MissingTokens::Default();
  for (std::string_view token : {"", "NA", "N/A", "null", "NaN", "NULL", "None", "#N/A"}) {
    EXPECT_TRUE(tokens.Contains(token)) << token;
  }
  EXPECT_FALSE(tokens.Contains("na"));
  EXPECT_FALSE(tokens.Contains("0"));
  MissingTokens custom({"?"});
  EXPECT_TRUE(custom.Contains("?"));
  EXPECT_FALSE(custom.Contains(""));
}

TEST(QuoteForMessage, EscapesControlBytesAndInvalidUtf8AndShortens) {
  EXPECT_EQ(QuoteForMessage("4O"), "\"4O\"");
  EXPECT_EQ(QuoteForMessage("a\"b\n"), "\"a\\\"b\\x0A\"");
  EXPECT_EQ(QuoteForMessage("\xFF"), "\"\\xFF\"");
  EXPECT_EQ(QuoteForMessage("Zoë"), "\"Zoë\"");
  std::string longer(100, 'x');
  EXPECT_EQ(QuoteForMessage(longer), "\"" + std::string(40, 'x') + "\"... (100 bytes)");
}

}  // namespace
}  // namespace steward::io
