#include "steward/privacy/candidate_check.h"

#include "steward/privacy/characters.h"
#include "steward/privacy/checksums.h"

namespace steward::privacy {
namespace {

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsSeparator(char c) {
  return c == ' ' || c == '-' || c == '.';
}
bool IsEmailLocal(char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

// The character at `index`, or 0 outside the value.
char At(std::string_view value, size_t index) {
  return index < value.size() ? value[index] : 0;
}

// Whether the word just before `begin` (past one separator) holds a digit, as the groups of an
// IBAN or account number do ("8Y14 2383 36").
bool PreviousTokenHasDigit(std::string_view value, size_t begin) {
  if (begin < 2 || !IsSeparator(value[begin - 1]))
    return false;
  for (size_t i = begin - 1; i-- > 0 && IsAlnum(value[i]);) {
    if (IsAsciiDigit(value[i]))
      return true;
  }
  return false;
}

// Whether the candidate is a whole token rather than part of a longer one.
bool StandsAlone(PiiKind kind, std::string_view value, Span span) {
  const char before = span.begin > 0 ? value[span.begin - 1] : 0;
  const char after = At(value, span.end);
  const char after_next = At(value, span.end + 1);
  switch (kind) {
    case PiiKind::kEmail:
      return !IsEmailLocal(before) && !IsAlnum(after) && after != '-' &&
             !(after == '.' && IsAlnum(after_next));
    case PiiKind::kIpv4:
      return !IsAlnum(before) && before != '.' && !IsAlnum(after) &&
             !(after == '.' && IsAlnum(after_next));
    case PiiKind::kIpv6:
      return !IsHex(before) && before != ':' && !IsHex(after) && after != ':';
    case PiiKind::kPaymentCard:
    case PiiKind::kPhone: {
      // Groups of digits continue a longer number ("DE89 3704 0044 0532 0130 00" holds no
      // phone number "0532 0130 00").
      const bool digit_group_before = PreviousTokenHasDigit(value, span.begin);
      const bool digit_group_after = IsSeparator(after) && IsAsciiDigit(after_next);
      return !IsAlnum(before) && !IsAlnum(after) && !digit_group_before && !digit_group_after;
    }
    default:
      return !IsAlnum(before) && !IsAlnum(after);
  }
}

bool RetriedFromSeparators(PiiKind kind) {
  return kind == PiiKind::kPaymentCard || kind == PiiKind::kPhone;
}

}  // namespace

bool ValidInstance(PiiKind kind, std::string_view text) {
  switch (kind) {
    case PiiKind::kEmail: {
      const size_t at = text.find('@');
      // Dots may not start or end the local part or repeat (RFC 5322 dot-atom).
      return at != std::string_view::npos && at > 0 && text[0] != '.' && text[at - 1] != '.' &&
             text.find("..") == std::string_view::npos;
    }
    case PiiKind::kPhone:
      return PhoneValid(text);
    case PiiKind::kPaymentCard:
      return PaymentCardValid(text);
    case PiiKind::kIban:
      return IbanValid(text);
    case PiiKind::kUsSsn:
      return UsSsnValid(text);
    case PiiKind::kIpv4:
      return Ipv4Valid(text);
    case PiiKind::kIpv6:
      return Ipv6Valid(text);
    case PiiKind::kDateOfBirth:
      return DateValid(text);
    case PiiKind::kPersonName:
    case PiiKind::kPostalAddress:
      return false;  // judged by value_shapes.h with column-name evidence only
  }
  return false;
}

std::optional<Span> CheckCandidate(PiiKind kind, std::string_view value, Span candidate) {
  if (candidate.begin >= candidate.end || candidate.end > value.size())
    return std::nullopt;
  auto accept = [&](Span span) {
    return StandsAlone(kind, value, span) &&
           ValidInstance(kind, value.substr(span.begin, span.end - span.begin));
  };
  if (accept(candidate))
    return candidate;
  if (RetriedFromSeparators(kind)) {
    for (size_t i = candidate.begin; i + 1 < candidate.end; ++i) {
      if ((value[i] == ' ' || value[i] == '-') && IsAlnum(value[i + 1])) {
        const Span suffix{i + 1, candidate.end};
        if (accept(suffix))
          return suffix;
      }
    }
  }
  return std::nullopt;
}

}  // namespace steward::privacy
