#include "steward/privacy/checksums.h"

#include <array>
#include <cstdint>
#include <string>

#include <arpa/inet.h>

#include "steward/privacy/characters.h"

namespace steward::privacy {
namespace {

// The digits of `text`, or "" when it holds anything but digits and `separators`.
std::string DigitsOnly(std::string_view text, std::string_view separators) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text) {
    if (IsAsciiDigit(c)) {
      digits.push_back(c);
    } else if (separators.find(c) == std::string_view::npos) {
      return "";
    }
  }
  return digits;
}

bool StartsWithin(std::string_view digits, size_t prefix_length, int low, int high) {
  if (digits.size() < prefix_length)
    return false;
  int prefix = 0;
  for (size_t i = 0; i < prefix_length; ++i)
    prefix = prefix * 10 + (digits[i] - '0');
  return prefix >= low && prefix <= high;
}

// Whether the issuer prefix (IIN) belongs to a card network that issues numbers of this length.
// Ranges from the networks' published IIN tables (as summarised by ISO/IEC 7812 registries).
bool KnownIssuer(std::string_view digits) {
  const size_t n = digits.size();
  if (digits[0] == '4')
    return n == 13 || n == 16 || n == 19;  // Visa
  if (StartsWithin(digits, 2, 51, 55) || StartsWithin(digits, 4, 2221, 2720))
    return n == 16;  // Mastercard
  if (StartsWithin(digits, 2, 34, 34) || StartsWithin(digits, 2, 37, 37))
    return n == 15;  // American Express
  if (StartsWithin(digits, 4, 6011, 6011) || StartsWithin(digits, 2, 65, 65) ||
      StartsWithin(digits, 3, 644, 649))
    return n >= 16 && n <= 19;  // Discover
  if (StartsWithin(digits, 4, 3528, 3589))
    return n >= 16 && n <= 19;  // JCB
  if (StartsWithin(digits, 3, 300, 305) || StartsWithin(digits, 2, 36, 36) ||
      StartsWithin(digits, 2, 38, 39))
    return n >= 14 && n <= 19;  // Diners Club
  if (StartsWithin(digits, 2, 62, 62))
    return n >= 16 && n <= 19;  // UnionPay
  if (StartsWithin(digits, 2, 50, 50) || StartsWithin(digits, 2, 56, 58) ||
      StartsWithin(digits, 2, 67, 69))
    return n >= 12 && n <= 19;  // Maestro
  return false;
}

struct IbanCountry {
  char code[3];
  uint8_t length;
};
// IBAN lengths per country from the SWIFT IBAN registry (release 95).
constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27},
    {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
    {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28},
    {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
    {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23},
    {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"SO", 23},
};

int IbanLength(std::string_view country) {
  for (const IbanCountry& entry : kIbanCountries) {
    if (country == entry.code)
      return entry.length;
  }
  return -1;
}

int ParseNumber(std::string_view digits) {
  int value = 0;
  for (char c : digits) {
    if (!IsAsciiDigit(c))
      return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool DaysValid(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1)
    return false;
  if (month == 2 && day == 29)
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[static_cast<size_t>(month - 1)];
}

}  // namespace

bool LuhnValid(std::string_view text) {
  const std::string digits = DigitsOnly(text, " -");
  if (digits.size() < 2)
    return false;
  int sum = 0;
  bool double_it = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (double_it) {
      digit *= 2;
      if (digit > 9)
        digit -= 9;
    }
    sum += digit;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

bool PaymentCardValid(std::string_view text) {
  // Printed numbers use one separator throughout ("4111 1111 1111 1111"); a mix is not a card.
  const bool has_space = text.find(' ') != std::string_view::npos;
  const bool has_dash = text.find('-') != std::string_view::npos;
  if (has_space && has_dash)
    return false;
  const std::string digits = DigitsOnly(text, " -");
  if (digits.size() < 13 || digits.size() > 19)
    return false;
  return KnownIssuer(digits) && LuhnValid(digits);
}

bool IbanValid(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == ' ')
      continue;
    const bool upper = c >= 'A' && c <= 'Z';
    if (!upper && !IsAsciiDigit(c))
      return false;
    compact.push_back(c);
  }
  if (compact.size() < 15 || !IsAsciiDigit(compact[2]) || !IsAsciiDigit(compact[3]))
    return false;
  if (IbanLength(std::string_view(compact).substr(0, 2)) != static_cast<int>(compact.size()))
    return false;
  // ISO 7064 MOD 97-10 over the rearranged string, letters as 10..35, folded digit by digit.
  const std::string rearranged = compact.substr(4) + compact.substr(0, 4);
  int remainder = 0;
  for (char c : rearranged) {
    const int value = IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder == 1;
}

bool UsSsnValid(std::string_view text) {
  if (text.size() != 11 || text[3] != '-' || text[6] != '-')
    return false;
  const int area = ParseNumber(text.substr(0, 3));
  const int group = ParseNumber(text.substr(4, 2));
  const int serial = ParseNumber(text.substr(7, 4));
  if (area < 0 || group < 0 || serial < 0)
    return false;
  if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0)
    return false;
  return text != "078-05-1120" && text != "219-09-9999";
}

bool Ipv4Valid(std::string_view text) {
  int octets = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('.', start);
    if (end == std::string_view::npos)
      end = text.size();
    const std::string_view octet = text.substr(start, end - start);
    if (octet.empty() || octet.size() > 3 || (octet.size() > 1 && octet[0] == '0'))
      return false;
    const int value = ParseNumber(octet);
    if (value < 0 || value > 255)
      return false;
    ++octets;
    start = end + 1;
    if (end == text.size())
      break;
  }
  return octets == 4;
}

bool Ipv6Valid(std::string_view text) {
  if (text.size() < 2 || text.size() > 45)
    return false;
  size_t colons = 0;
  size_t hex_digits = 0;
  for (char c : text) {
    colons += c == ':';
    hex_digits += c != ':';
  }
  if (colons < 2 || hex_digits < 3)
    return false;
  const std::string copy(text);
  in6_addr address{};
  return inet_pton(AF_INET6, copy.c_str(), &address) == 1;
}

bool PhoneValid(std::string_view text) {
  if (text.empty())
    return false;
  const std::string digits = DigitsOnly(text, "+ ().-/");
  if (digits.empty())
    return false;
  if (text[0] == '+')
    return digits.size() >= 8 && digits.size() <= 15 && digits[0] != '0';
  const bool has_separator = text.find_first_of(" ().-/") != std::string_view::npos;
  if (!has_separator)
    return false;
  if (digits[0] == '0')
    return digits.size() == 10 || digits.size() == 11;
  return digits.size() == 10 && digits[0] >= '2' && digits[3] >= '2';
}

bool DateValid(std::string_view text) {
  // Split into three numbers on one separator kind.
  if (text.size() < 8 || text.size() > 10)
    return false;
  const size_t first = text.find_first_of("-./");
  if (first == std::string_view::npos)
    return false;
  const char separator = text[first];
  const size_t second = text.find(separator, first + 1);
  if (second == std::string_view::npos ||
      text.find(separator, second + 1) != std::string_view::npos)
    return false;
  const std::string_view a = text.substr(0, first);
  const std::string_view b = text.substr(first + 1, second - first - 1);
  const std::string_view c = text.substr(second + 1);
  const int x = ParseNumber(a), y = ParseNumber(b), z = ParseNumber(c);
  if (x < 0 || y < 0 || z < 0 || b.empty() || b.size() > 2)
    return false;
  if (a.size() == 4 && c.size() <= 2 && !c.empty())
    return DaysValid(x, y, z);  // ISO year-month-day
  if (c.size() == 4 && !a.empty() && a.size() <= 2)
    return DaysValid(z, y, x) || DaysValid(z, x, y);  // day-month-year or month-day-year
  return false;
}

}  // namespace steward::privacy
