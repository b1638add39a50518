#pragma once

#include <cstdio>
#include <string>

namespace steward::privacy {

// Locale-free on purpose: the detectors and masks work on bytes, and <cctype> follows the
// process locale.
inline bool IsAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}

// A number as a short label for groups and bins ("30", "2.5"), 15 significant digits so
// binary noise such as 0.30000000000000004 does not split one group into two.
inline std::string NumberLabel(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", value);
  return text;
}

}  // namespace steward::privacy
