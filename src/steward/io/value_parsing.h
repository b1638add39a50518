#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace steward::io {

enum class NumberParse : uint8_t {
  kOk,
  kNotANumber,
  kOutOfRange,       // magnitude beyond a double (e.g. 1e400)
  kInexactInteger,   // an integer literal above 2^53 that a double cannot hold exactly
};

// Parses a whole field as a number in the C locale: optional surrounding spaces, optional
// sign (+ or -), decimal or scientific notation, inf/infinity/nan. Hex and thousands
// separators are not numbers. Underflow gives the nearest representable value.
NumberParse ParseNumber(std::string_view text, double& value);

// Slow checks for a number `from_chars` accepted; only needed for long literals.
NumberParse CheckLongNumber(std::string_view text, double value);

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
    if (text.empty()) return empty_is_missing_;
    if (text.size() > max_length_ || !first_bytes_[static_cast<unsigned char>(text[0])]) return false;
    for (const std::string& token : tokens_) {
      if (token == text) return true;
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
