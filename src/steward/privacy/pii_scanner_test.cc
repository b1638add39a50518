#include "steward/privacy/pii_scanner.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "steward/privacy/pii_report.h"

namespace steward::privacy {
namespace {

Column TextColumn(const std::vector<std::string>& values) {
  TextValues text;
  for (const std::string& value : values) {
    if (value == "<missing>") {
      text.AppendMissing();
    } else {
      text.Append(value);
    }
  }
  return Column::Text(std::move(text));
}

ColumnPii Scan(const std::string& name, const std::vector<std::string>& values) {
  Result<std::unique_ptr<PiiScanner>> scanner = PiiScanner::Create();
  EXPECT_TRUE(scanner.ok()) << scanner.status().message();
  ColumnTally tally = NewColumnTally(name);
  Status status = (*scanner)->ScanColumn(TextColumn(values), tally);
  EXPECT_TRUE(status.ok()) << status.message();
  return JudgeColumn(tally);
}

const PiiFinding* Find(const ColumnPii& column, PiiKind kind) {
  for (const PiiFinding& finding : column.findings) {
    if (finding.kind == kind)
      return &finding;
  }
  return nullptr;
}

TEST(PiiScanner, EmailColumnIsHighConfidenceWithMaskedExamples) {
  const ColumnPii column =
      Scan("contact", {"ann@example.com", "bob.smith@mail.example.org", "<missing>", "c@d.io"});
  ASSERT_EQ(column.findings.size(), 1u);
  const PiiFinding& email = column.findings[0];
  EXPECT_EQ(email.kind, PiiKind::kEmail);
  EXPECT_FALSE(email.embedded);
  EXPECT_EQ(email.matches, 3u);
  EXPECT_DOUBLE_EQ(email.share, 1.0);
  EXPECT_EQ(email.confidence, Confidence::kHigh);
  for (const std::string& example : email.examples) {
    EXPECT_EQ(example.find("ann"), std::string::npos) << example;
    EXPECT_EQ(example.find("example"), std::string::npos) << example;
  }
}

TEST(PiiScanner, CardNumbersNeedLuhnAndShapeToAgree) {
  const ColumnPii cards =
      Scan("x", {"4111111111111111", "5555 5555 5555 4444", "378282246310005", "6011111111111117"});
  const PiiFinding* card = Find(cards, PiiKind::kPaymentCard);
  ASSERT_NE(card, nullptr);
  EXPECT_EQ(card->confidence, Confidence::kHigh);
  ASSERT_TRUE(card->check_agreement.has_value());
  EXPECT_DOUBLE_EQ(*card->check_agreement, 1.0);
  EXPECT_EQ(card->examples[0], "############1111");
}

TEST(PiiScanner, SixteenDigitIdsAreNotCards) {
  // Sequential account IDs: one in ten passes Luhn, far below the share a card column has.
  std::vector<std::string> ids;
  for (int i = 0; i < 200; ++i)
    ids.push_back(std::to_string(4000000000000000LL + i * 7919));
  const ColumnPii column = Scan("account_id", ids);
  EXPECT_EQ(Find(column, PiiKind::kPaymentCard), nullptr);
  EXPECT_EQ(Find(column, PiiKind::kPhone), nullptr);
}

TEST(PiiScanner, FreeTextWithEmbeddedPiiIsFound) {
  std::vector<std::string> notes;
  for (int i = 0; i < 50; ++i)
    notes.push_back("customer called about the late delivery and was refunded in full");
  notes.push_back("please write to jane.doe@example.com or call +44 20 7946 0958 today");
  notes.push_back("card on file is 4111 1111 1111 1111 and IBAN DE89 3704 0044 0532 0130 00 ok");
  const ColumnPii column = Scan("notes", notes);
  for (PiiKind kind : {PiiKind::kEmail, PiiKind::kPhone, PiiKind::kPaymentCard, PiiKind::kIban}) {
    const PiiFinding* finding = Find(column, kind);
    ASSERT_NE(finding, nullptr) << PiiKindName(kind);
    EXPECT_TRUE(finding->embedded);
    EXPECT_EQ(finding->matches, 1u);
    EXPECT_EQ(finding->confidence, Confidence::kHigh) << PiiKindName(kind);
  }
  EXPECT_EQ(Find(column, PiiKind::kPaymentCard)->examples[0], "#### #### #### 1111");
}

TEST(PiiScanner, NumbersInsideLongerNumbersAreNotMatched) {
  const ColumnPii column =
      Scan("code", {"x4111111111111111", "94111111111111111", "1192.168.0.1.5"});
  EXPECT_TRUE(column.findings.empty());
}

TEST(PiiScanner, DatesAreBirthDatesOnlyWhenTheColumnNameSaysSo) {
  const std::vector<std::string> dates = {"1984-07-21", "1990-01-02", "1975-12-31"};
  EXPECT_TRUE(Scan("date", dates).findings.empty());
  const ColumnPii birth = Scan("date_of_birth", dates);
  ASSERT_NE(Find(birth, PiiKind::kDateOfBirth), nullptr);
  EXPECT_EQ(Find(birth, PiiKind::kDateOfBirth)->confidence, Confidence::kHigh);
}

TEST(PiiScanner, PersonNamesNeedTheColumnName) {
  const std::vector<std::string> names = {"Ann Smith", "Braund, Mr. Owen Harris", "Zoë Müller"};
  EXPECT_TRUE(Scan("species", names).findings.empty());
  EXPECT_TRUE(Scan("product_name", names).findings.empty());
  const ColumnPii column = Scan("last_name", names);
  ASSERT_NE(Find(column, PiiKind::kPersonName), nullptr);
}

TEST(PiiScanner, SsnIpAndIbanColumns) {
  EXPECT_NE(Find(Scan("a", {"772-12-3456", "123-45-6780"}), PiiKind::kUsSsn), nullptr);
  EXPECT_NE(Find(Scan("b", {"10.0.0.1", "192.168.1.20"}), PiiKind::kIpv4), nullptr);
  EXPECT_NE(Find(Scan("c", {"2001:db8::1", "fe80::1ff:fe23:4567:890a"}), PiiKind::kIpv6), nullptr);
  EXPECT_NE(Find(Scan("d", {"GB82WEST12345698765432", "NL91 ABNA 0417 1643 00"}), PiiKind::kIban),
            nullptr);
  EXPECT_EQ(Find(Scan("e", {"000-12-3456", "666-12-3456"}), PiiKind::kUsSsn), nullptr);
}

TEST(PiiScanner, IbanGroupsHoldNoPhoneOrCard) {
  const ColumnPii column =
      Scan("iban", {"GB29 1741 423Q 8Y14 2383 36", "IT57 3229 2951 9857 3345 4165 719",
                    "DE89 3704 0044 0532 0130 00"});
  EXPECT_EQ(Find(column, PiiKind::kPhone), nullptr);
  EXPECT_EQ(Find(column, PiiKind::kPaymentCard), nullptr);
}

TEST(PiiScanner, EmptyAndAllMissingColumnsHaveNoFindings) {
  EXPECT_TRUE(Scan("email", {}).findings.empty());
  EXPECT_TRUE(Scan("email", {"<missing>", "<missing>"}).findings.empty());
}

TEST(PiiScanner, NumericColumnsAreScannedAsText) {
  Result<std::unique_ptr<PiiScanner>> scanner = PiiScanner::Create();
  ASSERT_TRUE(scanner.ok());
  ColumnTally tally = NewColumnTally("card");
  ASSERT_TRUE((*scanner)
                  ->ScanColumn(Column::Numeric({4111111111111111.0, 5555555555554444.0}), tally)
                  .ok());
  EXPECT_NE(Find(JudgeColumn(tally), PiiKind::kPaymentCard), nullptr);
}

}  // namespace
}  // namespace steward::privacy
