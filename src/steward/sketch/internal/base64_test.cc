#include "steward/sketch/internal/base64.h"

#include <gtest/gtest.h>

namespace steward::sketch::internal {
namespace {

TEST(Base64, EncodesRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, RoundTripsEveryByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i)
    bytes += static_cast<char>(i);
  for (size_t length = 0; length <= bytes.size(); length += 37) {
    std::string prefix = bytes.substr(0, length);
    EXPECT_EQ(Base64Decode(Base64Encode(prefix)), prefix);
  }
}

TEST(Base64, RejectsNonCanonicalText) {
  EXPECT_EQ(Base64Decode("Zg="), std::nullopt);       // length not a multiple of 4
  EXPECT_EQ(Base64Decode("Zh=="), std::nullopt);      // nonzero bits under the padding
  EXPECT_EQ(Base64Decode("Zm9=Zm9v"), std::nullopt);  // padding inside
  EXPECT_EQ(Base64Decode("Zm9v!A=="), std::nullopt);  // outside the alphabet
  EXPECT_EQ(Base64Decode("===="), std::nullopt);
  EXPECT_EQ(Base64Decode("Zm8="), "fo");
}

}  // namespace
}  // namespace steward::sketch::internal
