#include "steward/privacy/masking.h"

#include <gtest/gtest.h>

namespace steward::privacy {
namespace {

TEST(Masking, CardKeepsOnlyTheLastFourDigits) {
  EXPECT_EQ(MaskValue(PiiKind::kPaymentCard, "4111 1111 1111 1234"), "#### #### #### 1234");
}

TEST(Masking, EmailKeepsOnlyTheTopLevelDomain) {
  EXPECT_EQ(MaskValue(PiiKind::kEmail, "jane.doe@example.org"), "xxxx.xxx@xxxxxxx.org");
}

TEST(Masking, IbanKeepsTheCountry) {
  EXPECT_EQ(MaskValue(PiiKind::kIban, "DE89 3704 0044 0532 0130 00"),
            "DE## #### #### #### #### ##");
}

TEST(Masking, NameKeepsTheFirstLetterAndMultiByteCharactersBecomeOne) {
  EXPECT_EQ(MaskValue(PiiKind::kPersonName, "Zoë Müller"), "Zxx xxxxxx");
}

TEST(Masking, ValueThatLooksMaskedIsStarredOut) {
  EXPECT_EQ(MaskValue(PiiKind::kPhone, "xx-x"), "****");
  EXPECT_EQ(MaskValue(PiiKind::kEmail, "xx@xx.xxx"), "*********");
}

TEST(Masking, NeverReturnsTheValue) {
  for (PiiKind kind : kAllPiiKinds) {
    for (std::string_view value : {"a", "1", "192.168.0.1", "+44 20 7946 0958", "Ann", "@.", ""}) {
      if (value.empty())
        continue;
      EXPECT_NE(MaskValue(kind, value), value) << PiiKindName(kind) << " " << value;
    }
  }
}

}  // namespace
}  // namespace steward::privacy
