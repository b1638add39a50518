#include "steward/privacy/hmac.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace steward::privacy {
namespace {

std::string Hmac(const std::vector<uint8_t>& key, const std::string& data) {
  return ToHex(HmacSha256(key, data));
}

// RFC 4231 section 4, HMAC-SHA-256 results of test cases 1, 2, 3, 6 and 7.
TEST(HmacSha256, Rfc4231TestCase1) {
  EXPECT_EQ(Hmac(std::vector<uint8_t>(20, 0x0b), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSha256, Rfc4231TestCase2ShortKey) {
  EXPECT_EQ(Hmac({'J', 'e', 'f', 'e'}, "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256, Rfc4231TestCase3) {
  EXPECT_EQ(Hmac(std::vector<uint8_t>(20, 0xaa), std::string(50, '\xdd')),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
}

TEST(HmacSha256, Rfc4231TestCase6KeyLargerThanBlock) {
  EXPECT_EQ(Hmac(std::vector<uint8_t>(131, 0xaa),
                 "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, Rfc4231TestCase7KeyAndDataLargerThanBlock) {
  EXPECT_EQ(Hmac(std::vector<uint8_t>(131, 0xaa),
                 "This is a test using a larger than block-size key and a larger than block-size "
                 "data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

}  // namespace
}  // namespace steward::privacy
