#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace steward::cli {

// A plain table for terminals: columns padded to their widest cell (counted in UTF-8
// code points), a header row, no borders.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

std::string FormatCount(uint64_t count);    // 1234567 -> "1,234,567"
std::string FormatBytes(uint64_t bytes);    // "134.2 MB"
std::string FormatSeconds(double seconds);  // "12 ms", "1.52 s"
// Cuts `text` to at most `max_code_points`, ending in "…" when cut; control bytes become spaces.
std::string Shorten(std::string_view text, size_t max_code_points);
size_t DisplayWidth(std::string_view text);

}  // namespace steward::cli
