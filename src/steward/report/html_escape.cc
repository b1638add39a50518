#include "steward/report/html_escape.h"

#include <cstdint>

namespace steward::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence starting at `at`, or 0 when it is invalid
// (overlong forms, surrogates and code points past U+10FFFF included).
size_t ValidSequenceLength(std::string_view text, size_t at) {
  const auto byte = [&](size_t offset) { return static_cast<uint8_t>(text[at + offset]); };
  const uint8_t lead = byte(0);
  size_t length = 0;
  uint32_t code_point = 0;
  if (lead < 0x80)
    return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (at + length > text.size())
    return 0;
  for (size_t offset = 1; offset < length; ++offset) {
    if ((byte(offset) & 0xC0) != 0x80)
      return 0;
    code_point = (code_point << 6) | (byte(offset) & 0x3F);
  }
  constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point == 0xFFFE ||
      code_point == 0xFFFF) {
    return 0;
  }
  return length;
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t at = 0; at < text.size();) {
    const char c = text[at];
    const size_t length = ValidSequenceLength(text, at);
    if (length == 0) {
      out += kReplacement;
      ++at;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(at, length));
      at += length;
      continue;
    }
    ++at;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':
        out += c;
        break;
      default:
        if (static_cast<uint8_t>(c) < 0x20 || c == 0x7F)
          out += kReplacement;
        else
          out += c;
    }
  }
  return out;
}

}  // namespace steward::report
