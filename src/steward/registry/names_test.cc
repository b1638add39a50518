#include "steward/registry/names.h"

#include <gtest/gtest.h>

namespace steward::registry {
namespace {

TEST(CheckName, AcceptsLettersDigitsDotsDashesUnderscores) {
  for (const char* name : {"credit", "credit-v2", "A.b_c-9", "0", "x.y"})
    EXPECT_TRUE(CheckName(name, "model name").ok()) << name;
}

TEST(CheckName, RefusesTraversalSeparatorsAndOddCharacters) {
  for (const char* name : {"", "..", "../etc", "a/b", "a\\b", "a..b", ".hidden", "-x", "_x", "a b",
                           "credit'; --", "%2e%2e%2f", "file:///x", "caf\xc3\xa9", "a\nb"}) {
    Status status = CheckName(name, "model name");
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << name;
    EXPECT_NE(status.message().find("model name"), std::string::npos) << status.message();
  }
  EXPECT_FALSE(CheckName(std::string(129, 'a'), "alias").ok());
  EXPECT_TRUE(CheckName(std::string(128, 'a'), "alias").ok());
  EXPECT_FALSE(CheckName(std::string_view("a\0b", 3), "alias").ok());
}

TEST(IsSha256Hex, OnlySixtyFourLowerCaseHexDigits) {
  EXPECT_TRUE(IsSha256Hex(std::string(64, 'f')));
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'F')));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a')));
  EXPECT_FALSE(IsSha256Hex("../" + std::string(61, 'a')));
}

TEST(CheckFreeText, RefusesControlCharactersAndInvalidUtf8) {
  EXPECT_TRUE(
      CheckFreeText("rolled back: AUC dropped to 0.71 (incident #42), café", "reason").ok());
  EXPECT_FALSE(CheckFreeText("two\nlines", "reason").ok());
  EXPECT_FALSE(CheckFreeText("bad \xff byte", "reason").ok());
  EXPECT_FALSE(CheckFreeText(std::string(1001, 'x'), "reason").ok());
}

}  // namespace
}  // namespace steward::registry
