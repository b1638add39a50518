#include "steward/report/number_format.h"

#include <cmath>
#include <cstdio>

namespace steward::report {

std::string FormatNumber(double value, int significant) {
  if (!std::isfinite(value))
    return "n/a";
  char buffer[64];
  // Counts and other whole numbers read best in full, without an exponent.
  if (value == std::trunc(value) && std::abs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else if (std::abs(value) >= 1000) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.*g", significant, value);
  }
  std::string text = buffer;
  return text == "-0" ? "0" : text;
}

std::string FormatPercent(double share) {
  if (!std::isfinite(share))
    return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", share * 100);
  return buffer;
}

}  // namespace steward::report
