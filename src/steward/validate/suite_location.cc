#include "steward/validate/suite_location.h"

#include <string_view>

#include "steward/io/value_parsing.h"

namespace steward::validate {
namespace {

uint32_t CountCodePoints(std::string_view text) {
  uint32_t count = 0;
  for (char c : text)
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

}  // namespace

std::string LocationPrefix(const SourceLocation& location) {
  if (location.line == 0)
    return location.file.empty() ? "" : location.file + ": ";
  return location.file + ":" + std::to_string(location.line) + ":" +
         std::to_string(location.column) + ": ";
}

OffsetLocator RowExpressionLocator(const RowExpectation& row) {
  return [&row](size_t offset) {
    SourceLocation at = row.location;
    if (at.verbatim && offset <= row.expect.size())
      at.column += CountCodePoints(std::string_view(row.expect).substr(0, offset));
    return LocationPrefix(at) + "row " + io::QuoteForMessage(row.name) + ", offset " +
           std::to_string(offset) + ": ";
  };
}

}  // namespace steward::validate
