#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace steward::validate::internal {

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
