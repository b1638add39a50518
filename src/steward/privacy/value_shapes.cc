#include "steward/privacy/value_shapes.h"

namespace steward::privacy {
namespace {

bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsLetterByte(char c) {
  return IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

bool PersonNameShape(std::string_view text) {
  size_t words = 0;
  bool capitalised = false;
  bool in_word = false;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      return false;
    if (IsLetterByte(c)) {
      if (!in_word) {
        ++words;
        capitalised =
            capitalised || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
      }
      in_word = true;
    } else if (c == ' ' || c == ',' || c == '.') {
      in_word = false;
    } else if (c != '\'' && c != '-' && c != '(' && c != ')' && c != '"') {
      return false;
    }
  }
  return words >= 1 && words <= 6 && capitalised;
}

bool PostalAddressShape(std::string_view text) {
  bool has_digit = false;
  size_t letter_words = 0;
  size_t run = 0;
  for (char c : text) {
    has_digit = has_digit || (c >= '0' && c <= '9');
    if (IsLetterByte(c)) {
      ++run;
    } else {
      letter_words += run >= 2;
      run = 0;
    }
  }
  letter_words += run >= 2;
  return has_digit && letter_words >= 2;
}

}  // namespace steward::privacy
