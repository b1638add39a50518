#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace steward::validate::internal {

// splitmix64's finalizer: a bijection on 64-bit values with full avalanche.
inline uint64_t MixBits(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

// A key that identifies a number exactly: its bits, with -0 read as 0 and every NaN alike.
inline uint64_t NumberKey(double value) {
  if (value == 0)
    value = 0;
  if (value != value)
    return 0x7FF8000000000000ULL;
  uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

// A 64-bit XXH3 hash of a string, standing for the string where keeping it would cost too
// much; two different strings share one with probability 2^-64.
uint64_t TextKey(std::string_view text);

// A map from 64-bit keys to the row where each key was first seen, for `unique` and
// duplicate rows. Open addressing with linear probing, at most half full: 16 bytes a slot,
// 32 to 64 bytes per distinct key. Not thread-safe.
class FirstSeenIndex {
 public:
  FirstSeenIndex();
  // Records `row` for `key` if the key is new and returns nullopt; otherwise returns the row
  // recorded when the key was first inserted.
  std::optional<uint64_t> Insert(uint64_t key, uint64_t row);
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t key = 0;
    uint64_t row_plus_one = 0;  // 0: empty
  };
  void Grow();
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace steward::validate::internal
