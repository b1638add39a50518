#include "steward/privacy/pii_kind.h"

namespace steward::privacy {

std::string_view PiiKindName(PiiKind kind) {
  switch (kind) {
    case PiiKind::kEmail:
      return "email";
    case PiiKind::kPhone:
      return "phone";
    case PiiKind::kPaymentCard:
      return "payment_card";
    case PiiKind::kIban:
      return "iban";
    case PiiKind::kUsSsn:
      return "us_ssn";
    case PiiKind::kIpv4:
      return "ipv4";
    case PiiKind::kIpv6:
      return "ipv6";
    case PiiKind::kDateOfBirth:
      return "date_of_birth";
    case PiiKind::kPersonName:
      return "person_name";
    case PiiKind::kPostalAddress:
      return "postal_address";
  }
  return "unknown";
}

std::optional<PiiKind> ParsePiiKind(std::string_view name) {
  for (PiiKind kind : kAllPiiKinds) {
    if (PiiKindName(kind) == name)
      return kind;
  }
  return std::nullopt;
}

std::string_view PiiKindCheck(PiiKind kind) {
  switch (kind) {
    case PiiKind::kPaymentCard:
      return "luhn and issuer prefix";
    case PiiKind::kIban:
      return "country length and mod-97";
    case PiiKind::kUsSsn:
      return "SSA area, group and serial rules";
    case PiiKind::kIpv4:
      return "octets 0-255";
    case PiiKind::kIpv6:
      return "RFC 4291 text form";
    case PiiKind::kPhone:
      return "digit count per format";
    case PiiKind::kDateOfBirth:
      return "calendar date, plausible year";
    default:
      return "";
  }
}

bool NeedsColumnNameEvidence(PiiKind kind) {
  return kind == PiiKind::kDateOfBirth || kind == PiiKind::kPersonName ||
         kind == PiiKind::kPostalAddress;
}

}  // namespace steward::privacy
