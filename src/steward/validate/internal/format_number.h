#pragma once

#include <array>
#include <charconv>
#include <string>

namespace steward::validate::internal {

// The shortest text that reads back as the same double: "0.1", "18", "1e+300", "inf", "nan".
inline std::string FormatNumber(double value) {
  std::array<char, 32> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return error == std::errc() ? std::string(buffer.data(), end) : std::string("?");
}

}  // namespace steward::validate::internal
