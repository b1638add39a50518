#include "steward/sketch/hash_set64.h"

#include <bit>

namespace steward::sketch {

bool HashSet64::Insert(uint64_t value) {
  if (value == 0) {
    if (has_zero_)
      return false;
    has_zero_ = true;
    ++size_;
    return true;
  }
  // Grow before probing so the probe below always finds an empty slot.
  if ((size_ + 1) * 2 > slots_.size())
    Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t slot = SlotOf(value);; slot = (slot + 1) & mask) {
    if (slots_[slot] == value)
      return false;
    if (slots_[slot] == 0) {
      slots_[slot] = value;
      ++size_;
      return true;
    }
  }
}

bool HashSet64::Contains(uint64_t value) const {
  if (value == 0)
    return has_zero_;
  if (slots_.empty())
    return false;
  const size_t mask = slots_.size() - 1;
  for (size_t slot = SlotOf(value);; slot = (slot + 1) & mask) {
    if (slots_[slot] == value)
      return true;
    if (slots_[slot] == 0)
      return false;
  }
}

void HashSet64::Clear() {
  std::vector<uint64_t>().swap(slots_);
  size_ = 0;
  shift_ = 64;
  has_zero_ = false;
}

void HashSet64::Reserve(size_t count) {
  while (count * 2 > slots_.size())
    Grow();
}

void HashSet64::Grow() {
  size_t capacity = slots_.empty() ? kInitialCapacity : slots_.size() * 2;
  std::vector<uint64_t> old(capacity, 0);
  old.swap(slots_);
  shift_ = 64 - static_cast<unsigned>(std::countr_zero(capacity));
  const size_t mask = capacity - 1;
  for (uint64_t value : old) {
    if (value == 0)
      continue;
    size_t slot = SlotOf(value);
    while (slots_[slot] != 0)
      slot = (slot + 1) & mask;
    slots_[slot] = value;
  }
}

}  // namespace steward::sketch
