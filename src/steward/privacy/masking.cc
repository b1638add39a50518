#include "steward/privacy/masking.h"

#include "steward/privacy/characters.h"

namespace steward::privacy {
namespace {

// Masks text[begin, end): digits to '#', letters and other characters to 'x', separators kept.
void MaskRange(std::string_view text, size_t begin, size_t end, std::string& out) {
  for (size_t i = begin; i < end; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80)
      continue;  // a UTF-8 continuation byte: its character is already masked
    const char c = text[i];
    if (IsAsciiDigit(c)) {
      out.push_back('#');
    } else if (c == ' ' || c == '-' || c == '.' || c == '@' || c == ':' || c == '/' || c == '(' ||
               c == ')' || c == '+' || c == ',') {
      out.push_back(c);
    } else {
      out.push_back('x');
    }
  }
}

// Keeps the last `keep` digits of `text`, masking all else.
std::string KeepLastDigits(std::string_view text, size_t keep) {
  size_t digits_seen = 0;
  size_t cut = text.size();
  while (cut > 0 && digits_seen < keep) {
    --cut;
    digits_seen += IsAsciiDigit(text[cut]);
  }
  std::string out;
  MaskRange(text, 0, cut, out);
  out.append(text.substr(cut));
  return out;
}

}  // namespace

std::string MaskValue(PiiKind kind, std::string_view text) {
  std::string out;
  switch (kind) {
    case PiiKind::kEmail: {
      // The top-level domain says what kind of address it is ("...@xxxxxxx.org").
      const size_t dot = text.rfind('.');
      const size_t at = text.find('@');
      if (dot != std::string_view::npos && at != std::string_view::npos && dot > at) {
        MaskRange(text, 0, dot, out);
        out.append(text.substr(dot));
        if (out != text)
          return out;
        out.clear();
      }
      break;
    }
    case PiiKind::kPaymentCard:
      if (text.size() >= 12)
        return KeepLastDigits(text, 4);
      break;
    case PiiKind::kIban:
      if (text.size() >= 15) {
        out.append(text.substr(0, 2));
        MaskRange(text, 2, text.size(), out);
        return out;
      }
      break;
    case PiiKind::kPersonName:
      if (text.size() >= 4 && static_cast<unsigned char>(text[0]) < 0x80) {
        out.push_back(text[0]);
        MaskRange(text, 1, text.size(), out);
        return out;
      }
      break;
    default:
      break;
  }
  MaskRange(text, 0, text.size(), out);
  // A value made only of 'x', '#' and separators would come back unchanged.
  if (out == text)
    return std::string(out.size(), '*');
  return out;
}

}  // namespace steward::privacy
