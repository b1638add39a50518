#include "steward/io/value_parsing.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace steward::io {
namespace {

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

bool AllDigits(std::string_view text) {
  if (text.empty())
    return false;
  for (char c : text) {
    if (c < '0' || c > '9')
      return false;
  }
  return true;
}

// Reads exactly `count` digits at `pos`.
bool ReadDigits(std::string_view text, size_t& pos, size_t count, int& value) {
  if (pos + count > text.size())
    return false;
  value = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9')
      return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

unsigned DaysInMonth(int year, int month) {
  static constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<size_t>(month - 1)];
}

}  // namespace

NumberParse CheckLongNumber(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
    digits.remove_prefix(1);
  if (!AllDigits(digits))
    return NumberParse::kOk;
  while (digits.size() > 1 && digits.front() == '0')
    digits.remove_prefix(1);
  // Compared as text: the parsed double has already been rounded to a neighbour of 2^53.
  constexpr std::string_view kTwoToThe53 = "9007199254740992";
  const bool above = digits.size() > kTwoToThe53.size() ||
                     (digits.size() == kTwoToThe53.size() && digits > kTwoToThe53);
  return above ? NumberParse::kInexactInteger : NumberParse::kOk;
}

NumberParse ParseNumber(std::string_view text, double& value) {
  text = TrimSpaces(text);
  std::string_view body = text;
  if (!body.empty() && body.front() == '+') {
    body.remove_prefix(1);
    if (!body.empty() && (body.front() == '-' || body.front() == '+'))
      return NumberParse::kNotANumber;
  }
  if (body.empty())
    return NumberParse::kNotANumber;
  if (ParseDecimalFast(body.data(), body.data() + body.size(), value) ==
      body.data() + body.size()) {
    return NumberParse::kOk;
  }
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (end != body.data() + body.size())
    return NumberParse::kNotANumber;
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports both overflow and underflow; strtod tells them apart.
    std::string copy(body);
    value = std::strtod(copy.c_str(), nullptr);
    return std::isinf(value) ? NumberParse::kOutOfRange : NumberParse::kOk;
  }
  if (ec != std::errc())
    return NumberParse::kNotANumber;
  return body.size() >= 16 ? CheckLongNumber(body) : NumberParse::kOk;
}

bool ParseBoolean(std::string_view text, int8_t& value) {
  if (text == "true" || text == "True" || text == "TRUE") {
    value = 1;
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    value = 0;
    return true;
  }
  return false;
}

bool ParseTimestamp(std::string_view text, int64_t& micros) {
  size_t pos = 0;
  int year = 0;
  int month = 0;
  int day = 1;
  if (!ReadDigits(text, pos, 4, year) || pos >= text.size() || text[pos++] != '-')
    return false;
  if (!ReadDigits(text, pos, 2, month) || month < 1 || month > 12)
    return false;
  if (pos < text.size()) {
    if (text[pos++] != '-' || !ReadDigits(text, pos, 2, day))
      return false;
  }
  if (day < 1 || static_cast<unsigned>(day) > DaysInMonth(year, month))
    return false;
  int64_t seconds_of_day = 0;
  int64_t fraction_micros = 0;
  int64_t offset_seconds = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ')
      return false;
    ++pos;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!ReadDigits(text, pos, 2, hour) || hour > 23)
      return false;
    if (pos >= text.size() || text[pos++] != ':')
      return false;
    if (!ReadDigits(text, pos, 2, minute) || minute > 59)
      return false;
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!ReadDigits(text, pos, 2, second) || second > 59)
        return false;
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        size_t digits = 0;
        int64_t scale = 100000;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
          if (digits < 6)
            fraction_micros += (text[pos] - '0') * scale;
          scale /= 10;
          ++digits;
          ++pos;
        }
        if (digits == 0 || digits > 9)
          return false;
      }
    }
    seconds_of_day = hour * 3600 + minute * 60 + second;
    if (pos < text.size()) {
      char zone = text[pos++];
      if (zone == 'Z') {
        if (pos != text.size())
          return false;
      } else if (zone == '+' || zone == '-') {
        int zone_hours = 0;
        int zone_minutes = 0;
        if (!ReadDigits(text, pos, 2, zone_hours) || zone_hours > 23)
          return false;
        if (pos < text.size() && text[pos] == ':')
          ++pos;
        if (pos < text.size() && (!ReadDigits(text, pos, 2, zone_minutes) || zone_minutes > 59)) {
          return false;
        }
        offset_seconds = (zone_hours * 3600 + zone_minutes * 60) * (zone == '+' ? 1 : -1);
      } else {
        return false;
      }
    }
  }
  if (pos != text.size())
    return false;
  const int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  micros = (days * 86400 + seconds_of_day - offset_seconds) * 1'000'000 + fraction_micros;
  return true;
}

bool IsValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= size) {
      uint64_t block = 0;
      for (size_t k = 0; k < 8; ++k)
        block |= static_cast<uint64_t>(bytes[i + k]) << (8 * k);
      if ((block & 0x8080808080808080ULL) != 0)
        break;
      // A NUL byte is ASCII but never valid in text data.
      if (((block - 0x0101010101010101ULL) & ~block & 0x8080808080808080ULL) != 0)
        return false;
      i += 8;
    }
    if (i >= size)
      break;
    unsigned char c = bytes[i];
    if (c == 0)
      return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t code_point = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      code_point = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code_point = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code_point = c & 0x07;
    } else {
      return false;
    }
    if (i + length > size)
      return false;
    for (size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80)
        return false;
      code_point = (code_point << 6) | (bytes[i + k] & 0x3F);
    }
    static constexpr std::array<uint32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinimum[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

MissingTokens MissingTokens::Default() {
  return MissingTokens({"", "NA", "N/A", "null", "NaN", "NULL", "nan", "-NaN", "-nan", "None",
                        "n/a", "<NA>", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "1.#IND",
                        "1.#QNAN"});
}

MissingTokens::MissingTokens(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {
  for (const std::string& token : tokens_) {
    if (token.empty()) {
      empty_is_missing_ = true;
      continue;
    }
    max_length_ = std::max(max_length_, token.size());
    first_bytes_[static_cast<unsigned char>(token[0])] = true;
  }
}

std::string QuoteForMessage(std::string_view text) {
  constexpr size_t kMaxShown = 40;
  // Bytes of invalid UTF-8 are escaped too, so the message itself is always valid UTF-8.
  const bool escape_high_bytes = !IsValidUtf8(text);
  std::string quoted = "\"";
  size_t i = 0;
  for (; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool continuation = (c & 0xC0) == 0x80;
    if (i >= kMaxShown && (escape_high_bytes || !continuation))
      break;
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && escape_high_bytes)) {
      std::array<char, 8> escaped{};
      std::snprintf(escaped.data(), escaped.size(), "\\x%02X", c);
      quoted += escaped.data();
    } else {
      quoted += static_cast<char>(c);
    }
  }
  quoted += '"';
  if (i < text.size())
    quoted += "... (" + std::to_string(text.size()) + " bytes)";
  return quoted;
}

}  // namespace steward::io
