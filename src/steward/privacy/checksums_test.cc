#include "steward/privacy/checksums.h"

#include <string_view>

#include <gtest/gtest.h>

namespace steward::privacy {
namespace {

// Test card numbers the networks publish for integration testing (Stripe, Adyen, PayPal docs).
constexpr std::string_view kPublishedTestCards[] = {
    "4111111111111111",    "4012888888881881",  "4222222222222",    "5555555555554444",
    "5105105105105100",    "2223003122003222",  "378282246310005",  "371449635398431",
    "6011111111111117",    "6011000990139424",  "3530111333300000", "3566002020360505",
    "30569309025904",      "38520000023237",    "6200000000000005", "4111 1111 1111 1111",
    "5555-5555-5555-4444", "3782 822463 10005",
};

TEST(PaymentCard, PublishedTestNumbersAreValid) {
  for (std::string_view card : kPublishedTestCards)
    EXPECT_TRUE(PaymentCardValid(card)) << card;
}

TEST(PaymentCard, OneWrongDigitFailsLuhn) {
  EXPECT_FALSE(PaymentCardValid("4111111111111112"));
  EXPECT_FALSE(PaymentCardValid("5555555555554440"));
  EXPECT_FALSE(PaymentCardValid("378282246310006"));
}

TEST(PaymentCard, LuhnValidNumberWithoutIssuerPrefixIsNotACard) {
  ASSERT_TRUE(LuhnValid("1234567812345670"));
  EXPECT_FALSE(PaymentCardValid("1234567812345670"));
}

TEST(PaymentCard, WrongLengthForTheNetworkFails) {
  // Visa is 13, 16 or 19 digits; this is 15 digits with a valid Luhn sum.
  ASSERT_TRUE(LuhnValid("411111111111116"));
  EXPECT_FALSE(PaymentCardValid("411111111111116"));
}

TEST(PaymentCard, MixedSeparatorsFail) {
  EXPECT_FALSE(PaymentCardValid("4111 1111-1111 1111"));
  EXPECT_FALSE(PaymentCardValid("4111x1111x1111x1111"));
}

TEST(Luhn, ClassicExamples) {
  EXPECT_TRUE(LuhnValid("79927398713"));  // the example in ISO/IEC 7812 texts and Wikipedia
  EXPECT_FALSE(LuhnValid("79927398710"));
  EXPECT_FALSE(LuhnValid("7"));
}

// IBANs from the SWIFT IBAN registry's examples and the ECBS list.
constexpr std::string_view kPublishedIbans[] = {
    "GB82 WEST 1234 5698 7654 32",   "GB82WEST12345698765432",
    "DE89 3704 0044 0532 0130 00",   "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",        "BE68 5390 0754 7034",
    "CH93 0076 2011 6238 5295 7",    "NO93 8601 1117 947",
    "ES91 2100 0418 4502 0005 1332", "IT60 X054 2811 1010 0000 0123 456",
    "AT61 1904 3002 3457 3201",      "PL61 1090 1014 0000 0712 1981 2874",
};

TEST(Iban, RegistryExamplesAreValid) {
  for (std::string_view iban : kPublishedIbans)
    EXPECT_TRUE(IbanValid(iban)) << iban;
}

TEST(Iban, ChangedDigitFailsMod97) {
  EXPECT_FALSE(IbanValid("GB82 WEST 1234 5698 7654 33"));
  EXPECT_FALSE(IbanValid("DE89 3704 0044 0532 0130 01"));
  EXPECT_FALSE(IbanValid("GB28 WEST 1234 5698 7654 32"));
}

TEST(Iban, WrongLengthOrCountryFails) {
  EXPECT_FALSE(IbanValid("GB82 WEST 1234 5698 7654 3"));
  EXPECT_FALSE(IbanValid("ZZ82 WEST 1234 5698 7654 32"));
  EXPECT_FALSE(IbanValid("gb82 west 1234 5698 7654 32"));
  EXPECT_FALSE(IbanValid("GB82-WEST-1234-5698-7654-32"));
}

TEST(UsSsn, ValidByIssuingRules) {
  EXPECT_TRUE(UsSsnValid("772-12-3456"));
  EXPECT_TRUE(UsSsnValid("001-01-0001"));
  EXPECT_TRUE(UsSsnValid("665-99-9999"));
}

TEST(UsSsn, NeverIssuedNumbersFail) {
  EXPECT_FALSE(UsSsnValid("000-12-3456"));
  EXPECT_FALSE(UsSsnValid("666-12-3456"));
  EXPECT_FALSE(UsSsnValid("900-12-3456"));
  EXPECT_FALSE(UsSsnValid("123-00-4567"));
  EXPECT_FALSE(UsSsnValid("123-45-0000"));
  EXPECT_FALSE(UsSsnValid("078-05-1120"));  // the Woolworth wallet card number, voided
  EXPECT_FALSE(UsSsnValid("123456789"));
  EXPECT_FALSE(UsSsnValid("12-345-6789"));
}

TEST(Ip, Version4) {
  EXPECT_TRUE(Ipv4Valid("192.168.0.1"));
  EXPECT_TRUE(Ipv4Valid("0.0.0.0"));
  EXPECT_TRUE(Ipv4Valid("255.255.255.255"));
  EXPECT_FALSE(Ipv4Valid("256.1.1.1"));
  EXPECT_FALSE(Ipv4Valid("1.2.3"));
  EXPECT_FALSE(Ipv4Valid("1.2.3.4.5"));
  EXPECT_FALSE(Ipv4Valid("01.2.3.4"));
  EXPECT_FALSE(Ipv4Valid("1..3.4"));
}

TEST(Ip, Version6) {
  EXPECT_TRUE(Ipv6Valid("2001:db8::8a2e:370:7334"));
  EXPECT_TRUE(Ipv6Valid("2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
  EXPECT_TRUE(Ipv6Valid("fe80::1"));
  EXPECT_FALSE(Ipv6Valid("12:30"));
  EXPECT_FALSE(Ipv6Valid("13:40:36"));
  EXPECT_FALSE(Ipv6Valid("00:1A:2B:3C:4D:5E"));  // a MAC address
  EXPECT_FALSE(Ipv6Valid("2001:db8::g"));
}

TEST(Phone, InternationalAndNationalForms) {
  EXPECT_TRUE(PhoneValid("+44 20 7946 0958"));
  EXPECT_TRUE(PhoneValid("+14155552671"));
  EXPECT_TRUE(PhoneValid("+49 (30) 1234567"));
  EXPECT_TRUE(PhoneValid("(415) 555-2671"));
  EXPECT_TRUE(PhoneValid("415-555-2671"));
  EXPECT_TRUE(PhoneValid("020 7946 0958"));
  EXPECT_TRUE(PhoneValid("01 23 45 67 89"));
}

TEST(Phone, BareDigitRunsAndShortNumbersAreNotPhones) {
  EXPECT_FALSE(PhoneValid("4155552671"));       // could be any ID
  EXPECT_FALSE(PhoneValid("+1234"));            // too short for E.164
  EXPECT_FALSE(PhoneValid("+0 20 7946 0958"));  // no country code starts with 0
  EXPECT_FALSE(PhoneValid("115-555-2671"));     // area codes do not start with 1
  EXPECT_FALSE(PhoneValid("01-12"));
}

TEST(Date, CommonOrdersAndCalendarRules) {
  EXPECT_TRUE(DateValid("1984-07-21"));
  EXPECT_TRUE(DateValid("21.07.1984"));
  EXPECT_TRUE(DateValid("07/21/1984"));
  EXPECT_TRUE(DateValid("2000-02-29"));
  EXPECT_FALSE(DateValid("1900-02-29"));
  EXPECT_FALSE(DateValid("1984-13-01"));
  EXPECT_FALSE(DateValid("1984-07-21-"));
  EXPECT_FALSE(DateValid("1812-07-21"));
  EXPECT_FALSE(DateValid("5.1"));
}

}  // namespace
}  // namespace steward::privacy
