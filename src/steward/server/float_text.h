#pragma once

#include <charconv>
#include <string>

namespace steward::server {

// Appends `value` in its shortest decimal form that reads back to the same float: how every
// response and log line writes a model's float32 values.
inline void AppendFloat(std::string& out, float value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, error == std::errc() ? end : buffer);
}

}  // namespace steward::server
