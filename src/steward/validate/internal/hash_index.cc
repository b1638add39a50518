#include "steward/validate/internal/hash_index.h"

#include "steward/sketch/hashing.h"

namespace steward::validate::internal {

FirstSeenIndex::FirstSeenIndex() : slots_(1024) {}

std::optional<uint64_t> FirstSeenIndex::Insert(uint64_t key, uint64_t row) {
  if (2 * (size_ + 1) > slots_.size())
    Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t at = sketch::HashCombine(0, key) & mask;; at = (at + 1) & mask) {
    Slot& slot = slots_[at];
    if (slot.row_plus_one == 0) {
      slot.key = key;
      slot.row_plus_one = row + 1;
      ++size_;
      return std::nullopt;
    }
    if (slot.key == key)
      return slot.row_plus_one - 1;
  }
}

void FirstSeenIndex::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.row_plus_one == 0)
      continue;
    size_t at = sketch::HashCombine(0, slot.key) & mask;
    while (slots_[at].row_plus_one != 0)
      at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

}  // namespace steward::validate::internal
