#include "steward/cli/text_table.h"

#include <algorithm>
#include <cstdio>

namespace steward::cli {

size_t DisplayWidth(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void TextTable::Print(std::ostream& out) const {
  std::vector<size_t> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size())
      widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  for (const auto& row : rows_) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size())
        line.append(widths[c] - DisplayWidth(row[c]) + 2, ' ');
    }
    out << line << "\n";
  }
}

std::string FormatCount(uint64_t count) {
  std::string digits = std::to_string(count);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return out;
}

std::string FormatBytes(uint64_t bytes) {
  char text[32];
  const auto value = static_cast<double>(bytes);
  if (bytes < 1000) {
    std::snprintf(text, sizeof(text), "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1000 * 1000) {
    std::snprintf(text, sizeof(text), "%.1f kB", value / 1e3);
  } else if (bytes < 1000ULL * 1000 * 1000) {
    std::snprintf(text, sizeof(text), "%.1f MB", value / 1e6);
  } else {
    std::snprintf(text, sizeof(text), "%.2f GB", value / 1e9);
  }
  return text;
}

std::string FormatSeconds(double seconds) {
  char text[32];
  if (seconds < 1) {
    std::snprintf(text, sizeof(text), "%.0f ms", seconds * 1000);
  } else {
    std::snprintf(text, sizeof(text), "%.2f s", seconds);
  }
  return text;
}

std::string Shorten(std::string_view text, size_t max_code_points) {
  std::string out;
  size_t code_points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    const bool starts_code_point = (c & 0xC0) != 0x80;
    if (starts_code_point && ++code_points > max_code_points) {
      out += "…";
      break;
    }
    out += c < 0x20 ? ' ' : static_cast<char>(c);
  }
  return out;
}

}  // namespace steward::cli
