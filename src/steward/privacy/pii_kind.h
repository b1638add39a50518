#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace steward::privacy {

// What a detector finds. The order is the order of reports.
enum class PiiKind : uint8_t {
  kEmail,
  kPhone,
  kPaymentCard,
  kIban,
  kUsSsn,
  kIpv4,
  kIpv6,
  kDateOfBirth,
  kPersonName,
  kPostalAddress,
};
inline constexpr size_t kPiiKindCount = 10;

inline constexpr std::array<PiiKind, kPiiKindCount> kAllPiiKinds = {
    PiiKind::kEmail,      PiiKind::kPhone,        PiiKind::kPaymentCard, PiiKind::kIban,
    PiiKind::kUsSsn,      PiiKind::kIpv4,         PiiKind::kIpv6,        PiiKind::kDateOfBirth,
    PiiKind::kPersonName, PiiKind::kPostalAddress};

// "email", "phone", "payment_card", "iban", "us_ssn", "ipv4", "ipv6", "date_of_birth",
// "person_name", "postal_address".
std::string_view PiiKindName(PiiKind kind);
std::optional<PiiKind> ParsePiiKind(std::string_view name);

// The check a detector's values must pass beyond their shape ("luhn", "mod97", "ssn_rules",
// ...), or "" when the shape is all there is.
std::string_view PiiKindCheck(PiiKind kind);

// Kinds whose values alone cannot be told from ordinary text (a date, a capitalised word): they
// are only reported for a column whose name says what it holds.
bool NeedsColumnNameEvidence(PiiKind kind);

}  // namespace steward::privacy
