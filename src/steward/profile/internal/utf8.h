#pragma once

#include <cstddef>
#include <string_view>

namespace steward::profile::internal {

// Length in code points of valid UTF-8 (the readers reject invalid UTF-8): every byte that
// does not continue a sequence starts a code point.
inline size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (char byte : text)
    count += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  return count;
}

}  // namespace steward::profile::internal
