#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace steward::io {

enum class NumberParse : uint8_t {
  kOk,
  kNotANumber,
  kOutOfRange,      // magnitude beyond a double (e.g. 1e400)
  kInexactInteger,  // an integer literal above 2^53 that a double cannot hold exactly
};

// Parses a whole field as a number in the C locale: optional surrounding spaces, optional
// sign (+ or -), decimal or scientific notation, inf/infinity/nan. Hex and thousands
// separators are not numbers. Underflow gives the nearest representable value.
NumberParse ParseNumber(std::string_view text, double& value);

namespace internal {

// Reads a run of ASCII digits at `at` into `mantissa` (mantissa * 10^k + digits), eight at a time
// with SWAR arithmetic where eight bytes remain before `end`. Returns the end of the run and adds
// the number of digits read to `digits`. The mantissa is garbage once digits exceed 19.
inline const char* AccumulateDigits(const char* at, const char* end, uint64_t& mantissa,
                                    int& digits) {
  static constexpr uint64_t kPowers[] = {1,      10,      100,      1000,     10000,
                                         100000, 1000000, 10000000, 100000000};
  while (end - at >= 8) {
    uint64_t word = 0;
    std::memcpy(&word, at, 8);  // little-endian: the first character is the lowest byte
    // Zero bytes where the character is a digit (exact up to the first non-digit).
    const uint64_t not_digit = ((word & 0xF0F0F0F0F0F0F0F0ULL) |
                                (((word + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) ^
                               0x3333333333333333ULL;
    const uint64_t nonzero =
        (((not_digit & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | not_digit) &
        0x8080808080808080ULL;
    const int run = nonzero == 0 ? 8 : __builtin_ctzll(nonzero) / 8;
    if (run == 0)
      return at;
    // Keep the run's bytes, shifted up so that missing digits read as leading zeros.
    uint64_t values = (word - 0x3030303030303030ULL) << (8 * (8 - run));
    values = values * 10 + (values >> 8);
    values = (((values & 0x000000FF000000FFULL) * 0x000F424000000064ULL) +
              (((values >> 16) & 0x000000FF000000FFULL) * 0x0000271000000001ULL)) >>
             32;
    mantissa = mantissa * kPowers[run] + values;
    digits += run;
    at += run;
    if (run < 8)
      return at;
  }
  while (at < end && static_cast<unsigned>(*at - '0') < 10) {
    mantissa = mantissa * 10 + static_cast<unsigned>(*at - '0');
    ++at;
    ++digits;
  }
  return at;
}

}  // namespace internal

// Parses a plain decimal ("-12.345", "6e-3") at `begin` when the result is exact by
// Clinger's fast path: at most 19 digits, mantissa ≤ 2^53 and |exponent| ≤ 22, so one IEEE
// multiplication or division rounds correctly and the value equals from_chars'. Returns the
// end of the number, or nullptr when the text needs the general parser.
inline const char* ParseDecimalFast(const char* begin, const char* end, double& value) {
  static constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const char* at = begin;
  const bool negative = at < end && *at == '-';
  if (negative)
    ++at;
  uint64_t mantissa = 0;
  int digits = 0;
  // Integer parts are mostly a few digits, where a byte loop beats the eight-byte step.
  while (at < end && static_cast<unsigned>(*at - '0') < 10 && digits < 4) {
    mantissa = mantissa * 10 + static_cast<unsigned>(*at - '0');
    ++at;
    ++digits;
  }
  if (digits == 4)
    at = internal::AccumulateDigits(at, end, mantissa, digits);
  int exponent = 0;
  if (at < end && *at == '.') {
    const int integer_digits = digits;
    at = internal::AccumulateDigits(at + 1, end, mantissa, digits);
    exponent = integer_digits - digits;
  }
  if (digits == 0 || digits > 19)
    return nullptr;
  if (at < end && (*at == 'e' || *at == 'E')) {
    ++at;
    const bool negative_exponent = at < end && *at == '-';
    if (at < end && (*at == '-' || *at == '+'))
      ++at;
    int written = 0;
    int exponent_digits = 0;
    while (at < end && static_cast<unsigned>(*at - '0') < 10 && exponent_digits < 4) {
      written = written * 10 + (*at - '0');
      ++at;
      ++exponent_digits;
    }
    if (exponent_digits == 0 || exponent_digits == 4)
      return nullptr;
    exponent += negative_exponent ? -written : written;
  }
  if (mantissa > (uint64_t{1} << 53) || exponent < -22 || exponent > 22)
    return nullptr;
  double result = static_cast<double>(mantissa);
  result = exponent < 0 ? result / kPowersOfTen[-exponent] : result * kPowersOfTen[exponent];
  value = negative ? -result : result;
  return at;
}

// kInexactInteger when `text` (which parsed as a number) is an integer literal beyond 2^53;
// only literals of 16 or more characters can be.
NumberParse CheckLongNumber(std::string_view text);

// true/false in lower, upper or title case.
bool ParseBoolean(std::string_view text, int8_t& value);

// ISO 8601: YYYY-MM, YYYY-MM-DD, or a date with [T or space]HH:MM[:SS[.ffffff]] and an optional
// zone (Z, +HH, +HH:MM, +HHMM). Values without a zone are taken as UTC. Gives microseconds
// since the epoch.
bool ParseTimestamp(std::string_view text, int64_t& micros);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF)
// and contains no NUL byte.
bool IsValidUtf8(std::string_view text);

// Missing-value tokens; an empty field is missing when "" is among them.
class MissingTokens {
 public:
  // pandas' default na_values, which include the tokens DESIGN.md names.
  static MissingTokens Default();
  explicit MissingTokens(std::vector<std::string> tokens);

  bool Contains(std::string_view text) const {
    if (text.empty())
      return empty_is_missing_;
    if (text.size() > max_length_ || !first_bytes_[static_cast<unsigned char>(text[0])])
      return false;
    for (const std::string& token : tokens_) {
      if (token == text)
        return true;
    }
    return false;
  }
  const std::vector<std::string>& tokens() const { return tokens_; }

 private:
  std::vector<std::string> tokens_;
  bool empty_is_missing_ = false;
  size_t max_length_ = 0;
  bool first_bytes_[256] = {};
};

// Quotes `text` for an error message, shortened to about 40 characters, with control
// bytes escaped so that the message stays on one line.
std::string QuoteForMessage(std::string_view text);

}  // namespace steward::io
